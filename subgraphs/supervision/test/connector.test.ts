/**
 * The inspection pull against the 工程质量安全监督系统 SIMULATOR, with the subgraph's own connector
 * definition on the exchange kit, as the service role: linking by code, 未关联项目, incremental
 * runs, and each failure switch (down, error, malformed, a restart in the middle of a pull).
 */
import { ExchangeService, openSubgraphOrm, stableId } from '@hs/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testLogger } from '../../../packages/kit/test/support.js';
import {
  startProvincialSupervisionSimulator,
  type RunningProvincialSupervisionSimulator,
} from '../../../simulators/provincial-supervision/server.mjs';
import { supervisionConnectors, SUPERVISION_CONNECTOR as PULL } from '../src/exchange/connector.js';
import { supervision } from '../src/index.js';

type Db = Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;
let pool: pg.Pool;
let sim: RunningProvincialSupervisionSimulator;
const services: ExchangeService[] = [];
const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;

const PROJECTS = [
  {
    id: stableId('project', 'sup-a'),
    projectCode: '42020220240000001',
    permitNo: '420202202401050101',
    district: '420202',
  },
  {
    id: stableId('project', 'sup-b'),
    projectCode: '42028120240000002',
    permitNo: '420281202402030101',
    district: '420281',
  },
];
const COUNT = 60;

function service(options: Partial<ConstructorParameters<typeof ExchangeService>[0]> = {}) {
  process.env.PROVINCIAL_SUPERVISION_URL = sim.url;
  process.env.PROVINCIAL_SUPERVISION_APP_KEY = sim.appKey;
  const s = new ExchangeService({
    schema: 'supervision',
    orm,
    logger: testLogger,
    connectors: supervisionConnectors(),
    databaseUrl: db.serviceUrl('supervision'),
    relayIntervalMs: 0,
    ...options,
  });
  services.push(s);
  return s;
}
const runs = () =>
  q(
    `select status, trigger, read_count, created_count, updated_count, unchanged_count, rejected_count, error, error_kind
       from supervision.exchange_run where connector = $1 and kind = 'PULL' order by id`,
    [PULL],
  );

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openSubgraphOrm(supervision, db.serviceUrl('supervision'));
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  for (const p of PROJECTS)
    await q(
      `insert into supervision.project_ref (project_id, project_code, permit_code, name, district_code) values ($1, $2, $3, $4, $5)`,
      [p.id, p.projectCode, p.permitNo, `项目${p.district}`, p.district],
    );
  // The simulator knows the first by its 项目代码 and the second only by its 施工许可证编号.
  sim = await startProvincialSupervisionSimulator({
    inspections: COUNT,
    projects: [
      { projectCode: PROJECTS[0].projectCode, permitNo: null, projectName: '省厅所载名称甲' },
      { projectCode: '99999999999999999', permitNo: PROJECTS[1].permitNo, projectName: '省厅所载名称乙' },
    ],
  });
});

afterAll(async () => {
  for (const s of services) await s.stop();
  await sim?.close();
  await pool?.end();
  await orm?.close();
  await db?.drop();
  delete process.env.PROVINCIAL_SUPERVISION_URL;
  delete process.env.PROVINCIAL_SUPERVISION_APP_KEY;
});

