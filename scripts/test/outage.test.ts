/**
 * A subgraph down costs only its own fields (issue #10, "Faults"): the production topology, one
 * process per service (scripts/dist/serve.js per subgraph, router/dist/main.js), on a fresh
 * migrated and seeded database. Each subgraph is stopped in turn while one query spans all four;
 * the answer keeps every other subgraph's data and says, with a path and UPSTREAM_UNAVAILABLE,
 * what is missing. Needs `npm run build` first (the processes run the built code).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/platform.js';
import { repoPath } from '../src/paths.js';
import { routerClient } from './support.js';
import { createTestDatabase, testConfig, testLogger } from '../../packages/kit/test/support.js';

/** This file's own ports (4700–4799), so it can run beside other helpers' servers. */
const ROUTER_PORT = 4700;
const SUBGRAPH_PORTS = { identity: 4701, projects: 4702, fire: 4703, workforce: 4704 } as const;
type Subgraph = keyof typeof SUBGRAPH_PORTS;
const SUBGRAPHS = Object.keys(SUBGRAPH_PORTS) as Subgraph[];

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const processes = new Map<string, ChildProcess>();
let token: string;

function start(name: string, script: string, args: string[], extra: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [repoPath(script), ...args], {
    env: { ...env, ...extra },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  processes.set(name, child);
  return child;
}

/** Each service process connects as its own least-privilege role, as in production (ADR 0012). */
const startSubgraph = (name: Subgraph) =>
  start(name, 'scripts/dist/serve.js', [name], {
    PORT: String(SUBGRAPH_PORTS[name]),
    DATABASE_URL: db.serviceUrl(name),
  });

async function stop(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = processes.get(name);
  processes.delete(name);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Polls until `probe` holds; the test timeout bounds it (no wall-clock assertion). */
async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const healthy = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;

const router = routerClient(() => `http://127.0.0.1:${ROUTER_PORT}/graphql`);
const gql = (query: string, variables: Record<string, unknown> = {}) => router.gql(query, variables, token);

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.ownerUrl, 'demo', testLogger, testConfig(db.ownerUrl));
  dataDir = await mkdtemp(join(tmpdir(), 'hs-outage-'));
  const config = testConfig(db.url);
  env = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    ROUTER_SIGNING_KEY: config.ROUTER_SIGNING_KEY,
    AUTH_TOKEN_SECRET: config.AUTH_TOKEN_SECRET,
    FIELD_ENCRYPTION_KEY: config.FIELD_ENCRYPTION_KEY,
  };
  for (const name of SUBGRAPHS) startSubgraph(name);
  start('router', 'router/dist/main.js', [], {
    PORT: String(ROUTER_PORT),
    ...Object.fromEntries(
      SUBGRAPHS.map((name) => [
        `SUBGRAPH_${name.toUpperCase()}_URL`,
        `http://127.0.0.1:${SUBGRAPH_PORTS[name]}/graphql`,
      ]),
    ),
  });
  for (const name of SUBGRAPHS) await until(healthy(SUBGRAPH_PORTS[name]), `${name} to start`);
  await until(healthy(ROUTER_PORT), 'router to start');
  token = await router.login('admin');
});

