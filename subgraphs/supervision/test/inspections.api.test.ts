/**
 * The inspection list, detail, statistics and export through the subgraph's GraphQL API, as the
 * router calls it: data scope (a district's staff see their district's inspections only, city-wide
 * staff also 未关联项目), refusal without supervision:view, filters and the replica's linking.
 */
import { Permission, runSubgraph, signCaller, stableId, type Caller, type RunningSubgraph } from '@hs/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  TEST_SECRETS,
  testCaller,
  testConfig,
  testLogger,
} from '../../../packages/kit/test/support.js';
import {
  startProvincialSupervisionSimulator,
  type RunningProvincialSupervisionSimulator,
} from '../../../simulators/provincial-supervision/server.mjs';
import { applyProjectChange, SUPERVISION_CONNECTOR, supervision, supervisionExchangeOf } from '../src/index.js';

type Db = Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let server: RunningSubgraph;
let sim: RunningProvincialSupervisionSimulator;
let pool: pg.Pool;
const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;

const HUANGSHIGANG = { id: stableId('project', 'sup-api-a'), projectCode: '42020220240000011', district: '420202' };
const DAYE = { id: stableId('project', 'sup-api-b'), projectCode: '42028120240000012', district: '420281' };
/** Known to the province but not yet to the city: its inspections are 未关联项目 until the project is registered. */
const LATER = { id: stableId('project', 'sup-api-c'), projectCode: '42020320240000013', district: '420203' };

const admin = testCaller();
const dayeInspector = testCaller({
  userId: stableId('user', 'sup-daye'),
  username: 'sup-daye',
  roles: ['district_inspector'],
  permissions: [Permission.SUPERVISION_VIEW],
  scope: { kind: 'DEPT', districtCodes: ['420281'] },
});
const noPermission = testCaller({
  userId: stableId('user', 'sup-none'),
  username: 'sup-none',
  roles: ['expert'],
  permissions: [Permission.PROJECT_VIEW],
  scope: { kind: 'ALL' },
});

async function gql(query: string, variables: Record<string, unknown> = {}, as: Caller = admin) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hs-caller': signCaller(TEST_SECRETS.ROUTER_SIGNING_KEY, as, '127.0.0.1'),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}
async function ok(query: string, variables: Record<string, unknown> = {}, as: Caller = admin) {
  const r = await gql(query, variables, as);
  expect(r.errors).toBeUndefined();
  return r.data;
}

