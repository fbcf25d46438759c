#!/bin/sh
# Blob upload throughput, the app's uploader against curl (see
# bench-blob.py): a throwaway PostgreSQL cluster, the real coachbook-sync
# with the fs backend on 127.0.0.1, under a minute.
#
#   tests/bench/bench-blob.sh [BUILDDIR]     (needs curl)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
builddir=${1:-_build}
case "$builddir" in /*) ;; *) builddir="$root/$builddir" ;; esac
exec timeout 600 "$root/tests/integration/with-postgres.sh" /usr/bin/python3 "$here/bench-blob.py" "$builddir"
