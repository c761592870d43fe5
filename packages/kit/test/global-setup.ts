import type { TestProject } from 'vitest/node';
import {
  applyGrants,
  dropDatabase,
  ensureDatabase,
  migrateSubgraph,
  provisionRoles,
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedDatabase,
} from '@hs/kit';
import { DATABASE_GRANTS, SUBGRAPHS } from '../../../scripts/src/subgraphs.js';
import { migrateRouter } from '../../../router/src/db.js';
import { ownerUrl, TEST_ROLE_PASSWORDS } from './roles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database with every subgraph's migrations applied; tests copy it with `CREATE DATABASE … TEMPLATE`. */
    templateDatabaseUrl: string;
  }
}

/**
 * Integration tests run against a real PostgreSQL: the server named by DATABASE_URL (CI: the
 * machine's PostgreSQL 15) or, with none, an embedded PostgreSQL under ./data/test-pg.
 * Each run gets a fresh template database; each test file copies it. As in production (issue #10)
 * the owner role migrates it and the services connect as their own roles (packages/kit/test/roles.ts).
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
  await provisionRoles(templateUrl, DATABASE_GRANTS, TEST_ROLE_PASSWORDS);
  for (const module of SUBGRAPHS) await migrateSubgraph(module, ownerUrl(templateUrl));
  // After identity's: the router reads identity.revoked_session_v.
  await migrateRouter(ownerUrl(templateUrl));
  await applyGrants(ownerUrl(templateUrl), DATABASE_GRANTS);
  project.provide('templateDatabaseUrl', templateUrl);

  return async () => {
    await dropDatabase(templateUrl).catch(() => {});
    await embedded?.stop();
  };
}
