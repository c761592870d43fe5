import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardHash } from '../src/index.js';
import { forgetKnownPartitions, partitionName } from '../src/attendance/partitions.js';
import {
  dayeInspector,
  DEVICE_A,
  DEVICE_B,
  gateway,
  hire,
  idCard,
  PERSON_FIELDS,
  SITE_A,
  SITE_B,
  startWorkforce,
  type TestWorkforce,
  workerCaller,
} from './helpers.js';

let t: TestWorkforce;
beforeAll(async () => {
  t = await startWorkforce();
});
afterAll(async () => {
  await t?.close();
});

const INGEST = `mutation($d: ID!, $b: String!, $e: [AttendanceEventInput!]!) {
  ingestAttendanceBatch(deviceId: $d, batchId: $b, events: $e) {
    batchId accepted refused replayed outcomes { eventId accepted reason message attendanceId replayed } } }`;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('people (1.2.1): validation, encryption and masking', () => {
  it('refuses a wrong check character with a Chinese message on the idCard field, and stores nothing', async () => {
    const bad = idCard('420202', '19850312', 11).slice(0, 17) + '0';
    const wrong = bad === idCard('420202', '19850312', 11) ? bad.slice(0, 17) + '1' : bad;
    const r = await t.gql(`mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`, {
      i: { name: '张三', idCard: wrong, ethnicity: '汉族', trade: '木工' },
    });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe('idCard');
    expect(r.errors?.[0].message).toContain('校验位');
    expect(await t.sql(`select 1 from workforce.person`)).toHaveLength(0);
  });

  it('refuses a birth date that disagrees with the number', async () => {
    const r = await t.gql(`mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`, {
      i: {
        name: '张三',
        idCard: idCard('420202', '19850312', 11),
        birthDate: '1985-03-13',
        ethnicity: '汉族',
        trade: '木工',
      },
    });
    expect(r.errors?.[0].extensions?.field).toBe('birthDate');
    expect(r.errors?.[0].message).toContain('1985-03-12');
  });

  it('derives sex and birth date, encrypts the number, masks it without workforce:person:sensitive', async () => {
    const number = idCard('420281', '19900101', 123); // 17th digit 3: male
    const id = await hire(t, number, SITE_B, '项目经理', { phone: '13800138000' });
    const [row] = await t.sql(`select id_card_cipher, id_card_sm3 from workforce.person where id = $1`, [id]);
    expect(row.id_card_cipher).toMatch(/^sm4:/);
    expect(row.id_card_cipher).not.toContain(number);
    expect(row.id_card_sm3).toBe(idCardHash(number));
    const full = await t.ok(`query($id: ID!) { workforcePerson(id: $id) { ${PERSON_FIELDS} } }`, { id });
    expect(full.workforcePerson).toMatchObject({
      idCard: number,
      phone: '13800138000',
      sex: 'MALE',
      birthDate: '1990-01-01',
    });
    expect(full.workforcePerson.employments[0]).toMatchObject({
      post: '项目经理',
      isKeyPost: true,
      districtCode: '420281',
      active: true,
    });
    const masked = await t.ok(`query($id: ID!) { workforcePerson(id: $id) { idCard phone } }`, { id }, dayeInspector);
    expect(masked.workforcePerson).toEqual({
      idCard: '420281********1234'.replace('1234', number.slice(14)),
      phone: '138****8000',
    });
  });

  it('a second registration of the same number is a CONFLICT on idCard', async () => {
    const r = await t.gql(`mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`, {
      i: { name: '李四', idCard: idCard('420281', '19900101', 123), ethnicity: '汉族', trade: '木工' },
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idCard' });
  });

  it('data scope: a 大冶 inspector sees 大冶 people only, and others read as NOT_FOUND', async () => {
    const other = await hire(t, idCard('420202', '19881111', 45), SITE_A);
    const list = await t.ok(
      `{ workforcePeople(page: { page: 1, pageSize: 100 }) { total items { id employments { districtCode } } } }`,
      {},
      dayeInspector,
    );
    expect(list.workforcePeople.items.length).toBeGreaterThan(0);
    for (const p of list.workforcePeople.items)
      expect(p.employments.map((e: any) => e.districtCode)).toContain('420281');
    const r = await t.gql(`query($id: ID!) { workforcePerson(id: $id) { id } }`, { id: other }, dayeInspector);
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('device uploads (1.2.2b)', () => {
  let worker: string;
  const number = idCard('420202', '19920202', 77);
  beforeAll(async () => {
    worker = await hire(t, number, SITE_A);
  });

  it('accepts events by idCardHash and by personId, refuses unknown people and people not on the project', async () => {
    const stranger = idCard('420202', '19700505', 9);
    const onB = (await t.sql(`select person_id from workforce.employment where project_id = $1 limit 1`, [SITE_B]))[0]
      .person_id;
    const { ingestAttendanceBatch: r } = await t.ok(
      INGEST,
      {
        d: DEVICE_A,
        b: 'b-1',
        e: [
          { eventId: 'e1', idCardHash: idCardHash(number), occurredAt: minutesAgo(30), direction: 'IN' },
          { eventId: 'e2', idCardHash: idCardHash(stranger), occurredAt: minutesAgo(29), direction: 'IN' },
          { eventId: 'e3', personId: onB, occurredAt: minutesAgo(28), direction: 'IN' },
        ],
      },
      gateway,
    );
    expect(r.outcomes.map((o: any) => [o.eventId, o.accepted, o.reason])).toEqual([
      ['e1', true, null],
      ['e2', false, 'UNKNOWN_PERSON'],
      ['e3', false, 'NOT_ON_PROJECT'],
    ]);
    expect(r.outcomes[1].message).toContain('未登记');
    expect((await t.sql(`select count(*)::int as n from workforce.attendance where batch_id = 'b-1'`))[0].n).toBe(3);
  });

  it('a resent batch returns the same outcomes and inserts nothing twice', async () => {
    const events = [
      { eventId: 'r1', personId: worker, occurredAt: minutesAgo(20), direction: 'OUT' },
      {
        eventId: 'r2',
        idCardHash: idCardHash(idCard('420202', '19700505', 9)),
        occurredAt: minutesAgo(19),
        direction: 'IN',
      },
    ];
    const first = (await t.ok(INGEST, { d: DEVICE_A, b: 'b-2', e: events }, gateway)).ingestAttendanceBatch;
    const before = (await t.sql(`select count(*)::int as n from workforce.attendance`))[0].n;
    const again = (await t.ok(INGEST, { d: DEVICE_A, b: 'b-2', e: events }, gateway)).ingestAttendanceBatch;
    expect((await t.sql(`select count(*)::int as n from workforce.attendance`))[0].n).toBe(before);
    expect(again.replayed).toBe(2);
    expect(again.accepted + again.refused).toBe(0);
    expect(again.outcomes.map((o: any) => [o.accepted, o.reason, o.attendanceId])).toEqual(
      first.outcomes.map((o: any) => [o.accepted, o.reason, o.attendanceId]),
    );
  });

  it('the same person, project and direction within 5 minutes is a DUPLICATE (kept, refused)', async () => {
    const { ingestAttendanceBatch: r } = await t.ok(
      INGEST,
      {
        d: DEVICE_A,
        b: 'b-3',
        e: [
          { eventId: 'd1', personId: worker, occurredAt: minutesAgo(10), direction: 'IN' },
          { eventId: 'd2', personId: worker, occurredAt: minutesAgo(8), direction: 'IN' },
          { eventId: 'd3', personId: worker, occurredAt: minutesAgo(2), direction: 'IN' },
        ],
      },
      gateway,
    );
    expect(r.outcomes.map((o: any) => o.reason)).toEqual([null, 'DUPLICATE', null]);
    const [{ n }] = await t.sql(
      `select count(*)::int as n from workforce.attendance where batch_id = 'b-3' and not accepted`,
    );
    expect(n).toBe(1);
  });

  it('rows land in their month partition; a month without one is created on the way in', async () => {
    const d = new Date();
    const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 9, 10, 2)).toISOString().slice(0, 7);
    const part = partitionName(month);
    await t.sql(`drop table workforce.${part}`);
    forgetKnownPartitions();
    expect((await t.sql(`select to_regclass('workforce.${part}') as r`))[0].r).toBeNull();
    const at = `${month}-10T02:00:00.000Z`;
    const { ingestAttendanceBatch: r } = await t.ok(
      INGEST,
      { d: DEVICE_A, b: 'late', e: [{ eventId: 'old-1', personId: worker, occurredAt: at, direction: 'IN' }] },
      gateway,
    );
    expect(r.outcomes[0].accepted).toBe(true);
    const [row] = await t.sql(
      `select tableoid::regclass::text as part from workforce.attendance where event_id = 'old-1'`,
    );
    expect(row.part).toBe(`workforce.${part}`);
    const [today] = await t.sql(
      `select tableoid::regclass::text as part from workforce.attendance where event_id = 'e1'`,
    );
    expect(today.part).toBe(
      `workforce.${partitionName(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7))}`,
    );
  });

  it('needs the ingest permission and an enabled device', async () => {
    const e = [{ eventId: 'x', personId: worker, occurredAt: minutesAgo(1), direction: 'IN' }];
    expect((await t.gql(INGEST, { d: DEVICE_A, b: 'x', e }, dayeInspector)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.gql(INGEST, { d: randomUUID(), b: 'x', e }, gateway)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    await t.sql(`update workforce.device set enabled = false where id = $1`, [DEVICE_B]);
    expect((await t.gql(INGEST, { d: DEVICE_B, b: 'x', e }, gateway)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await t.sql(`update workforce.device set enabled = true where id = $1`, [DEVICE_B]);
  });
});

describe('phone check-in (1.2.2a)', () => {
  const userId = randomUUID();
  beforeAll(async () => {
    await hire(t, idCard('420202', '19950505', 31), SITE_A, '木工', { userId });
  });
  const CHECK = `mutation($p: ID!, $lat: Float!, $lng: Float!, $acc: Float!) {
    mobileCheckIn(projectId: $p, latitude: $lat, longitude: $lng, accuracy: $acc) { id accepted direction distanceM } }`;

  it('inside the fence: accepted, IN first', async () => {
    const r = await t.ok(CHECK, { p: SITE_A, lat: 30.2197, lng: 115.078, acc: 10 }, workerCaller(userId));
    expect(r.mobileCheckIn).toMatchObject({ accepted: true, direction: 'IN', distanceM: 0 });
  });

  it('1.5 km away: ATTENDANCE_REFUSED with a Chinese message, and the attempt is stored', async () => {
    const r = await t.gql(CHECK, { p: SITE_A, lat: 30.1999, lng: 115.0394, acc: 10 }, workerCaller(userId));
    expect(r.errors?.[0].extensions).toMatchObject({
      code: 'ATTENDANCE_REFUSED',
      details: { reason: 'OUTSIDE_FENCE' },
    });
    expect(r.errors?.[0].message).toContain('电子围栏');
    const id = (r.errors?.[0].extensions?.details as any).attendanceId as string;
    const [row] = await t.sql(`select accepted, reason, source from workforce.attendance where id = $1`, [id]);
    expect(row).toEqual({ accepted: false, reason: 'OUTSIDE_FENCE', source: 'MOBILE' });
  });

  it('the worker sees their own person and assignment (SELF scope)', async () => {
    const r = await t.ok(
      `{ myWorkforcePerson { idCard employments { projectId projectName } } }`,
      {},
      workerCaller(userId),
    );
    expect(r.myWorkforcePerson.idCard).toMatch(/^420202\*{8}/);
    expect(r.myWorkforcePerson.employments).toEqual([{ projectId: SITE_A, projectName: '黄石港区测试项目' }]);
  });

  it('an account with no registered person is refused as UNKNOWN_PERSON', async () => {
    const r = await t.gql(CHECK, { p: SITE_A, lat: 30.2197, lng: 115.078, acc: 10 }, workerCaller(randomUUID()));
    expect((r.errors?.[0].extensions?.details as any).reason).toBe('UNKNOWN_PERSON');
  });
});

describe('analytics (4.3)', () => {
  it('today: attended and on-site counts per project and district, within scope', async () => {
    const all = await t.ok(
      `{ workforceToday { date total { registered attended onSite keyRegistered } byDistrict { districtCode attended } } }`,
    );
    const att = await t.sql(`select count(*)::int as n from workforce.presence where work_date = $1`, [
      all.workforceToday.date,
    ]);
    expect(all.workforceToday.total.attended).toBe(att[0].n);
    expect(all.workforceToday.total.registered).toBeGreaterThanOrEqual(4);
    const daye = await t.ok(
      `{ workforceToday { total { districtCode registered } byDistrict { districtCode } } }`,
      {},
      dayeInspector,
    );
    expect(daye.workforceToday.byDistrict.map((d: any) => d.districtCode)).toEqual(['420281']);
    const ranking = await t.ok(`{ workforceOnSiteRanking(limit: 5) { items { projectId onSite } } }`);
    expect(ranking.workforceOnSiteRanking.items[0].projectId).toBe(SITE_A);
    const stats = await t.ok(
      `{ workforcePersonnelStats { total keyPost byDistrict { key count } byAgeBand { key count } } }`,
    );
    expect(stats.workforcePersonnelStats.keyPost).toBe(1);
    expect(stats.workforcePersonnelStats.byAgeBand.reduce((s: number, r: any) => s + r.count, 0)).toBe(
      stats.workforcePersonnelStats.total,
    );
  });

  it('rates over a period are person-days and refuse a reversed range', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await t.ok(
      `query($f: WorkforceRateFilter!) { workforceAttendanceRates(filter: $f, groupBy: DISTRICT) { items { key expectedDays attendedDays attendanceRate } } }`,
      { f: { dateFrom: today, dateTo: today } },
    );
    const hk = r.workforceAttendanceRates.items.find((i: any) => i.key === '420202');
    expect(hk.attendedDays).toBeGreaterThan(0);
    expect(hk.attendanceRate).toBeCloseTo(hk.attendedDays / hk.expectedDays);
    const bad = await t.gql(
      `{ workforceAttendanceRates(filter: { dateFrom: "2026-02-01", dateTo: "2026-01-01" }) { total } }`,
    );
    expect(bad.errors?.[0].extensions?.field).toBe('filter.dateTo');
  });
});
