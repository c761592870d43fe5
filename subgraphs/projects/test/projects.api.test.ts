import { DEMO_ENTERPRISES, Permission, rectangleAround, signCaller, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCreditCode } from '../src/enterprises/credit-code.js';
import { admin, caller, daye, firstError, startTestSubgraph, type TestSubgraph } from './helpers.js';

/** Integration tests over HTTP against a real PostgreSQL, with the demo seed (60 projects). */
let t: TestSubgraph;

const PROJECT_FIELDS = `id projectCode permitCode name type status districtCode address location { lng lat } startDate
  district { code name } units { role projectLeader enterprise { id name creditCode registeredAddress } }
  builder { name } generalContractor { name } supervisor { name } surveyor { name } designer { name } createdBy { id }`;

const count = async (table: string) =>
  Number((await t.server.orm.em.getConnection().execute(`select count(*)::int as n from projects.${table}`))[0].n);

const LIST = `query($filter: ProjectFilter, $page: PageInput) {
  projects(filter: $filter, page: $page) { total page pageSize items { id name districtCode status type startDate projectCode permitCode } } }`;

beforeAll(async () => {
  t = await startTestSubgraph({ seed: 'demo' });
});
afterAll(async () => {
  await t?.close();
});

describe('access', () => {
  it('refuses a request without the router signature', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ districts { code } }' }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toContain('网关');
  });

  it('refuses a header signed with another key', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hs-caller': signCaller('another-key-another-key-another-key!!', admin, '127.0.0.1'),
      },
      body: JSON.stringify({ query: '{ districts { code } }' }),
    });
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('needs project:view for projects and a caller for districts', async () => {
    const noPerm = caller({ permissions: [Permission.ENTERPRISE_VIEW] });
    expect(firstError(await t.gql('{ projects { total } }', {}, noPerm))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await t.gql('{ districts { code } }', {}, null))?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('districts', () => {
  it('lists 黄石市 and its six divisions with GeoJSON boundaries', async () => {
    const res = await t.gql(
      '{ districts { code name kind parentCode center { lng lat } boundary } district(code: "420281") { name kind } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.districts.map((d: any) => d.code)).toEqual([
      '420200',
      '420202',
      '420203',
      '420204',
      '420205',
      '420222',
      '420281',
    ]);
    expect(res.data.districts[6].boundary.type).toBe('Polygon');
    expect(res.data.district).toEqual({ name: '大冶市', kind: 'COUNTY_CITY' });
  });

  it('loads the (large, lazy) boundary only when asked, also through a project and _entities', async () => {
    const res = await t.gql('{ projects(page: { pageSize: 2 }) { items { district { code boundary } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.projects.items[0].district.boundary.type).toBe('Polygon');
    const refs = await t.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on District { name boundary } ... on Enterprise { name } } }',
      {
        r: [
          { __typename: 'District', code: '420200' },
          { __typename: 'District', code: '999999' },
          { __typename: 'Enterprise', id: 'not-a-uuid' },
        ],
      },
    );
    expect(refs.errors).toBeUndefined();
    expect(refs.data._entities[0]).toMatchObject({ name: '黄石市', boundary: { type: 'MultiPolygon' } });
    expect(refs.data._entities.slice(1)).toEqual([null, null]);
  });
});

