import { addDays, chinaDate, openSubgraphOrm, runSubgraph } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../projects/src/index.js';
import { workforce } from '../src/index.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';
import { gateway, INGEST, subgraphClient, type TestWorkforce } from './helpers.js';

/**
 * 出勤 just after Beijing midnight (the attendance big screen, issue #11): the demo seeded at 00:35
 * put its arrivals an hour back, at 23:35 of the day before, yet in the new day's presence. The
 * day's records did not show those people, so they looked absent; their first check-in of the day
 * then counted nobody new (a batch of 2 arrivals + 1 departure raised a district's 出勤 by one).
 * The seed's clock is pinned at 00:35 (the date two days back, so uploads of that night are recent).
 */
const DAY = addDays(chinaDate(new Date()), -2);
const NIGHT = new Date(`${DAY}T00:35:00+08:00`);
const at = (time: string) => new Date(`${DAY}T${time}+08:00`).toISOString();

type Db = Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let server: Awaited<ReturnType<typeof runSubgraph>>;
let client: Pick<TestWorkforce, 'gql' | 'ok'>;
let ownerOrm: Awaited<ReturnType<typeof openSubgraphOrm>>;
const sql = (q: string, p: unknown[] = []): Promise<any[]> => ownerOrm.em.getConnection().execute(q, p);

beforeAll(async () => {
  db = await createTestDatabase();
  const config = testConfig(db.serviceUrl('workforce'));
  const projectsOrm = await openSubgraphOrm(projects, db.ownerUrl);
  await projects.seed!(projectsOrm.em.fork() as never, { scale: 'demo', logger: testLogger });
  await projectsOrm.close();
  ownerOrm = await openSubgraphOrm(workforce, db.ownerUrl);
  await workforce.seed!(ownerOrm.em.fork() as never, { scale: 'demo', logger: testLogger, config, now: NIGHT });
  server = await runSubgraph(workforce, { config, logger: testLogger, port: 0 });
  client = subgraphClient(server.url, config.ROUTER_SIGNING_KEY);
}, 240_000);

afterAll(async () => {
  await server?.close();
  await ownerOrm?.close();
  await db?.drop();
});

const ATTENDED = `query ($date: String!, $d: String) { workforceToday(date: $date, districtCode: $d) { total { attended } } }`;
const attended = async (districtCode: string | null) =>
  (await client.ok(ATTENDED, { date: DAY, d: districtCode })).workforceToday.total.attended as number;

/** The people with an accepted record of the day, as the records list shows them. */
async function seenOn(filter: Record<string, unknown>): Promise<{ total: number; people: Set<string> }> {
  const { attendanceRecords } = await client.ok(
    `query ($f: AttendanceRecordFilter) { attendanceRecords(filter: $f, page: { page: 1, pageSize: 100 }) {
      total items { personId } } }`,
    { f: { ...filter, accepted: true, dateFrom: DAY, dateTo: DAY } },
  );
  return { total: attendanceRecords.total, people: new Set(attendanceRecords.items.map((r: any) => r.personId)) };
}

describe('出勤 of a day seeded just after Beijing midnight', () => {
  it("puts every seeded arrival within that day, so the day's 出勤 counts the people its records show", async () => {
    const [wrong] = await sql(
      `select count(*)::int as n from workforce.attendance
        where work_date <> (occurred_at at time zone 'Asia/Shanghai')::date`,
    );
    expect(wrong.n).toBe(0);
    const [late] = await sql(`select count(*)::int as n from workforce.attendance where occurred_at > ?`, [NIGHT]);
    expect(late.n).toBe(0);
    // The seeded night has one accepted IN per person who came.
    const city = await attended(null);
    expect(city).toBeGreaterThan(50);
    expect((await seenOn({})).total).toBe(city);
  });

  it('one arrival, then a batch of two arrivals and a departure, raise the district’s 出勤 by one and by two', async () => {
    // The project with the most people the day's records show as not yet come, and a device.
    const candidates = await sql(
      `select s.project_id, s.district_code, d.id as device, array_agg(e.person_id::text order by e.person_id) as people
         from workforce.project_site s
         join workforce.device d on d.project_id = s.project_id and d.enabled
         join workforce.employment e on e.project_id = s.project_id
          and e.entry_date <= ?::date and (e.exit_date is null or e.exit_date >= ?::date)
        group by s.project_id, s.district_code, d.id
        order by s.project_id, d.id`,
      [DAY, DAY],
    );
    let pick: { projectId: string; districtCode: string; device: string; absent: string[] } | null = null;
    for (const c of candidates) {
      const { people } = await seenOn({ projectId: c.project_id });
      const absent = (c.people as string[]).filter((p) => !people.has(p));
      if (!pick || absent.length > pick.absent.length)
        pick = { projectId: c.project_id, districtCode: c.district_code, device: c.device, absent };
    }
    expect(pick!.absent.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = pick!.absent;
    const ingest = async (batch: string, events: { personId: string; occurredAt: string; direction: string }[]) =>
      (
        await client.ok(
          INGEST,
          { d: pick!.device, b: batch, e: events.map((e, i) => ({ ...e, eventId: `${batch}-${i}` })) },
          gateway,
        )
      ).ingestAttendanceBatch;

    const start = await attended(pick!.districtCode);
    expect(await ingest('night-1', [{ personId: a, occurredAt: at('00:36:00'), direction: 'IN' }])).toEqual({
      accepted: 1,
      refused: 0,
    });
    expect(await attended(pick!.districtCode)).toBe(start + 1);
    const batch = await ingest('night-2', [
      { personId: b, occurredAt: at('00:40:00'), direction: 'IN' },
      { personId: c, occurredAt: at('00:40:05'), direction: 'IN' },
      { personId: a, occurredAt: at('00:41:00'), direction: 'OUT' },
    ]);
    expect(batch).toEqual({ accepted: 3, refused: 0 });
    expect(await attended(pick!.districtCode)).toBe(start + 3);
  });
});
