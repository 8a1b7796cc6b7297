// The official TypeScript SDK client against `finagent serve` over Streamable HTTP, with a bearer token.

import {
  check,
  log,
  main,
  prepareWorkDir,
  recordIncoming,
  requireModules,
  startServe,
  terminate,
  writeTokenFile,
} from './lib.mjs';

requireModules('@modelcontextprotocol/sdk');

await main('e2e_sdk_http', async () => {
  const work = prepareWorkDir('sdk-http');
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StreamableHTTPClientTransport, StreamableHTTPError } = await import(
    '@modelcontextprotocol/sdk/client/streamableHttp.js'
  );
  const checks = await import('./sdkchecks.mjs');

  const { token, file } = writeTokenFile(work.dir);
  const serve = await startServe(['--token-file', file]);
  log(`finagent serve started as PID ${serve.child.pid} at ${serve.url}`);
  check(!serve.stderr().includes(token), 'finagent serve must not print the token');

  const transportWith = (bearer, options = {}) =>
    new StreamableHTTPClientTransport(new URL(serve.url), {
      requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
      ...options,
    });

  try {
    // A wrong token: the SDK surfaces the HTTP 401.
    const rejected = new Client(checks.clientInfo);
    let error;
    try {
      await rejected.connect(transportWith(`${token}x`));
    } catch (e) {
      error = e;
    }
    check(error, 'initialize with a wrong token should fail');
    check(
      error instanceof StreamableHTTPError && error.code === 401,
      `a wrong token should be rejected with HTTP 401, got ${error}`,
    );
    await rejected.close();
    log('wrong token: HTTP 401');

    const transport = transportWith(token);
    const incoming = recordIncoming(transport);
    const client = new Client(checks.clientInfo);
    await client.connect(transport);
    const sessionId = transport.sessionId;
    check(sessionId, 'the server should assign an Mcp-Session-Id');
    check(/^[\x21-\x7e]+$/.test(sessionId), `the session id should be visible ASCII, got ${JSON.stringify(sessionId)}`);

    await checks.checkInitialize(client, incoming);
    await checks.checkTools(client, ['serve', 'streamable-http', 'http']);
    await checks.checkInvalidCalls(client);
    await checks.checkPing(client);

    // DELETE ends the session; the ended session id is then unknown (404).
    await transport.terminateSession();
    check(transport.sessionId === undefined, 'the SDK should drop the session id after terminateSession');
    await client.close();
    log('terminateSession: DELETE accepted');

    const stale = new Client(checks.clientInfo);
    const staleTransport = transportWith(token, { sessionId });
    await stale.connect(staleTransport); // an existing session id: the SDK skips initialize
    error = undefined;
    try {
      await stale.listTools();
    } catch (e) {
      error = e;
    }
    check(error, 'a request on an ended session should fail');
    check(
      error instanceof StreamableHTTPError && error.code === 404,
      `a request on an ended session should get HTTP 404, got ${error}`,
    );
    await stale.close();
    log('call on the ended session: HTTP 404');
  } catch (e) {
    process.stderr.write(`finagent stderr:\n${serve.stderr()}\n`);
    throw e;
  }

  await terminate(serve.child, 'finagent serve');
  log('SIGTERM: finagent serve exited 0');
});
