// The official TypeScript SDK client spawns `finagent stdio` and drives it over stdin/stdout.

import { check, finagentBinary, log, main, prepareWorkDir, recordIncoming, requireModules, waitForExit } from './lib.mjs';

requireModules('@modelcontextprotocol/sdk');

await main('e2e_sdk_stdio', async () => {
  prepareWorkDir('sdk-stdio');
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const checks = await import('./sdkchecks.mjs');

  const transport = new StdioClientTransport({
    command: finagentBinary(),
    args: ['stdio'],
    env: { ...process.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr.on('data', (c) => (stderr += c));
  const incoming = recordIncoming(transport);
  const client = new Client(checks.clientInfo);
  await client.connect(transport);

  // The SDK keeps its child process private; watch it so the exit status can be checked.
  const child = transport._process;
  check(child && typeof child.pid === 'number', 'cannot find the finagent process the SDK started');
  log(`finagent stdio started as PID ${child.pid}`);

  try {
    await checks.checkInitialize(client, incoming);
    await checks.checkTools(client, ['stdio']);
    await checks.checkInvalidCalls(client);
    await checks.checkPing(client);
  } catch (e) {
    process.stderr.write(`finagent stderr:\n${stderr}\n`);
    throw e;
  }

  // End of input: finagent must exit by itself, with status 0 (before the SDK's close() would
  // fall back to SIGTERM).
  child.stdin.end();
  const exit = await waitForExit(child, 10000);
  await client.close();
  check(exit !== null, `finagent stdio (PID ${child.pid}) did not exit after stdin closed`);
  check(
    exit.code === 0,
    `finagent stdio should exit 0 when stdin closes, got code ${exit.code} signal ${exit.signal}\n${stderr}`,
  );
  log('close: finagent stdio exited 0 on end of input');
});
