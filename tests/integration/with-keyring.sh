#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked
# gnome-keyring (Secret Service), and a throwaway HOME, so tests can store
# and read secrets without touching the user's keyring or prompting.
set -eu

if [ "${1:-}" != "--inside" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachbook-keyring.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  mkdir -m 0700 "$tmp/run"
  HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
  XDG_CACHE_HOME="$tmp/cache" \
    dbus-run-session -- "$0" --inside "$@"
  exit $?
fi
shift

# First unlock (creates the login keyring with this password), then start
# the secrets component against it.
eval "$(printf 'test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true

exec "$@"
