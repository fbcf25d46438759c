#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# bench-ui.sh BUILDDIR [RUNS]: the app's start to first frame, the time to
# show the clip grid on a 30k-clip catalog and the frame times while it
# scrolls, next to a minimal GTK window and a plain grid measured in the
# same run, on a private X server (Xvfb) and session bus.
set -eu
BUILDDIR=${1:-_build}
RUNS=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)

for tool in Xvfb dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-ui: $tool is not installed (see .ci/deps)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-bench-ui.XXXXXX")
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

: >"$tmp/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
i=0
while [ ! -s "$tmp/display" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "bench-ui: Xvfb did not start" >&2
    exit 1
  fi
  sleep 0.1
done

mkdir -p "$tmp/home" "$tmp/runtime"
chmod 700 "$tmp/runtime"
unset DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS WAYLAND_DISPLAY GTK_THEME GTK_MODULES
export DISPLAY=:$(tr -d '[:space:]' <"$tmp/display")
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/runtime"
export GDK_BACKEND=x11 GTK_USE_PORTAL=0 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
export GSETTINGS_BACKEND=memory LANG=C.UTF-8 LC_ALL=C.UTF-8
if [ -f "$BUILDDIR/data/gschemas.compiled" ]; then
  export GSETTINGS_SCHEMA_DIR="$BUILDDIR/data"
fi

dbus-run-session -- /usr/bin/python3 "$here/bench-ui.py" \
  --app "$BUILDDIR/app/coachbook" --cli "$BUILDDIR/app/cli/coachbook-cli" \
  --ref "$BUILDDIR/tests/bench/bench-ui-ref" --catalog-bench "$BUILDDIR/tests/bench/bench-catalog" \
  --work-dir "$tmp" --runs "$RUNS"
