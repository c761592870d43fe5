import { randomUUID } from 'node:crypto';
import { chinaDate, chinaMidnight, openSubgraphOrm } from '@hs/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workforce } from '../src/index.js';
import {
  dayeInspector,
  DEVICE_A,
  gateway,
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
 * workforce.presence_daily (issue #5): the database keeps the per-day, per-project count of
 * presence rows in step with presence by itself, and the attendance rates read it.
 */

let t: TestWorkforce;
beforeAll(async () => {
  t = await startWorkforce();
});
afterAll(async () => {
  await t?.close();
});

const CHECK_IN = `mutation($p: ID!, $lat: Float!, $lng: Float!, $acc: Float!) {
  mobileCheckIn(projectId: $p, latitude: $lat, longitude: $lng, accuracy: $acc) { accepted } }`;
const RATES = `query($f: WorkforceRateFilter!, $g: WorkforceRateGroup!) {
  workforceAttendanceRates(filter: $f, groupBy: $g, page: { page: 1, pageSize: 100 }) {
    total items { key expectedDays attendedDays keyExpectedDays keyAttendedDays attendanceRate keyPostRate } } }`;

/** An instant earlier today in Beijing, `share` of the way from midnight to now ("minutes ago" is yesterday just after midnight). */
const earlierToday = (share: number) => {
  const midnight = chinaMidnight(chinaDate()).getTime();
  return new Date(midnight + (Date.now() - midnight) * share).toISOString();
};

/** The rollup as stored, and what it must be: presence counted per day, project and district. */
async function rollupAndDirectCount() {
  const [rollup, direct] = await Promise.all([
    t.sql(`select to_char(work_date, 'YYYY-MM-DD') as work_date, project_id, district_code, days, key_days
             from workforce.presence_daily order by 1, 2, 3`),
    t.sql(`select to_char(work_date, 'YYYY-MM-DD') as work_date, project_id, district_code, count(*)::int as days,
                  sum(case when is_key_post then 1 else 0 end)::int as key_days
             from workforce.presence group by 1, 2, 3 order by 1, 2, 3`),
  ]);
  return { rollup, direct };
}

async function expectInStep() {
  const { rollup, direct } = await rollupAndDirectCount();
  expect(rollup).toEqual(direct);
  return rollup;
}

const presenceValues = (rows: [string, string, string, string, boolean][]) => ({
  sql: rows
    .map(
      (_, i) =>
        `($${i * 5 + 1}::date, $${i * 5 + 2}::uuid, $${i * 5 + 3}::uuid, $${i * 5 + 4}, $${i * 5 + 5}, true, now(), now())`,
    )
    .join(', '),
  params: rows.flat(),
});

describe('presence_daily follows every write to presence', () => {
  const [p1, p2, p3, p4, p5] = Array.from({ length: 5 }, () => randomUUID());

  it('bulk inserts, ingest-style upserts with key-post changes, district and day moves, deletes', async () => {
    const insert = presenceValues([
      ['2026-03-02', SITE_A, p1, '420202', true],
      ['2026-03-02', SITE_A, p2, '420202', false],
      ['2026-03-02', SITE_A, p3, '420202', false],
      ['2026-03-02', SITE_B, p4, '420281', false],
      ['2026-03-03', SITE_A, p1, '420202', true],
    ]);
    await t.sql(
      `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
       values ${insert.sql}`,
      insert.params,
    );
    expect(await expectInStep()).toEqual([
      { work_date: '2026-03-02', project_id: SITE_A, district_code: '420202', days: 3, key_days: 1 },
      { work_date: '2026-03-02', project_id: SITE_B, district_code: '420281', days: 1, key_days: 0 },
      { work_date: '2026-03-03', project_id: SITE_A, district_code: '420202', days: 1, key_days: 1 },
    ]);

    // As the ingest path writes: two rows conflict (and swap key posts), two are new.
    const upsert = presenceValues([
      ['2026-03-02', SITE_A, p1, '420202', false],
      ['2026-03-02', SITE_A, p2, '420202', true],
      ['2026-03-02', SITE_A, p5, '420202', true],
      ['2026-03-03', SITE_B, p4, '420281', false],
    ]);
    await t.sql(
      `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
       values ${upsert.sql}
       on conflict (work_date, project_id, person_id) do update
          set on_site = excluded.on_site, is_key_post = excluded.is_key_post, last_at = excluded.last_at`,
      upsert.params,
    );
    expect(await expectInStep()).toContainEqual({
      work_date: '2026-03-02',
      project_id: SITE_A,
      district_code: '420202',
      days: 4,
      key_days: 2,
    });

    // Leaving the site changes nothing counted: the rollup rows are not even rewritten.
    const versions = async () =>
      t.sql(`select xmin::text as v from workforce.presence_daily order by work_date, project_id`);
    const before = await versions();
    await t.sql(`update workforce.presence set on_site = false, last_at = now()`);
    expect(await versions()).toEqual(before);
    await expectInStep();

    // The project moves to 大冶市 (as site.service does on projects.changed): every day moves with it.
    await t.sql(
      `update workforce.presence set district_code = '420281' where project_id = $1 and district_code <> '420281'`,
      [SITE_A],
    );
    const moved = await expectInStep();
    expect(moved.filter((r) => r.district_code === '420202')).toEqual([]);

    await t.sql(`update workforce.presence set work_date = '2026-03-04' where person_id = $1`, [p5]);
    await expectInStep();

    await t.sql(`delete from workforce.presence where work_date = '2026-03-02' and person_id = $1`, [p2]);
    await t.sql(`delete from workforce.presence where work_date = '2026-03-03'`);
    const left = await expectInStep();
    expect(left.map((r) => r.work_date)).not.toContain('2026-03-03');

    await t.sql(`delete from workforce.presence where false`);
    await t.sql(`update workforce.presence set is_key_post = not is_key_post where work_date = '2026-03-04'`);
    await expectInStep();
  });

  it('concurrent transactions adding people to the same project and day are both counted', async () => {
    const clients = [new pg.Client(t.config.DATABASE_URL), new pg.Client(t.config.DATABASE_URL)];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const add = (c: pg.Client, key: boolean) =>
        c.query(
          `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
           values ('2026-04-01', $1, $2, '420281', $3, true, now(), now())`,
          [SITE_B, randomUUID(), key],
        );
      await clients[0].query('begin');
      await clients[1].query('begin');
      await add(clients[0], true);
      // Waits for the first transaction's rollup row, then adds to what it committed.
      const second = add(clients[1], false);
      await clients[0].query('commit');
      await second;
      await clients[1].query('commit');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const rows = await expectInStep();
    expect(rows.find((r) => r.work_date === '2026-04-01')).toMatchObject({ days: 2, key_days: 1 });
  });

  it('device batches and phone check-ins keep it in step, also when a post becomes a key post', async () => {
    const userId = randomUUID();
    const worker = await hire(t, idCard('420202', '19880808', 41), SITE_A, '钢筋工', { userId });
    const other = await hire(t, idCard('420202', '19890909', 42), SITE_A);
    const todayOnA = async () => {
      const [{ day }] = await t.sql(
        `select to_char(work_date, 'YYYY-MM-DD') as day from workforce.presence where person_id = $1`,
        [worker],
      );
      return (await expectInStep()).find((r) => r.work_date === day && r.project_id === SITE_A);
    };

    const first = await t.ok(
      INGEST,
      {
        d: DEVICE_A,
        b: 'rollup-1',
        e: [
          { eventId: 'r-1', personId: worker, occurredAt: earlierToday(0.2), direction: 'IN' },
          { eventId: 'r-2', personId: other, occurredAt: earlierToday(0.25), direction: 'IN' },
        ],
      },
      gateway,
    );
    expect(first.ingestAttendanceBatch).toEqual({ accepted: 2, refused: 0 });
    expect(await todayOnA()).toMatchObject({ days: 2, key_days: 0 });

    const [{ id: employmentId }] = await t.sql(`select id from workforce.employment where person_id = $1`, [worker]);
    await t.ok(
      `mutation($id: ID!, $i: UpdateWorkforceEmploymentInput!) { updateWorkforceEmployment(id: $id, input: $i) { isKeyPost } }`,
      { id: employmentId, i: { post: '安全员' } },
    );
    // Their next event upserts the presence row with the key post: the conflicting update moves the count.
    const second = await t.ok(
      INGEST,
      {
        d: DEVICE_A,
        b: 'rollup-2',
        e: [{ eventId: 'r-3', personId: worker, occurredAt: earlierToday(0.5), direction: 'OUT' }],
      },
      gateway,
    );
    expect(second.ingestAttendanceBatch).toEqual({ accepted: 1, refused: 0 });
    expect(await todayOnA()).toMatchObject({ days: 2, key_days: 1 });

    const phoneUser = randomUUID();
    await hire(t, idCard('420202', '19900101', 43), SITE_A, '木工', { userId: phoneUser });
    const checkIn = await t.ok(CHECK_IN, { p: SITE_A, lat: 30.2197, lng: 115.078, acc: 10 }, workerCaller(phoneUser));
    expect(checkIn.mobileCheckIn.accepted).toBe(true);
    expect(await todayOnA()).toMatchObject({ days: 3, key_days: 1 });
  });
});

describe('attendance rates read the rollup and give what presence gives', () => {
  beforeAll(async () => {
    await hire(t, idCard('420281', '19850505', 45), SITE_B);
    await hire(t, idCard('420281', '19860606', 46), SITE_B, '技术负责人');
    // History for everyone assigned so far (both districts, key and other posts), as the seed writes
    // it; key posts are there at least every Monday, so every week has key-post days.
    await t.sql(
      `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
       select d::date, e.project_id, e.person_id, e.district_code, e.is_key_post, false, d, d
         from workforce.employment e
         cross join generate_series('2026-05-01'::timestamp, '2026-06-30'::timestamp, interval '1 day') as d
        where abs(hashtext(e.person_id::text || d::text)) % 100 < 80
           or (e.is_key_post and extract(dow from d) = 1)
       on conflict do nothing`,
    );
    // A key post with no attended day yet.
    await hire(t, idCard('420281', '19870707', 44), SITE_B, '项目经理');
  });

  /** Attended person-days straight from presence, as attendanceRates counted them before the rollup. */
  async function countedFromPresence(key: 'project_id' | 'district_code', from: string, to: string, district?: string) {
    const rows = await t.sql(
      `select ${key}::text as k, count(*)::int as days, sum(case when is_key_post then 1 else 0 end)::int as key_days
         from workforce.presence where work_date between $1 and $2 and ($3::text is null or district_code = $3)
        group by 1`,
      [from, to, district ?? null],
    );
    return new Map(rows.map((r) => [r.k, { days: r.days, keyDays: r.key_days }]));
  }

  const cases = [
    { label: 'two months by project', g: 'PROJECT', key: 'project_id', from: '2026-05-01', to: '2026-06-30' },
    { label: 'a year by district', g: 'DISTRICT', key: 'district_code', from: '2025-11-25', to: '2026-11-24' },
    { label: 'one week by district', g: 'DISTRICT', key: 'district_code', from: '2026-06-10', to: '2026-06-16' },
  ] as const;

  for (const c of cases) {
    it(`${c.label}: attended days, key-post days and rates`, async () => {
      const direct = await countedFromPresence(c.key, c.from, c.to);
      const r = await t.ok(RATES, { f: { dateFrom: c.from, dateTo: c.to }, g: c.g });
      const items = r.workforceAttendanceRates.items as any[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.some((i) => i.attendedDays > 0 && i.keyAttendedDays > 0)).toBe(true);
      for (const item of items) {
        const expected = direct.get(item.key) ?? { days: 0, keyDays: 0 };
        expect([item.key, item.attendedDays, item.keyAttendedDays]).toEqual([
          item.key,
          expected.days,
          expected.keyDays,
        ]);
        expect(item.attendanceRate).toBeCloseTo(Math.min(1, item.attendedDays / item.expectedDays), 10);
        if (item.keyExpectedDays > 0)
          expect(item.keyPostRate).toBeCloseTo(Math.min(1, item.keyAttendedDays / item.keyExpectedDays), 10);
        else expect(item.keyPostRate).toBeNull();
      }
    });
  }

  it('within a 大冶市 inspector scope, and with a district filter', async () => {
    const direct = await countedFromPresence('project_id', '2026-05-01', '2026-06-30', '420281');
    const scoped = await t.ok(
      RATES,
      { f: { dateFrom: '2026-05-01', dateTo: '2026-06-30' }, g: 'PROJECT' },
      dayeInspector,
    );
    expect(scoped.workforceAttendanceRates.items.map((i: any) => [i.key, i.attendedDays])).toEqual([
      [SITE_B, direct.get(SITE_B)?.days],
    ]);
    const filtered = await t.ok(RATES, {
      f: { dateFrom: '2026-05-01', dateTo: '2026-06-30', districtCode: '420281' },
      g: 'DISTRICT',
    });
    expect(filtered.workforceAttendanceRates.items.map((i: any) => [i.key, i.attendedDays, i.keyAttendedDays])).toEqual(
      [['420281', direct.get(SITE_B)?.days, direct.get(SITE_B)?.keyDays]],
    );
  });

  it('still refuses a range longer than 400 days', async () => {
    const r = await t.gql(RATES, { f: { dateFrom: '2025-01-01', dateTo: '2026-06-30' }, g: 'DISTRICT' });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.dateTo' });
    expect(r.errors?.[0].message).toContain('400');
  });
});

describe('the migration', () => {
  it('backfills the rollup from the presence rows already there, and down() removes all it made', async () => {
    const orm = await openSubgraphOrm(workforce, t.ownerUrl);
    try {
      const migrator = orm.getMigrator();
      await migrator.down({ to: 'Migration20261124240000' });
      const executed = await migrator.getExecutedMigrations();
      expect(executed.at(-1)?.name).toBe('Migration20261124230000');
      const [left] = await t.sql(
        `select to_regclass('workforce.presence_daily') as rollup,
                (select count(*)::int from pg_proc where proname like 'presence_daily%') as functions,
                (select count(*)::int from pg_trigger where tgrelid = 'workforce.presence'::regclass and not tgisinternal) as triggers`,
      );
      expect(left).toEqual({ rollup: null, functions: 0, triggers: 0 });

      const [{ n }] = await t.sql(`select count(*)::int as n from workforce.presence`);
      expect(n).toBeGreaterThan(100);
      await migrator.up();
      const rows = await expectInStep();
      expect(rows.length).toBeGreaterThan(60);
    } finally {
      await orm.close();
    }
  });

  it('a truncate of presence empties the rollup', async () => {
    await t.sql(`truncate workforce.presence`);
    expect(await t.sql(`select * from workforce.presence_daily`)).toEqual([]);
  });
});