describe('projects list: filters and pagination', () => {
  it('pages through all 60 seeded projects without overlap', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const res = await t.gql(LIST, { page: { page, pageSize: 25 } });
      expect(res.errors).toBeUndefined();
      expect(res.data.projects.total).toBe(60);
      for (const p of res.data.projects.items) seen.add(p.id);
    }
    expect(seen.size).toBe(60);
    const last = await t.gql(LIST, { page: { page: 3, pageSize: 25 } });
    expect(last.data.projects.items).toHaveLength(10);
  });

  it('filters by district, status, type, keyword, enterprise/role and start date', async () => {
    const all = (await t.gql(LIST, { page: { pageSize: 100 } })).data.projects.items as any[];
    const check = async (filter: Record<string, unknown>, expected: any[]) => {
      const res = await t.gql(LIST, { filter, page: { pageSize: 100 } });
      expect(res.errors, JSON.stringify(filter)).toBeUndefined();
      expect(res.data.projects.total, JSON.stringify(filter)).toBe(expected.length);
      expect(new Set(res.data.projects.items.map((p: any) => p.id))).toEqual(new Set(expected.map((p) => p.id)));
    };
    await check(
      { districtCode: '420281' },
      all.filter((p) => p.districtCode === '420281'),
    );
    await check({ districtCode: '420200' }, all); // the city as a whole
    await check(
      { status: 'UNDER_CONSTRUCTION' },
      all.filter((p) => p.status === 'UNDER_CONSTRUCTION'),
    );
    await check(
      { type: 'HOUSING', districtCode: '420222' },
      all.filter((p) => p.type === 'HOUSING' && p.districtCode === '420222'),
    );
    await check(
      { keyword: '人民医院' },
      all.filter((p) => p.name.includes('人民医院')),
    );
    await check({ keyword: all[0].permitCode ?? all[0].projectCode }, [all[0]]);
    await check({ keyword: '100%_' }, []); // wildcards are matched literally
    await check(
      { startDateFrom: '2025-01-01', startDateTo: '2025-12-31' },
      all.filter((p) => p.startDate && p.startDate >= '2025-01-01' && p.startDate <= '2025-12-31'),
    );

    const dingsheng = stableId('enterprise', DEMO_ENTERPRISES[0].creditCode);
    const units = await t.server.orm.em
      .getConnection()
      .execute(`select distinct project_id, role from projects.project_unit where enterprise_id = ?`, [dingsheng]);
    await check(
      { enterpriseId: dingsheng },
      [...new Set(units.map((u: any) => u.project_id))].map((id) => ({ id })),
    );
    await check(
      { enterpriseId: dingsheng, unitRole: 'GENERAL_CONTRACTOR' },
      units.filter((u: any) => u.role === 'GENERAL_CONTRACTOR').map((u: any) => ({ id: u.project_id })),
    );
    expect(units.length).toBeGreaterThan(0);
  });

  it('rejects pageSize 1000 and bad filters with a Chinese message and the field', async () => {
    const res = await t.gql(LIST, { page: { page: 1, pageSize: 1000 } });
    expect(firstError(res)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pageSize' });
    expect(firstError(res)?.message).toBe('每页条数必须在 1 到 100 之间');
    const bad = await t.gql(LIST, { filter: { startDateFrom: '2025-13-01' } });
    expect(firstError(bad)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.startDateFrom' });
  });
});

