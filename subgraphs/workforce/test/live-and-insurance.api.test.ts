import { type Caller, signCaller } from '@hs/kit';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHrBureauSimulator, type RunningHrBureauSimulator } from '../../../simulators/hr-bureau/server.mjs';
import { ATTENDANCE_CHANGED_TOPIC } from '../src/index.js';
import {
  admin,
  dayeInspector,
  DEVICE_A,
  DEVICE_B,
  gateway,
  hire,
  idCard,
  INGEST,
  SITE_A,
  SITE_B,
  startWorkforce,
  type TestWorkforce,
} from './helpers.js';

let t: TestWorkforce;
let sim: RunningHrBureauSimulator;
const clients: Client[] = [];
beforeAll(async () => {
  sim = await startHrBureauSimulator();
  process.env.HR_BUREAU_URL = sim.url;
  process.env.HR_BUREAU_TIMEOUT_MS = '300';
  t = await startWorkforce();
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await t?.close();
  await sim?.close();
});

function subscribe(as: Caller, districtCode?: string) {
  const sign = () => signCaller(t.config.ROUTER_SIGNING_KEY, as, '127.0.0.1');
  const client = createClient({
    url: t.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: () => ({ 'x-hs-caller': sign() }),
    retryAttempts: 0,
  });
  clients.push(client);
  const events: any[] = [];
  client.subscribe(
    {
      query: `subscription($d: String) { attendanceChanged(districtCode: $d) { workDate deltas { projectId districtCode onSiteDelta keyPostDelta attendedDelta keyAttendedDelta accepted refused registeredDelta keyRegisteredDelta } } }`,
      variables: { d: districtCode ?? null },
      extensions: { 'x-hs-caller': sign() },
    },
    {
      next: (v: any) => events.push(v.data?.attendanceChanged ?? v),
      error: (e) => events.push({ error: e }),
      complete: () => {},
    },
  );
  return events;
}

/** Publishes probe events (accepted: -1) until every subscriber got one: they are live from then on. */
async function warmUp(lists: any[][]) {
  for (let i = 0; i < 40; i++) {
    await t.server.pubSub.publish(ATTENDANCE_CHANGED_TOPIC, {
      workDate: '2000-01-01',
      at: new Date().toISOString(),
      deltas: [SITE_A, SITE_B].map((projectId, k) => ({
        projectId,
        districtCode: k ? '420281' : '420202',
        onSiteDelta: 0,
        keyPostDelta: 0,
        attendedDelta: 0,
        keyAttendedDelta: 0,
        accepted: -1,
        refused: 0,
      })),
    });
    const until = Date.now() + 250;
    while (Date.now() < until && lists.some((l) => l.length === 0)) await new Promise((r) => setTimeout(r, 10));
    if (lists.every((l) => l.length > 0)) {
      await new Promise((r) => setTimeout(r, 150));
      for (const l of lists) l.length = 0;
      return;
    }
  }
  throw new Error('subscription never became live');
}

