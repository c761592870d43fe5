import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import {
  createLogger,
  databaseName,
  dropDatabase,
  ensureDatabase,
  loadConfig,
  withDatabase,
  stableId,
  type BaseConfig,
  type Caller,
  type DataScope,
} from '@hs/kit';

/** A private copy of the migrated template database for one test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
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
  return { url, drop: () => dropDatabase(url) };
}

/** Platform configuration for tests: fixed secrets, the given database. */
export function testConfig(databaseUrl: string): BaseConfig {
  return loadConfig(undefined, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    ROUTER_SIGNING_KEY: 'test-router-signing-key-0123456789abcdef',
    AUTH_TOKEN_SECRET: 'test-auth-token-secret-0123456789abcdef',
    FIELD_ENCRYPTION_KEY: '0123456789abcdeffedcba9876543210',
  });
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
