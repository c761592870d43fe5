import { type Caller, PgPubSub, signCaller } from '@hs/kit';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROJECT_CHANGED_TOPIC } from '../src/projects/project.service.js';
import { admin, caller, daye, startTestSubgraph, type TestSubgraph } from './helpers.js';

/**
 * projectChanged: published on every create/update (ids, and the site facts replicas such as the workforce
 * geofence need), delivered within the subscriber's data scope.
 */
let t: TestSubgraph;
const clients: Client[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A queue of events with a timed `next`. */
function inbox<T>() {
  const items: T[] = [];
  const seen: T[] = [];
  const waiters: ((v: T) => void)[] = [];
  return {
    items,
    /** Every event ever received, consumed or not. */
    seen,
    push(v: T) {
      seen.push(v);
      const w = waiters.shift();
      if (w) w(v);
      else items.push(v);
    },
    next(ms = 3000): Promise<T | 'timeout'> {
      if (items.length) return Promise.resolve(items.shift()!);
      return new Promise((resolve) => {
        const w = (v: T) => {
          clearTimeout(timer);
          resolve(v);
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          resolve('timeout');
        }, ms);
        waiters.push(w);
      });
    },
  };
}

const SUBSCRIPTION = `subscription($d: String) { projectChanged(districtCode: $d) { kind at project { id name districtCode status district { name } generalContractor { name } } } }`;

/** Subscribes over graphql-ws the way the router does: signed caller on the connection and on the subscribe message. */
function subscribe(as: Caller, variables: Record<string, unknown> = {}) {
  const sign = () => signCaller(t.config.ROUTER_SIGNING_KEY, as, '127.0.0.1');
  const client = createClient({
    url: t.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: () => ({ 'x-hs-caller': sign() }),
    retryAttempts: 0,
  });
  clients.push(client);
  const box = inbox<any>();
  client.subscribe(
    { query: SUBSCRIPTION, variables, extensions: { 'x-hs-caller': sign() } },
    { next: (r) => box.push(r), error: (e) => box.push({ error: e }), complete: () => {} },
  );
  return box;
}

async function updateStatus(id: string, status: string) {
  const res = await t.gql(
    'mutation($id: ID!, $s: ProjectStatus!) { updateProject(id: $id, input: { status: $s }) { id } }',
    { id, s: status },
  );
  expect(res.errors).toBeUndefined();
}

/** The next event matching `predicate`, skipping others (e.g. a warm-up event still in flight). */
async function waitFor(box: ReturnType<typeof inbox<any>>, predicate: (e: any) => boolean, ms = 5000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    const event = await box.next(Math.max(1, deadline - Date.now()));
    if (event === 'timeout') throw new Error('expected event did not arrive');
    if (event.error || event.errors)
      throw new Error(`subscription failed: ${JSON.stringify(event.errors ?? String(event.error))}`);
    if (predicate(event)) return event;
  }
}

/** Touches `projectId` until the subscriber sees it: the subscription is live from then on. */
async function warmUp(box: ReturnType<typeof inbox<any>>, projectId: string) {
  for (let i = 0; i < 40; i++) {
    await updateStatus(projectId, 'UNDER_CONSTRUCTION');
    const event = await box.next(250);
    if (event !== 'timeout') {
      expect(event.data?.projectChanged?.project?.id, JSON.stringify(event)).toBe(projectId);
      return;
    }
  }
  throw new Error('subscription never became live');
}

let dayeProject: { id: string };
let hsgProject: { id: string; name: string; project_code: string | null; permit_code: string | null };

beforeAll(async () => {
  t = await startTestSubgraph({ seed: 'demo' });
  const rows = await t.server.orm.em
    .getConnection()
    .execute(
      `select id, name, district_code, project_code, permit_code from projects.project where status <> 'PLANNED' and completed_date is null order by project_code`,
    );
  dayeProject = rows.find((r: any) => r.district_code === '420281') as { id: string };
  hsgProject = rows.find((r: any) => r.district_code === '420202') as typeof hsgProject;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.close();
});

