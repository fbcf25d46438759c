#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# run-with-display.sh PROGRAM [ARGS...]: runs an in-process UI test on a
# private X server (Xvfb) and session bus, with a throwaway home.
# Exit code: PROGRAM's, or 77 (skipped) without Xvfb or dbus-run-session.
set -u

if [ "${1:-}" = "--inside-session" ]; then
  shift
  # Started here, the accessibility bus and registry print their greetings
  # to /dev/null instead of the test's TAP output; they end with the bus.
  if [ "${WITH_ATSPI:-0}" = 1 ] && [ -x /usr/libexec/at-spi-bus-launcher ]; then
    /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  fi
  exec "$@"
fi
if [ $# -lt 1 ]; then
  echo "usage: $0 PROGRAM [ARGS...]" >&2
  exit 2
fi
for tool in Xvfb dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-with-display: SKIP: $tool is not installed" >&2
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-display.XXXXXX") || exit 1
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Xvfb picks a free display and writes its number once it accepts clients;
# a run that loses a race for a display simply tries again.
start_xvfb() {
  : >"$tmp/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
    3>"$tmp/display" >>"$tmp/xvfb.log" 2>&1 &
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
tries=0
until start_xvfb; do
  tries=$((tries + 1))
  if [ $tries -ge 5 ]; then
    echo "run-with-display: FAIL: Xvfb did not start" >&2
    cat "$tmp/xvfb.log" >&2
    exit 1
  fi
done

mkdir -p "$tmp/home" "$tmp/runtime"
chmod 700 "$tmp/runtime"
unset DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS WAYLAND_DISPLAY GTK_THEME GTK_MODULES
export DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache" XDG_STATE_HOME="$tmp/home/.local/state"
export XDG_RUNTIME_DIR="$tmp/runtime" TMPDIR="$tmp"
export GDK_BACKEND=x11 GTK_USE_PORTAL=0 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
# A test that reads its widgets over AT-SPI asks for the accessibility bus.
if [ "${WITH_ATSPI:-0}" = 1 ]; then
  export NO_AT_BRIDGE=0 GTK_A11Y=atspi
fi
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=

dbus-run-session -- "$0" --inside-session "$@"