const LIST = `query($f: SupervisionInspectionFilter, $p: PageInput, $s: SupervisionInspectionSort) {
  supervisionInspections(filter: $f, page: $p, sort: $s) {
    total items { id projectId districtCode linked inspectedOn type outcome { name } maxRiskLevel openCount openDeadline overdue
      provenance { sourceSystem sourceId fetchedAt } problems { seq level { name } outcome { name } rectificationStatus deadline } }
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  for (const p of [HUANGSHIGANG, DAYE])
    await q(
      `insert into supervision.project_ref (project_id, project_code, name, district_code) values ($1, $2, $3, $4)`,
      [p.id, p.projectCode, `测试项目${p.district}`, p.district],
    );
  sim = await startProvincialSupervisionSimulator({
    inspections: 80,
    projects: [HUANGSHIGANG, DAYE, LATER].map((p) => ({ projectCode: p.projectCode, permitNo: null })),
  });
  process.env.PROVINCIAL_SUPERVISION_URL = sim.url;
  process.env.PROVINCIAL_SUPERVISION_APP_KEY = sim.appKey;
  server = await runSubgraph(supervision, {
    config: testConfig(db.serviceUrl('supervision')),
    logger: testLogger,
    port: 0,
  });
  const result = await supervisionExchangeOf(server.orm).runPull(SUPERVISION_CONNECTOR);
  expect(result).toMatchObject({ status: 'SUCCEEDED', read: 80, created: 80 });
});

afterAll(async () => {
  await server?.close();
  await sim?.close();
  await pool?.end();
  await db?.drop();
  delete process.env.PROVINCIAL_SUPERVISION_URL;
  delete process.env.PROVINCIAL_SUPERVISION_APP_KEY;
});

describe('supervisionInspections', () => {
  it('city-wide staff see every inspection, 未关联项目 included, with provenance and problems', async () => {
    const data = await ok(LIST, { p: { page: 1, pageSize: 100 } });
    expect(data.supervisionInspections.total).toBe(80);
    const items = data.supervisionInspections.items;
    expect(items.some((i: any) => !i.linked && i.projectId === null)).toBe(true);
    expect(items.every((i: any) => i.provenance.sourceSystem === '省住建厅工程质量安全监督系统')).toBe(true);
    const dates = items.map((i: any) => i.inspectedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('a district inspector sees only the district’s inspections, in the list, by id and in the statistics', async () => {
    const all = (await ok(LIST, { p: { pageSize: 100 } })).supervisionInspections.items;
    const daye = all.filter((i: any) => i.districtCode === '420281');
    expect(daye.length).toBeGreaterThan(0);
    const seen = (await ok(LIST, { p: { pageSize: 100 } }, dayeInspector)).supervisionInspections;
    expect(seen.total).toBe(daye.length);
    expect(seen.items.every((i: any) => i.districtCode === '420281')).toBe(true);
    const other = all.find((i: any) => i.districtCode !== '420281')!;
    const byId = await ok(`query($id: ID!) { supervisionInspection(id: $id) { id } }`, { id: other.id }, dayeInspector);
    expect(byId.supervisionInspection).toBeNull();
    const stats = await ok(
      `query($f: SupervisionInspectionFilter) { supervisionStats(filter: $f) { inspections byDistrict { districtCode inspections } } }`,
      { f: { dateFrom: '2000-01-01', dateTo: '2000-12-31' } },
      dayeInspector,
    );
    expect(stats.supervisionStats.inspections).toBe(0);
  });

  it('someone without supervision:view is refused', async () => {
    for (const query of [
      LIST,
      `{ supervisionStats { inspections } }`,
      `mutation { exportSupervisionInspections { url } }`,
    ]) {
      const r = await gql(query, {}, noPermission);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const manage = await gql(
      `mutation { setSupervisionHazardLevelOrder(levels: [4, 3, 2, 1]) { level } }`,
      {},
      dayeInspector,
    );
    expect(manage.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters: district, type, outcome, risk level, open and overdue rectification, unlinked; bad input refused in Chinese', async () => {
    const all = (await ok(LIST, { p: { pageSize: 100 } })).supervisionInspections.items as any[];
    const count = async (f: Record<string, unknown>) =>
      (await ok(LIST, { f, p: { pageSize: 1 } })).supervisionInspections.total;
    expect(await count({ districtCode: '420202' })).toBe(all.filter((i) => i.districtCode === '420202').length);
    expect(await count({ type: 'SAFETY' })).toBe(all.filter((i) => i.type === 'SAFETY').length);
    expect(await count({ riskLevel: 1 })).toBe(all.filter((i) => i.maxRiskLevel === 1).length);
    expect(await count({ rectification: 'OPEN' })).toBe(all.filter((i) => i.openCount > 0).length);
    expect(await count({ rectification: 'OVERDUE' })).toBe(all.filter((i) => i.overdue).length);
    expect(await count({ linked: false })).toBe(all.filter((i) => !i.linked).length);
    const first = all[0];
    expect(await count({ dateFrom: first.inspectedOn, dateTo: first.inspectedOn })).toBe(
      all.filter((i) => i.inspectedOn === first.inspectedOn).length,
    );
    const bad = await gql(LIST, { f: { dateFrom: '昨天' } });
    expect(bad.errors?.[0]?.message).toContain('日期格式应为 YYYY-MM-DD');
    const badStats = await gql(`{ supervisionStats(filter: { dateTo: "明天" }) { inspections } }`);
    expect(badStats.errors?.[0]?.message).toContain('日期格式应为 YYYY-MM-DD');
    const tooLong = await gql(
      `{ supervisionStats(filter: { dateFrom: "2024-01-01", dateTo: "2026-01-01" }) { inspections } }`,
    );
    expect(tooLong.errors?.[0]?.message).toContain('统计期间最长 366 天');
  });

  it('statistics agree with the list: per day, per outcome, per level, open and overdue', async () => {
    const all = (await ok(LIST, { p: { pageSize: 100 } })).supervisionInspections.items as any[];
    const from = all[all.length - 1].inspectedOn;
    const to = all[0].inspectedOn;
    const { supervisionStats: s } = await ok(
      `query($f: SupervisionInspectionFilter) { supervisionStats(filter: $f) {
        inspections problems openRectifications overdueRectifications perDay { day inspections }
        outcomes { name inspections } hazardsByLevel { name problems } byDistrict { districtCode inspections } } }`,
      { f: { dateFrom: from, dateTo: to } },
    );
    expect(s.inspections).toBe(80);
    expect(s.perDay.reduce((n: number, d: any) => n + d.inspections, 0)).toBe(80);
    expect(s.outcomes.map((o: any) => o.name)).toEqual([
      '符合要求',
      '立即整改',
      '限期整改',
      '局部停工整改',
      '停工整改',
      '挂牌督办',
      '行政处罚',
    ]);
    expect(s.hazardsByLevel.map((l: any) => l.name)).toEqual(['一级', '二级', '三级', '四级']);
    const problems = all.flatMap((i) => i.problems);
    expect(s.problems).toBe(problems.length);
    expect(s.hazardsByLevel.reduce((n: number, l: any) => n + l.problems, 0)).toBe(problems.length);
    expect(s.openRectifications).toBe(all.reduce((n, i) => n + i.openCount, 0));
    expect(s.byDistrict.find((d: any) => d.districtCode === null)?.inspections).toBe(
      all.filter((i) => !i.linked).length,
    );
  });

  it('inspection_metrics_v: one row per linked project and day, its sums those of the linked inspections', async () => {
    const [view] = await q(
      `select count(*)::int rows, count(distinct (project_id, day))::int keys, sum(inspections)::int inspections,
              sum(problems)::int problems, sum(hazards_level_1 + hazards_level_2 + hazards_level_3 + hazards_level_4)::int hazards,
              sum(quality_inspections + safety_inspections)::int typed, sum(open_rectifications)::int open
         from supervision.inspection_metrics_v`,
    );
    const [linked] = await q(
      `select count(*)::int inspections, sum(problem_count)::int problems, sum(open_count)::int open
         from supervision.inspection where project_id is not null`,
    );
    expect(view.rows).toBe(view.keys);
    expect(view).toMatchObject({
      inspections: linked.inspections,
      problems: linked.problems,
      hazards: linked.problems,
      typed: linked.inspections,
      open: linked.open,
    });
  });

  it('a project registered later links its 未关联项目 inspections and gives them its district', async () => {
    const before = Number(
      (
        await q(`select count(*) n from supervision.inspection where project_code = $1 and project_id is null`, [
          LATER.projectCode,
        ])
      )[0].n,
    );
    expect(before).toBeGreaterThan(0);
    await applyProjectChange(server.orm.em.fork(), {
      kind: 'CREATED',
      projectId: LATER.id,
      districtCode: LATER.district,
      name: '后登记的项目',
      projectCode: LATER.projectCode,
      permitCode: null,
    });
    const rows = await q(
      `select project_id, district_code, project_name from supervision.inspection where project_code = $1`,
      [LATER.projectCode],
    );
    expect(rows).toHaveLength(before);
    expect(
      rows.every(
        (r) => r.project_id === LATER.id && r.district_code === LATER.district && r.project_name === '后登记的项目',
      ),
    ).toBe(true);
    const project = await ok(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { supervisionInspections { id projectId } } } }`,
      { r: [{ __typename: 'Project', id: LATER.id }] },
    );
    expect(project._entities[0].supervisionInspections).toHaveLength(Math.min(before, 20));
  });

  it('exports the filtered list through a download link', async () => {
    const link = await ok(`mutation { exportSupervisionInspections(filter: { districtCode: "420281" }) { url } }`);
    expect(link.exportSupervisionInspections.url).toMatch(/supervision/);
  });
});
