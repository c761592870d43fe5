import { randomUUID } from 'node:crypto';
import { addDays, type Caller, chinaDate, chinaMidnight, runSubgraph, signCaller, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCaller, testLogger } from '../../../packages/kit/test/support.js';
import { idCardHash, workforce } from '../src/index.js';
import { WorkforcePermission } from '../src/permissions.js';
import {
  admin,
  dayeInspector,
  DEVICE_A,
  DEVICE_B,
  gateway,
  type GraphQLResponse,
  hire,
  idCard,
  INGEST,
  SITE_A,
  SITE_B,
  startWorkforce,
  type TestWorkforce,
  workerCaller,
} from './helpers.js';

/**
 * 考勤记录 (1.2.2): names on each record (within the data scope, batched per request), the source
 * filter, and a worker's own attempts (myAttendance) with refused ones and their reason.
 */
let t: TestWorkforce;

const CHECK = `mutation($p: ID!, $lat: Float!, $lng: Float!) {
  mobileCheckIn(projectId: $p, latitude: $lat, longitude: $lng, accuracy: 10) { id } }`;
const RECORDS = `query($f: AttendanceRecordFilter, $page: PageInput) {
  attendanceRecords(filter: $f, page: $page) {
    total items { id personId personName projectId projectName source accepted reason person { id name } } } }`;
const MINE = `query($from: String, $to: String, $page: PageInput) {
  myAttendance(dateFrom: $from, dateTo: $to, page: $page) {
    total items { personId personName projectName source direction accepted reason workDate } } }`;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const today = () => chinaDate(new Date());
/** An instant earlier today in Beijing, `share` of the way from midnight to now ("minutes ago" is yesterday just after midnight). */
const earlierToday = (share: number) => {
  const midnight = chinaMidnight(chinaDate()).getTime();
  return new Date(midnight + (Date.now() - midnight) * share).toISOString();
};
const lastWeek = () => ({ from: addDays(today(), -6), to: today() });

/** ATTENDANCE_VIEW over the whole city but no PERSON_VIEW (like the command centre's screen). */
const viewer = testCaller({
  userId: stableId('user', 'wf-attendance-viewer'),
  username: 'wf-viewer',
  roles: ['display'],
  permissions: [WorkforcePermission.ATTENDANCE_VIEW],
  scope: { kind: 'ALL' },
});

const workerUser = randomUUID();
let worker: string;
let dayeWorker: string;
/** On 黄石港区's project only; a device in 大冶 reads them as NOT_ON_PROJECT. */
let stranger: string;

beforeAll(async () => {
  t = await startWorkforce();
  worker = await hire(t, idCard('420202', '19880808', 11), SITE_A, '木工', { name: '张木工', userId: workerUser });
  dayeWorker = await hire(t, idCard('420281', '19900101', 12), SITE_B, '钢筋工', { name: '李钢筋' });
  stranger = await hire(t, idCard('420202', '19920202', 13), SITE_A, '电工', { name: '王电工' });
  // Three days ago the worker came in through 黄石港区's gate; today by phone, inside the fence and
  // then (OUT) 1.5 km away.
  await t.ok(
    INGEST,
    { d: DEVICE_A, b: 'names-a', e: [{ eventId: 'a-1', personId: worker, occurredAt: hoursAgo(72), direction: 'IN' }] },
    gateway,
  );
  await t.ok(CHECK, { p: SITE_A, lat: 30.2197, lng: 115.078 }, workerCaller(workerUser));
  const refused = await t.gql(
    CHECK.replace('accuracy: 10', 'accuracy: 10, direction: OUT'),
    { p: SITE_A, lat: 30.1999, lng: 115.0394 },
    workerCaller(workerUser),
  );
  expect(refused.errors?.[0].extensions?.code).toBe('ATTENDANCE_REFUSED');
  // 大冶's gate: their own worker, the stranger (not on that project) and someone unknown.
  await t.ok(
    INGEST,
    {
      d: DEVICE_B,
      b: 'names-b',
      e: [
        { eventId: 'b-1', personId: dayeWorker, occurredAt: hoursAgo(1), direction: 'IN' },
        { eventId: 'b-2', personId: stranger, occurredAt: hoursAgo(1), direction: 'IN' },
        {
          eventId: 'b-3',
          idCardHash: idCardHash(idCard('420202', '19700101', 99)),
          occurredAt: hoursAgo(1),
          direction: 'IN',
        },
      ],
    },
    gateway,
  );
});
afterAll(async () => {
  await t?.close();
});

