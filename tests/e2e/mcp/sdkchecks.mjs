// The checks both SDK tests run over an initialized client (stdio and Streamable HTTP).
// Imported dynamically, after lib.mjs has checked that node_modules is installed.

import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { isDeepStrictEqual } from 'node:util';

import { check, finagentBinary, log, run } from './lib.mjs';

export const clientInfo = { name: 'finagent-e2e', version: '1.0.0' };

async function finagentVersion() {
  const r = await run(finagentBinary(), ['--version'], { timeoutMs: 10000 });
  const m = /(\d+\.\d+\.\d+\S*)/.exec(r.stdout);
  check(r.code === 0 && m, `finagent --version should print a version, got: ${r.stdout}${r.stderr}`);
  return m[1];
}

// `incoming` holds every message the client received (lib.recordIncoming).
export async function checkInitialize(client, incoming) {
  const info = client.getServerVersion();
  check(info?.name === 'finagent', `serverInfo.name should be "finagent", got ${JSON.stringify(info)}`);
  const version = await finagentVersion();
  check(info.version === version, `serverInfo.version should be ${version} (finagent --version), got ${info.version}`);
  const init = incoming.find((m) => m.result?.protocolVersion !== undefined);
  check(init, 'no initialize result was received');
  check(
    init.result.protocolVersion === '2025-11-25',
    `initialize should agree on protocolVersion 2025-11-25 (the SDK's latest), got ${init.result.protocolVersion}`,
  );
  const caps = client.getServerCapabilities();
  check(caps?.tools, `the server should declare the tools capability, got ${JSON.stringify(caps)}`);
  log(`initialize: ${info.name} ${info.version}, protocol ${init.result.protocolVersion}`);
}

// `transportNames`: the names health_check may report for this transport.
export async function checkTools(client, transportNames) {
  const { tools } = await client.listTools();
  const health = tools.find((t) => t.name === 'health_check');
  check(health, `tools/list should include health_check, got: ${tools.map((t) => t.name).join(', ')}`);
  check(health.outputSchema?.type === 'object', 'health_check should declare an object outputSchema');
  check(health.annotations?.readOnlyHint === true, 'health_check should be annotated readOnlyHint: true');
  check(health.annotations?.destructiveHint === false, 'health_check should be annotated destructiveHint: false');
  check(
    !tools.some((t) => t.name.startsWith('test_')),
    'conformance fixtures must not be registered in a normal run',
  );
  log(`tools/list: ${tools.length} tool(s), health_check has outputSchema and annotations`);

  // The SDK validates structuredContent against the outputSchema it cached from tools/list.
  const result = await client.callTool({ name: 'health_check', arguments: {} });
  check(!result.isError, `health_check should succeed, got ${JSON.stringify(result)}`);
  const data = result.structuredContent;
  check(data && typeof data === 'object', 'health_check should return structuredContent');
  check(['ok', 'degraded', 'down'].includes(data.status), `unexpected health status ${data.status}`);
  check(
    transportNames.includes(data.transport),
    `health_check transport should be one of ${transportNames.join(', ')}, got ${data.transport}`,
  );
  check(
    Array.isArray(data.subsystems) && data.subsystems.some((s) => s.name === 'mcp' && s.status === 'ok'),
    `health_check should report the mcp subsystem ok, got ${JSON.stringify(data.subsystems)}`,
  );
  const text = result.content?.find((c) => c.type === 'text');
  check(text, 'health_check should also return its JSON as a text block');
  let parsed;
  try {
    parsed = JSON.parse(text.text);
  } catch (e) {
    check(false, `health_check text block is not JSON: ${e.message}`);
  }
  check(isDeepStrictEqual(parsed, data), 'health_check text block should be the same JSON as structuredContent');
  log(`tools/call health_check: status ${data.status}, structuredContent validated by the SDK`);
}

export async function checkInvalidCalls(client) {
  let error;
  try {
    await client.callTool({ name: 'no_such_tool', arguments: {} });
  } catch (e) {
    error = e;
  }
  check(error instanceof McpError, `an unknown tool should be a JSON-RPC error, got ${error ?? 'a result'}`);
  check(
    error.code === ErrorCode.InvalidParams,
    `an unknown tool should be error -32602 (InvalidParams), got ${error.code}: ${error.message}`,
  );
  check(/no_such_tool/.test(error.message), `the error should name the unknown tool: ${error.message}`);

  const bad = await client.callTool({ name: 'health_check', arguments: { verbosity: 'loud' } });
  check(bad.isError === true, `bad arguments should give an isError result, got ${JSON.stringify(bad)}`);
  const message = (bad.content ?? []).map((c) => c.text ?? '').join(' ');
  check(/verbosity/.test(message), `the invalid-arguments message should name the field "verbosity": ${message}`);
  log('invalid calls: unknown tool -> -32602, bad arguments -> isError naming the field');
}

export async function checkPing(client) {
  const pong = await client.ping();
  check(pong && Object.keys(pong).length === 0, `ping should answer {}, got ${JSON.stringify(pong)}`);
  log('ping: {}');
}
