import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import {
  createLogger,
  databaseName,
  dropDatabase,
  ensureDatabase,
  loadConfig,
  OWNER_ROLE,
  withDatabase,
  stableId,
  type BaseConfig,
  type Caller,
  type DataScope,
} from '@hs/kit';
import { DATABASE_GRANTS } from '../../../scripts/src/subgraphs.js';
import { ownerUrl, serviceUrl } from './roles.js';

export interface TestDatabase {
  /** As the server's superuser: test setup, and tests that play a DBA. */
  url: string;
  /** As the owner role that migrations run as. */
  ownerUrl: string;
  /** As the role the service of `schema` connects as (issue #10): what runSubgraph gets. */
  serviceUrl(schema: string): string;
  /**
   * The launcher's variables for roles that exist (MIGRATION_DATABASE_URL, <SCHEMA>_DATABASE_URL):
   * startPlatform would otherwise set new passwords on roles the other test files share.
   */
  /** `startPlatform`'s environment: migrate as the owner, every service (subgraphs and router) as its role. */
  platformEnv(): Record<string, string>;
  drop(): Promise<void>;
}

/** A private copy of the migrated template database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDatabaseUrl');
  const url = withDatabase(template, `${databaseName(template)}_${randomBytes(4).toString('hex')}`);
  // Two files copying the template at the same moment make PostgreSQL refuse one (55006): retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(url, databaseName(template));
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  // A copy belongs to whoever made it; as after `npm run db:roles`, the owner role owns the database.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`alter database "${databaseName(url)}" owner to ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  return {
    url,
    ownerUrl: ownerUrl(url),
    serviceUrl: (schema) => serviceUrl(url, schema),
    platformEnv: () => ({
      MIGRATION_DATABASE_URL: ownerUrl(url),
      ...Object.fromEntries(
        DATABASE_GRANTS.map(({ schema }) => [`${schema.toUpperCase()}_DATABASE_URL`, serviceUrl(url, schema)]),
      ),
    }),
    drop: () => dropDatabase(url),
  };
}

/** The tests' fixed secrets (never a deployment's). */
export const TEST_SECRETS = {
  ROUTER_SIGNING_KEY: 'test-router-signing-key-0123456789abcdef',
  AUTH_TOKEN_SECRET: 'test-auth-token-secret-0123456789abcdef',
  FIELD_ENCRYPTION_KEY: '0123456789abcdeffedcba9876543210',
};

/** Platform configuration for tests: fixed secrets, the given database. */
export function testConfig(databaseUrl: string): BaseConfig {
  return loadConfig(undefined, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ...TEST_SECRETS });
}

export const testLogger = createLogger('test', 'silent');

export const ADMIN_ID = stableId('user', 'admin');

/** A signed-in caller for subgraph tests: the seeded admin unless overridden (scope merged). */
export function testCaller(overrides: Omit<Partial<Caller>, 'scope'> & { scope?: Partial<DataScope> } = {}): Caller {
  const { scope, ...rest } = overrides;
  return {
    userId: ADMIN_ID,
    username: 'admin',
    displayName: '系统管理员',
    departmentId: null,
    roles: ['admin'],
    permissions: ['*'],
    sessionId: 'test-session',
    ...rest,
    scope: { kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [], ...scope },
  };
}
