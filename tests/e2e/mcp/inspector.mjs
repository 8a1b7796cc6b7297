// The official MCP Inspector CLI (`inspector --cli`) against `finagent stdio` and `finagent serve`.

import path from 'node:path';

import {
  check,
  finagentBinary,
  log,
  main,
  nodeModules,
  prepareWorkDir,
  requireModules,
  run,
  startServe,
  terminate,
  writeTokenFile,
} from './lib.mjs';

requireModules('@modelcontextprotocol/inspector');

const launcher = path.join(nodeModules, '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');

// One Inspector CLI run with --format json; returns the parsed {result} object.
async function inspector(args, env) {
  const r = await run(process.execPath, [launcher, '--cli', ...args, '--format', 'json'], { env, timeoutMs: 60000 });
  const shown = `inspector --cli ${args.join(' ').replace(/Bearer \S+/, 'Bearer [redacted]')}`;
  check(r.code === 0, `${shown} exited with ${r.code}:\n${r.stdout}\n${r.stderr}`);
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch (e) {
    check(false, `${shown} printed no JSON (${e.message}):\n${r.stdout}\n${r.stderr}`);
  }
  check(out?.result, `${shown} printed no result: ${r.stdout}`);
  return out.result;
}

function checkToolList(result, where) {
  const names = (result.tools ?? []).map((t) => t.name);
  check(names.includes('health_check'), `tools/list over ${where} should include health_check, got ${names.join(', ')}`);
  const health = result.tools.find((t) => t.name === 'health_check');
  check(health.inputSchema?.type === 'object', `health_check over ${where} should have an object inputSchema`);
  check(health.outputSchema?.type === 'object', `health_check over ${where} should have an object outputSchema`);
}

await main('e2e_inspector', async () => {
  const work = prepareWorkDir('inspector');
  // The Inspector keeps its catalog and secrets under ~/.mcp-inspector: keep them in the work folder.
  const env = { ...process.env, HOME: work.home, MCP_CATALOG_PATH: path.join(work.home, 'mcp.json') };
  const stdioTarget = [finagentBinary(), 'stdio'];

  checkToolList(await inspector([...stdioTarget, '--method', 'tools/list'], env), 'stdio');
  log('stdio: tools/list lists health_check');

  const call = await inspector([...stdioTarget, '--method', 'tools/call', '--tool-name', 'health_check'], env);
  check(!call.isError, `tools/call health_check over stdio failed: ${JSON.stringify(call)}`);
  check(call.structuredContent?.transport === 'stdio', `unexpected structuredContent: ${JSON.stringify(call)}`);
  const text = (call.content ?? []).find((c) => c.type === 'text');
  check(text, `tools/call health_check over stdio should return a text block: ${JSON.stringify(call)}`);
  let parsed;
  try {
    parsed = JSON.parse(text.text);
  } catch (e) {
    check(false, `the health_check text block is not JSON: ${e.message}`);
  }
  check(parsed.version === call.structuredContent.version, 'the text block should carry the same JSON as structuredContent');
  log(`stdio: tools/call health_check -> status ${call.structuredContent.status}`);

  const { token, file } = writeTokenFile(work.dir);
  const serve = await startServe(['--token-file', file]);
  log(`finagent serve started as PID ${serve.child.pid} at ${serve.url}`);
  try {
    checkToolList(
      await inspector(
        [serve.url, '--transport', 'http', '--header', `Authorization: Bearer ${token}`, '--method', 'tools/list'],
        env,
      ),
      'HTTP',
    );
    log('HTTP: tools/list with the bearer token lists health_check');

    const denied = await run(
      process.execPath,
      [launcher, '--cli', serve.url, '--transport', 'http', '--stored-auth-only', '--method', 'tools/list', '--format', 'json'],
      { env, timeoutMs: 60000 },
    );
    check(denied.code !== 0, `tools/list over HTTP without a token should fail, got: ${denied.stdout}`);
    check(
      /auth_required/.test(denied.stdout + denied.stderr),
      `without a token the Inspector should report auth_required, got: ${denied.stdout}${denied.stderr}`,
    );
    log(`HTTP: without a token the Inspector reports auth_required (exit ${denied.code})`);
  } catch (e) {
    process.stderr.write(`finagent stderr:\n${serve.stderr()}\n`);
    throw e;
  }
  await terminate(serve.child, 'finagent serve');
});
