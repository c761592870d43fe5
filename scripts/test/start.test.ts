/**
 * Issue #10, "Faults": `npm start` under a process manager. The real `npm start` (embedded
 * PostgreSQL in a temp DATA_DIR, ports of its own) is stopped the three ways an operator or a
 * process manager does it; each time every process must be gone, the PostgreSQL port free, and no
 * error line printed. After the first start the build is current and must not run again.
 * Linux only (reads /proc). One platform start per case: each starts a real PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';

// 4600–4699 and 5591–5599 are this suite's own ranges (other suites and helpers use the defaults).
const PG_PORT = 5592;
const PORTS = { PORT: 4610, IDENTITY_PORT: 4611, PROJECTS_PORT: 4612, FIRE_PORT: 4613, WORKFORCE_PORT: 4614 };

// PostgreSQL runs as its own user when the tests run as root: the data directory must be reachable.
const dataDir = mkdtempSync(join(tmpdir(), 'hs-start-test-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  npm: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output: () => string;
  node: number;
  postgres: number;
}

/** Direct children of a process, from /proc. */
function childrenOf(pid: number): { pid: number; name: string }[] {
  const found: { pid: number; name: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === pid) found.push({ pid: Number(entry), name: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls (these processes are not ours to await); the test's timeout bounds it. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 100));
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** What a failed case left running is ended, so the next case (and the machine) starts clean. */
const leftovers = new Set<number>();
afterEach(() => {
  for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  leftovers.clear();
});

async function npmStart(): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(PG_PORT) };
  for (const [key, value] of Object.entries(PORTS)) env[key] = String(value);
  delete env.DATABASE_URL;
  delete env.LOG_LEVEL;
  delete env.NODE_ENV;
  // Its own process group, as a terminal gives it: SIGINT to the group is Ctrl-C.
  const npm = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  leftovers.add(npm.pid!);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('已启动') && output.includes('router ready')) resolve();
    };
    npm.stdout!.on('data', onData);
    npm.stderr!.on('data', onData);
    npm.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
  await ready;
  const node = childrenOf(npm.pid!).find((c) => c.name.includes('node') || c.name === 'MainThread');
  expect(node, `node under npm (npm's children: ${JSON.stringify(childrenOf(npm.pid!))})`).toBeDefined();
  const postgres = childrenOf(node!.pid).find((c) => c.name === 'postgres');
  leftovers.add(node!.pid);
  expect(postgres, 'embedded PostgreSQL under node').toBeDefined();
  leftovers.add(postgres!.pid);
  return { npm, output: () => output, node: node!.pid, postgres: postgres!.pid };
}

/** Every process of the start is gone, the PostgreSQL port is free, and nothing was logged as an error. */
async function expectCleanStop(started: Started) {
  const [code, signal] = (await once(started.npm, 'exit')) as [number | null, string | null];
  await until(() => !alive(started.node) && !alive(started.postgres));
  expect(await portFree(PG_PORT)).toBe(true);
  const tail = started.output().slice(started.output().indexOf('router ready'));
  expect(tail).toMatch(/stopping/);
  expect(tail).not.toMatch(/"level":(50|60)|\bERROR\b|npm error|stop\(\) threw|longer than/);
  expect({ code, signal }).toEqual({ code: 0, signal: null });
}

describe('npm start under a process manager', () => {
  it('SIGTERM to npm stops node and PostgreSQL', { timeout: 600_000 }, async () => {
    const started = await npmStart();
    // The first start may have built; the next ones must not.
    expect(started.output()).toMatch(/build is current|构建完成/);
    process.kill(started.npm.pid!, 'SIGTERM');
    await expectCleanStop(started);
  });

  it('SIGTERM to node itself, with the build current: no build runs', { timeout: 180_000 }, async () => {
    const started = await npmStart();
    expect(started.output()).toMatch(/build is current/);
    expect(started.output()).not.toMatch(/building|> tsc|vite/);
    process.kill(started.node, 'SIGTERM');
    await expectCleanStop(started);
  });

  it('Ctrl-C (SIGINT to the process group) stops everything', { timeout: 180_000 }, async () => {
    const started = await npmStart();
    expect(started.output()).toMatch(/build is current/);
    process.kill(-started.npm.pid!, 'SIGINT');
    await expectCleanStop(started);
  });
});