describe('supervision inspection pull', () => {
  it('a restart in the middle of a pull resumes from the checkpoint: nothing read twice, nothing missed', async () => {
    const a = service();
    await a.ensureConnectors();
    await a.updateSettings(PULL, { pageSize: 20 });
    a.on('page', (e) => {
      if (e.page === 1) void a.stop();
    });
    const before = sim.requests();
    expect(await a.runPull(PULL)).toBeNull();
    expect(sim.requests() - before).toBe(1);
    expect((await q(`select count(*)::int n from supervision.inspection`))[0].n).toBe(20);

    const b = service({ staleRunMs: 0 });
    const resumed = await b.runPull(PULL);
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', read: 40, created: 40, rejected: 0 });
    expect(sim.requests() - before).toBe(3);
    expect((await q(`select count(*)::int n from supervision.inspection`))[0].n).toBe(COUNT);
    expect((await runs()).map((r) => [r.status, r.error_kind, r.read_count])).toEqual([
      ['FAILED', 'INTERRUPTED', 20],
      ['SUCCEEDED', null, 40],
    ]);
  });

  it('links by 项目代码 or 施工许可证编号, copies the district, keeps the others as 未关联项目 with their codes', async () => {
    const served = sim.inspections();
    const stored = await q(
      `select src_source_id, project_id, district_code, project_code, permit_code, problem_count, open_count,
              (select count(*)::int from supervision.problem p where p.inspection_id = i.id) problems
         from supervision.inspection i`,
    );
    const bySource = new Map(stored.map((r) => [r.src_source_id, r]));
    let linked = 0;
    let unlinked = 0;
    for (const s of served) {
      const row = bySource.get(s.id)!;
      expect(row.problems).toBe(s.problems.length);
      expect(row.problem_count).toBe(s.problems.length);
      expect(row.open_count).toBe(
        s.problems.filter((p) => ['未整改', '逾期未整改'].includes(p.rectificationStatus)).length,
      );
      const project =
        s.projectCode === PROJECTS[0].projectCode
          ? PROJECTS[0]
          : s.permitNo === PROJECTS[1].permitNo
            ? PROJECTS[1]
            : null;
      if (project) {
        linked++;
        expect(row).toMatchObject({ project_id: project.id, district_code: project.district });
      } else {
        unlinked++;
        expect(row).toMatchObject({ project_id: null, district_code: null, project_code: s.projectCode });
      }
    }
    expect(linked).toBeGreaterThan(0);
    expect(unlinked).toBeGreaterThan(0);
  });

  it('the next run asks only for what changed since the last one', async () => {
    const touched = sim.touch(4);
    const result = await service().runPull(PULL);
    // The newest record of the last run comes again (updatedSince is inclusive), unchanged.
    expect(result).toMatchObject({ status: 'SUCCEEDED', updated: 4, rejected: 0 });
    expect(result!.read).toBeLessThanOrEqual(5);
    const [connector] = await q(`select checkpoint from supervision.exchange_connector where name = $1`, [PULL]);
    expect(connector.checkpoint.updatedSince).toBe(sim.inspections().find((i) => i.id === touched[3])!.updatedAt);
  });

  it('down: the client retries, the run fails with the error, and the last attempt is DEAD', async () => {
    const s = service();
    sim.setMode('down');
    try {
      const before = sim.requests();
      const failed = await s.runPull(PULL);
      expect(failed).toMatchObject({ status: 'FAILED' });
      expect(failed!.error).toContain('省住建厅工程质量安全监督系统');
      // One request and the connector's two retries.
      expect(sim.requests() - before).toBe(3);
      const dead = await s.runPull(PULL, { trigger: 'RETRY', attempt: 4, final: true });
      expect(dead).toMatchObject({ status: 'DEAD' });
      const last = (await runs()).slice(-2);
      expect(last.map((r) => [r.status, r.trigger])).toEqual([
        ['FAILED', 'MANUAL'],
        ['DEAD', 'RETRY'],
      ]);
      expect(last[0].error).toBe(failed!.error);
    } finally {
      sim.setMode('normal');
    }
  });

  it('error: a 500 answer fails the run with the system named', async () => {
    const s = service();
    sim.setMode('error');
    try {
      const failed = await s.runPull(PULL);
      expect(failed).toMatchObject({ status: 'FAILED' });
      expect(failed!.error).toContain('省住建厅工程质量安全监督系统');
    } finally {
      sim.setMode('normal');
    }
  });

  it('malformed: the broken records are rejected with a Chinese reason, the rest stored', async () => {
    const s = service();
    await q(`update supervision.exchange_connector set checkpoint = null where name = $1`, [PULL]);
    sim.setMode('malformed');
    try {
      const result = await s.runPull(PULL);
      const broken = Array.from({ length: COUNT }, (_, p) => p).filter((p) => p % 7 === 3).length;
      expect(result).toMatchObject({ status: 'SUCCEEDED', read: COUNT, rejected: broken });
      const rejected = await q(
        `select source_id, reason from supervision.exchange_rejected where connector = $1 order by id`,
        [PULL],
      );
      expect(rejected).toHaveLength(broken);
      const reasons = rejected.map((r) => r.reason as string);
      expect(reasons.some((r) => r.startsWith('监督检查记录格式不正确：inspectionDate'))).toBe(true);
      expect(reasons.some((r) => r.startsWith('监督检查记录格式不正确：type'))).toBe(true);
      expect(reasons.some((r) => r.startsWith('监督检查记录格式不正确：problems'))).toBe(true);
      expect(reasons.some((r) => /隐患等级 7 不在隐患等级字典中|problems\.0/.test(r))).toBe(true);
      // What was stored before is still there, unchanged.
      expect((await q(`select count(*)::int n from supervision.inspection`))[0].n).toBe(COUNT);
    } finally {
      sim.setMode('normal');
    }
  });
});
