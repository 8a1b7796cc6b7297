#!/bin/sh
# Talks MCP to a stdio server the way a host does: one JSON-RPC message per line on its stdin,
# waiting for the answer to each request (a line with an "id") before sending the next.
#   mcp-exchange.sh <messages file> <command> [args...]
# Prints every line the server wrote to stdout; the server's stderr goes to stderr. Exits 1 if
# an answer does not come within FINAGENT_MCP_TIMEOUT seconds (default 30) or the server fails.
set -eu
[ $# -ge 2 ] || { echo "Usage: $0 <messages file> <command> [args...]" >&2; exit 2; }
messages=$1
shift
timeout_s=${FINAGENT_MCP_TIMEOUT:-30}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/finagent-mcp.XXXXXX")
pid=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
mkfifo "$tmp/in"
: >"$tmp/out"

"$@" <"$tmp/in" >"$tmp/out" &
pid=$!
exec 3>"$tmp/in"

failed=0
while IFS= read -r message || [ -n "$message" ]; do
    [ -n "$message" ] || continue
    printf '%s\n' "$message" >&3
    id=$(printf '%s\n' "$message" | sed -n 's/^{"jsonrpc":"2.0","id":\([0-9][0-9]*\),.*/\1/p')
    [ -n "$id" ] || continue
    waited=0
    until grep -Eq "\"id\":${id}[,}]" "$tmp/out"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "mcp-exchange: the server exited before answering request $id" >&2
            failed=1
            break 2
        fi
        if [ "$waited" -ge $((timeout_s * 10)) ]; then
            echo "mcp-exchange: no answer to request $id within ${timeout_s} s" >&2
            failed=1
            break 2
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
done <"$messages"

# Closing stdin is how a host ends the session; the server must then exit on its own, with 0.
exec 3>&-
waited=0
while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((timeout_s * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
done
if kill -0 "$pid" 2>/dev/null; then
    echo "mcp-exchange: the server did not exit within ${timeout_s} s after stdin closed" >&2
    failed=1
else
    rc=0
    wait "$pid" || rc=$?
    pid=""
    if [ "$rc" -ne 0 ]; then
        echo "mcp-exchange: the server exited with status $rc" >&2
        failed=1
    fi
fi
cat "$tmp/out"
exit $failed
