// The official TypeScript SDK client spawns `finagent bridge <url>` over stdio, as Claude Desktop
// would; the bridge forwards to `finagent serve` over Streamable HTTP with a bearer token that never
// appears on the command line.

import {
  check,
  finagentBinary,
  log,
  main,
  prepareWorkDir,
  recordIncoming,
  requireModules,
  run,
  startServe,
  terminate,
  waitForExit,
  writeTokenFile,
} from '../mcp/lib.mjs';

requireModules('@modelcontextprotocol/sdk');

await main('e2e_bridge', async () => {
  const work = prepareWorkDir('bridge');
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const { ElicitRequestSchema, McpError } = await import('@modelcontextprotocol/sdk/types.js');
  const checks = await import('../mcp/sdkchecks.mjs');

  const { token, file } = writeTokenFile(work.dir);

  // A bridge started by the SDK; `args` name the credential only by ${VAR}, `env` holds it.
  const bridge = (args, env) => {
    const transport = new StdioClientTransport({
      command: finagentBinary(),
      args: ['bridge', ...args],
      env: { ...process.env, ...env },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr.on('data', (c) => (stderr += c));
    return { transport, stderr: () => stderr };
  };

  const requestsInFlight = async (client) => {
    const r = await client.callTool({ name: 'health_check', arguments: {} });
    const mcp = r.structuredContent?.subsystems?.find((s) => s.name === 'mcp');
    const m = /(\d+) request\(s\) in flight/.exec(mcp?.detail ?? '');
    check(m, `health_check should report the requests in flight, got ${JSON.stringify(mcp)}`);
    return Number(m[1]);
  };

  const serve = await startServe(['--token-file', file]);
  const fixtures = await startServe(['--token-file', file, '--conformance-fixtures']);
  log(`finagent serve at ${serve.url} (PID ${serve.child.pid}), with fixtures at ${fixtures.url} (PID ${fixtures.child.pid})`);

  let current;
  try {
    // 1. The mcp-remote form that survives Windows argument mangling.
    current = bridge([serve.url, '--header', 'Authorization:${AUTH_HEADER}'], { AUTH_HEADER: `Bearer ${token}` });
    const incoming = recordIncoming(current.transport);
    const client = new Client(checks.clientInfo);
    await client.connect(current.transport);
    const child = current.transport._process;
    check(child && typeof child.pid === 'number', 'cannot find the bridge process the SDK started');
    log(`finagent bridge started as PID ${child.pid}`);
    await checks.checkInitialize(client, incoming);
    await checks.checkTools(client, ['streamable-http']);
    await checks.checkInvalidCalls(client);
    await checks.checkPing(client);
    check(!current.stderr().includes(token), 'the bridge must not print the token');

    child.stdin.end();
    const exit = await waitForExit(child, 10000);
    await client.close();
    check(exit !== null, `the bridge (PID ${child.pid}) did not exit after stdin closed`);
    check(exit.code === 0, `the bridge should exit 0 when stdin closes, got code ${exit.code} signal ${exit.signal}`);
    log('close: the bridge exited 0 on end of input');

    // 2. Progress and cancellation, through --token-file.
    current = bridge([fixtures.url, '--token-file', file], {});
    const fixtureClient = new Client(checks.clientInfo, { capabilities: { elicitation: {} } });
    let asked;
    const elicitation = new Promise((resolve) => (asked = resolve));
    // The user never answers: the tool stays in flight on the remote until cancelled.
    fixtureClient.setRequestHandler(ElicitRequestSchema, (request) => {
      asked(request);
      return new Promise(() => {});
    });
    const received = recordIncoming(current.transport);
    await fixtureClient.connect(current.transport);

    const progress = [];
    const withProgress = await fixtureClient.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    check(!withProgress.isError, `test_tool_with_progress failed: ${JSON.stringify(withProgress)}`);
    // The SDK runs notification handlers a microtask late, so a last progress that arrives with the
    // result can miss onprogress; what went over the wire, in order, is what the bridge owes.
    const answerAt = received.findIndex((m) => m.result?.content?.[0]?.text?.includes('Tool with progress'));
    check(answerAt > 0, 'the result of test_tool_with_progress should arrive');
    const wire = received
      .slice(0, answerAt)
      .filter((m) => m.method === 'notifications/progress')
      .map((m) => m.params.progress);
    check(
      JSON.stringify(wire) === '[0,50,100]',
      `progress 0, 50, 100 should reach the client before the result, got ${JSON.stringify(wire)}`,
    );
    check(progress.length >= 2 && progress[0] === 0, `onprogress should have been called, got ${JSON.stringify(progress)}`);
    log(`progress through the bridge: ${wire.join(', ')}`);

    check((await requestsInFlight(fixtureClient)) === 1, 'only health_check itself should be in flight at first');
    const abort = new AbortController();
    const pending = fixtureClient.callTool(
      { name: 'test_elicitation', arguments: { message: 'Who is paying?' } },
      undefined,
      { signal: abort.signal, timeout: 60000 },
    );
    const request = await elicitation;
    check(
      request.params.message === 'Who is paying?',
      `the remote's elicitation should reach the client, got ${JSON.stringify(request.params)}`,
    );
    check((await requestsInFlight(fixtureClient)) === 2, 'the elicitation call should be in flight on the remote');
    abort.abort('the user gave up');
    let outcome;
    try {
      outcome = await pending;
    } catch (e) {
      outcome = e;
    }
    check(!(outcome && outcome.content), `a cancelled call must end without a result, got ${JSON.stringify(outcome)}`);
    let inFlight = 2;
    for (let i = 0; i < 100 && inFlight !== 1; i++) {
      inFlight = await requestsInFlight(fixtureClient);
      if (inFlight !== 1) await new Promise((r) => setTimeout(r, 50));
    }
    check(inFlight === 1, `the remote should end the cancelled call (notifications/cancelled), still ${inFlight} in flight`);
    log('cancel: the call ended without a result and the remote stopped it');
    await fixtureClient.close();

    // 3. A wrong token: the client's initialize fails with the reason, the bridge exits 1 saying it.
    current = bridge([serve.url, '--header', 'Authorization: Bearer ${TOKEN}'], { TOKEN: `${token}x` });
    const refusedClient = new Client(checks.clientInfo);
    const connecting = refusedClient.connect(current.transport);
    const refusedChild = current.transport._process;
    check(refusedChild, 'cannot find the bridge process the SDK started');
    let error;
    try {
      await connecting;
    } catch (e) {
      error = e;
    }
    check(error instanceof McpError, `initialize through a bridge with a wrong token should fail, got ${error ?? 'success'}`);
    check(
      /refused the token \(HTTP 401\)/.test(error.message),
      `the client should hear that the token was refused, got: ${error.message}`,
    );
    const refusedExit = await waitForExit(refusedChild, 10000);
    check(refusedExit !== null, 'the bridge should exit after the remote refused the token');
    check(refusedExit.code === 1, `the bridge should exit 1 after a refused token, got ${refusedExit.code}`);
    check(
      current.stderr().includes('finagent bridge: The remote FinAgent refused the token (HTTP 401)'),
      `the bridge should say why on stderr, got:\n${current.stderr()}`,
    );
    check(!current.stderr().includes(token), 'the bridge must not print the token');
    await refusedClient.close();
    log(`wrong token: "${error.message}", bridge exit 1`);

    // 4. Plain http to another machine is refused unless asked for.
    const insecure = await run(finagentBinary(), ['bridge', 'http://finagent.example.com/mcp'], { timeoutMs: 10000 });
    check(insecure.code === 2, `plain http to a remote host should be refused with status 2, got ${insecure.code}`);
    check(/--allow-http/.test(insecure.stderr), `the refusal should mention --allow-http: ${insecure.stderr}`);
    log('plain http to a remote host: refused');
  } catch (e) {
    process.stderr.write(`bridge stderr:\n${current?.stderr() ?? ''}\nserve stderr:\n${serve.stderr()}\n`);
    throw e;
  }

  await terminate(serve.child, 'finagent serve');
  await terminate(fixtures.child, 'finagent serve --conformance-fixtures');
});
