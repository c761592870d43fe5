// Shared by the browser tests: a whole platform on free ports with its own database, and
// Debian's Chromium driven by playwright-core (no browser download: the machine's package).
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createLogger, dropDatabase, withDatabase } from '../packages/kit/dist/index.js';
import { startPlatform } from '../scripts/dist/platform.js';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export async function startTestPlatform() {
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  // A fresh data directory per run (stored files; the embedded PostgreSQL when there is no DATABASE_URL),
  // so nothing one run leaves behind shapes the next, and nothing lands in the checkout.
  env.DATA_DIR = await mkdtemp(join(tmpdir(), 'hs-e2e-'));
  // mkdtemp makes it private to root; PostgreSQL runs as its own user and must get in.
  await chmod(env.DATA_DIR, 0o755);
  let databaseUrl = null;
  if (env.DATABASE_URL) {
    databaseUrl = withDatabase(env.DATABASE_URL, `hs_e2e_${Date.now().toString(36)}_${process.pid}`);
    env.DATABASE_URL = databaseUrl;
  } else {
    env.EMBEDDED_PG_PORT = env.EMBEDDED_PG_PORT ?? '54330';
  }
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
      await rm(env.DATA_DIR, { recursive: true, force: true });
    },
  };
}

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
