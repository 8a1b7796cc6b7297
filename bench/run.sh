#!/usr/bin/env bash
# FinAgent benchmarks, every number next to its reference in one run. See docs/benchmarks.md.
#
#   1. Streamable HTTP: wrk drives `tools/call health_check` on `finagent serve` (auth on, one open
#      MCP session) and the same request on finagent-bench-echo, a bare QHttpServer JSON-RPC echo
#      (the ceiling), alternating, at each connection count. The MCP `ping` method is driven the
#      same way: the cost of transport and protocol with no tool (and no audit record) behind it.
#   2. With the market tools: cached `tools/call get_spot_price {"symbol":"BTCUSDT"}` the same way,
#      and exactly 1,000 get_spot_price calls from 50 concurrent MCP clients on a cold cache, with
#      the fake Binance's /api/v3/ticker/price requests counted from its log.
#   3. stdio: spawn to initialize answer of `finagent stdio` and of the TypeScript reference server
#      (@modelcontextprotocol/server-everything on Node), over the same number of runs.
#
# Prints a table and writes bench/results/<timestamp>.json. Kills only the processes it started.
#
# Usage: bench/run.sh [--build-dir DIR] [--duration S] [--connections "1 10 50"] [--rounds N]
#                     [--stdio-runs N] [--burst-calls N] [--burst-clients N] [--no-market] [--no-stdio]
# Needs: a Release build of the targets finagent, finagent-fakes and finagent-bench (see the doc),
# wrk, curl and jq; node for the TypeScript reference.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$REPO/build-bench"
DURATION=10
CONNECTIONS="1 10 50"
ROUNDS=1
STDIO_RUNS=25
BURST_CALLS=1000
BURST_CLIENTS=50
WITH_MARKET=1
WITH_STDIO=1
PROTOCOL_VERSION="2025-11-25"
# Time to live of a cached Binance ticker/price answer (kPriceTtlMs in server/market/binanceclient.cpp).
PRICE_TTL_MS=3000
MAX_LOAD=1.0

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --build-dir) BUILD="$(cd "$2" && pwd)"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --stdio-runs) STDIO_RUNS="$2"; shift 2 ;;
        --burst-calls) BURST_CALLS="$2"; shift 2 ;;
        --burst-clients) BURST_CLIENTS="$2"; shift 2 ;;
        --no-market) WITH_MARKET=0; shift ;;
        --no-stdio) WITH_STDIO=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

FINAGENT="$BUILD/app/finagent"
FAKES="$BUILD/tests/fakes/finagent-fakes"
ECHO="$BUILD/bench/finagent-bench-echo"
STDIO_DRIVER="$BUILD/bench/finagent-bench-stdio"
BURST="$BUILD/bench/finagent-bench-burst"
TS_SERVER="$REPO/tests/e2e/node_modules/@modelcontextprotocol/server-everything/dist/index.js"

for tool in wrk curl jq; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (apt-get install $tool)" >&2; exit 2; }
done
for bin in "$FINAGENT" "$ECHO" "$STDIO_DRIVER" "$BURST"; do
    [[ -x "$bin" ]] || {
        echo "run.sh: $bin is missing. Build first:" >&2
        echo "  cmake -S $REPO -B $BUILD -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build $BUILD --target finagent-bench" >&2
        exit 2
    }
done
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)"
[[ "$build_type" == "Release" ]] || echo "run.sh: warning: $BUILD is a '$build_type' build; measure a Release build." >&2

