#!/bin/sh
# The sync server's benchmark (see bench-sync.py): a throwaway PostgreSQL
# cluster, the real coachbook-sync on 127.0.0.1, and coachbook-cli as the
# client inside a private keyring session; about five minutes.
#
#   tests/bench/bench-sync.sh [BUILDDIR]     (needs wrk and curl)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
builddir=${1:-_build}
case "$builddir" in /*) ;; *) builddir="$root/$builddir" ;; esac
# The client keeps its token in the keyring: without one its part is skipped.
keyring=""
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  keyring="$root/tests/integration/with-keyring.sh"
fi
exec timeout 1200 "$root/tests/integration/with-postgres.sh" $keyring /usr/bin/python3 "$here/bench-sync.py" "$builddir"