describe('3.1.1 projectByCode: either code identifies the project and brings out its units', () => {
  it('finds the project by 工建码 and by 施工许可证编码', async () => {
    const [row] = await t.server.orm.em
      .getConnection()
      .execute(
        `select id, project_code, permit_code from projects.project where permit_code is not null order by project_code limit 1`,
      );
    for (const code of [row.project_code, row.permit_code, ` ${row.permit_code} `]) {
      const res = await t.gql(`query($code: String!) { projectByCode(code: $code) { ${PROJECT_FIELDS} } }`, { code });
      expect(res.errors).toBeUndefined();
      const p = res.data.projectByCode;
      expect(p.id).toBe(row.id);
      expect(p.units.map((u: any) => u.role)).toEqual([
        'BUILDER',
        'GENERAL_CONTRACTOR',
        'SUPERVISOR',
        'SURVEYOR',
        'DESIGNER',
      ]);
      expect(p.builder.name).toBe(p.units[0].enterprise.name);
      expect(p.generalContractor.name).toBe(p.units[1].enterprise.name);
      expect(p.supervisor.name).toBe(p.units[2].enterprise.name);
      expect(p.surveyor.name).toBe(p.units[3].enterprise.name);
      expect(p.designer.name).toBe(p.units[4].enterprise.name);
      expect(p.units[1].enterprise.creditCode).toHaveLength(18);
      expect(p.createdBy).toEqual({ id: stableId('user', 'admin') });
    }
  });

  it('NOT_FOUND for an unknown code, BAD_USER_INPUT for a malformed one', async () => {
    const q = `query($code: String!) { projectByCode(code: $code) { id } }`;
    expect(firstError(await t.gql(q, { code: '42028120259999999' }))?.extensions?.code).toBe('NOT_FOUND');
    const bad = await t.gql(q, { code: 'ABC' });
    expect(firstError(bad)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(firstError(bad)?.message).toMatch(/工建码/);
  });
});

describe('data scope: a 大冶市 (420281) user', () => {
  let dayeIds: string[];
  let otherIds: string[];
  let otherCodes: { project_code: string; permit_code: string | null }[];

  beforeAll(async () => {
    const rows = await t.server.orm.em
      .getConnection()
      .execute(`select id, district_code, project_code, permit_code from projects.project`);
    dayeIds = rows.filter((r: any) => r.district_code === '420281').map((r: any) => r.id);
    otherIds = rows.filter((r: any) => r.district_code !== '420281').map((r: any) => r.id);
    otherCodes = rows.filter((r: any) => r.district_code !== '420281') as typeof otherCodes;
    expect(dayeIds.length).toBeGreaterThan(0);
    expect(otherIds.length).toBeGreaterThan(0);
  });

  it('sees only 大冶市 projects in lists and stats, whatever the filter', async () => {
    const res = await t.gql(LIST, { page: { pageSize: 100 } }, daye);
    expect(res.data.projects.total).toBe(dayeIds.length);
    expect(res.data.projects.items.every((p: any) => p.districtCode === '420281')).toBe(true);
    const other = await t.gql(LIST, { filter: { districtCode: '420202' } }, daye);
    expect(other.data.projects.total).toBe(0);
    const stats = await t.gql(
      '{ projectStats { total byDistrict { districtCode count district { name } } byStatus { status count } } }',
      {},
      daye,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.projectStats.total).toBe(dayeIds.length);
    // Only the caller's district: not the five others at 0 (issue #11).
    expect(stats.data.projectStats.byDistrict).toEqual([
      { districtCode: '420281', count: dayeIds.length, district: { name: '大冶市' } },
    ]);
    const adminStats = await t.gql(
      '{ projectStats { total byDistrict { districtCode count } byStatus { status count } } }',
    );
    expect(adminStats.data.projectStats.total).toBe(60);
    expect(adminStats.data.projectStats.byDistrict).toHaveLength(6);
    expect(adminStats.data.projectStats.byStatus.reduce((s: number, x: any) => s + x.count, 0)).toBe(60);
  });

  it('gets NOT_FOUND for another district’s project by id or by code, as if it did not exist', async () => {
    const byId = await t.gql('query($id: ID!) { project(id: $id) { id } }', { id: otherIds[0] }, daye);
    expect(byId.data.project).toBeNull();
    expect(firstError(byId)).toMatchObject({ message: '工程项目不存在或无权查看', extensions: { code: 'NOT_FOUND' } });
    const missing = await t.gql(
      'query($id: ID!) { project(id: $id) { id } }',
      { id: stableId('project', 'nope') },
      daye,
    );
    expect(firstError(missing)).toEqual(firstError(byId));
    const own = await t.gql('query($id: ID!) { project(id: $id) { districtCode } }', { id: dayeIds[0] }, daye);
    expect(own.data.project.districtCode).toBe('420281');
    const byCode = await t.gql(
      'query($c: String!) { projectByCode(code: $c) { id } }',
      { c: otherCodes[0].project_code },
      daye,
    );
    expect(firstError(byCode)?.extensions?.code).toBe('NOT_FOUND');
  });

  it('gets null from _entities for out-of-scope projects (the router’s entity fetch)', async () => {
    const reps = [...dayeIds.slice(0, 3), ...otherIds.slice(0, 3)].map((id) => ({ __typename: 'Project', id }));
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id districtCode } } }';
    const res = await t.gql(q, { r: reps }, daye);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.slice(0, 3).map((p: any) => p.id)).toEqual(dayeIds.slice(0, 3));
    expect(res.data._entities.slice(3)).toEqual([null, null, null]);
    const asAdmin = await t.gql(q, { r: reps });
    expect(asAdmin.data._entities.every((p: any) => p !== null)).toBe(true);
  });

  it('an enterprise account sees the projects its enterprise takes part in', async () => {
    const enterpriseId = stableId('enterprise', DEMO_ENTERPRISES[5].creditCode); // 团城山建设监理
    const rows = await t.server.orm.em
      .getConnection()
      .execute(`select distinct project_id from projects.project_unit where enterprise_id = ?`, [enterpriseId]);
    const account = caller({
      userId: stableId('user', 'tcs'),
      permissions: [Permission.PROJECT_VIEW],
      scope: { kind: 'SELF', enterpriseIds: [enterpriseId] },
    });
    const res = await t.gql(LIST, { page: { pageSize: 100 } }, account);
    expect(res.data.projects.total).toBe(rows.length);
    expect(new Set(res.data.projects.items.map((p: any) => p.id))).toEqual(new Set(rows.map((r: any) => r.project_id)));
  });

  it('cannot register a project in another district, and sees the ones it registers', async () => {
    const input = newProjectInput({
      districtCode: '420202',
      projectCode: '42020220269000001',
      permitCode: null,
      location: { lng: 115.08, lat: 30.22 },
      siteBoundary: null,
    });
    const res = await t.gql(CREATE, { input }, daye);
    expect(firstError(res)?.extensions?.code).toBe('FORBIDDEN');
  });
});

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} siteBoundary contractAmount area } }`;

function newProjectInput(overrides: Record<string, unknown> = {}) {
  return {
    projectCode: '42028120269000001',
    permitCode: '420281202611010101',
    name: '大冶市人民医院门诊综合楼',
    type: 'HOUSING',
    districtCode: '420281',
    address: '大冶市东岳路街道新冶大道 1 号',
    location: { lng: 114.980424, lat: 30.096147 },
    siteBoundary: rectangleAround([114.980424, 30.096147], 120, 90),
    status: 'UNDER_CONSTRUCTION',
    startDate: '2026-11-05',
    plannedEndDate: '2028-06-30',
    contractAmount: 23456.7891,
    area: 48000.5,
    units: [
      { enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[11].creditCode), role: 'BUILDER', projectLeader: '马俊' },
      {
        enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[3].creditCode),
        role: 'GENERAL_CONTRACTOR',
        projectLeader: '刘德胜',
      },
      { enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[5].creditCode), role: 'SUPERVISOR' },
      { enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[7].creditCode), role: 'SURVEYOR' },
      { enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[8].creditCode), role: 'DESIGNER' },
    ],
    ...overrides,
  };
}

describe('mutations', () => {
  it('creates a project with its units; a district user sees it', async () => {
    const res = await t.gql(CREATE, { input: newProjectInput() }, daye);
    expect(res.errors).toBeUndefined();
    const p = res.data.createProject;
    expect(p).toMatchObject({
      projectCode: '42028120269000001',
      status: 'UNDER_CONSTRUCTION',
      districtCode: '420281',
      contractAmount: 23456.7891,
      area: 48000.5,
    });
    expect(p.generalContractor.name).toBe('大冶市楚天建筑工程有限公司');
    expect(p.units).toHaveLength(5);
    expect(p.createdBy.id).toBe(daye.userId);
    expect(p.siteBoundary.type).toBe('Polygon');
    expect((await t.gql('query($id: ID!) { project(id: $id) { name } }', { id: p.id }, daye)).data.project.name).toBe(
      '大冶市人民医院门诊综合楼',
    );
  });

  it('updates only the given fields and replaces units as a whole', async () => {
    const { data } = await t.gql('query { projectByCode(code: "42028120269000001") { id } }');
    const id = data.projectByCode.id;
    const upd = await t.gql(
      `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { status completedDate name permitCode } }`,
      { id, input: { status: 'COMPLETED', completedDate: '2028-05-01' } },
    );
    expect(upd.errors).toBeUndefined();
    expect(upd.data.updateProject).toEqual({
      status: 'COMPLETED',
      completedDate: '2028-05-01',
      name: '大冶市人民医院门诊综合楼',
      permitCode: '420281202611010101',
    });
    const set = await t.gql(
      `mutation($id: ID!, $units: [ProjectUnitInput!]!) { setProjectUnits(projectId: $id, units: $units) { units { role enterprise { name } } builder { name } supervisor { name } } }`,
      {
        id,
        units: [{ enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[0].creditCode), role: 'GENERAL_CONTRACTOR' }],
      },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data.setProjectUnits).toEqual({
      units: [{ role: 'GENERAL_CONTRACTOR', enterprise: { name: '黄石市鼎盛建设集团有限公司' } }],
      builder: null,
      supervisor: null,
    });
  });

  it('bad inputs are BAD_USER_INPUT / CONFLICT with Chinese messages and leave the tables unchanged', async () => {
    const before = {
      project: await count('project'),
      unit: await count('project_unit'),
      enterprise: await count('enterprise'),
    };
    const expectError = async (res: any, code: string, field: string, message: RegExp) => {
      expect(res.data?.createProject ?? res.data?.createEnterprise ?? null).toBeNull();
      expect(firstError(res)?.extensions).toMatchObject({ code, field });
      expect(firstError(res)?.message).toMatch(message);
    };
    // Location in 黄石港区 but district 大冶市.
    await expectError(
      await t.gql(CREATE, {
        input: newProjectInput({
          projectCode: '42028120269000002',
          permitCode: null,
          location: { lng: 115.08, lat: 30.22 },
          siteBoundary: null,
        }),
      }),
      'BAD_USER_INPUT',
      'location',
      /不在大冶市行政区域范围内/,
    );
    // Unknown district code.
    await expectError(
      await t.gql(CREATE, {
        input: newProjectInput({ projectCode: '42020020269000009', permitCode: null, districtCode: '420299' }),
      }),
      'BAD_USER_INPUT',
      'districtCode',
      /行政区划代码 420299 不存在/,
    );
    // Duplicate codes.
    await expectError(
      await t.gql(CREATE, { input: newProjectInput({ projectCode: '42028120269000003' }) }),
      'CONFLICT',
      'permitCode',
      /施工许可证编码 420281202611010101 已被其他项目使用/,
    );
    await expectError(
      await t.gql(CREATE, { input: newProjectInput({ permitCode: null }) }),
      'CONFLICT',
      'projectCode',
      /湖北省工建码 42028120269000001 已被其他项目使用/,
    );
    // Neither code; an open fence; an unknown enterprise as a unit.
    await expectError(
      await t.gql(CREATE, { input: newProjectInput({ projectCode: null, permitCode: null }) }),
      'BAD_USER_INPUT',
      'projectCode',
      /至少填写一项/,
    );
    const open = newProjectInput({ projectCode: '42028120269000004', permitCode: null }) as any;
    open.siteBoundary = { type: 'Polygon', coordinates: [open.siteBoundary.coordinates[0].slice(0, 4)] };
    await expectError(await t.gql(CREATE, { input: open }), 'BAD_USER_INPUT', 'siteBoundary', /未闭合/);
    await expectError(
      await t.gql(CREATE, {
        input: newProjectInput({
          projectCode: '42028120269000005',
          permitCode: null,
          units: [{ enterpriseId: stableId('enterprise', 'nobody'), role: 'BUILDER' }],
        }),
      }),
      'BAD_USER_INPUT',
      'units.0.enterpriseId',
      /企业不存在/,
    );
    // Enterprises: malformed and duplicate credit codes.
    const CREATE_ENTERPRISE = 'mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }';
    await expectError(
      await t.gql(CREATE_ENTERPRISE, {
        input: { creditCode: '91420202TA4J35AF9X', name: '黄石市某建设有限公司', districtCode: '420202' },
      }),
      'BAD_USER_INPUT',
      'creditCode',
      /统一社会信用代码校验位错误/,
    );
    await expectError(
      await t.gql(CREATE_ENTERPRISE, {
        input: { creditCode: '1234', name: '黄石市某建设有限公司', districtCode: '420202' },
      }),
      'BAD_USER_INPUT',
      'creditCode',
      /应为18位/,
    );
    await expectError(
      await t.gql(CREATE_ENTERPRISE, {
        input: { creditCode: DEMO_ENTERPRISES[0].creditCode, name: '黄石市某建设有限公司', districtCode: '420202' },
      }),
      'CONFLICT',
      'creditCode',
      /已登记/,
    );

    expect({
      project: await count('project'),
      unit: await count('project_unit'),
      enterprise: await count('enterprise'),
    }).toEqual(before);
  });

  it('an update that fails changes nothing', async () => {
    const { data } = await t.gql('query { projectByCode(code: "42028120269000001") { id name location { lng lat } } }');
    const res = await t.gql(
      `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }`,
      {
        id: data.projectByCode.id,
        input: { name: '改名后的工程', location: { lng: 114.3, lat: 30.59 } },
      },
    );
    expect(firstError(res)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'location' });
    const after = await t.gql('query { projectByCode(code: "42028120269000001") { id name location { lng lat } } }');
    expect(after.data.projectByCode).toEqual(data.projectByCode);
  });

  it('creates and updates enterprises; looks them up by credit code (3.1.2)', async () => {
    const creditCode = buildCreditCode('420281', () => 0.42);
    // Typed with a Chinese input method: full-width and lower case; stored normalised.
    const typed = creditCode.toLowerCase().replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const ok = await t.gql(
      'mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id creditCode name district { name } qualifications { name grade } } }',
      {
        input: {
          creditCode: typed,
          name: '大冶市新港建设工程有限公司',
          districtCode: '420281',
          qualifications: [
            { name: '建筑工程施工总承包', grade: '二级', certificateNo: 'D242000001', validUntil: '2029-12-31' },
          ],
        },
      },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createEnterprise).toMatchObject({
      creditCode,
      district: { name: '大冶市' },
      qualifications: [{ name: '建筑工程施工总承包', grade: '二级' }],
    });
    const id = ok.data.createEnterprise.id;
    const upd = await t.gql(
      'mutation($id: ID!, $input: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $input) { name legalRepresentative creditCode } }',
      {
        id,
        input: { legalRepresentative: '柯明' },
      },
    );
    expect(upd.data.updateEnterprise).toEqual({
      name: '大冶市新港建设工程有限公司',
      legalRepresentative: '柯明',
      creditCode,
    });
    const found = await t.gql(
      'query($c: String!) { enterpriseByCreditCode(creditCode: $c) { id name registeredAddress } }',
      { c: creditCode },
    );
    expect(found.data.enterpriseByCreditCode.id).toBe(id);
    const clash = await t.gql(
      'mutation($id: ID!, $input: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $input) { id } }',
      {
        id,
        input: { creditCode: DEMO_ENTERPRISES[1].creditCode },
      },
    );
    expect(firstError(clash)?.extensions).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
  });
});

describe('enterprises', () => {
  it('lists with keyword and district filters, and pages an enterprise’s projects in scope', async () => {
    const res = await t.gql(
      '{ enterprises(filter: { keyword: "监理" }, page: { pageSize: 100 }) { total items { name districtCode } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.enterprises.total).toBeGreaterThanOrEqual(2);
    expect(res.data.enterprises.items.every((e: any) => e.name.includes('监理'))).toBe(true);
    const byDistrict = await t.gql('{ enterprises(filter: { districtCode: "420204" }) { items { districtCode } } }');
    expect(byDistrict.data.enterprises.items.every((e: any) => e.districtCode === '420204')).toBe(true);
    const all = await t.gql('{ enterprises(page: { pageSize: 100 }) { total } }');
    expect(all.data.enterprises.total).toBe(41); // 40 seeded + the one created above

    const id = stableId('enterprise', DEMO_ENTERPRISES[3].creditCode); // 大冶市楚天建筑
    const q =
      'query($id: ID!) { enterprise(id: $id) { name projects(page: { pageSize: 100 }) { total items { districtCode } } } }';
    const asAdmin = await t.gql(q, { id });
    const asDaye = await t.gql(q, { id }, daye);
    expect(asAdmin.data.enterprise.name).toBe('大冶市楚天建筑工程有限公司');
    expect(asDaye.data.enterprise.projects.items.every((p: any) => p.districtCode === '420281')).toBe(true);
    expect(asDaye.data.enterprise.projects.total).toBeLessThanOrEqual(asAdmin.data.enterprise.projects.total);
  });
});
