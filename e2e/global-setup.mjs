// Once per browser-test run (node --test --test-global-setup): migrate and seed the demo data a
// single time into a template database, with one data directory (development secrets, the seeded
// signature files). Each test file then starts its platform on its own copy of that database
// (CREATE DATABASE … TEMPLATE), so files stay independent of each other's changes while the
// run pays for migrations and seeding once.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createLogger,
  databaseName,
  dropDatabase,
  startEmbeddedPostgres,
  withDatabase,
} from '../packages/kit/dist/index.js';
import { startPlatform } from '../scripts/dist/platform.js';

let embedded = null;
let dataDir = null;
let templateUrl = null;

export async function globalSetup() {
  dataDir = await mkdtemp(join(tmpdir(), 'hs-e2e-'));
  // mkdtemp makes it private to root; PostgreSQL runs as its own user and must get in.
  await chmod(dataDir, 0o755);
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres(join(dataDir, 'pg'), Number(process.env.EMBEDDED_PG_PORT ?? 54330));
    serverUrl = embedded.url;
  }
  templateUrl = withDatabase(serverUrl, `hs_e2e_tpl_${Date.now().toString(36)}_${process.pid}`);
  const logLevel = process.env.LOG_LEVEL ?? 'warn';
  const platform = await startPlatform({
    logger: createLogger('e2e-setup', logLevel),
    env: { ...process.env, LOG_LEVEL: logLevel, DATA_DIR: dataDir, DATABASE_URL: templateUrl },
    port: 0,
    subgraphPorts: 'free',
  });
  await platform.close();
  // CREATE DATABASE … TEMPLATE refuses while anything is connected to the template: a pool's
  // connection may still be closing after the platform stopped.
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
    databaseName(templateUrl),
  ]);
  await admin.end();
  // Read by e2e/support.mjs in every test file's process.
  process.env.HS_E2E_SERVER_URL = serverUrl;
  process.env.HS_E2E_TEMPLATE_URL = templateUrl;
  process.env.HS_E2E_DATA_DIR = dataDir;
}

export async function globalTeardown() {
  if (templateUrl) await dropDatabase(templateUrl).catch(() => {});
  await embedded?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