TMP="$(mktemp -d "${TMPDIR:-/tmp}/finagent-bench.XXXXXX")"
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "${KEEP_TMP:-}" ]]; then echo "run.sh: logs kept in $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
    echo "run.sh: $*" >&2
    for log in "$TMP"/*.log; do
        [[ -s "$log" ]] && { echo "--- last lines of $(basename "$log")" >&2; tail -5 "$log" >&2; }
    done
    exit 1
}

# Waits until FILE has a line matching REGEX (for at most 20 s) and prints it.
wait_for_line() {
    local file="$1" regex="$2" pid="$3" i
    for i in $(seq 1 200); do
        if grep -qE "$regex" "$file" 2>/dev/null; then grep -m1 -E "$regex" "$file"; return 0; fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# POSTs a JSON-RPC message to FinAgent; prints the HTTP status; headers and body go to files.
mcp_post() {
    local body="$1" out="$2"
    local -a headers=(-H "Content-Type: application/json" -H "Accept: application/json, text/event-stream"
        -H "Authorization: Bearer $TOKEN")
    [[ -n "${SESSION:-}" ]] && headers+=(-H "Mcp-Session-Id: $SESSION" -H "MCP-Protocol-Version: $PROTOCOL_VERSION")
    curl -s -o "$out.body" -D "$out.headers" -w '%{http_code}' "${headers[@]}" --data-binary "$body" "$MCP_URL"
}

# Counts the fake Binance's ticker/price requests logged so far.
count_lines() { local n; n="$(grep -sc "$1" "$TMP/fakes.log")" || true; echo "${n:-0}"; }
ticker_requests() { count_lines '^FakeBinance GET /api/v3/ticker/price$'; }
upstream_requests() { count_lines '^Fake'; }

# Waits until FinAgent answers health_check within 50 ms again, i.e. until the work queued by the
# previous measurement (tool-call audit records on the database thread) has drained, so each cell
# starts from the same state. Prints the seconds it took; gives up after SETTLE_MAX_S.
SETTLE_MAX_S=300
settle() {
    local start now t
    start="$(date +%s.%N)"
    while :; do
        t="$(curl -s -o /dev/null -w '%{time_total}' -m 10 -H "Content-Type: application/json" \
            -H "Accept: application/json, text/event-stream" -H "Authorization: Bearer $TOKEN" \
            -H "Mcp-Session-Id: $SESSION" -H "MCP-Protocol-Version: $PROTOCOL_VERSION" \
            --data-binary '{"jsonrpc":"2.0","id":"settle","method":"tools/call","params":{"name":"health_check","arguments":{}}}' \
            "$MCP_URL" || echo 99)"
        now="$(date +%s.%N)"
        if awk -v t="$t" 'BEGIN { exit !(t < 0.05) }'; then break; fi
        if awk -v a="$start" -v b="$now" -v m="$SETTLE_MAX_S" 'BEGIN { exit !(b - a > m) }'; then
            echo "run.sh: warning: FinAgent still answers health_check in ${t}s after ${SETTLE_MAX_S}s" >&2
            break
        fi
        sleep 0.5
    done
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# Runs wrk; prints the BENCH_JSON object with calls_per_s added.
run_wrk() {
    local url="$1" connections="$2" tool="$3" args="$4"
    local threads=$(( connections < 2 ? 1 : 2 ))
    local out
    out="$(MCP_SESSION_ID="$SESSION" MCP_TOKEN="$TOKEN" MCP_PROTOCOL_VERSION="$PROTOCOL_VERSION" \
        MCP_TOOL="$tool" MCP_ARGS="$args" \
        wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 10s --latency \
        -s "$REPO/bench/mcp_call.lua" "$url")" || die "wrk failed against $url"
    echo "$out" >> "$TMP/wrk.txt"
    echo "$out" | sed -n 's/^BENCH_JSON //p' |
        jq -c --arg cmd "wrk -t$threads -c$connections -d${DURATION}s --timeout 10s --latency -s bench/mcp_call.lua" \
        '. + {calls_per_s: (.requests / (.duration_us / 1e6)), command: $cmd}'
}

echo "== FinAgent benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average before: $LOAD_BEFORE"
if awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l > m) }'; then
    echo "run.sh: warning: the 1-minute load is $(load1) (> $MAX_LOAD): other work is running and the numbers will be noisy." >&2
fi

# --- the fake upstreams ------------------------------------------------------------------------
MARKET_ARGS=()
if [[ "$WITH_MARKET" == 1 && -x "$FAKES" ]]; then
    "$FAKES" --verbose --no-stdin > "$TMP/fakes.json" 2> "$TMP/fakes.log" &
    PIDS+=($!)
    wait_for_line "$TMP/fakes.json" '"binance"' "$!" >/dev/null || die "finagent-fakes did not start"
    BINANCE_URL="$(jq -r .binance "$TMP/fakes.json")"
    COINGECKO_URL="$(jq -r .coingecko "$TMP/fakes.json")"
    MARKET_ARGS=(--set "market.binance_url=$BINANCE_URL" --set "market.binance_futures_url=$BINANCE_URL"
        --set "market.coingecko_url=$COINGECKO_URL")
elif [[ "$WITH_MARKET" == 1 ]]; then
    echo "run.sh: $FAKES is missing (build the finagent-fakes target); skipping the market benchmarks." >&2
    WITH_MARKET=0
fi

# --- finagent serve ----------------------------------------------------------------------------
mkdir -p "$TMP/serve-data" "$TMP/serve-config" "$TMP/stdio-data" "$TMP/stdio-config"
head -c 32 /dev/urandom | base64 | tr -d '\n/+=' > "$TMP/token"
chmod 600 "$TMP/token"
TOKEN="$(cat "$TMP/token")"
FINAGENT_DATA_DIR="$TMP/serve-data" FINAGENT_CONFIG_DIR="$TMP/serve-config" \
    "$FINAGENT" serve --host 127.0.0.1 --port 0 --token-file "$TMP/token" "${MARKET_ARGS[@]}" \
    < /dev/null > "$TMP/serve.out" 2> "$TMP/serve.log" &
SERVE_PID=$!
PIDS+=($SERVE_PID)
line="$(wait_for_line "$TMP/serve.log" 'FinAgent serving MCP at http://' "$SERVE_PID")" || die "finagent serve did not start"
MCP_URL="$(echo "$line" | grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp')"
echo "finagent serve: $MCP_URL (pid $SERVE_PID, auth on)"

SESSION=""
status="$(mcp_post '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"'"$PROTOCOL_VERSION"'","capabilities":{},"clientInfo":{"name":"finagent-bench","version":"1.0.0"}}}' "$TMP/init")"
[[ "$status" == 200 ]] || die "initialize answered $status: $(cat "$TMP/init.body")"
SESSION="$(tr -d '\r' < "$TMP/init.headers" | sed -n 's/^[Mm][Cc][Pp]-[Ss]ession-[Ii][Dd]: *//p' | head -1)"
[[ -n "$SESSION" ]] || die "initialize answered without an Mcp-Session-Id header"
status="$(mcp_post '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$TMP/initialized")"
[[ "$status" == 202 ]] || die "notifications/initialized answered $status"
status="$(mcp_post '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"health_check","arguments":{}}}' "$TMP/health")"
[[ "$status" == 200 ]] && jq -e '.result and (.result.isError != true)' "$TMP/health.body" >/dev/null \
    || die "tools/call health_check answered $status: $(head -c 400 "$TMP/health.body")"