const byPerson = (items: any[], personId: string | null) => items.filter((r) => r.personId === personId);

describe('attendanceRecords: names of the person and the project', () => {
  it('every record carries the person’s and the project’s name; an unidentified attempt has neither person', async () => {
    const r = await t.ok(RECORDS, { f: { dateFrom: addDays(today(), -6), dateTo: today() } });
    const items = r.attendanceRecords.items;
    expect(items).toHaveLength(6);
    for (const row of byPerson(items, worker))
      expect(row).toMatchObject({ personName: '张木工', projectName: '黄石港区测试项目', person: { name: '张木工' } });
    expect(byPerson(items, dayeWorker)[0]).toMatchObject({ personName: '李钢筋', projectName: '大冶市测试项目' });
    expect(byPerson(items, stranger)[0]).toMatchObject({ personName: '王电工', reason: 'NOT_ON_PROJECT' });
    expect(byPerson(items, null)[0]).toMatchObject({
      personName: null,
      person: null,
      projectName: '大冶市测试项目',
      reason: 'UNKNOWN_PERSON',
    });
  });

  it('大冶 staff see 大冶 records only, and no name of a person outside their scope', async () => {
    const r = await t.ok(RECORDS, { f: lastWeekFilter() }, dayeInspector);
    const items = r.attendanceRecords.items;
    expect(items.map((i: any) => i.projectId)).toEqual([SITE_B, SITE_B, SITE_B]);
    expect(byPerson(items, dayeWorker)[0]).toMatchObject({ personName: '李钢筋', person: { id: dayeWorker } });
    // The stranger's attempt happened at 大冶's gate, but the person is 黄石港区's: id only.
    expect(byPerson(items, stranger)[0]).toMatchObject({ personName: null, person: null });
    expect(byPerson(items, worker)).toEqual([]);
  });

  it('the whole person needs workforce:person:view; the name does not', async () => {
    const r = await t.ok(RECORDS, { f: { ...lastWeekFilter(), personId: dayeWorker } }, viewer);
    expect(r.attendanceRecords.items).toEqual([
      expect.objectContaining({ personName: '李钢筋', projectName: '大冶市测试项目', person: null }),
    ]);
  });
});

function lastWeekFilter() {
  const { from, to } = lastWeek();
  return { dateFrom: from, dateTo: to };
}

