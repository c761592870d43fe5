import { checkCreditCode, DEMO_ENTERPRISES, openSubgraphOrm, pointInPolygon, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictRecords } from '../src/districts/district-data.js';
import { projects } from '../src/index.js';
import { UNIT_ROLE_ORDER } from '../src/projects/project.enums.js';
import { checkProjectFields, checkSiteBoundary } from '../src/projects/project.rules.js';
import { SEED_ADMIN_ID } from '../src/seed/seed.js';
import { createTestDatabase, testLogger } from '../../../packages/kit/test/support.js';

/** The demo seed is deterministic, realistic and passes the same rules as user input. */
type Db = Awaited<ReturnType<typeof createTestDatabase>>;
type Orm = Awaited<ReturnType<typeof openSubgraphOrm>>;
const open: { db: Db; orm: Orm }[] = [];

async function seeded(scale: 'demo' | 'bench') {
  const db = await createTestDatabase();
  const orm = await openSubgraphOrm(projects, db.url);
  open.push({ db, orm });
  await projects.seed!(orm.em.fork() as never, { scale, logger: testLogger });
  const sql = (q: string) => orm.em.getConnection().execute(q);
  return { orm, sql };
}

let demo: Awaited<ReturnType<typeof seeded>>;
beforeAll(async () => {
  demo = await seeded('demo');
});
afterAll(async () => {
  for (const { db, orm } of open) {
    await orm.close();
    await db.drop();
  }
});

describe('seed (demo)', () => {
  it('has the districts, 40 enterprises and 60 projects with five units each', async () => {
    expect((await demo.sql('select code from projects.district order by code')).map((r: any) => r.code)).toEqual(
      loadDistrictRecords().map((d) => d.code),
    );
    expect((await demo.sql('select count(*)::int n from projects.enterprise'))[0].n).toBe(40);
    expect((await demo.sql('select count(*)::int n from projects.project'))[0].n).toBe(60);
    const units = await demo.sql(
      'select project_id, array_agg(role order by role) roles from projects.project_unit group by project_id',
    );
    expect(units).toHaveLength(60);
    for (const u of units) expect([...u.roles].sort()).toEqual([...UNIT_ROLE_ORDER].sort());
  });

  it('keeps the shared demo enterprises under their stable ids, and every one with a role has projects', async () => {
    const rows = await demo.sql(
      `select e.id, e.credit_code, count(u.id)::int n from projects.enterprise e left join projects.project_unit u on u.enterprise_id = e.id group by e.id`,
    );
    const byCode = new Map(rows.map((r: any) => [r.credit_code, r]));
    for (const e of DEMO_ENTERPRISES) {
      const row: any = byCode.get(e.creditCode);
      expect(row?.id).toBe(stableId('enterprise', e.creditCode));
      if (!/消防|检测/.test(e.name)) expect(row.n, e.name).toBeGreaterThan(0);
    }
  });

  it('gives every enterprise a valid 统一社会信用代码', async () => {
    for (const r of await demo.sql('select credit_code from projects.enterprise'))
      expect(checkCreditCode(r.credit_code)).toEqual({ ok: true, value: r.credit_code });
  });

  it('spreads projects over the six districts, inside their polygons, with valid codes, dates and fences', async () => {
    const districts = new Map(loadDistrictRecords().map((d) => [d.code, d]));
    const rows = await demo.sql(
      `select *, to_char(start_date, 'YYYY-MM-DD') sd, to_char(planned_end_date, 'YYYY-MM-DD') ped, to_char(completed_date, 'YYYY-MM-DD') cd from projects.project`,
    );
    expect(new Set(rows.map((r: any) => r.district_code)).size).toBe(6);
    for (const r of rows) {
      const district = districts.get(r.district_code)!;
      expect(pointInPolygon([r.location_lng, r.location_lat], district.boundary), r.name).toBe(true);
      expect(checkSiteBoundary(r.site_boundary, district).issues, r.name).toEqual([]);
      expect(r.id).toBe(stableId('project', r.project_code));
      expect(r.created_by_id).toBe(SEED_ADMIN_ID);
      const issues = checkProjectFields({
        projectCode: r.project_code,
        permitCode: r.permit_code,
        name: r.name,
        districtCode: r.district_code,
        address: r.address,
        location: { lng: r.location_lng, lat: r.location_lat },
        siteBoundary: r.site_boundary,
        status: r.status,
        startDate: r.sd,
        plannedEndDate: r.ped,
        completedDate: r.cd,
        contractAmount: r.contract_amount == null ? null : Number(r.contract_amount),
        area: r.area == null ? null : Number(r.area),
      });
      expect(issues, `${r.name} ${JSON.stringify(issues)}`).toEqual([]);
    }
    expect(new Set(rows.map((r: any) => r.name)).size).toBe(rows.length);
  });

  it('is deterministic: a second database seeded the same way holds the same rows', async () => {
    const again = await seeded('demo');
    const snapshot = (s: typeof demo) =>
      s.sql(`select p.id, p.name, p.permit_code, p.location_lng, p.location_lat, p.status, string_agg(u.enterprise_id::text || u.role, ',' order by u.role) units
             from projects.project p join projects.project_unit u on u.project_id = p.id group by p.id order by p.id`);
    expect(await snapshot(again)).toEqual(await snapshot(demo));
  });
});

describe('seed (bench)', () => {
  it('has 300 projects and 300 enterprises', async () => {
    const bench = await seeded('bench');
    expect((await bench.sql('select count(*)::int n from projects.project'))[0].n).toBe(300);
    expect((await bench.sql('select count(*)::int n from projects.enterprise'))[0].n).toBe(300);
    expect((await bench.sql('select count(*)::int n from projects.project_unit'))[0].n).toBe(1500);
  });
});