afterAll(async () => {
  for (const name of [...processes.keys()]) await stop(name);
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** One query over all four subgraphs: root fields of each, and fields each contributes to the others' entities. */
const SPAN = /* GraphQL */ `
  query Span($project: ID!) {
    me {
      username
    }
    projects(page: { page: 1, pageSize: 3 }) {
      total
      items {
        id
        name
        createdBy {
          username
        }
      }
    }
    project(id: $project) {
      id
      name
      fireInspections {
        id
      }
      personnel {
        total
      }
    }
    fireInspections(page: { page: 1, pageSize: 3 }) {
      total
      items {
        id
        project {
          name
        }
      }
    }
    workforcePeople(page: { page: 1, pageSize: 3 }) {
      total
      items {
        id
        employments {
          project {
            # name alone is provided by workforce's own copy (@provides): status needs projects
            name
            status
          }
        }
      }
    }
  }
`;

/** What each subgraph's absence costs: response paths (`*` = every list item) that become null. */
const COSTS: Record<Subgraph, string[][]> = {
  identity: [['me'], ['projects', 'items', '*', 'createdBy']],
  projects: [
    ['projects'],
    ['project'],
    ['fireInspections', 'items', '*', 'project'],
    ['workforcePeople', 'items', '*', 'employments', '*', 'project'],
  ],
  fire: [['fireInspections'], ['project', 'fireInspections']],
  workforce: [['workforcePeople'], ['project', 'personnel']],
};

/** A copy of `value` with every path matching `pattern` set to null (where its parent exists). */
function nulled(value: any, pattern: string[]): any {
  if (value === null || value === undefined) return value;
  const [head, ...rest] = pattern;
  if (head === '*') return (value as any[]).map((item) => (rest.length ? nulled(item, rest) : null));
  return { ...value, [head]: rest.length ? nulled(value[head], rest) : null };
}

/** True when `path` (with list indexes) is matched by `pattern`. */
const matches = (path: (string | number)[], pattern: string[]) =>
  pattern.every((part, i) => (part === '*' ? typeof path[i] === 'number' : path[i] === part));

const SUBSYSTEM_NAMES: Record<Subgraph, string> = {
  identity: '用户与权限子系统',
  projects: '项目与企业子系统',
  fire: '消防子系统',
  workforce: '劳务实名制子系统',
};

describe('a subgraph down costs only its own fields (one process per service)', () => {
  it('every subgraph stopped in turn: the rest of the answer, errors with paths, full answer again after restart', async () => {
    // a project with fire inspections, so that every cross-subgraph field has data
    const inspected = await gql('{ fireInspections(page: { page: 1, pageSize: 50 }) { items { projectId } } }');
    const variables = { project: inspected.data.fireInspections.items.find((i: any) => i.projectId).projectId };
    const span = () => gql(SPAN, variables);
    const full = await span();
    expect(full.errors).toBeUndefined();
    expect(full.data.projects.items.some((p: any) => p.createdBy)).toBe(true);
    expect(full.data.project.fireInspections.length).toBeGreaterThan(0);
    expect(full.data.project.personnel.total).toBeGreaterThan(0);
    expect(full.data.fireInspections.items.some((i: any) => i.project)).toBe(true);
    expect(full.data.workforcePeople.items.some((p: any) => p.employments.length > 0)).toBe(true);

    for (const name of SUBGRAPHS) {
      await stop(name);
      const degraded = await span();
      const expected = COSTS[name].reduce(nulled, full.data);
      expect(degraded.data, `${name} down: the other subgraphs' data`).toEqual(expected);
      expect(degraded.errors?.length, `${name} down: errors`).toBeGreaterThan(0);
      for (const error of degraded.errors!) {
        expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', details: { subsystem: name } });
        expect(error.message).toBe(`${SUBSYSTEM_NAMES[name]}暂不可用，请稍后重试`);
        expect(
          COSTS[name].some((pattern) => matches(error.path ?? [], pattern)),
          `${name} down: error path ${JSON.stringify(error.path)} points into a missing field`,
        ).toBe(true);
      }
      // every missing root field and every missing contributed field has its own error
      for (const pattern of COSTS[name]) {
        expect(
          degraded.errors!.some((e) => matches(e.path ?? [], pattern)),
          `${name} down: an error at ${pattern.join('.')}`,
        ).toBe(true);
      }

      const restarted = Date.now();
      startSubgraph(name);
      await until(healthy(SUBGRAPH_PORTS[name]), `${name} to restart`);
      const healthyAt = Date.now();
      await until(async () => (await span()).errors === undefined, `full answer after ${name} restarted`);
      const answeredAt = Date.now();
      expect((await span()).data).toEqual(full.data);
      console.info(
        `[outage] ${name}: full answer ${answeredAt - restarted} ms after its restart began ` +
          `(process up after ${healthyAt - restarted} ms, router answering in full ${answeredAt - healthyAt} ms later)`,
      );
    }
  });

  it('a root field of a stopped subgraph gives its error, the other root fields their data', async () => {
    const ROOTS = `query Roots { me { username } projectStats { total } workforceToday { date } fireAnalytics { totals { inspections } } }`;
    const full = await gql(ROOTS);
    expect(full.errors).toBeUndefined();
    await stop('fire');
    try {
      const degraded = await gql(ROOTS);
      expect(degraded.data).toEqual({ ...full.data, fireAnalytics: null });
      expect(degraded.errors).toEqual([
        {
          message: '消防子系统暂不可用，请稍后重试',
          path: ['fireAnalytics'],
          extensions: { code: 'UPSTREAM_UNAVAILABLE', details: { subsystem: 'fire' } },
        },
      ]);
    } finally {
      startSubgraph('fire');
      await until(healthy(SUBGRAPH_PORTS.fire), 'fire to restart');
    }
  });

  it('a live subscription through the router: its subgraph killed says INTERRUPTED, restarted says RESYNC, then events again', async () => {
    const client = createClient({
      url: `ws://127.0.0.1:${ROUTER_PORT}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const events: any[] = [];
    const errors: unknown[] = [];
    let waiting: (() => void) | null = null;
    const nth = (n: number) =>
      new Promise<void>((resolve) => {
        waiting = () => events.length >= n && resolve();
        waiting();
      });
    const stopListening = client.subscribe(
      { query: 'subscription { projectChanged { kind project { id status createdBy { username } } } }' },
      {
        next: (event) => {
          events.push(event);
          waiting?.();
        },
        error: (error) => void errors.push(error),
        complete: () => {},
      },
    );
    try {
      const { projects } = (
        await gql('{ projects(page: { page: 1, pageSize: 100 }) { items { id status startDate completedDate } } }')
      ).data;
      const target = projects.items.find((p: any) => p.status === 'UNDER_CONSTRUCTION' || p.status === 'SUSPENDED');
      const flip = (status: string) =>
        gql('mutation($id: ID!, $s: ProjectStatus!) { updateProject(id: $id, input: { status: $s }) { id } }', {
          id: target.id,
          s: status,
        });
      // the stream is live: a change arrives with identity's field resolved
      await until(async () => {
        await flip(target.status === 'SUSPENDED' ? 'UNDER_CONSTRUCTION' : 'SUSPENDED');
        await flip(target.status);
        return events.length > 0;
      }, 'the first event');
      await nth(2);
      expect(events[0].data.projectChanged.project.createdBy).toBeDefined();
      const before = events.length;

      await stop('projects', 'SIGKILL');
      await nth(before + 1);
      expect(events[before]).toEqual({
        extensions: {
          subscription: {
            status: 'INTERRUPTED',
            code: 'UPSTREAM_UNAVAILABLE',
            message: '订阅的数据来源暂时中断，正在重新连接；期间的变化可能丢失',
          },
        },
      });

      const restarted = Date.now();
      startSubgraph('projects');
      await nth(before + 2);
      const resyncAt = Date.now();
      expect(events[before + 1].extensions.subscription.status).toBe('RESYNC');
      await flip(target.status === 'SUSPENDED' ? 'UNDER_CONSTRUCTION' : 'SUSPENDED');
      await nth(before + 3);
      const eventAt = Date.now();
      expect(events[before + 2].data.projectChanged.project.id).toBe(target.id);
      await flip(target.status);
      expect(errors).toEqual([]);
      console.info(
        `[outage] subscription: RESYNC ${resyncAt - restarted} ms after the projects restart began, ` +
          `a new event ${eventAt - restarted} ms after it`,
      );
    } finally {
      stopListening();
      await client.dispose();
    }
  });
});
