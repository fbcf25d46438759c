#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# run-sync-ui-test.sh COACHBOOK COACHBOOK_SYNC DRIVER
#
# Runs inside with-postgres.sh and with-keyring.sh (a private session bus
# with an unlocked keyring and a throwaway HOME): makes a database, starts
# the real coachbook-sync on it with a team and a coach, starts the app on
# a private X server with an empty catalog, and lets DRIVER sign in through
# Preferences over AT-SPI.
# Exit code 0 = pass, 77 = skipped (no Xvfb or pyatspi), else fail.
set -u

coachbook=$1 sync=$2 driver=$3
email=coach@example.org
password='correct horse battery'

for tool in Xvfb secret-tool psql; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-sync-ui-test: SKIP: $tool is not installed" >&2
    exit 77
  fi
done
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "run-sync-ui-test: SKIP: /usr/bin/python3 cannot import pyatspi (Debian python3-pyatspi)" >&2
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-sync-ui.XXXXXX") || exit 1
xvfb_pid= server_pid= app_pid=
status=1

cleanup() {
  for pid in $app_pid $server_pid $xvfb_pid; do
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ]; then
    for f in "$tmp"/*.log; do
      [ -s "$f" ] || continue
      echo "---- $(basename "$f") ----" >&2
      tail -n 60 "$f" >&2
    done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/catalog" "$tmp/blobs"

# The server: a fresh database, migrated by `serve`, on a free port.
db=sync_ui_$$
if ! psql -q -h "$COACHBOOK_TEST_PG_HOST" -p "$COACHBOOK_TEST_PG_PORT" -U postgres -d postgres \
     -c "CREATE DATABASE $db OWNER coachbook" >"$tmp/psql.log" 2>&1; then
  echo "run-sync-ui-test: FAIL: cannot create the database" >&2
  exit 1
fi
export COACHBOOK_SYNC_DATABASE_URL="$COACHBOOK_TEST_PG_APP_URL/$db"
export COACHBOOK_SYNC_HTTP_LISTEN=127.0.0.1 COACHBOOK_SYNC_HTTP_PORT=0
export COACHBOOK_SYNC_BLOBS_FS_PATH="$tmp/blobs" COACHBOOK_SYNC_BLOBS_FS_SECRET="ui test blob secret"
"$sync" serve >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!
i=0
while ! grep -q '^URL=' "$tmp/server.out" 2>/dev/null; do
  i=$((i + 1))
  if [ $i -gt 600 ] || ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run-sync-ui-test: FAIL: coachbook-sync did not start" >&2
    exit 1
  fi
  sleep 0.1
done
url=$(sed -n 's/^URL=//p' "$tmp/server.out" | head -n 1)
if ! "$sync" admin create-team Harriers >"$tmp/admin.log" 2>&1 ||
   ! printf '%s\n' "$password" | "$sync" admin add-coach Harriers "$email" >>"$tmp/admin.log" 2>&1; then
  echo "run-sync-ui-test: FAIL: cannot add the team and coach" >&2
  exit 1
fi

# The display and the app, as in run-ui-test.sh.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export GDK_BACKEND=x11 GTK_USE_PORTAL=0 GSK_RENDERER=cairo
export NO_AT_BRIDGE=0 GTK_A11Y=atspi
export GSETTINGS_BACKEND=memory
export G_DEBUG=fatal-criticals
unset WAYLAND_DISPLAY DISPLAY GTK_THEME GTK_MODULES
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
if ! start_xvfb && ! start_xvfb && ! start_xvfb; then
  echo "run-sync-ui-test: FAIL: Xvfb did not start" >&2
  exit 1
fi
DISPLAY=:$(tr -d '[:space:]' <"$tmp/display")
export DISPLAY

"$coachbook" --data-dir "$tmp/catalog" >"$tmp/app.log" 2>&1 &
app_pid=$!
/usr/bin/python3 "$driver" --data-dir "$tmp/catalog" --app-pid "$app_pid" \
  --server-url "$url" --email "$email" --password "$password" --sync-bin "$sync" >"$tmp/driver.log" 2>&1
status=$?
cat "$tmp/driver.log"
if [ "$status" -eq 0 ]; then
  wait "$app_pid"
  app_status=$?
  app_pid=
  if [ "$app_status" -ne 0 ]; then
    echo "run-sync-ui-test: the app exited with status $app_status" >&2
    status=1
  fi
fi
[ "$status" -eq 0 ] && echo "run-sync-ui-test: PASS"
exit "$status"
