import pg from 'pg';
import {
  CALLER_HEADER,
  runSubgraph,
  signCaller,
  verifyAccessToken,
  type BaseConfig,
  type Caller,
  type RunningSubgraph,
} from '@hs/kit';
import { identity } from '../src/index.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; details?: Record<string, any> } }[];
}

export interface Harness {
  config: BaseConfig;
  server: RunningSubgraph;
  /** Every SQL statement the subgraph ran (tests may clear it). */
  queries: string[];
  /** A GraphQL call as the router would make it: signed caller (null = anonymous), client IP and user agent. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller | null,
    ip?: string,
  ): Promise<GraphQLResult<T>>;
  /** Logs in over GraphQL and returns the caller the router would forward for the issued access token. */
  loginAs(username: string, password: string): Promise<{ caller: Caller; accessToken: string; refreshToken: string }>;
  /** SQL through the service's own connection (its database role). */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** SQL as a DBA (superuser), for tests that play someone with every database power. */
  dba<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export const TEST_IP = '10.20.30.40';
export const TEST_UA = 'Mozilla/5.0 (identity test)';

export const LOGIN = `mutation ($u: String!, $p: String!) {
  login(username: $u, password: $p) { accessToken refreshToken expiresIn mustChangePassword user { id username } }
}`;

export interface HarnessOptions {
  /** Extra settings (IDENTITY_*) merged into the config. */
  settings?: Record<string, string>;
}

/**
 * Starts identity on a fresh database. The login captcha is effectively off (after 1000 failures)
 * unless `settings` says otherwise: most files test other rules with many failed logins from one
 * address; test/captcha.test.ts runs with the real default.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const config = {
    ...testConfig(db.serviceUrl('identity')),
    IDENTITY_CAPTCHA_AFTER_FAILURES: '1000',
    ...options.settings,
  } as BaseConfig;
  const queries: string[] = [];
  const server = await runSubgraph(identity, {
    config,
    logger: testLogger,
    port: 0,
    onQuery: (sql) => queries.push(sql),
  });
  await identity.seed!(server.orm.em.fork() as never, { scale: 'demo', logger: testLogger });

  const gql: Harness['gql'] = async (query, variables = {}, caller = null, ip = TEST_IP) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: signCaller(config.ROUTER_SIGNING_KEY, caller, ip, { userAgent: TEST_UA }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult;
  };

  return {
    config,
    server,
    queries,
    gql,
    async loginAs(username, password) {
      const result = await gql(LOGIN, { u: username, p: password });
      if (!result.data) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      const { accessToken, refreshToken } = result.data.login;
      return { caller: await verifyAccessToken(config.AUTH_TOKEN_SECRET, accessToken), accessToken, refreshToken };
    },
    async sql(text, params = []) {
      const rows = await server.orm.em
        .fork()
        .getConnection()
        .execute(text, params as any[]);
      return rows as any[];
    },
    async dba(text, params = []) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

export const codeOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;
