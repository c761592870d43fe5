/**
 * 3.1.1 / 3.1.2 through the router against the provincial simulators: a lookup answers a proposal
 * and stores nothing; apply stores it in one go once confirmed; unknown, down, garbage and a stale
 * digest each get their error code and leave the database as it was.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { computeCreditCodeCheckChar } from '@hs/kit';
import { exchangeOf, MARKET_CONNECTOR } from '@hs/projects';
import type { RunningPlatform } from '../src/platform.js';
import { startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';
import {
  startProvincialApprovalSimulator,
  type ApprovalProject,
  type RunningProvincialApprovalSimulator,
} from '../../simulators/provincial-approval/server.mjs';
import {
  startProvincialMarketSimulator,
  type RunningProvincialMarketSimulator,
} from '../../simulators/provincial-market/server.mjs';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let approval: RunningProvincialApprovalSimulator;
let market: RunningProvincialMarketSimulator;
let admin: string;
let sql: pg.Client;

async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = admin) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

async function ok(query: string, variables: Record<string, unknown> = {}, token = admin) {
  const body = await gql(query, variables, token);
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function login(username: string): Promise<string> {
  const password = DEMO_ACCOUNTS.find((a) => a.username === username)!.password;
  const body = await gql(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
    { u: username, p: password },
    null,
  );
  return body.data.login.accessToken;
}

/** Rows that a lookup must not touch. */
async function counts() {
  const { rows } = await sql.query(`select (select count(*) from projects.project) p,
      (select count(*) from projects.enterprise) e, (select count(*) from projects.project_unit) u,
      (select count(*) from projects.enterprise_qualification) q,
      (select max(updated_at) from projects.enterprise) eu, (select max(updated_at) from projects.project) pu`);
  return rows[0];
}

const LOOKUP = `query($code: String!) { provincialProjectLookup(code: $code) {
  digest source projectCode permitCode investmentCode provincialCode name type districtCode address status
  startDate location { lng lat }
  units { role name creditCode projectLeader isNew enterprise { id name } }
  existingProject { id name }
  conflicts { field label stored proposed blocking } } }`;
const APPLY = `mutation($code: String!, $digest: String!, $confirm: Boolean) {
  applyProvincialProject(code: $code, digest: $digest, confirmConflicts: $confirm) {
    id name projectCode permitCode investmentCode provincialCode units { role enterprise { creditCode name } } } }`;

const errorOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  db = await createTestDatabase();
  approval = await startProvincialApprovalSimulator();
  market = await startProvincialMarketSimulator();
  platform = await startTestPlatform(db, {
    env: {
      PROVINCIAL_APPROVAL_URL: approval.url,
      PROVINCIAL_MARKET_URL: market.url,
      PROVINCIAL_MARKET_APP_KEY: market.appKey,
      PROVINCIAL_MARKET_APP_SECRET: market.appSecret,
      // The failure tests trip the breaker (5 failed attempts); the next test's first call is its probe.
      PROVINCIAL_CIRCUIT_COOLDOWN_MS: '1',
    },
  });
  admin = await login('admin');
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await platform?.close();
  await approval?.close();
  await market?.close();
  await db?.drop();
});