HEALTH_BYTES="$(stat -c %s "$TMP/health.body")"
echo "MCP session open; a health_check answer is $HEALTH_BYTES bytes"

status="$(mcp_post '{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{}}' "$TMP/list")"
[[ "$status" == 200 ]] || die "tools/list answered $status"
HAS_SPOT=0
jq -e '.result.tools | map(.name) | index("get_spot_price")' "$TMP/list.body" >/dev/null && HAS_SPOT=1
if [[ "$WITH_MARKET" == 1 && "$HAS_SPOT" == 0 ]]; then
    echo "run.sh: tools/list has no get_spot_price: the market tools are not built in yet; skipping the market benchmarks." >&2
    WITH_MARKET=0
fi

# --- the echo ceiling: one instance per answer size class --------------------------------------
# Starts finagent-bench-echo answering about BYTES bytes; sets ECHO_URL and records its PID.
ECHO_PIDS=()
start_echo() {
    local bytes="$1" name="$2" line pid probe
    "$ECHO" --reply-bytes "$bytes" > "$TMP/$name.out" 2> "$TMP/$name.log" &
    pid=$!
    PIDS+=("$pid")
    ECHO_PIDS+=("$pid")
    line="$(wait_for_line "$TMP/$name.out" 'echo serving at http://' "$pid")" || die "finagent-bench-echo did not start"
    ECHO_URL="$(echo "$line" | grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp')"
    probe="$(curl -s -H 'Content-Type: application/json' --data-binary \
        '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"health_check","arguments":{}}}' "$ECHO_URL")"
    echo "$probe" | jq -e '.id == 7 and .result' >/dev/null || die "the echo server answered: $probe"
    echo "echo ceiling ($name): $ECHO_URL (pid $pid, answers of ${#probe} bytes)"
}
start_echo "$HEALTH_BYTES" echo-health
ECHO_HEALTH_URL="$ECHO_URL"
status="$(mcp_post '{"jsonrpc":"2.0","id":5,"method":"ping"}' "$TMP/ping")"
[[ "$status" == 200 ]] || die "ping answered $status"
PING_BYTES="$(stat -c %s "$TMP/ping.body")"
start_echo "$PING_BYTES" echo-ping
ECHO_PING_URL="$ECHO_URL"