async function waitFor(cond: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('attendanceChanged: one event per batch with per-project deltas, within scope', () => {
  it('a batch of three (two people in, one unknown) arrives as one delta; 大冶 staff do not see 黄石港区', async () => {
    const a = await hire(t, idCard('420202', '19800101', 11), SITE_A, '项目经理');
    const b = await hire(t, idCard('420202', '19810101', 21), SITE_A);
    const c = await hire(t, idCard('420281', '19820101', 31), SITE_B);
    const city = subscribe(admin);
    const daye = subscribe(dayeInspector);
    await warmUp([city, daye]);
    const now = Date.now();
    await t.ok(
      INGEST,
      {
        d: DEVICE_A,
        b: 'live-1',
        e: [
          { eventId: 'l1', personId: a, occurredAt: new Date(now - 60_000).toISOString(), direction: 'IN' },
          { eventId: 'l2', personId: b, occurredAt: new Date(now - 50_000).toISOString(), direction: 'IN' },
          {
            eventId: 'l3',
            idCardHash: 'a'.repeat(64),
            occurredAt: new Date(now - 40_000).toISOString(),
            direction: 'IN',
          },
        ],
      },
      gateway,
    );
    await waitFor(() => city.length >= 1);
    expect(city).toHaveLength(1);
    expect(city[0].deltas).toEqual([
      {
        projectId: SITE_A,
        districtCode: '420202',
        onSiteDelta: 2,
        keyPostDelta: 1,
        attendedDelta: 2,
        keyAttendedDelta: 1,
        accepted: 2,
        refused: 1,
        registeredDelta: 0,
        keyRegisteredDelta: 0,
      },
    ]);
    // The person leaving makes a negative delta; 大冶 gets only its own project's batch.
    await t.ok(
      INGEST,
      {
        d: DEVICE_A,
        b: 'live-2',
        e: [{ eventId: 'l4', personId: b, occurredAt: new Date().toISOString(), direction: 'OUT' }],
      },
      gateway,
    );
    await t.ok(
      INGEST,
      {
        d: DEVICE_B,
        b: 'live-3',
        e: [{ eventId: 'l5', personId: c, occurredAt: new Date().toISOString(), direction: 'IN' }],
      },
      gateway,
    );
    await waitFor(() => city.length >= 3 && daye.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(city[1].deltas[0]).toMatchObject({ projectId: SITE_A, onSiteDelta: -1, attendedDelta: 0 });
    expect(daye).toHaveLength(1);
    expect(daye[0].deltas).toEqual([
      expect.objectContaining({ projectId: SITE_B, districtCode: '420281', onSiteDelta: 1 }),
    ]);
  });

  it('the live totals equal the query after the deltas (the dashboard never re-queries)', async () => {
    const [{ n }] = await t.sql(`select count(*)::int as n from workforce.presence where on_site and project_id = $1`, [
      SITE_A,
    ]);
    const q = await t.ok(`{ workforceProjectsToday { items { projectId onSite } } }`);
    expect(q.workforceProjectsToday.items.find((i: any) => i.projectId === SITE_A).onSite).toBe(n);
  });
});

describe("attendanceChanged: 进场/退场 and post changes move today's register live", () => {
  const yesterday = () => new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const registerOf = async (projectId: string) =>
    (
      await t.ok(`{ workforceProjectsToday { items { projectId registered keyRegistered } } }`)
    ).workforceProjectsToday.items.find((i: any) => i.projectId === projectId);
  const UPDATE = `mutation($id: ID!, $i: UpdateWorkforceEmploymentInput!) { updateWorkforceEmployment(id: $id, input: $i) { id } }`;

  it('one event per change that moves the counts, none for a change of terms; the sum equals the query', async () => {
    const city = subscribe(admin);
    const daye = subscribe(dayeInspector);
    await warmUp([city, daye]);
    const start = await registerOf(SITE_A);

    const person = await hire(t, idCard('420202', '19870707', 71), SITE_A, '安全员');
    await waitFor(() => city.length >= 1);
    expect(city[0].deltas).toEqual([
      expect.objectContaining({
        projectId: SITE_A,
        registeredDelta: 1,
        keyRegisteredDelta: 1,
        accepted: 0,
        onSiteDelta: 0,
      }),
    ]);
    const [{ id }] = await t.sql(`select id from workforce.employment where person_id = $1`, [person]);

    await t.ok(UPDATE, { id, i: { contractNo: 'HT-LIVE-01' } }); // terms only: the register does not move
    await t.ok(UPDATE, { id, i: { post: '钢筋工' } }); // no longer a key post
    await waitFor(() => city.length >= 2);
    expect(city[1].deltas[0]).toMatchObject({ registeredDelta: 0, keyRegisteredDelta: -1 });

    // Leaving today keeps them on today's register; the event comes with an exit before today.
    const exited = await t.ok(
      `mutation($id: ID!, $d: String!) { exitWorkforceEmployment(id: $id, exitDate: $d) { id } }`,
      {
        id,
        d: yesterday(), // hire() enters on 2026-01-05
      },
    );
    expect(exited.exitWorkforceEmployment.id).toBe(id);
    await waitFor(() => city.length >= 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(city).toHaveLength(3);
    expect(city[2].deltas[0]).toMatchObject({ projectId: SITE_A, registeredDelta: -1, keyRegisteredDelta: 0 });

    const end = await registerOf(SITE_A);
    const sum = (k: 'registeredDelta' | 'keyRegisteredDelta') =>
      city.reduce((acc, e) => acc + e.deltas.reduce((a: number, d: any) => a + d[k], 0), 0);
    expect(end.registered).toBe(start.registered + sum('registeredDelta'));
    expect(end.keyRegistered).toBe(start.keyRegistered + sum('keyRegisteredDelta'));
    expect(daye).toEqual([]); // 黄石港区's register is not 大冶市's business
  });
});

describe('social insurance (1.2.3) through the HR-bureau simulator', () => {
  let person: string;
  const Q = `query($p: ID!, $r: Boolean) { socialInsuranceStatus(personId: $p, refresh: $r) {
    status paidMonths months { month paid } fetchedAt source unavailable message } }`;
  beforeAll(async () => {
    person = await hire(t, idCard('420281', '19850505', 51), SITE_B);
  });

  it('normal: LIVE, and the answer is stored with its time', async () => {
    sim.setMode('normal');
    const r = (await t.ok(Q, { p: person })).socialInsuranceStatus;
    expect(r.source).toBe('LIVE');
    expect(r.unavailable).toBe(false);
    expect(['PAID', 'ARREARS', 'NOT_ENROLLED']).toContain(r.status);
    const [row] = await t.sql(`select status, fetched_at from workforce.insurance_status where person_id = $1`, [
      person,
    ]);
    expect(row.status).toBe(r.status);
  });

  it('down: the last known status with its date and a Chinese message, not an error', async () => {
    const before = (await t.ok(Q, { p: person })).socialInsuranceStatus;
    sim.setMode('down');
    const r = await t.gql(Q, { p: person, r: true });
    expect(r.errors).toBeUndefined();
    const s = r.data.socialInsuranceStatus;
    expect(s).toMatchObject({
      source: 'CACHE',
      unavailable: true,
      status: before.status,
      paidMonths: before.paidMonths,
    });
    expect(s.message).toContain('人社局接口无法连接');
    expect(s.message).toContain('查询到的结果');
    expect(s.fetchedAt).toBe(before.fetchedAt);
  });

  it('slow beyond the timeout: the cached status, and the retries are bounded', async () => {
    sim.setMode('slow', 2000);
    const calls = sim.requests();
    const s = (await t.ok(Q, { p: person, r: true })).socialInsuranceStatus;
    expect(s).toMatchObject({ source: 'CACHE', unavailable: true });
    expect(s.message).toContain('超时');
    expect(sim.requests() - calls).toBe(3); // one try and two retries
  });

  it('error with nothing cached: NONE, unavailable, a message, still no error', async () => {
    sim.setMode('error');
    const other = await hire(t, idCard('420281', '19860606', 61), SITE_B);
    const s = (await t.ok(Q, { p: other }, dayeInspector)).socialInsuranceStatus;
    expect(s).toMatchObject({ source: 'NONE', unavailable: true, status: null, months: [] });
    expect(s.message).toContain('暂无');
    sim.setMode('normal');
  });
});