describe('attendanceRecords: source filter and bad inputs', () => {
  it('MOBILE lists the phone attempts, DEVICE the gates’', async () => {
    const mobile = await t.ok(RECORDS, { f: { ...lastWeekFilter(), source: 'MOBILE' } });
    expect(mobile.attendanceRecords.total).toBe(2);
    expect(mobile.attendanceRecords.items.every((r: any) => r.source === 'MOBILE' && r.personId === worker)).toBe(true);
    const device = await t.ok(RECORDS, { f: { ...lastWeekFilter(), source: 'DEVICE' } });
    expect(device.attendanceRecords.total).toBe(4);
    // The total stays right on a page past the end.
    const beyond = await t.ok(RECORDS, {
      f: { ...lastWeekFilter(), source: 'DEVICE' },
      page: { page: 9, pageSize: 2 },
    });
    expect(beyond.attendanceRecords).toMatchObject({ total: 4, items: [] });
    expect(device.attendanceRecords.items.every((r: any) => r.source === 'DEVICE')).toBe(true);
    const refusedByPhone = await t.ok(RECORDS, { f: { ...lastWeekFilter(), source: 'MOBILE', accepted: false } });
    expect(refusedByPhone.attendanceRecords.items).toEqual([
      expect.objectContaining({ reason: 'OUTSIDE_FENCE', personName: '张木工' }),
    ]);
  });

  it('refuses an unknown source, a range over 31 days and an impossible date', async () => {
    const badSource = await t.gql(RECORDS, { f: { source: 'FAX' } });
    expect(badSource.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const long = await t.gql(RECORDS, { f: { dateFrom: '2026-01-01', dateTo: '2026-02-01' } });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.dateTo' });
    expect(long.errors?.[0].message).toContain('31 天');
    const thirtyOne = await t.gql(RECORDS, { f: { dateFrom: '2026-01-01', dateTo: '2026-01-31' } });
    expect(thirtyOne.errors).toBeUndefined();
    const impossible = await t.gql(RECORDS, { f: { dateFrom: '2026-02-30' } });
    expect(impossible.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.dateFrom' });
  });
});

describe('myAttendance: a worker’s own attempts', () => {
  it('the worker reads their accepted and refused attempts of the last 7 days, with the reason', async () => {
    const r = await t.ok(MINE, lastWeek(), workerCaller(workerUser));
    const items = r.myAttendance.items;
    expect(r.myAttendance.total).toBe(3);
    expect(items.every((i: any) => i.personId === worker && i.personName === '张木工')).toBe(true);
    // Newest first: today's refused OUT by phone, today's accepted IN by phone, the gate three days ago.
    expect(items.map((i: any) => [i.source, i.direction, i.accepted, i.reason])).toEqual([
      ['MOBILE', 'OUT', false, 'OUTSIDE_FENCE'],
      ['MOBILE', 'IN', true, null],
      ['DEVICE', 'IN', true, null],
    ]);
    expect(items[2].projectName).toBe('黄石港区测试项目');
    // Without dates: today only.
    const todayOnly = await t.ok(MINE, {}, workerCaller(workerUser));
    expect(todayOnly.myAttendance.items.map((i: any) => i.workDate)).toEqual([today(), today()]);
  });

  it('nobody else’s records, in any district: the 大冶 worker’s list has only their own', async () => {
    const dayeUser = randomUUID();
    await t.sql(`update workforce.person set user_id = $1 where id = $2`, [dayeUser, dayeWorker]);
    const r = await t.ok(MINE, lastWeek(), workerCaller(dayeUser));
    expect(r.myAttendance.items).toEqual([
      expect.objectContaining({ personId: dayeWorker, projectName: '大冶市测试项目', accepted: true }),
    ]);
    // A worker has no attendanceRecords at all (that list is for workforce:attendance:view).
    const list = await t.gql(RECORDS, {}, workerCaller(workerUser));
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an account without a linked person gets NOT_FOUND saying so; no login is UNAUTHENTICATED', async () => {
    const r = await t.gql(MINE, lastWeek(), workerCaller(randomUUID()));
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(r.errors?.[0].message).toContain('未关联实名制人员');
    const anonymous = await t.gql(MINE, lastWeek(), null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the same range rules: at most 31 days, real dates, not reversed', async () => {
    const as = workerCaller(workerUser);
    const long = await t.gql(MINE, { from: '2026-03-01', to: '2026-04-01' }, as);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dateTo' });
    const bad = await t.gql(MINE, { from: '2026-13-01' }, as);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dateFrom' });
    const reversed = await t.gql(MINE, { from: '2026-03-10', to: '2026-03-01' }, as);
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dateTo' });
    const page = await t.gql(MINE, { page: { page: 1, pageSize: 1000 } }, as);
    expect(page.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pageSize' });
  });
});

describe('names are batched: one query per kind per page, never one per row', () => {
  /** A second server on the same database that records every SQL statement it runs. */
  let counted: Awaited<ReturnType<typeof runSubgraph>>;
  const statements: string[] = [];
  const gqlCounted = async (query: string, variables: Record<string, unknown>, as: Caller) => {
    const res = await fetch(counted.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hs-caller': signCaller(t.config.ROUTER_SIGNING_KEY, as, '127.0.0.1'),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  /** The statements one request caused (the partition upkeep the server runs at start is not part of it). */
  const statementsOf = async (query: string, variables: Record<string, unknown>, as: Caller) => {
    const start = statements.length;
    const res = await gqlCounted(query, variables, as);
    expect(res.errors).toBeUndefined();
    return { data: res.data, sql: statements.slice(start).filter((s) => !s.includes('ensure_attendance_partitions')) };
  };

  beforeAll(async () => {
    // Ten more 大冶 projects with a gate each and three people on each: 60 attempts today.
    const projects = Array.from({ length: 10 }, (_, i) => stableId('project', `wf-batch-${i}`));
    for (const [i, projectId] of projects.entries()) {
      await t.sql(
        `insert into workforce.project_site (project_id, name, district_code, synced_at, updated_at)
         values ($1, $2, '420281', now(), now())`,
        [projectId, `批量测试项目${i + 1}`],
      );
      const deviceId = stableId('workforce-device', `batch-${i}`);
      await t.sql(
        `insert into workforce.device (id, project_id, serial_no, name, kind, enabled, created_at)
         values ($1, $2, $3, '大门', 'FACE', true, now())`,
        [deviceId, projectId, `BATCH-${i}`],
      );
      const events = [];
      for (let k = 0; k < 3; k++) {
        const person = await hire(t, idCard('420281', '19850101', 100 + i * 3 + k), projectId, '作业人员', {
          name: `批量${i + 1}-${k + 1}`,
        });
        events.push(
          { eventId: `${i}-${k}-in`, personId: person, occurredAt: earlierToday(0.3), direction: 'IN' },
          { eventId: `${i}-${k}-out`, personId: person, occurredAt: earlierToday(0.6), direction: 'OUT' },
        );
      }
      await t.ok(INGEST, { d: deviceId, b: `batch-${i}`, e: events }, gateway);
    }
    counted = await runSubgraph(workforce, {
      config: t.config,
      logger: testLogger,
      port: 0,
      onQuery: (sql) => {
        if (sql.includes('[query]')) statements.push(sql);
      },
    });
  });
  afterAll(async () => {
    await counted?.close();
  });

  const NAMES = `query($f: AttendanceRecordFilter, $page: PageInput) {
    attendanceRecords(filter: $f, page: $page) { total items { personName projectName person { name } } } }`;

  for (const [label, as, most] of [
    ['the whole city', admin, 4],
    ['大冶市 only', dayeInspector, 5],
  ] as const) {
    it(`a page of 50 with names costs what a page of 5 does (${label})`, async () => {
      const f = { dateFrom: today(), dateTo: today(), districtCode: '420281', source: 'DEVICE', accepted: true };
      const five = await statementsOf(NAMES, { f, page: { page: 1, pageSize: 5 } }, as);
      const fifty = await statementsOf(NAMES, { f, page: { page: 1, pageSize: 50 } }, as);
      const items = fifty.data.attendanceRecords.items;
      expect(items).toHaveLength(50);
      expect(new Set(items.map((i: any) => i.personName)).size).toBeGreaterThanOrEqual(25);
      expect(new Set(items.map((i: any) => i.projectName)).size).toBeGreaterThanOrEqual(9);
      expect(items.every((i: any) => i.personName && i.projectName && i.person?.name === i.personName)).toBe(true);
      // The page and its total, the people (the scope check, then the entities) and the project sites.
      expect(fifty.sql.length, fifty.sql.join('\n')).toBe(five.sql.length);
      expect(fifty.sql.length, fifty.sql.join('\n')).toBeLessThanOrEqual(most);
    });
  }
});