# --- 1,000 get_spot_price calls from 50 clients on a cold cache --------------------------------
BURST_JSON='null'
SPOT_BYTES=0
if [[ "$WITH_MARKET" == 1 ]]; then
    ticker_before="$(ticker_requests)"
    upstream_before="$(upstream_requests)"
    burst_out="$("$BURST" --url "$MCP_URL" --token-file "$TMP/token" --clients "$BURST_CLIENTS" \
        --calls "$BURST_CALLS" --tool get_spot_price --arguments '{"symbol":"BTCUSDT"}' \
        --protocol-version "$PROTOCOL_VERSION")" || die "the burst failed: $burst_out"
    sleep 0.2 # the fake logs a request when it answers it; let the last line land
    ticker_after="$(ticker_requests)"
    upstream_after="$(upstream_requests)"
    BURST_JSON="$(echo "$burst_out" | jq -c --argjson ttl "$PRICE_TTL_MS" \
        --argjson ticker "$(( ticker_after - ticker_before ))" \
        --argjson upstream "$(( upstream_after - upstream_before ))" \
        --arg cmd "finagent-bench-burst --clients $BURST_CLIENTS --calls $BURST_CALLS --tool get_spot_price --arguments '{\"symbol\":\"BTCUSDT\"}'" \
        '. + {price_ttl_ms: $ttl, cache_windows: ((.elapsed_ms / $ttl | floor) + 1),
              ticker_price_requests: $ticker, upstream_requests_all: $upstream,
              ticker_price_requests_per_1000_calls: ($ticker * 1000 / .calls), command: $cmd}')"
    echo "burst: $(echo "$BURST_JSON" | jq -r '"\(.ok) ok, \(.failed) failed, \(.ticker_price_requests) ticker/price request(s)"')"

    status="$(mcp_post '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_spot_price","arguments":{"symbol":"BTCUSDT"}}}' "$TMP/spot")"
    [[ "$status" == 200 ]] && jq -e '.result and (.result.isError != true)' "$TMP/spot.body" >/dev/null \
        || die "tools/call get_spot_price answered $status: $(head -c 400 "$TMP/spot.body")"
    SPOT_BYTES="$(stat -c %s "$TMP/spot.body")"
    start_echo "$SPOT_BYTES" echo-spot
    ECHO_SPOT_URL="$ECHO_URL"
fi

