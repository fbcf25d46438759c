#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# run-ui-test.sh COACHBOOK COACHBOOK_CLI DRIVER FIXTURE OUTDIR [SCHEMA_DIR]
#
# Starts the real app on a private X server (Xvfb) and session bus, with a
# throwaway home and catalog, and lets DRIVER (Python, AT-SPI) use it the
# way a screen reader would. Leaves OUTDIR/ui-screenshot.png behind, and
# OUTDIR/screenshots/PAGE-{light,dark}-{wide,narrow}.png. With
# UI_TEST_MODE=big, opens every page of a 30k-clip catalog instead
# (OUTDIR/screenshots/PAGE-light-30k.png).
# Exit code 0 = pass, 77 = skipped (no Xvfb, dbus or pyatspi), else fail.
set -u

if [ "${1:-}" = "--inside-session" ]; then
  # Second stage, inside dbus-run-session: the bus is ours alone.
  shift
  coachbook=$1 cli=$2 driver=$3 data=$4 shot=$5 logdir=$6 shots=$7 sample=$8

  # run_app THEME LOG DRIVER_ARGS...: one app run and the driver against it.
  run_app() {
    theme=$1 applog=$2
    shift 2
    if [ "$theme" = dark ]; then
      ADW_DEBUG_COLOR_SCHEME=prefer-dark "$coachbook" --data-dir "$data" >"$applog" 2>&1 &
    else
      ADW_DEBUG_COLOR_SCHEME=prefer-light "$coachbook" --data-dir "$data" >"$applog" 2>&1 &
    fi
    app_pid=$!
    /usr/bin/python3 "$driver" --cli "$cli" --data-dir "$data" \
      --app-pid "$app_pid" --shots-dir "$shots" --theme "$theme" "$@"
    run_status=$?
    # The driver ends by quitting the app; anything still running is killed.
    state=$(sed 's/.*) //' "/proc/$app_pid/stat" 2>/dev/null | cut -d' ' -f1)
    if [ -n "$state" ] && [ "$state" != Z ]; then
      [ "$run_status" -eq 0 ] && echo "run-ui-test: the app did not quit" >&2
      kill -TERM "$app_pid" 2>/dev/null
      wait "$app_pid" 2>/dev/null
      run_status=1
    else
      wait "$app_pid"
      app_status=$?
      if [ "$app_status" -ne 0 ]; then
        echo "run-ui-test: the app exited with status $app_status" >&2
        run_status=1
      fi
    fi
    return "$run_status"
  }

  # UI_TEST_MODE=big: only every page of a catalog the size of a large
  # team's (30k clips, 10k workouts), wide and narrow.
  if [ "${UI_TEST_MODE:-}" = big ]; then
    data="$data-big"
    mkdir -p "$data"
    /usr/bin/python3 "$driver" --cli "$cli" --data-dir "$data" --write-big-catalog "$data/big.json" || exit 1
    if ! "$cli" --data-dir "$data" import-json "$data/big.json" >>"$logdir/cli.log" 2>&1; then
      echo "run-ui-test: FAIL: cannot import the large catalog" >&2
      exit 1
    fi
    run_app light "$logdir/app-big.log" --pages-only || exit 1
    exit 0
  fi

  # The whole test in the light style with the other pages empty; then,
  # with a few clips, workouts, sessions and athletes added, every page
  # again in the dark style.
  run_app light "$logdir/app.log" --screenshot "$shot" || exit 1
  if ! "$cli" --data-dir "$data" import-json "$sample" >>"$logdir/cli.log" 2>&1; then
    echo "run-ui-test: FAIL: cannot import $sample" >&2
    exit 1
  fi
  run_app dark "$logdir/app-dark.log" --screenshots-only || exit 1
  exit 0
fi

