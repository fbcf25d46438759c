#!/bin/sh
# Athletes' emails per second (see bench-mail.py): a throwaway PostgreSQL
# cluster, the real coachbook-sync (one instance, then three on one
# database) and the local SMTP sink, on 127.0.0.1, about a minute.
#
#   tests/bench/bench-mail.sh [BUILDDIR]     (needs python3-aiosmtpd)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
builddir=${1:-_build}
case "$builddir" in /*) ;; *) builddir="$root/$builddir" ;; esac
exec timeout 900 "$root/tests/integration/with-postgres.sh" /usr/bin/python3 "$here/bench-mail.py" "$builddir"