# --- Streamable HTTP throughput, alternating targets at each concurrency -----------------------
HTTP_ROWS="$TMP/http.jsonl"
: > "$HTTP_ROWS"
# cell TARGET URL CONNECTIONS TOOL ARGS: one wrk measurement appended to HTTP_ROWS.
cell() {
    local target="$1" url="$2" c="$3" tool="$4" args="$5" settled=null before after row
    if [[ "$target" == finagent ]]; then settled="$(settle)"; fi
    before="$(ticker_requests)"
    row="$(run_wrk "$url" "$c" "$tool" "$args")"
    if [[ "$target" == finagent && "$tool" == get_spot_price ]]; then sleep 0.2; fi
    after="$(ticker_requests)"
    echo "$row" | jq -c --argjson r "$round" --argjson c "$c" --arg target "$target" --arg tool "$tool" \
        --argjson s "$settled" --argjson up "$(( after - before ))" \
        '{round: $r, connections: $c, target: $target, tool: $tool}
         + (if $target == "finagent" then {settle_s: $s} else {} end)
         + (if $target == "finagent" and $tool == "get_spot_price" then {ticker_price_requests: $up} else {} end)
         + .' >> "$HTTP_ROWS"
}
for round in $(seq 1 "$ROUNDS"); do
    for c in $CONNECTIONS; do
        echo "round $round, $c connection(s): echo and finagent, ping, health_check$([[ "$WITH_MARKET" == 1 ]] && echo ' then get_spot_price')"
        cell echo "$ECHO_PING_URL" "$c" ping '{}'
        cell finagent "$MCP_URL" "$c" ping '{}'
        cell echo "$ECHO_HEALTH_URL" "$c" health_check '{}'
        cell finagent "$MCP_URL" "$c" health_check '{}'
        if [[ "$WITH_MARKET" == 1 ]]; then
            cell echo "$ECHO_SPOT_URL" "$c" get_spot_price '{"symbol":"BTCUSDT"}'
            cell finagent "$MCP_URL" "$c" get_spot_price '{"symbol":"BTCUSDT"}'
        fi
    done
done
kill -0 "$SERVE_PID" 2>/dev/null || die "finagent serve exited during the run"
SERVE_RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$SERVE_PID/status")"
ECHO_RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/${ECHO_PIDS[0]}/status")"
SETTLE_AT_END="$(settle)"

# --- stdio readiness ---------------------------------------------------------------------------
STDIO_JSON='[]'
if [[ "$WITH_STDIO" == 1 ]]; then
    echo "stdio: $STDIO_RUNS runs each (2 warm-up runs not counted)"
    fin="$(FINAGENT_DATA_DIR="$TMP/stdio-data" FINAGENT_CONFIG_DIR="$TMP/stdio-config" \
        "$STDIO_DRIVER" --runs "$STDIO_RUNS" --label "finagent stdio" -- "$FINAGENT" stdio)" \
        || die "finagent stdio did not answer initialize"
    STDIO_JSON="$(jq -cn --argjson a "$fin" '[$a]')"
    if command -v node >/dev/null && [[ -f "$TS_SERVER" ]]; then
        ts="$("$STDIO_DRIVER" --runs "$STDIO_RUNS" --label "server-everything (node $(node --version))" \
            -- node "$TS_SERVER" stdio)" || die "the TypeScript reference server did not answer initialize"
        STDIO_JSON="$(jq -cn --argjson a "$fin" --argjson b "$ts" '[$a, $b]')"
    else
        echo "run.sh: node or $TS_SERVER is missing (npm ci in tests/e2e); no TypeScript reference." >&2
    fi
fi

