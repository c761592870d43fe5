// Shared by the browser tests: a whole platform on free ports with its own database, and
// Debian's Chromium driven by playwright-core (no browser download: the machine's package).
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  createLogger,
  databaseName,
  dropDatabase,
  ensureDatabase,
  runSubgraph,
  withDatabase,
} from '../packages/kit/dist/index.js';
import { startPlatform } from '../scripts/dist/platform.js';
import { SUBGRAPHS } from '../scripts/dist/subgraphs.js';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export async function startTestPlatform() {
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const template = process.env.HS_E2E_TEMPLATE_URL;
  let ownDataDir = null;
  let databaseUrl = null;
  if (template) {
    // Under e2e/global-setup.mjs: a copy of the seeded template, the run's shared data directory
    // (its secrets decrypt the seeded data; stored files are kept by SHA-256, so sharing is safe).
    env.DATA_DIR = process.env.HS_E2E_DATA_DIR;
    databaseUrl = withDatabase(process.env.HS_E2E_SERVER_URL, uniqueDatabaseName());
    await ensureDatabase(databaseUrl, databaseName(template));
  } else {
    // A single file run by hand: a fresh data directory (stored files; the embedded PostgreSQL when
    // there is no DATABASE_URL), so nothing one run leaves behind shapes the next.
    ownDataDir = env.DATA_DIR = await mkdtemp(join(tmpdir(), 'hs-e2e-'));
    // mkdtemp makes it private to root; PostgreSQL runs as its own user and must get in.
    await chmod(env.DATA_DIR, 0o755);
    if (env.DATABASE_URL) databaseUrl = withDatabase(env.DATABASE_URL, uniqueDatabaseName());
    else env.EMBEDDED_PG_PORT = env.EMBEDDED_PG_PORT ?? '54330';
  }
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const platform = await startPlatform({
    logger: createLogger('e2e', env.LOG_LEVEL),
    env,
    port: 0,
    subgraphPorts: 'free',
  });
  return {
    ...platform,
    base: platform.url.replace(/\/graphql$/, ''),
    close: async () => {
      await platform.close();
      if (databaseUrl) await dropDatabase(databaseUrl);
      if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops one subgraph behind the running router, as a crash or a redeploy would, and returns
 * `start()`, which serves it again on the same port so that the router's reconnect finds it. The
 * new instance takes the old one's place in `platform.subgraphs` (the same object), so the
 * platform's close() stops the one running then.
 */
export async function stopSubgraph(platform, name) {
  const running = platform.subgraphs.find((s) => s.name === name);
  // Started again as the same database role (its own least-privilege one, not the platform's owner).
  const config = { ...platform.config, DATABASE_URL: running.orm.config.get('clientUrl') };
  await running.close();
  return {
    start: async () => {
      const restarted = await runSubgraph(
        SUBGRAPHS.find((m) => m.name === name),
        { config, logger: createLogger('e2e', process.env.LOG_LEVEL ?? 'warn'), port: running.port },
      );
      Object.assign(running, restarted);
    },
  };
}

const uniqueDatabaseName = () => `hs_e2e_${Date.now().toString(36)}_${process.pid}`;

/** `extraArgs`: e.g. Chromium's fake camera for the phone pages (--use-fake-device-for-media-stream). */
export async function launchBrowser(extraArgs = []) {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export const screenshotPath = (name) => `${ARTIFACTS}${name}.png`;
