-- wrk script: POST one MCP tools/call per request to a Streamable HTTP endpoint.
--
-- Environment:
--   MCP_SESSION_ID        Mcp-Session-Id of an open, initialized session (omitted when empty)
--   MCP_TOKEN             bearer token (Authorization header omitted when empty)
--   MCP_PROTOCOL_VERSION  MCP-Protocol-Version header (default 2025-11-25)
--   MCP_TOOL              tool name (default health_check); "ping" sends the MCP ping method
--                         instead of a tools/call (the protocol and transport cost with no tool)
--   MCP_ARGS              tool arguments as a JSON object (default {})
--
-- Every request carries a fresh JSON-RPC id, as a real client's would. done() prints one line
-- starting with "BENCH_JSON " that bench/run.sh parses.

local session = os.getenv("MCP_SESSION_ID") or ""
local token = os.getenv("MCP_TOKEN") or ""
local version = os.getenv("MCP_PROTOCOL_VERSION") or "2025-11-25"
local tool = os.getenv("MCP_TOOL") or "health_check"
local args = os.getenv("MCP_ARGS") or "{}"

local headers = {
   ["Content-Type"] = "application/json",
   ["Accept"] = "application/json, text/event-stream",
   ["MCP-Protocol-Version"] = version,
}
if token ~= "" then headers["Authorization"] = "Bearer " .. token end
if session ~= "" then headers["Mcp-Session-Id"] = session end

local prefix = '{"jsonrpc":"2.0","id":'
local suffix = ',"method":"tools/call","params":{"name":"' .. tool .. '","arguments":' .. args .. '}}'
if tool == "ping" then suffix = ',"method":"ping"}' end

local threads = {}
local counter = 0
local base = 0

function setup(thread)
   thread:set("thread_index", #threads)
   table.insert(threads, thread)
end

function init(argv)
   base = (thread_index or 0) * 1000000000
end

function request()
   counter = counter + 1
   return wrk.format("POST", nil, headers, prefix .. (base + counter) .. suffix)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d,' ..
      '"latency_mean_us":%.1f,"latency_p50_us":%d,"latency_p90_us":%d,"latency_p99_us":%d,"latency_max_us":%d}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
