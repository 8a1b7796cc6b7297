#!/bin/sh
# Runs a command inside a private D-Bus session bus with a freshly created, unlocked
# gnome-keyring (a real Secret Service). XDG_DATA_HOME points at a new temporary folder so
# --unlock always creates a new keyring and never opens a password prompt.
set -eu
if [ "${FINAGENT_IN_KEYRING_SESSION:-}" = "1" ]; then
    exec "$@"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/finagent-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -m 700 "$tmp/runtime" "$tmp/data"
export XDG_RUNTIME_DIR="$tmp/runtime" XDG_DATA_HOME="$tmp/data" FINAGENT_IN_KEYRING_SESSION=1
dbus-run-session -- sh -c '
    printf "finagent-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"
' finagent-keyring "$@"
