import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate, migrateSubgraph, openSubgraphOrm, runSubgraph, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../projects/src/index.js';
import { fire } from '../src/index.js';
import { DEMO_INSPECTION_PROJECTS } from '../src/seed/demo-projects.js';
import { seedFire } from '../src/seed/seed.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';
import { admin, type GraphQLResponse } from './helpers.js';
import { signCaller } from '@hs/kit';

/**
 * The demo seed on top of the projects subgraph's demo seed: the inspected projects still exist
 * with the names and units the inspections copied, the inspections are at every stage, and what
 * was seeded passes the same checks as data entered through the API (verifyPlan, the triggers).
 */
type Db = Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let dataDir: string;
let server: Awaited<ReturnType<typeof runSubgraph>>;
const config = () => ({ ...testConfig(db.serviceUrl('fire')), DATA_DIR: dataDir });
// The checks read projects' tables too: as the owner, not through fire's own role.
let ownerOrm: Awaited<ReturnType<typeof openSubgraphOrm>>;
const sql = (q: string, p: unknown[] = []) => ownerOrm.em.getConnection().execute(q, p);
async function gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hs-caller': signCaller(config().ROUTER_SIGNING_KEY, admin, '127.0.0.1'),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse;
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'hs-fire-seed-'));
  const projectsOrm = await openSubgraphOrm(projects, db.ownerUrl);
  await projects.seed!(projectsOrm.em.fork() as never, { scale: 'demo', logger: testLogger });
  await projectsOrm.close();
  await migrateSubgraph(fire, db.ownerUrl);
  ownerOrm = await openSubgraphOrm(fire, db.ownerUrl);
  await seedFire(ownerOrm.em.fork() as never, { scale: 'demo', logger: testLogger, config: config() });
  server = await runSubgraph(fire, { config: config(), logger: testLogger, port: 0 });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await ownerOrm?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('fire demo seed', () => {
  it('links to projects that the projects seed really creates, with the names and units copied from them', async () => {
    for (const p of DEMO_INSPECTION_PROJECTS) {
      const [row] = await sql(
        `select p.id, p.name, p.district_code, p.address,
                (select json_object_agg(u.role, e.name) from projects.project_unit u join projects.enterprise e on e.id = u.enterprise_id where u.project_id = p.id) as units,
                (select u.project_leader from projects.project_unit u where u.project_id = p.id and u.role = 'GENERAL_CONTRACTOR') as leader
           from projects.project p where p.project_code = ?`,
        [p.projectCode],
      );
      expect(row, p.projectCode).toBeDefined();
      expect(row.id).toBe(stableId('project', p.projectCode));
      expect([row.name, row.district_code, row.address, row.leader]).toEqual([
        p.name,
        p.districtCode,
        p.address,
        p.leader,
      ]);
      expect([row.units.BUILDER, row.units.DESIGNER, row.units.GENERAL_CONTRACTOR, row.units.SUPERVISOR]).toEqual([
        p.builder,
        p.designer,
        p.generalContractor,
        p.supervisor,
      ]);
    }
    const linked = await sql(
      `select i.project_id, p.name as project_name, i.project_name as copied from fire.inspection i left join projects.project p on p.id = i.project_id where i.project_id is not null`,
    );
    expect(linked).toHaveLength(12);
    for (const r of linked) expect(r.project_name).toBe(r.copied);
    const placed = await sql(
      `select count(*)::int as n from fire.inspection i join projects.project p on p.id = i.project_id
        where i.site_latitude = p.location_lat and i.site_longitude = p.location_lng`,
    );
    expect(placed[0].n).toBe(12); // the phone's “far from the site” warning has a site to measure from
  });

  it('has inspections at every stage over the last 12 months', async () => {
    const rows = await sql(`select status, count(*)::int n from fire.inspection group by status order by status`);
    expect(Object.fromEntries(rows.map((r: any) => [r.status, r.n]))).toEqual({
      DRAFT: 1,
      PLAN_CONFIRMED: 1,
      PLAN_PENDING: 1,
      RECORDED: 1,
      RECORDING: 1,
      SEALED: 7,
      SIGNING: 1,
    });
    const res = await gql(
      `{ fireAnalytics { recentCounts { months total sealed } itemRates { code checked failed } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.fireAnalytics.recentCounts.find((c: any) => c.months === 12)).toMatchObject({
      total: 13,
      sealed: 7,
    });
    const rates = res.data.fireAnalytics.itemRates;
    expect(rates.reduce((s: number, r: any) => s + r.failed, 0)).toBeGreaterThan(0);
    expect(rates.find((r: any) => r.code === '08').checked).toBeGreaterThan(0);
    // One plan was voided by a disagreeing signer and is kept.
    const [{ n }] = await sql(
      `select count(*)::int n from fire.sampling_plan where status = 'VOID' and void_reason like '%不同意%'`,
    );
    expect(n).toBe(1);
  });

  it('gives dy_inspector an inspection in 大冶 to work on site today: plan drawn, three signatures to go, a site to stand on', async () => {
    const rows = await sql(
      `select i.id, i.inspection_date::text as date, i.site_latitude as lat, i.site_longitude as lng,
              p.location_lat as project_lat, p.location_lng as project_lng
         from fire.inspection i join projects.project p on p.id = i.project_id
        where i.district_code = '420281' and i.status not in ('SEALED', 'DRAFT')`,
    );
    expect(rows).toHaveLength(1);
    const [onsite] = rows;
    expect(onsite.date).toBe(chinaDate());
    expect([onsite.lat, onsite.lng]).toEqual([onsite.project_lat, onsite.project_lng]);
    const res = await gql(
      `query($id: ID!) { fireInspection(id: $id) { status currentPlan { id status } siteVisits { id } } }`,
      { id: onsite.id },
    );
    expect(res.errors).toBeUndefined();
    const inspection = res.data.fireInspection;
    expect(inspection).toMatchObject({ status: 'PLAN_PENDING', currentPlan: { status: 'PENDING' }, siteVisits: [] });
    const [{ n }] = await sql(`select count(*)::int n from fire.signature where plan_id = ?`, [
      inspection.currentPlan.id,
    ]);
    expect(n).toBe(0);
  });

  it('seeded plans verify (seed replay, SM3, HMAC-SM3, catalogue, signatures) and personal data is encrypted', async () => {
    const plans = await sql(`select id from fire.sampling_plan`);
    expect(plans.length).toBe(13);
    for (const { id } of plans) {
      const res = await gql(`query($id: ID!) { verifyPlan(planId: $id) { valid checks { name outcome } } }`, { id });
      expect(res.data.verifyPlan.valid, JSON.stringify(res.data.verifyPlan.checks)).toBe(true);
    }
    const [row] = await sql(
      `select leader_phone_cipher, leader_id_card_cipher from fire.inspection where leader_id_card_cipher is not null limit 1`,
    );
    expect(row.leader_phone_cipher).toMatch(/^sm4:/);
    expect(row.leader_id_card_cipher).toMatch(/^sm4:/);
  });

  it('sealed demo results are as immutable as any', async () => {
    await expect(
      sql(
        `update fire.inspection_result set verdict = 'PASS' where inspection_id = (select id from fire.inspection where status = 'SEALED' limit 1)`,
      ),
    ).rejects.toThrow(/RESULTS_SEALED/);
  });
});