if [ $# -lt 5 ]; then
  echo "usage: $0 COACHBOOK COACHBOOK_CLI DRIVER FIXTURE OUTDIR [SCHEMA_DIR]" >&2
  exit 2
fi
coachbook=$1 cli=$2 driver=$3 fixture=$4 outdir=$5 schemadir=${6:-}
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

for tool in Xvfb dbus-run-session timeout; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-ui-test: SKIP: $tool is not installed" >&2
    exit 77
  fi
done
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "run-ui-test: SKIP: /usr/bin/python3 cannot import pyatspi (Debian python3-pyatspi)" >&2
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-ui.XXXXXX") || exit 1
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
         "$tmp/runtime" "$tmp/logs" "$tmp/catalog" "$outdir"
chmod 700 "$tmp/runtime"
# GNOME's interface font when it is installed (fonts-cantarell), so the
# screenshot looks like the app on a GNOME desktop; fontconfig falls back
# otherwise.
mkdir -p "$tmp/config/gtk-4.0"
printf '[Settings]\ngtk-font-name=Cantarell 11\n' >"$tmp/config/gtk-4.0/settings.ini"

# A clean environment: nothing of the caller's desktop session leaks in.
unset DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY \
      GTK_THEME GTK_MODULES GDK_SCALE GDK_DPI_SCALE
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data-home"
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export GDK_BACKEND=x11 GTK_USE_PORTAL=0 GSK_RENDERER=cairo
export NO_AT_BRIDGE=0 GTK_A11Y=atspi
export GSETTINGS_BACKEND=memory
if [ -n "$schemadir" ] && [ -f "$schemadir/gschemas.compiled" ]; then
  export GSETTINGS_SCHEMA_DIR="$schemadir"
fi
# Criticals are bugs: let them end the app so the test fails.
export G_DEBUG=fatal-criticals

# The catalog: what the app makes on first start (starter library), plus a
# few known exercises if the starter library has none to search for.
if ! "$cli" --data-dir "$tmp/catalog" --json search --kind exercise push \
     >"$tmp/search.json" 2>"$tmp/logs/cli.log"; then
  echo "run-ui-test: FAIL: coachbook-cli cannot open a fresh catalog" >&2
  exit 1
fi
if ! grep -q '"kind"' "$tmp/search.json"; then
  if ! "$cli" --data-dir "$tmp/catalog" import-json "$fixture" >>"$tmp/logs/cli.log" 2>&1; then
    echo "run-ui-test: FAIL: cannot import $fixture" >&2
    exit 1
  fi
fi

# Xvfb picks a free display and writes its number once it accepts clients.
# Two runs starting at the same moment can race for a display; the loser
# exits, and simply tries again.
start_xvfb() {
  : >"$tmp/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
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
  echo "run-ui-test: FAIL: Xvfb did not start" >&2
  exit 1
fi
DISPLAY=:$(tr -d '[:space:]' <"$tmp/display")
export DISPLAY

# Everything inside the session bus has 540 s; with the start-up above the
# whole test stays under the 600 s meson gives it (a loaded 2-core machine
# needs about 220 s).
timeout -k 5 540 dbus-run-session -- "$self" --inside-session \
  "$coachbook" "$cli" "$driver" "$tmp/catalog" "$outdir/ui-screenshot.png" "$tmp/logs" \
  "$outdir/screenshots" "$(dirname "$fixture")/sample-catalog.json" \
  2>"$tmp/logs/session.log"
status=$?
if [ "$status" -eq 124 ]; then
  echo "run-ui-test: FAIL: timed out" >&2
fi
if [ "$status" -eq 0 ]; then
  # Not fatal, but worth a look.
  cat "$tmp/logs/app.log" "$tmp/logs/app-dark.log" "$tmp/logs/app-big.log" 2>/dev/null | grep -E 'WARNING|CRITICAL'  | sed 's/^/run-ui-test: app said: /'
  echo "run-ui-test: PASS"
else
  echo "run-ui-test: FAIL (status $status)" >&2
fi
exit "$status"