# --- results -----------------------------------------------------------------------------------
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$REPO/bench/results"
RESULT="$REPO/bench/results/$STAMP.json"
jq -n \
    --arg when "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg commit "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg dirty "$(git -C "$REPO" status --porcelain 2>/dev/null | wc -l)" \
    --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
    --argjson cores "$(nproc)" \
    --arg kernel "$(uname -r)" \
    --arg wrk "$(wrk -v 2>&1 | head -1)" \
    --arg node "$(node --version 2>/dev/null || echo none)" \
    --arg load_before "$LOAD_BEFORE" --arg load_after "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --argjson duration "$DURATION" --argjson ping_bytes "$PING_BYTES" --argjson health_bytes "$HEALTH_BYTES" --argjson spot_bytes "$SPOT_BYTES" \
    --argjson settle_end "$SETTLE_AT_END" \
    --argjson serve_rss_kb "${SERVE_RSS_KB:-0}" --argjson echo_rss_kb "${ECHO_RSS_KB:-0}" \
    --argjson market "$WITH_MARKET" \
    --slurpfile http "$HTTP_ROWS" --argjson burst "$BURST_JSON" --argjson stdio "$STDIO_JSON" \
    '{when: $when, commit: $commit, uncommitted_files: ($dirty | tonumber),
      machine: {cpu: $cpu, cores: $cores, kernel: $kernel, load_before: $load_before, load_after: $load_after},
      tools: {wrk: $wrk, node: $node}, wrk_duration_s: $duration,
      answer_bytes: {ping: $ping_bytes, health_check: $health_bytes, get_spot_price: $spot_bytes},
      settle_after_last_cell_s: $settle_end,
      peak_rss_kb: {finagent_serve: $serve_rss_kb, echo: $echo_rss_kb},
      market_benchmarks: ($market == 1), http: $http, burst: $burst, stdio: $stdio}' > "$RESULT"

echo
echo "== Streamable HTTP, tools/call (wrk, ${DURATION}s per cell; ratio = FinAgent / echo of the same size, round and connections)"
jq -r '
  (.http | map(select(.target == "echo")) | map({key: "\(.round)/\(.connections)/\(.tool)", value: .calls_per_s}) | from_entries) as $ceil
  | ["round", "conns", "target", "tool", "calls/s", "p50 ms", "p99 ms", "ratio", "errors", "ticker req", "settle s"],
    (.http[] | [ .round, .connections, .target, .tool, (.calls_per_s | floor),
        (.latency_p50_us / 1000 * 100 | round / 100), (.latency_p99_us / 1000 * 100 | round / 100),
        (if .target == "echo" then "-" else ((.calls_per_s / $ceil["\(.round)/\(.connections)/\(.tool)"] * 100 | round | tostring) + "%") end),
        (.errors_connect + .errors_read + .errors_write + .errors_status + .errors_timeout),
        (.ticker_price_requests // "-"), (.settle_s // "-") ])
  | @tsv' "$RESULT" | column -t -s $'\t'
if [[ "$BURST_JSON" != null ]]; then
    echo
    echo "== $BURST_CALLS get_spot_price calls (BTCUSDT) from $BURST_CLIENTS concurrent MCP clients, cold cache"
    jq -r '.burst | "ok \(.ok), failed \(.failed), \(.elapsed_ms | floor) ms (\(.calls_per_s | floor) calls/s, p50 \(.p50_ms * 100 | round / 100) ms, p99 \(.p99_ms * 100 | round / 100) ms)\nupstream ticker/price requests: \(.ticker_price_requests) over \(.cache_windows) cache window(s) of \(.price_ttl_ms) ms (all upstream requests: \(.upstream_requests_all))"' "$RESULT"
else
    echo
    echo "== market benchmarks skipped (no get_spot_price tool or no finagent-fakes)"
fi
if [[ "$STDIO_JSON" != '[]' ]]; then
    echo
    echo "== stdio: spawn to initialize answer ($STDIO_RUNS runs)"
    jq -r '["server", "median ms", "p90 ms", "min ms", "max ms"], (.stdio[] | [.label, .median_ms, .p90_ms, .min_ms, .max_ms]) | @tsv' "$RESULT" | column -t -s $'\t'
    jq -r 'if (.stdio | length) == 2 then "FinAgent is \(.stdio[1].median_ms / .stdio[0].median_ms * 10 | round / 10)x faster to ready (median)" else empty end' "$RESULT"
fi
echo
echo "answers: ping $PING_BYTES bytes, health_check $HEALTH_BYTES bytes, get_spot_price $SPOT_BYTES bytes; after the last cell FinAgent took ${SETTLE_AT_END}s to answer health_check within 50 ms"
echo "peak RSS: finagent serve ${SERVE_RSS_KB:-?} kB, echo ${ECHO_RSS_KB:-?} kB; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "results: $RESULT"