describe('projectChanged', () => {
  it('is published through PgPubSub with ids and site facts, on create and on update', async () => {
    const listener = new PgPubSub(t.config.DATABASE_URL);
    try {
      const events = listener.subscribe(PROJECT_CHANGED_TOPIC)[Symbol.asyncIterator]();
      // Handshake: our own probe coming back proves LISTEN is in place (re-sent until it does).
      const first = events.next();
      await listener.ready(PROJECT_CHANGED_TOPIC);
      let probe: IteratorResult<unknown> | null = null;
      for (let i = 0; i < 50 && !probe; i++) {
        await listener.publish(PROJECT_CHANGED_TOPIC, { probe: true });
        probe = await Promise.race([first, sleep(200).then(() => null)]);
      }
      expect(probe?.value).toEqual({ probe: true });
      // Drain any duplicate probes before the real event.
      let updated: any;
      await updateStatus(hsgProject.id, 'SUSPENDED');
      do updated = (await events.next()).value;
      while (updated?.probe);
      expect(updated).toMatchObject({ kind: 'UPDATED', projectId: hsgProject.id, districtCode: '420202' });
      expect(Object.keys(updated).sort()).toEqual([
        'at',
        'districtCode',
        'kind',
        'location',
        'name',
        'permitCode',
        'projectCode',
        'projectId',
        'siteBoundary',
        'siteBoundaryOmitted',
      ]);
      expect(updated).toMatchObject({ name: hsgProject.name, siteBoundaryOmitted: false });
      // The codes the supervision replica links pulled inspections by (ADR 0016).
      expect(updated).toMatchObject({ projectCode: hsgProject.project_code, permitCode: hsgProject.permit_code });
      expect(new Date(updated.at).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const created = await t.gql('mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }', {
        input: {
          permitCode: '420222202611200101',
          name: '阳新县兴国镇人才公寓一期工程',
          type: 'HOUSING',
          districtCode: '420222',
          address: '阳新县兴国镇园林路8号',
          location: { lng: 115.21, lat: 29.83 },
        },
      });
      expect(created.errors).toBeUndefined();
      expect((await events.next()).value).toMatchObject({
        kind: 'CREATED',
        projectId: created.data.createProject.id,
        districtCode: '420222',
      });
      await events.return?.();
    } finally {
      await listener.close();
    }
  });

  it('delivers over graphql-ws within the subscriber’s scope, with the district filter', async () => {
    const cityWide = subscribe(admin);
    const dayeUser = subscribe(daye);
    const onlyHsg = subscribe(admin, { d: '420202' });
    await warmUp(cityWide, dayeProject.id);
    await warmUp(dayeUser, dayeProject.id);
    await warmUp(onlyHsg, hsgProject.id);

    // A 黄石港区 change: the city-wide and the 黄石港区 subscribers get it, the 大冶市 user does not.
    await updateStatus(hsgProject.id, 'SUSPENDED');
    const isSuspension = (e: any) =>
      e.data?.projectChanged?.project?.id === hsgProject.id && e.data.projectChanged.project.status === 'SUSPENDED';
    const seen = await waitFor(cityWide, isSuspension);
    expect(seen.data.projectChanged).toMatchObject({
      kind: 'UPDATED',
      project: { id: hsgProject.id, status: 'SUSPENDED', district: { name: '黄石港区' } },
    });
    expect(new Date(seen.data.projectChanged.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await waitFor(onlyHsg, isSuspension);

    // A new 大冶市 project: CREATED for the 大冶市 user and the city-wide one, not for the 黄石港区 filter.
    const created = await t.gql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      {
        input: {
          projectCode: '42028120269100001',
          name: '大冶市金湖街道农贸市场改造工程',
          type: 'OTHER',
          districtCode: '420281',
          address: '大冶市金湖街道金湖大道18号',
          location: { lng: 114.980424, lat: 30.096147 },
        },
      },
      daye,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createProject.id;
    const isCreation = (e: any) =>
      e.data?.projectChanged?.kind === 'CREATED' && e.data.projectChanged.project.id === id;
    const forDaye = await waitFor(dayeUser, isCreation);
    expect(forDaye.data.projectChanged.project).toMatchObject({ districtCode: '420281', generalContractor: null });
    await waitFor(cityWide, isCreation);

    // Whatever else arrived, the 大冶市 user only ever saw 大冶市 projects and the filter only 黄石港区 ones.
    await sleep(300);
    expect(dayeUser.items.every((e: any) => e.data.projectChanged.project.districtCode === '420281')).toBe(true);
    expect(onlyHsg.items.every((e: any) => e.data.projectChanged.project.districtCode === '420202')).toBe(true);
    expect(dayeUser.seen.some((e: any) => e.data?.projectChanged?.project?.districtCode !== '420281')).toBe(false);
    expect(onlyHsg.seen.some((e: any) => e.data?.projectChanged?.project?.districtCode !== '420202')).toBe(false);
  });

  it('refuses a subscription without project:view or without the router signature', async () => {
    const noPerm = subscribe(caller({ permissions: [] }));
    const refused = (await noPerm.next()) as any;
    expect(refused.errors?.[0]?.extensions?.code ?? refused.error?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const client = createClient({ url: t.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    const box = inbox<any>();
    client.subscribe(
      { query: SUBSCRIPTION },
      { next: (r) => box.push(r), error: (e) => box.push({ error: e }), complete: () => {} },
    );
    const result = (await box.next()) as any;
    expect(result.error).toBeDefined(); // the connection itself is refused
  });
});
