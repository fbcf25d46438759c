#!/bin/sh
# Starts a complete local Coachbook team stack in the foreground, for trying
# the app against a real server: a throwaway PostgreSQL cluster (started by
# tests/integration/with-postgres.sh), the schema, a demo team with one
# coach, and coachbook-sync with fs blobs in a temporary directory. Prints
#
#   URL=http://127.0.0.1:PORT
#   EMAIL=demo@example.org
#   PASSWORD=...
#   MAILDIR=...
#   SMTP=127.0.0.1:PORT
#
# then stays up until Ctrl+C, and removes everything on the way out. A local
# SMTP server (Debian's python3-aiosmtpd) keeps every message it receives as
# a file in MAILDIR: the athletes' emails the server sends (a session with
# "notify" on, 10 seconds after its last change).
#
#   sync-server/dev-stack.sh [BUILDDIR]     (default _build; PORT=N picks the port)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

if [ "${1:-}" != "--inside" ]; then
  builddir=${1:-_build}
  case "$builddir" in /*) ;; *) builddir="$root/$builddir" ;; esac
  bin="$builddir/sync-server/coachbook-sync"
  if [ ! -x "$bin" ]; then
    echo "dev-stack.sh: $bin not found: build the server first" >&2
    exit 1
  fi
  export COACHBOOK_DEV_SYNC_BIN="$bin"
  exec "$root/tests/integration/with-postgres.sh" "$here/dev-stack.sh" --inside
fi

bin=$COACHBOOK_DEV_SYNC_BIN
state=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-stack.XXXXXX")
pid=""
smtp_pid=""

cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "$smtp_pid" ]; then
    kill -TERM "$smtp_pid" 2>/dev/null || true
    wait "$smtp_pid" 2>/dev/null || true
  fi
  rm -rf "$state"
  exit $status
}
trap cleanup EXIT
trap 'exit 0' INT TERM

random_hex() {
  head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'
}

"$COACHBOOK_TEST_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$COACHBOOK_TEST_PG_HOST" \
  -p "$COACHBOOK_TEST_PG_PORT" -U postgres -d postgres \
  -c "CREATE DATABASE coachbook OWNER coachbook" >/dev/null

export COACHBOOK_SYNC_DATABASE_URL="$COACHBOOK_TEST_PG_APP_URL/coachbook"
export COACHBOOK_SYNC_HTTP_LISTEN=127.0.0.1
export COACHBOOK_SYNC_HTTP_PORT="${PORT:-0}"
export COACHBOOK_SYNC_BLOBS_BACKEND=fs
export COACHBOOK_SYNC_BLOBS_FS_PATH="$state/blobs"
export COACHBOOK_SYNC_BLOBS_FS_SECRET="$(random_hex 32)"

email=demo@example.org
password=$(random_hex 8)

# The SMTP server: a free port picked now (a tiny race, fine for a dev stack).
smtp_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$state/maildir" \
  2>"$state/smtp.log" &
smtp_pid=$!

# Athletes' emails go to that server, in the clear (it is on loopback).
export COACHBOOK_SYNC_MAIL_SMTP_URL="smtp://127.0.0.1:$smtp_port"
export COACHBOOK_SYNC_MAIL_SMTP_TLS=none
export COACHBOOK_SYNC_MAIL_FROM=sessions@example.org
export COACHBOOK_SYNC_MAIL_FROM_NAME="Coachbook demo"
export COACHBOOK_SYNC_MAIL_HOLD_S=10

"$bin" migrate 2>"$state/migrate.log" || { cat "$state/migrate.log" >&2; exit 1; }
team=$("$bin" admin create-team "Demo team" 2>>"$state/migrate.log")
printf '%s\n' "$password" | "$bin" admin add-coach "$team" "$email" >/dev/null 2>>"$state/migrate.log"

"$bin" serve >"$state/serve.out" &
pid=$!

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^URL=//p' "$state/serve.out")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "dev-stack.sh: the server did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "dev-stack.sh: the server did not report its URL" >&2; exit 1; }

echo "URL=$url"
echo "EMAIL=$email"
echo "PASSWORD=$password"
echo "MAILDIR=$state/maildir"
echo "SMTP=127.0.0.1:$smtp_port"

wait "$pid"