describe('3.1.1 project by code', () => {
  let project: ApprovalProject;
  beforeAll(() => {
    project = approval.projects().find((p) => p.codes.permitNo && p.status === '3')!;
  });

  it('answers a proposal from a 施工许可证编号 with the units matched or new, and stores nothing', async () => {
    const before = await counts();
    const { provincialProjectLookup: p } = await ok(LOOKUP, { code: project.codes.permitNo });
    expect(p).toMatchObject({
      name: project.name,
      permitCode: project.codes.permitNo,
      projectCode: project.codes.hubeiCode,
      investmentCode: project.codes.investmentCode,
      provincialCode: project.codes.provincialNo,
      districtCode: project.districtCode,
      status: 'UNDER_CONSTRUCTION',
      existingProject: null,
      conflicts: [],
      source: '省工程建设项目审批管理系统',
    });
    expect(p.units.map((u: any) => u.role)).toEqual([
      'BUILDER',
      'GENERAL_CONTRACTOR',
      'SUPERVISOR',
      'SURVEYOR',
      'DESIGNER',
    ]);
    expect(p.units.every((u: any) => u.isNew === (u.enterprise === null))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('unknown code → NOT_FOUND, no code at all → BAD_USER_INPUT', async () => {
    const unknown = await gql(LOOKUP, { code: '420202209901010101' });
    expect(errorOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0].message).toContain('未查询到');
    expect(errorOf(await gql(LOOKUP, { code: '  ' }))).toBe('BAD_USER_INPUT');
    expect(errorOf(await gql(LOOKUP, { code: '<编码>' }))).toBe('BAD_USER_INPUT');
  });

  it('system down, busy or answering garbage: a clear error each, nothing stored', async () => {
    const before = await counts();
    try {
      approval.setMode('down');
      const down = await gql(LOOKUP, { code: project.codes.permitNo });
      expect(errorOf(down)).toBe('UPSTREAM_UNAVAILABLE');
      expect(down.errors![0].message).toContain('省工程建设项目审批管理系统');
      approval.setMode('error');
      expect(errorOf(await gql(LOOKUP, { code: project.codes.permitNo }))).toBe('UPSTREAM_UNAVAILABLE');
      approval.setMode('malformed');
      const garbage = await gql(LOOKUP, { code: project.codes.permitNo });
      expect(errorOf(garbage)).toBe('UPSTREAM_INVALID');
      expect(garbage.errors![0].message).toContain('数据格式不正确');
      // apply asks the province again: refused the same way
      const apply = await gql(APPLY, { code: project.codes.permitNo, digest: 'x' });
      expect(errorOf(apply)).toBe('UPSTREAM_INVALID');
    } finally {
      approval.setMode('normal');
    }
    expect(await counts()).toEqual(before);
  });

  it('applies only with the digest of the answer the user saw; then any code finds the project', async () => {
    const { provincialProjectLookup: p } = await ok(LOOKUP, { code: project.codes.permitNo });
    const stale = await gql(APPLY, { code: project.codes.permitNo, digest: '0'.repeat(32) });
    expect(errorOf(stale)).toBe('CONFLICT');
    const { applyProvincialProject: saved } = await ok(APPLY, { code: project.codes.permitNo, digest: p.digest });
    expect(saved).toMatchObject({ name: project.name, permitCode: project.codes.permitNo });
    expect(saved.units.map((u: any) => u.enterprise.creditCode)).toEqual(project.units.map((u) => u.creditCode));
    for (const code of Object.values(project.codes)) {
      const { projectByCode } = await ok('query($c: String!) { projectByCode(code: $c) { id } }', { c: code });
      expect(projectByCode.id).toBe(saved.id);
    }
    const again = (await ok(LOOKUP, { code: project.codes.investmentCode })).provincialProjectLookup;
    expect(again.existingProject.id).toBe(saved.id);
    expect(again.conflicts).toEqual([]);
    expect(again.units.every((u: any) => !u.isNew)).toBe(true);
  });

  it('a stored project or enterprise that differs is a conflict: refused until confirmed, then the province wins', async () => {
    const { projectByCode } = await ok('query($c: String!) { projectByCode(code: $c) { id } }', {
      c: project.codes.permitNo,
    });
    await ok('mutation($id: ID!) { updateProject(id: $id, input: { name: "本地改过的项目名称" }) { id } }', {
      id: projectByCode.id,
    });
    const contractor = project.units[1];
    await sql.query(`update projects.enterprise set name = '本地登记的施工单位名称' where credit_code = $1`, [
      contractor.creditCode,
    ]);
    const { provincialProjectLookup: p } = await ok(LOOKUP, { code: project.codes.provincialNo });
    expect(p.conflicts).toEqual([
      { field: 'name', label: '项目名称不一致', stored: '本地改过的项目名称', proposed: project.name, blocking: false },
      {
        field: 'units.1.name',
        label: '施工总包单位名称与企业库不一致',
        stored: '本地登记的施工单位名称',
        proposed: contractor.name,
        blocking: false,
      },
    ]);
    const before = await counts();
    const refused = await gql(APPLY, { code: project.codes.permitNo, digest: p.digest });
    expect(errorOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions.details.conflicts).toHaveLength(2);
    expect(await counts()).toEqual(before);
    const { applyProvincialProject: saved } = await ok(APPLY, {
      code: project.codes.permitNo,
      digest: p.digest,
      confirm: true,
    });
    expect(saved.name).toBe(project.name);
    expect(saved.units[1].enterprise.name).toBe(contractor.name);
  });

  it('codes that belong to two stored projects block the apply, confirmed or not', async () => {
    const other = approval
      .projects()
      .find((p) => p.codes.permitNo && p.codes.permitNo !== project.codes.permitNo && p.status === '3')!;
    const { provincialProjectLookup: first } = await ok(LOOKUP, { code: other.codes.permitNo });
    const { applyProvincialProject: saved } = await ok(APPLY, { code: other.codes.permitNo, digest: first.digest });
    // Another stored project takes over the province's 项目代码 of `other`.
    await ok('mutation($id: ID!) { updateProject(id: $id, input: { investmentCode: null }) { id } }', {
      id: saved.id,
    });
    const { projectByCode: mine } = await ok('query($c: String!) { projectByCode(code: $c) { id } }', {
      c: project.codes.permitNo,
    });
    await ok('mutation($id: ID!, $c: String) { updateProject(id: $id, input: { investmentCode: $c }) { id } }', {
      id: mine.id,
      c: other.codes.investmentCode,
    });
    const { provincialProjectLookup: p } = await ok(LOOKUP, { code: other.codes.permitNo });
    expect(p.conflicts[0]).toMatchObject({ field: 'codes', blocking: true });
    const refused = await gql(APPLY, { code: other.codes.permitNo, digest: p.digest, confirm: true });
    expect(errorOf(refused)).toBe('CONFLICT');
  });
});

describe('3.1.1 the user’s edits in the filled form', () => {
  // Not the projects the tests above store (the first two under construction with a permit).
  const editedTarget = () =>
    approval
      .projects()
      .filter((p) => p.codes.permitNo && p.status === '3')
      .slice(2)
      .find((p) => p.area != null && p.startDate != null && p.location)!;
  const APPLY_EDITED = `mutation($code: String!, $digest: String!, $edits: ProvincialProjectEdits) {
    applyProvincialProject(code: $code, digest: $digest, edits: $edits) {
      id name type address districtCode area startDate permitCode units { role } } }`;

  it('win over the province’s values on save; the fields not edited are the province’s', async () => {
    const target = editedTarget();
    const { provincialProjectLookup: p } = await ok(LOOKUP, { code: target.codes.permitNo });
    expect(p.existingProject).toBeNull();
    const before = await counts();

    // An edit may not empty a required field, and goes through the form's checks: nothing stored.
    const emptied = await gql(APPLY_EDITED, { code: target.codes.permitNo, digest: p.digest, edits: { name: null } });
    expect(emptied.errors?.[0]).toMatchObject({
      message: '项目名称不能为空',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    const badDate = await gql(APPLY_EDITED, {
      code: target.codes.permitNo,
      digest: p.digest,
      edits: { startDate: '2025-13-45' },
    });
    expect(errorOf(badDate)).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);

    const { applyProvincialProject: saved } = await ok(APPLY_EDITED, {
      code: target.codes.permitNo,
      digest: p.digest,
      edits: { name: '  用户核对后改过的项目名称 ', area: null, startDate: '2025-03-01' },
    });
    expect(saved).toMatchObject({
      name: '用户核对后改过的项目名称',
      area: null,
      startDate: '2025-03-01',
      address: p.address,
      type: p.type,
      districtCode: p.districtCode,
      permitCode: target.codes.permitNo,
    });
    expect(saved.units).toHaveLength(p.units.length);

    // Looked up again, the stored (edited) name differs from the province's: a conflict to check.
    const again = (await ok(LOOKUP, { code: target.codes.permitNo })).provincialProjectLookup;
    expect(again.conflicts).toEqual([
      expect.objectContaining({ field: 'name', stored: '用户核对后改过的项目名称', proposed: target.name }),
    ]);
  });

  it('an edit that makes the project agree with the stored one needs no confirmation', async () => {
    const target = editedTarget();
    const { provincialProjectLookup: p } = await ok(LOOKUP, { code: target.codes.permitNo });
    expect(p.conflicts.map((c: any) => c.field)).toEqual(['name']);
    const { applyProvincialProject: saved } = await ok(APPLY_EDITED, {
      code: target.codes.permitNo,
      digest: p.digest,
      edits: { name: '用户核对后改过的项目名称' },
    });
    expect(saved.name).toBe('用户核对后改过的项目名称');
  });
});

const ENTERPRISE_LOOKUP = `query($c: String!) { provincialEnterpriseLookup(creditCode: $c) {
  digest creditCode name registeredAddress legalRepresentative districtCode
  qualifications { name grade certificateNo validUntil status }
  existing { id name } conflicts { field stored proposed } } }`;
const ENTERPRISE_APPLY = `mutation($c: String!, $d: String!, $confirm: Boolean) {
  applyProvincialEnterprise(creditCode: $c, digest: $d, confirmConflicts: $confirm) {
    id name legalRepresentative qualificationStatus
    qualifications { name grade certificateNo validUntil status source fetchedAt } } }`;

describe('3.1.2 enterprise by 统一社会信用代码', () => {
  it('finds a demo enterprise the province knows under another name: a conflict to confirm', async () => {
    const code = '91420202G8NQDE0RHJ';
    const before = await counts();
    const { provincialEnterpriseLookup: p } = await ok(ENTERPRISE_LOOKUP, { c: code });
    expect(p.name).toBe('湖北磁湖建工集团有限公司');
    expect(p.existing.name).toBe('湖北磁湖建工有限公司');
    expect(p.conflicts).toEqual([
      { field: 'name', stored: '湖北磁湖建工有限公司', proposed: '湖北磁湖建工集团有限公司' },
    ]);
    expect(p.qualifications.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
    expect(errorOf(await gql(ENTERPRISE_APPLY, { c: code, d: p.digest }))).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
    const { applyProvincialEnterprise: saved } = await ok(ENTERPRISE_APPLY, { c: code, d: p.digest, confirm: true });
    expect(saved.name).toBe('湖北磁湖建工集团有限公司');
    const fromProvince = saved.qualifications.filter((q: any) => q.source === 'PROVINCIAL_MARKET');
    expect(fromProvince.map((q: any) => q.certificateNo)).toEqual(p.qualifications.map((q: any) => q.certificateNo));
    expect(fromProvince.every((q: any) => q.fetchedAt)).toBe(true);
  });

  it('creates an enterprise the registry does not know, with its qualifications and their status', async () => {
    const { rows } = await sql.query('select credit_code from projects.enterprise');
    const known = new Set(rows.map((r) => r.credit_code));
    const code = market.codes().find((c) => !known.has(c))!;
    const { provincialEnterpriseLookup: p } = await ok(ENTERPRISE_LOOKUP, { c: code });
    expect(p.existing).toBeNull();
    const { applyProvincialEnterprise: saved } = await ok(ENTERPRISE_APPLY, { c: code, d: p.digest });
    expect(saved.qualifications.map((q: any) => q.status)).toEqual(p.qualifications.map((q: any) => q.status));
    expect(['EXPIRED', 'EXPIRING', 'VALID']).toContain(saved.qualificationStatus);
  });

  it('unknown, malformed code, down and garbage', async () => {
    const first17 = '91420202MA4K00001';
    const unknown = first17 + computeCreditCodeCheckChar(first17);
    expect(errorOf(await gql(ENTERPRISE_LOOKUP, { c: unknown }))).toBe('NOT_FOUND');
    expect(errorOf(await gql(ENTERPRISE_LOOKUP, { c: first17 }))).toBe('BAD_USER_INPUT');
    const code = market.codes()[20];
    try {
      market.setMode('down');
      expect(errorOf(await gql(ENTERPRISE_LOOKUP, { c: code }))).toBe('UPSTREAM_UNAVAILABLE');
      market.setMode('malformed');
      expect(errorOf(await gql(ENTERPRISE_LOOKUP, { c: code }))).toBe('UPSTREAM_INVALID');
    } finally {
      market.setMode('normal');
    }
  });

  it('needs ENTERPRISE_EDIT', async () => {
    const worker = await login('worker');
    expect(errorOf(await gql(ENTERPRISE_LOOKUP, { c: market.codes()[0] }, worker))).toBe('FORBIDDEN');
    expect(errorOf(await gql(LOOKUP, { code: '420202209901010101' }, worker))).toBe('FORBIDDEN');
  });
});

describe('3.1.2 scheduled pull of the enterprises the platform knows', () => {
  const pull = () => exchangeOf(platform.subgraphs.find((s) => s.name === 'projects')!.orm).runPull(MARKET_CONNECTOR);
  const stored = async (code: string) =>
    (
      await sql.query(
        `select q.grade, q.valid_until::text, q.source, q.changed_at from projects.enterprise_qualification q
           join projects.enterprise e on e.id = q.enterprise_id where e.credit_code = $1 order by q.position`,
        [code],
      )
    ).rows;

  it('reads every record, refreshes only known enterprises, and next time only what changed', async () => {
    const first = (await pull())!;
    expect(first).toMatchObject({ status: 'SUCCEEDED', read: 2000, rejected: 0, created: 0 });
    const known = Number((await sql.query('select count(*) n from projects.enterprise')).rows[0].n);
    expect(first.updated).toBeGreaterThan(0);
    expect(first.updated).toBeLessThan(known);
    // A demo enterprise the province knows now carries the province's qualifications.
    const demo = '91420281J0CTG8QGXD';
    expect((await stored(demo)).some((q) => q.source === 'PROVINCIAL_MARKET')).toBe(true);

    const second = (await pull())!;
    // Incremental: from the checkpoint (at or after the newest updatedAt), only the last record again.
    expect(second.read).toBeLessThanOrEqual(1);
    expect(second.updated).toBe(0);

    const touched = market.touch(20);
    const third = (await pull())!;
    expect(third.read).toBeLessThanOrEqual(21);
    expect(third.read).toBeGreaterThanOrEqual(20);
    if (touched.includes(demo)) {
      const rows = await stored(demo);
      const now = market.enterprise(demo)!.qualifications.map((q) => [q.grade, q.validUntil]);
      expect(rows.filter((q) => q.source === 'PROVINCIAL_MARKET').map((q) => [q.grade, q.valid_until])).toEqual(now);
    }
    // The run log has them all.
    const { projectsExchangeRuns } = await ok(
      'query($c: String) { projectsExchangeRuns(connector: $c) { total items { kind status read updated } } }',
      { c: MARKET_CONNECTOR },
    );
    expect(projectsExchangeRuns.items.filter((r: any) => r.kind === 'PULL')).toHaveLength(3);
  });

  it('a changed qualification of a known enterprise shows, with its new status', async () => {
    await pull(); // caught up
    const { rows } = await sql.query('select credit_code from projects.enterprise');
    const known = new Set(rows.map((r) => r.credit_code));
    // Touches go through the enterprises in a fixed order: the first known one touched is ours.
    let code = '';
    for (let i = 0; i < 2000 && !known.has(code); i++) code = market.touch(1)[0];
    const before = await stored(code);
    const run = (await pull())!;
    expect(run.updated).toBe(1);
    const after = await stored(code);
    expect(after.map((q) => [q.grade, q.valid_until])).not.toEqual(before.map((q) => [q.grade, q.valid_until]));
    expect(after.filter((q) => q.source === 'PROVINCIAL_MARKET').every((q) => q.changed_at)).toBe(true);
    const { enterpriseByCreditCode } = await ok(
      'query($c: String!) { enterpriseByCreditCode(creditCode: $c) { qualificationStatus qualifications { validUntil status source changedAt } } }',
      { c: code },
    );
    const fromProvince = enterpriseByCreditCode.qualifications.filter((q: any) => q.source === 'PROVINCIAL_MARKET');
    expect(fromProvince.map((q: any) => q.validUntil)).toEqual(
      market.enterprise(code)!.qualifications.map((q) => q.validUntil),
    );
  });

  it('records of the wrong shape are rejected with a reason, the others applied', async () => {
    market.setMode('malformed');
    try {
      market.touch(30);
      const run = (await pull())!;
      expect(run.rejected).toBeGreaterThan(0);
      expect(run.status).toBe('SUCCEEDED');
      const { projectsExchangeRejected, projectsExchangeConnectors } = await ok(
        `query($c: String) {
          projectsExchangeRejected(connector: $c) { total items { reason createdAt } }
          projectsExchangeConnectors { name state lastRunAt lastSuccessAt lastErrorAt }
        }`,
        { c: MARKET_CONNECTOR },
      );
      expect(projectsExchangeRejected.items[0].reason).toContain('企业记录格式不正确');
      // Times read by raw SQL reach the API as ISO times (PostgreSQL's text form was refused by the scalar).
      expect(projectsExchangeRejected.items[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
      const connector = projectsExchangeConnectors.find((c: { name: string }) => c.name === MARKET_CONNECTOR);
      expect(connector.lastRunAt).toMatch(/Z$/);
      expect(connector.state).toBe('HEALTHY');
    } finally {
      market.setMode('normal');
    }
  });
});
