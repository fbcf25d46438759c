#!/bin/sh
# The sync server's benchmark (see bench-sync.py): a throwaway PostgreSQL
# cluster, the real coachbook-sync on 127.0.0.1, about two minutes.
#
#   tests/bench/bench-sync.sh [BUILDDIR]     (needs wrk and curl)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
builddir=${1:-_build}
case "$builddir" in /*) ;; *) builddir="$root/$builddir" ;; esac
exec timeout 600 "$root/tests/integration/with-postgres.sh" /usr/bin/python3 "$here/bench-sync.py" "$builddir"
