#!/usr/bin/env bash
# Instructions per tools/call, FinAgent next to the echo ceiling, counted by valgrind's callgrind.
#
# Wall-clock numbers on a shared 2-core machine move with whatever else runs; instruction counts do
# not. This runs `finagent serve` (auth on, market tools pointed at finagent-fakes) and
# finagent-bench-echo under callgrind, warms each up, zeroes the counters, sends exactly --calls
# tools/call requests over one keep-alive connection (finagent-bench-burst --clients 1), dumps the
# counters and prints instructions per call for each thread. The profiles stay in the output
# folder for callgrind_annotate (build with -g to get file:line; see docs/benchmarks.md).
#
# Usage: bench/callgrind.sh [--build-dir DIR] [--calls N] [--tool NAME] [--arguments JSON] [--out DIR]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$REPO/build-bench"
CALLS=2000
TOOL=get_spot_price
ARGS='{"symbol":"BTCUSDT"}'
OUT=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --build-dir) BUILD="$(cd "$2" && pwd)"; shift 2 ;;
        --calls) CALLS="$2"; shift 2 ;;
        --tool) TOOL="$2"; shift 2 ;;
        --arguments) ARGS="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "callgrind.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

FINAGENT="$BUILD/app/finagent"
FAKES="$BUILD/tests/fakes/finagent-fakes"
ECHO="$BUILD/bench/finagent-bench-echo"
BURST="$BUILD/bench/finagent-bench-burst"
for tool in valgrind callgrind_control jq curl; do
    command -v "$tool" >/dev/null || { echo "callgrind.sh: $tool is not installed" >&2; exit 2; }
done
for bin in "$FINAGENT" "$FAKES" "$ECHO" "$BURST"; do
    [[ -x "$bin" ]] || { echo "callgrind.sh: $bin is missing; build the finagent-bench target" >&2; exit 2; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/finagent-callgrind.XXXXXX")"
[[ -n "$OUT" ]] || OUT="$TMP/profiles"
mkdir -p "$OUT"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$TMP/serve-data" "$TMP/serve-config"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for_line() {
    local file="$1" regex="$2" pid="$3" i
    for i in $(seq 1 600); do
        if grep -qE "$regex" "$file" 2>/dev/null; then grep -m1 -E "$regex" "$file"; return 0; fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

"$FAKES" --verbose --no-stdin > "$TMP/fakes.json" 2> "$TMP/fakes.log" &
PIDS+=($!)
wait_for_line "$TMP/fakes.json" '"binance"' "$!" >/dev/null || { echo "callgrind.sh: finagent-fakes did not start" >&2; exit 1; }
BINANCE_URL="$(jq -r .binance "$TMP/fakes.json")"
COINGECKO_URL="$(jq -r .coingecko "$TMP/fakes.json")"

head -c 32 /dev/urandom | base64 | tr -d '\n/+=' > "$TMP/token"
mkdir -p "$TMP/serve-data" "$TMP/serve-config"
FINAGENT_DATA_DIR="$TMP/serve-data" FINAGENT_CONFIG_DIR="$TMP/serve-config" \
    valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$OUT/finagent.%p" \
    "$FINAGENT" serve --host 127.0.0.1 --port 0 --token-file "$TMP/token" \
    --set "market.binance_url=$BINANCE_URL" --set "market.binance_futures_url=$BINANCE_URL" \
    --set "market.coingecko_url=$COINGECKO_URL" < /dev/null > "$TMP/serve.out" 2> "$TMP/serve.log" &
SERVE_PID=$!
PIDS+=($SERVE_PID)
line="$(wait_for_line "$TMP/serve.log" 'FinAgent serving MCP at http://' "$SERVE_PID")" || { echo "callgrind.sh: finagent serve did not start" >&2; exit 1; }
MCP_URL="$(echo "$line" | grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp')"

# Warm-up (fills caches, resolves the symbol directory), and one answer to size the echo.
"$BURST" --url "$MCP_URL" --token-file "$TMP/token" --clients 1 --calls 50 --tool "$TOOL" --arguments "$ARGS" > /dev/null
TOKEN="$(cat "$TMP/token")"
sid="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Authorization: Bearer $TOKEN" --data-binary \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"callgrind","version":"1"}}}' \
    "$MCP_URL" | tr -d '\r' | sed -n 's/^[Mm][Cc][Pp]-[Ss]ession-[Ii][Dd]: *//p')"
curl -s -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -H "Mcp-Session-Id: $sid" \
    -H 'MCP-Protocol-Version: 2025-11-25' --data-binary '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$MCP_URL"
bytes="$(curl -s -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Authorization: Bearer $TOKEN" -H "Mcp-Session-Id: $sid" -H 'MCP-Protocol-Version: 2025-11-25' \
    --data-binary '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"'"$TOOL"'","arguments":'"$ARGS"'}}' \
    "$MCP_URL" | wc -c)"

valgrind --tool=callgrind --callgrind-out-file="$OUT/echo.%p" "$ECHO" --reply-bytes "$bytes" \
    > "$TMP/echo.out" 2> "$TMP/echo.log" &
ECHO_PID=$!
PIDS+=($ECHO_PID)
line="$(wait_for_line "$TMP/echo.out" 'echo serving at http://' "$ECHO_PID")" || { echo "callgrind.sh: the echo did not start" >&2; exit 1; }
ECHO_URL="$(echo "$line" | grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp')"
"$BURST" --url "$ECHO_URL" --no-session --clients 1 --calls 50 --tool "$TOOL" --arguments "$ARGS" > /dev/null

measure() {
    local name="$1" pid="$2" url="$3"; shift 3
    callgrind_control --zero "$pid" > /dev/null 2>&1
    "$BURST" --url "$url" --clients 1 --calls "$CALLS" --tool "$TOOL" --arguments "$ARGS" "$@" > "$TMP/$name.burst.json"
    callgrind_control --dump="$name-$CALLS-calls" "$pid" > /dev/null 2>&1
    sleep 1
}
upstream_before="$(wc -l < "$TMP/fakes.log")"
measure finagent "$SERVE_PID" "$MCP_URL" --token-file "$TMP/token"
measure echo "$ECHO_PID" "$ECHO_URL" --no-session

echo "== instructions per tools/call $TOOL over one keep-alive connection ($CALLS calls, answer ~$bytes bytes)"
for name in finagent echo; do
    pid="$SERVE_PID"; [[ "$name" == echo ]] && pid="$ECHO_PID"
    # The one dump we asked for: <name>.<pid>.1, or <name>.<pid>.1-<thread> with one file per thread.
    files=("$OUT/$name.$pid.1"*)
    total=0
    per=""
    for f in "${files[@]}"; do
        ir="$(awk '/^totals:/ {print $2}' "$f")"
        total=$(( total + ir ))
        per="$per $(( ir / CALLS ))"
    done
    ok="$(jq .ok "$TMP/$name.burst.json")"
    printf '%-9s %8d Ir/call in all (per thread:%s), %s of %s calls ok\n' "$name" $(( total / CALLS )) "$per" "$ok" "$CALLS"
done
echo "upstream requests while measuring: $(( $(wc -l < "$TMP/fakes.log") - upstream_before ))"
echo "profiles kept in $OUT"
