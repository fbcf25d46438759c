#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# run-clips-ui-test.sh COACHBOOK COACHBOOK_CLI DRIVER OUTDIR
#
# The clip workflow in the real app, on a private X server (Xvfb) and
# session bus: a generated video (and a broken one) imported with
# "coachbook --import", then DRIVER (Python, AT-SPI) opens the clip, plays
# it, trims it and adds a marker, checking the catalog after each step.
# Exit code 0 = pass, 77 = skipped (no Xvfb, dbus, pyatspi or
# gst-launch-1.0), else fail.
set -u

if [ "${1:-}" = "--inside-session" ]; then
  shift
  coachbook=$1 cli=$2 driver=$3 data=$4 clip=$5 bad=$6 logdir=$7 shot=$8
  "$coachbook" --data-dir "$data" --import "$clip" --import "$bad" >"$logdir/app.log" 2>&1 &
  app_pid=$!
  /usr/bin/python3 "$driver" --cli "$cli" --data-dir "$data" --app-pid "$app_pid" \
    --clip "$clip" --screenshot "$shot"
  status=$?
  state=$(sed 's/.*) //' "/proc/$app_pid/stat" 2>/dev/null | cut -d' ' -f1)
  if [ -n "$state" ] && [ "$state" != Z ]; then
    [ "$status" -eq 0 ] && echo "run-clips-ui-test: the app did not quit" >&2
    kill -TERM "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
    status=1
  else
    wait "$app_pid"
    app_status=$?
    if [ "$app_status" -ne 0 ]; then
      echo "run-clips-ui-test: the app exited with status $app_status" >&2
      status=1
    fi
  fi
  exit "$status"
fi

if [ $# -lt 4 ]; then
  echo "usage: $0 COACHBOOK COACHBOOK_CLI DRIVER OUTDIR" >&2
  exit 2
fi
coachbook=$1 cli=$2 driver=$3 outdir=$4
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

for tool in Xvfb dbus-run-session timeout gst-launch-1.0 xdotool; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-clips-ui-test: SKIP: $tool is not installed" >&2
    exit 77
  fi
done
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "run-clips-ui-test: SKIP: /usr/bin/python3 cannot import pyatspi (Debian python3-pyatspi)" >&2
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-clips-ui.XXXXXX") || exit 1
xvfb_pid=
status=1

cleanup() {
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  if [ "$status" -ne 0 ]; then
    for f in "$tmp"/logs/*.log; do
      [ -s "$f" ] || continue
      echo "---- $(basename "$f") ----" >&2
      tail -n 60 "$f" >&2
    done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/home" "$tmp/config" "$tmp/data-home" "$tmp/cache" "$tmp/state" \
         "$tmp/runtime" "$tmp/logs" "$tmp/catalog" "$tmp/videos" "$outdir"
chmod 700 "$tmp/runtime"

unset DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY \
      GTK_THEME GTK_MODULES GDK_SCALE GDK_DPI_SCALE
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data-home"
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
# GStreamer's GL path is unreliable on the software driver: no GL at all.
export GDK_BACKEND=x11 GTK_USE_PORTAL=0 GSK_RENDERER=cairo GDK_DEBUG=gl-disable
export NO_AT_BRIDGE=0 GTK_A11Y=atspi
export GSETTINGS_BACKEND=memory
export G_DEBUG=fatal-criticals

# The clip: 20 s of test bars at 15 fps, H.264 in MP4, made here; and a
# text file with a video name, which must end as a failed clip.
clip="$tmp/videos/box_jump.mp4"
if ! gst-launch-1.0 -q videotestsrc num-buffers=300 pattern=smpte \
     ! video/x-raw,format=I420,width=320,height=240,framerate=15/1 \
     ! x264enc speed-preset=ultrafast key-int-max=15 ! mp4mux ! filesink location="$clip" \
     >"$tmp/logs/gst.log" 2>&1; then
  echo "run-clips-ui-test: FAIL: cannot make the fixture clip" >&2
  exit 1
fi
bad="$tmp/videos/notes.mov"
printf 'Warm-up: 10 min jog, then drills.\n' >"$bad"

start_xvfb() {
  : >"$tmp/display"
  Xvfb -displayfd 3 -screen 0 1280x1000x24 -nolisten tcp -noreset \
    3>"$tmp/display" >>"$tmp/logs/xvfb.log" 2>&1 &
  xvfb_pid=$!
  i=0
  while [ ! -s "$tmp/display" ]; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
      kill -TERM "$xvfb_pid" 2>/dev/null
      wait "$xvfb_pid" 2>/dev/null
      xvfb_pid=
      return 1
    fi
    sleep 0.1
  done
}
if ! start_xvfb && ! start_xvfb && ! start_xvfb; then
  echo "run-clips-ui-test: FAIL: Xvfb did not start" >&2
  exit 1
fi
DISPLAY=:$(tr -d '[:space:]' <"$tmp/display")
export DISPLAY

timeout -k 5 240 dbus-run-session -- "$self" --inside-session \
  "$coachbook" "$cli" "$driver" "$tmp/catalog" "$clip" "$bad" "$tmp/logs" "$outdir/clips-ui.png" \
  2>"$tmp/logs/session.log"
status=$?
if [ "$status" -eq 124 ]; then
  echo "run-clips-ui-test: FAIL: timed out" >&2
fi
if [ "$status" -eq 0 ]; then
  grep -E 'WARNING|CRITICAL' "$tmp/logs/app.log" | sed 's/^/run-clips-ui-test: app said: /'
  echo "run-clips-ui-test: PASS"
else
  echo "run-clips-ui-test: FAIL (status $status)" >&2
fi
exit "$status"
