#!/bin/sh
# Runs a command next to a throwaway PostgreSQL cluster, then removes it.
#
#   with-postgres.sh COMMAND [ARGS...]
#
# The cluster lives in a temporary directory, listens on 127.0.0.1 on a free
# port and on a Unix socket in that directory, with fsync off (its data is
# thrown away). As root, the server runs as the postgres user. The command
# gets the cluster in its environment:
#
#   COACHBOOK_TEST_PG_HOST     socket directory (superuser "postgres", trust)
#   COACHBOOK_TEST_PG_PORT     port
#   COACHBOOK_TEST_PG_APP_URL  URL for the unprivileged role "coachbook",
#                              over TCP with a password; tests create one
#                              database per case owned by that role
#   COACHBOOK_TEST_PG_CTL      a command line that takes "stop" or "start"
#                              to stop or restart the cluster (for fault tests)
#
# Exit status: the command's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

pgbin=${COACHBOOK_TEST_PG_BINDIR:-}
if [ -z "$pgbin" ]; then
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then
      pgbin=/usr/lib/postgresql/$v/bin
      break
    fi
  done
fi
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "with-postgres.sh: PostgreSQL server binaries not found (Debian package postgresql)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-pg.XXXXXX")
run=""
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$tmp"
  run="runuser -u postgres --"
fi

cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [ -f "$tmp/data/postmaster.pid" ]; then
    $run "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

printf '%s\n' "superuser-secret" > "$tmp/pwfile"
chmod 600 "$tmp/pwfile"
[ -z "$run" ] || chown postgres: "$tmp/pwfile"

$run "$pgbin/initdb" -D "$tmp/data" -U postgres --no-sync --no-instructions \
  -A scram-sha-256 --auth-local=trust --pwfile="$tmp/pwfile" >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 1
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A port found free can be taken before the server binds it: try a few.
started=no
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  opts="-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  if $run "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 -o "$opts" start >/dev/null 2>&1; then
    started=yes
    break
  fi
done
if [ "$started" != yes ]; then
  echo "with-postgres.sh: PostgreSQL did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

# Stops or starts the same cluster again with the same options.
cat > "$tmp/ctl" <<CTL
#!/bin/sh
case "\$1" in
  stop) exec $run "$pgbin/pg_ctl" -D "$tmp/data" -m fast -w stop ;;
  start) exec $run "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 -o "$opts" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod 755 "$tmp/ctl"

"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres -d postgres \
  -c "CREATE ROLE coachbook LOGIN PASSWORD 'coachbook-test' NOSUPERUSER NOBYPASSRLS CREATEDB" >/dev/null

export COACHBOOK_TEST_PG_HOST="$tmp"
export COACHBOOK_TEST_PG_PORT="$port"
export COACHBOOK_TEST_PG_APP_URL="postgresql://coachbook:coachbook-test@127.0.0.1:$port"
export COACHBOOK_TEST_PG_CTL="$tmp/ctl"
export COACHBOOK_TEST_PG_BINDIR="$pgbin"
export COACHBOOK_TEST_PG_LOG="$tmp/server.log"

set +e
"$@"
status=$?
set -e
exit $status
