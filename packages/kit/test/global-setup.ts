import type { TestProject } from 'vitest/node';
import {
  dropDatabase,
  ensureDatabase,
  migrateSubgraph,
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedDatabase,
} from '@hs/kit';
import { SUBGRAPHS } from '../../../scripts/src/subgraphs.js';
import { migrateRouter } from '../../../router/src/db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database with every subgraph's migrations applied; tests copy it with `CREATE DATABASE … TEMPLATE`. */
    templateDatabaseUrl: string;
  }
}

/**
 * Integration tests run against a real PostgreSQL: the server named by DATABASE_URL (CI: the
 * machine's PostgreSQL 15) or, with none, an embedded PostgreSQL under ./data/test-pg.
 * Each run gets a fresh template database; each test file copies it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres('data/test-pg', Number(process.env.TEST_PG_PORT ?? 54329));
    serverUrl = embedded.url;
  }
  const templateUrl = withDatabase(serverUrl, `hs_test_${Date.now().toString(36)}_${process.pid}`);
  await ensureDatabase(templateUrl);
  for (const module of SUBGRAPHS) await migrateSubgraph(module, templateUrl);
  await migrateRouter(templateUrl);
  project.provide('templateDatabaseUrl', templateUrl);

  return async () => {
    await dropDatabase(templateUrl).catch(() => {});
    await embedded?.stop();
  };
}
