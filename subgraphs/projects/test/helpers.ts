import {
  type BaseConfig,
  type Caller,
  Permission,
  type RunningSubgraph,
  runSubgraph,
  signCaller,
  stableId,
} from '@hs/kit';
import { projects } from '../src/index.js';
import { seedProjects } from '../src/seed/seed.js';
import {
  ADMIN_ID,
  createTestDatabase,
  testCaller as caller,
  testConfig,
  testLogger,
} from '../../../packages/kit/test/support.js';

export { ADMIN_ID, caller };

export const admin = caller();

/** 大冶市住建局的一名科员: sees 大冶市 projects only. */
export const daye = caller({
  userId: stableId('user', 'daye-clerk'),
  username: 'daye',
  displayName: '大冶市住建局科员',
  roles: ['district-staff'],
  permissions: [Permission.PROJECT_VIEW, Permission.PROJECT_EDIT, Permission.ENTERPRISE_VIEW],
  scope: { kind: 'DEPT', departmentIds: [stableId('department', 'daye')], districtCodes: ['420281'] },
});

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

export interface TestSubgraph {
  server: RunningSubgraph;
  config: BaseConfig;
  url: string;
  /** Every SQL statement the subgraph ran, in order (from MikroORM's query logger). */
  queries: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<GraphQLResponse<T>>;
  /** Runs `fn` and returns the SQL statements it caused. */
  countQueries(fn: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestSubgraph(options: { seed?: 'demo' | 'bench' } = {}): Promise<TestSubgraph> {
  const db = await createTestDatabase();
  const config = testConfig(db.serviceUrl('projects'));
  const queries: string[] = [];
  const server = await runSubgraph(projects, {
    config,
    logger: testLogger,
    port: 0,
    onQuery: (sql) => {
      if (sql.includes('[query]')) queries.push(sql);
    },
  });
  if (options.seed) await seedProjects(server.orm.em.fork() as never, { scale: options.seed });
  const gql = async (query: string, variables?: Record<string, unknown>, as: Caller | null = admin) => {
    const headers = {
      'content-type': 'application/json',
      'x-hs-caller': signCaller(config.ROUTER_SIGNING_KEY, as, '127.0.0.1'),
    };
    const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResponse;
  };
  return {
    server,
    config,
    url: server.url,
    queries,
    gql,
    async countQueries(fn) {
      const start = queries.length;
      await fn();
      return queries.slice(start);
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

export const firstError = (res: GraphQLResponse) => res.errors?.[0];
