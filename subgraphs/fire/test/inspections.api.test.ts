import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { blindIndex, createLogger, type SubgraphDeps } from '@hs/kit';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '../../identity/src/index.js';
import { projects } from '../../projects/src/index.js';
import { fire } from '../src/index.js';
import { FirePermission } from '../src/permissions.js';
import {
  addBuilding,
  admin,
  caller,
  createInspection,
  dayeInspector,
  drawPlan,
  firstError,
  INSPECTION_INPUT,
  startFire,
  type TestFire,
} from './helpers.js';

/** 1.3.1, 1.3.3, 1.3.8: inspections, their buildings and floors, search, data scope and the Project extension. */
let t: TestFire;

beforeAll(async () => {
  t = await startFire();
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) => Number((await t.sql(`select count(*)::int as n from fire.${table}`))[0].n);

const FIELDS = `id projectId projectName districtCode districtName builderUnit designUnit generalContractorUnit fireContractorUnit
  supervisorUnit fireTestingUnit leaderName leaderPhone leaderIdCard address category categoryLabel decoration decorationDescription
  inspectionDate changeOfUse useNature originalUse status statusLabel createdById project { id }`;

describe('access', () => {
  it('refuses requests that did not come through the router, and callers without the permission', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fireInspections { total } }' }),
    });
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const noPerm = caller({ permissions: ['project:view'] });
    expect(firstError(await t.gql('{ fireInspections { total } }', {}, noPerm))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await t.gql('{ fireInspections { total } }', {}, null))?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('basic information (1.3.1)', () => {
  let id: string;

  it('stores every field; 身份证号 and 手机号 encrypted at rest (SM4) with a blind index', async () => {
    id = await createInspection(t, {
      projectId: '5074d4f5-9e23-5e66-b9ad-03a3b7b0a6ac',
      leaderPhone: '+86 139-0714-0001',
      leaderIdCard: ' 420281198001010010 ',
    });
    const data = await t.ok(`query($id: ID!) { fireInspection(id: $id) { ${FIELDS} } }`, { id });
    expect(data.fireInspection).toMatchObject({
      ...INSPECTION_INPUT,
      leaderPhone: '13907140001',
      leaderIdCard: '420281198001010010',
      districtName: '大冶市',
      categoryLabel: '新建',
      status: 'DRAFT',
      project: { id: '5074d4f5-9e23-5e66-b9ad-03a3b7b0a6ac' },
    });
    const [row] = await t.sql(
      `select leader_phone_cipher, leader_id_card_cipher, leader_id_card_index from fire.inspection where id = ?`,
      [id],
    );
    expect(row.leader_phone_cipher).toMatch(/^sm4:[0-9a-f]{32}:/);
    expect(row.leader_id_card_cipher).toMatch(/^sm4:/);
    expect(JSON.stringify(row)).not.toContain('13907140001');
    expect(JSON.stringify(row)).not.toContain('420281198001010010');
    expect(row.leader_id_card_index).toBe(blindIndex('420281198001010010', t.config.FIELD_ENCRYPTION_KEY));
  });

  it('masks them for a caller without fire:inspection:sensitive', async () => {
    const viewer = caller({ permissions: [FirePermission.INSPECTION_VIEW] });
    const data = await t.ok(`query($id: ID!) { fireInspection(id: $id) { leaderPhone leaderIdCard } }`, { id }, viewer);
    expect(data.fireInspection).toEqual({ leaderPhone: '139****0001', leaderIdCard: '420281********0010' });
  });

  it('refuses bad input with Chinese messages per field, and stores nothing', async () => {
    const before = await count('inspection');
    const tokens = await count('inspection_search_token');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ leaderIdCard: '420281198001010011' }, 'leaderIdCard', '项目负责人身份证号无效：身份证号校验位错误'],
      [{ leaderIdCard: '42028119800101' }, 'leaderIdCard', '项目负责人身份证号无效：身份证号应为18位，当前为14位'],
      [{ leaderPhone: '1234' }, 'leaderPhone', '项目负责人联系电话无效：手机号应为11位数字，当前为4位'],
      [{ districtCode: '420200' }, 'districtCode', '请选择项目所在的具体区县，不能选择黄石市'],
      [{ districtCode: '110101' }, 'districtCode', '行政区划代码 110101 不是黄石市所辖区县'],
      [{ projectName: '  ' }, 'projectName', '建筑工程项目名称不能为空'],
      [{ changeOfUse: true }, 'useNature', '使用性质不能为空'],
      [{ inspectionDate: '2026-02-30' }, 'inspectionDate', '检查日期格式应为 YYYY-MM-DD 且为有效日期'],
      [{ projectId: 'not-a-uuid' }, 'projectId', '关联工程项目标识无效'],
    ];
    for (const [input, field, message] of cases) {
      const res = await t.gql(
        `mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`,
        {
          input: { ...INSPECTION_INPUT, ...input },
        },
      );
      expect(firstError(res)?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(firstError(res)?.extensions?.field).toBe(field);
      expect(firstError(res)?.message).toBe(message);
    }
    // All issues at once, for a form.
    const res = await t.gql(
      `mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`,
      {
        input: { ...INSPECTION_INPUT, leaderIdCard: 'x', leaderPhone: 'y', address: '' },
      },
    );
    expect((firstError(res)?.extensions as any).details.issues.map((i: any) => i.field)).toEqual([
      'leaderPhone',
      'leaderIdCard',
      'address',
    ]);
    expect(await count('inspection')).toBe(before);
    expect(await count('inspection_search_token')).toBe(tokens);
  });

  it('updates only the given fields; a district clerk cannot register in another district', async () => {
    const data = await t.ok(
      `mutation($id: ID!) { updateFireInspection(id: $id, input: { changeOfUse: true, useNature: "商业", originalUse: "仓储", leaderPhone: null }) { ${FIELDS} } }`,
      { id },
    );
    expect(data.updateFireInspection).toMatchObject({
      changeOfUse: true,
      useNature: '商业',
      originalUse: '仓储',
      leaderPhone: null,
      leaderIdCard: '420281198001010010',
      builderUnit: INSPECTION_INPUT.builderUnit,
    });
    const res = await t.gql(
      `mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`,
      { input: { ...INSPECTION_INPUT, districtCode: '420202' } },
      dayeInspector,
    );
    expect(firstError(res)?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('search on every field of 1.3.8 (substring index) and data scope', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await t.sql(`delete from fire.inspection`);
    ids.a = await createInspection(t, {
      projectName: '磁湖明珠商业综合体',
      builderUnit: '黄石磁湖置业有限公司',
      designUnit: '中南建筑设计院',
      generalContractorUnit: '中建三局第一建设工程有限责任公司',
      fireContractorUnit: '湖北安泰消防工程有限公司',
      supervisorUnit: '武汉华胜工程建设科技有限公司',
      fireTestingUnit: '湖北正信消防检测有限公司',
      leaderName: '欧阳娜娜',
      category: 'NEW',
      inspectionDate: '2026-03-01',
      districtCode: '420202',
      address: '黄石港区磁湖路1号',
    });
    ids.b = await createInspection(t, {
      projectName: '大冶市人民医院门诊楼',
      category: 'EXTENSION',
      inspectionDate: '2026-05-20',
      leaderName: '张伟',
      leaderIdCard: '420202198505051232',
    });
    ids.c = await createInspection(
      t,
      {
        projectName: '大冶市第一中学宿舍楼改造',
        category: 'RENOVATION',
        inspectionDate: '2026-07-02',
        leaderName: '张伟民',
      },
      dayeInspector,
    );
  });

  const find = async (filter: Record<string, unknown>, as = admin) => {
    const data = await t.ok(
      `query($f: FireInspectionFilter) { fireInspections(filter: $f, page: { pageSize: 100 }) { total items { id } } }`,
      { f: filter },
      as,
    );
    return data.fireInspections.items.map((i: any) => Object.entries(ids).find(([, v]) => v === i.id)?.[0]).sort();
  };

  it('finds by each text field, by contained words, case- and width-insensitively', async () => {
    expect(await find({ projectName: '明珠' })).toEqual(['a']);
    expect(await find({ projectName: '大冶市' })).toEqual(['b', 'c']);
    expect(await find({ projectName: '楼' })).toEqual(['b', 'c']); // one character
    expect(await find({ builderUnit: '磁湖置业' })).toEqual(['a']);
    expect(await find({ designUnit: '中南' })).toEqual(['a']);
    expect(await find({ generalContractorUnit: '中建三局' })).toEqual(['a']);
    expect(await find({ fireContractorUnit: '安泰' })).toEqual(['a']);
    expect(await find({ supervisorUnit: '华胜' })).toEqual(['a']);
    expect(await find({ fireTestingUnit: '正信' })).toEqual(['a']);
    expect(await find({ leaderName: '张伟' })).toEqual(['b', 'c']);
    expect(await find({ leaderName: '欧阳' })).toEqual(['a']);
    expect(await find({ keyword: '磁湖路' })).toEqual(['a']);
    expect(await find({ projectName: '医院门诊' })).toEqual(['b']);
    expect(await find({ projectName: '门诊医院' })).toEqual([]); // all bigrams present is not enough: rechecked
    expect(await find({ supervisorUnit: '１００％' })).toEqual([]); // full-width, wildcards: literal
  });

  it('finds by 项目类别, 检查日期 range, exact 身份证号 (blind index), district and status', async () => {
    expect(await find({ category: 'EXTENSION' })).toEqual(['b']);
    expect(await find({ inspectionDateFrom: '2026-05-01', inspectionDateTo: '2026-07-02' })).toEqual(['b', 'c']);
    expect(await find({ leaderIdCard: '420202198505051232' })).toEqual(['b']);
    expect(await find({ districtCode: '420202' })).toEqual(['a']);
    expect(await find({ districtCode: '420200' })).toEqual(['a', 'b', 'c']);
    expect(await find({ status: 'DRAFT', projectName: '大冶' })).toEqual(['b', 'c']);
    const bad = await t.gql(`{ fireInspections(filter: { inspectionDateFrom: "2026-13-01" }) { total } }`);
    expect(firstError(bad)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(bad)?.message).toBe('日期格式应为 YYYY-MM-DD 且为有效日期');
  });

  it('keeps the token index in step with updates', async () => {
    await t.ok(
      `mutation($id: ID!) { updateFireInspection(id: $id, input: { projectName: "磁湖天地购物中心" }) { id } }`,
      { id: ids.a },
    );
    expect(await find({ projectName: '明珠' })).toEqual([]);
    expect(await find({ projectName: '天地购物' })).toEqual(['a']);
  });

  it('a district inspector sees the inspections of the district and their own only', async () => {
    expect(await find({}, dayeInspector)).toEqual(['b', 'c']);
    const other = await t.gql(`query($id: ID!) { fireInspection(id: $id) { id } }`, { id: ids.a }, dayeInspector);
    expect(firstError(other)?.extensions?.code).toBe('NOT_FOUND');
    const self = caller({
      userId: '7d0f3c1e-1111-4aaa-8bbb-000000000001',
      permissions: [FirePermission.INSPECTION_VIEW],
      scope: { kind: 'SELF' },
    });
    expect(await find({}, self)).toEqual([]);
  });
});

describe('buildings and floors (1.3.3)', () => {
  let id: string;

  beforeAll(async () => {
    id = await createInspection(t);
  });

  it('generates the floors from the counts: basements, floors above ground, roof', async () => {
    const b = await addBuilding(t, id, {
      name: '1#楼',
      aboveGroundFloors: 3,
      belowGroundFloors: 2,
      category: '二类高层住宅',
      fireResistanceRating: '一级',
      height: 33.5,
      items: ['09'],
    });
    expect(b.floors.map((f: any) => [f.name, f.kind, f.level])).toEqual([
      ['地下2层', 'BASEMENT', -2],
      ['地下1层', 'BASEMENT', -1],
      ['1层', 'ABOVE', 1],
      ['2层', 'ABOVE', 2],
      ['3层', 'ABOVE', 3],
      ['屋面', 'ROOF', 4],
    ]);
    // More floors later: existing floor information is kept, the roof moves up.
    const floor2 = b.floors[3].id;
    await t.ok(
      `mutation($id: ID!) { updateFireFloor(id: $id, input: { useNature: "设备层", items: ["12", "13"] }) { id } }`,
      { id: floor2 },
    );
    const updated = await t.ok(
      `mutation($id: ID!) { updateFireBuilding(id: $id, input: { name: "1#楼", aboveGroundFloors: 5, belowGroundFloors: 1 }) { floors { id name kind level useNature items } } }`,
      { id: b.id },
    );
    expect(updated.updateFireBuilding.floors.map((f: any) => `${f.name}/${f.level}`)).toEqual([
      '地下1层/-1',
      '1层/1',
      '2层/2',
      '3层/3',
      '4层/4',
      '5层/5',
      '屋面/6',
    ]);
    expect(updated.updateFireBuilding.floors.find((f: any) => f.id === floor2)).toMatchObject({
      useNature: '设备层',
      items: ['12', '13'],
    });
  });

  it('refuses an unknown catalogue item or impossible counts, and stores nothing', async () => {
    const buildings = await count('building');
    const floors = await count('floor');
    for (const [input, field, message] of [
      [
        { name: '2#楼', aboveGroundFloors: 3, items: ['08', '19'] },
        'items',
        '未知的检查项目编码：19（抽查库中为 01–18）',
      ],
      [{ name: '2#楼', aboveGroundFloors: 0, belowGroundFloors: 0 }, 'aboveGroundFloors', '地上、地下层数不能都为 0'],
      [{ name: '2#楼', aboveGroundFloors: 201 }, 'aboveGroundFloors', '地上层数应为 0–200 的整数'],
      [{ name: '', aboveGroundFloors: 3 }, 'name', '楼栋名称不能为空'],
    ] as const) {
      const res = await t.gql(
        `mutation($id: ID!, $input: FireBuildingInput!) { addFireBuilding(inspectionId: $id, input: $input) { id } }`,
        { id, input },
      );
      expect(firstError(res)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(firstError(res)?.extensions?.field).toBe(field);
      expect(firstError(res)?.message).toBe(message);
    }
    const floor = (
      await t.sql(
        `select f.id from fire.floor f join fire.building b on b.id = f.building_id where b.inspection_id = ? limit 1`,
        [id],
      )
    )[0].id;
    const res = await t.gql(`mutation($id: ID!) { updateFireFloor(id: $id, input: { items: ["AB"] }) { id } }`, {
      id: floor,
    });
    expect(firstError(res)?.message).toBe('未知的检查项目编码：AB（抽查库中为 01–18）');
    expect(await count('building')).toBe(buildings);
    expect(await count('floor')).toBe(floors);
  });

  it('a layout change while a plan awaits signatures voids that plan (kept, with the reason)', async () => {
    const plan = await drawPlan(t, id);
    await addBuilding(t, id, { name: '门卫室', aboveGroundFloors: 1, hasRoof: false });
    const data = await t.ok(
      `query($id: ID!) { fireInspection(id: $id) { status plans { id status voidReason } currentPlan { id } } }`,
      { id },
    );
    expect(data.fireInspection).toEqual({
      status: 'DRAFT',
      plans: [{ id: plan.id, status: 'VOID', voidReason: '楼栋楼层信息已变更，原方案作废，请重新生成' }],
      currentPlan: null,
    });
    const again = await drawPlan(t, id);
    expect(again.seq).toBe(2);
    const plans = await t.ok(`query($id: ID!) { fireInspection(id: $id) { plans { seq status } } }`, { id });
    expect(plans.fireInspection.plans).toEqual([
      { seq: 1, status: 'VOID' },
      { seq: 2, status: 'PENDING' },
    ]);
  });

  it('a draft that never had a plan can be deleted; one with a plan cannot', async () => {
    const draft = await createInspection(t);
    expect(
      (await t.ok(`mutation($id: ID!) { deleteFireInspection(id: $id) }`, { id: draft })).deleteFireInspection,
    ).toBe(true);
    const res = await t.gql(`mutation($id: ID!) { deleteFireInspection(id: $id) }`, { id });
    expect(firstError(res)?.extensions?.code).toBe('CONFLICT');
  });
});

describe('federation: Project @key(fields: "id") extended with fireInspections', () => {
  it('resolves Project entities by id to the inspections linked to them, within scope', async () => {
    const projectId = '5074d4f5-9e23-5e66-b9ad-03a3b7b0a6ac';
    const id = await createInspection(t, {
      projectId,
      projectName: '阳新县枫林幼儿园新建工程',
      districtCode: '420222',
    });
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id fireInspections { id projectName project { id } } } } }`;
    const r = [
      { __typename: 'Project', id: projectId },
      { __typename: 'Project', id: '00000000-0000-4000-8000-000000000000' },
    ];
    const data = await t.ok(query, { r });
    expect(data._entities).toEqual([
      { id: projectId, fireInspections: [{ id, projectName: '阳新县枫林幼儿园新建工程', project: { id: projectId } }] },
      { id: '00000000-0000-4000-8000-000000000000', fireInspections: [] },
    ]);
    // Out of the caller's scope: none.
    expect((await t.ok(query, { r }, dayeInspector))._entities[0].fireInspections).toEqual([]);
    // No fire permission: none (the field is on Project, which other callers see).
    expect((await t.ok(query, { r }, caller({ permissions: ['project:view'] })))._entities[0].fireInspections).toEqual(
      [],
    );
  });

  it('composes with the identity and projects subgraphs into one supergraph', async () => {
    const deps = {
      config: {} as SubgraphDeps['config'],
      orm: undefined as never,
      pubSub: t.server.pubSub,
      logger: createLogger('compose', 'silent'),
    };
    const services = [];
    for (const module of [identity, projects, fire]) {
      services.push({
        name: module.name,
        typeDefs: parse(printSubgraphSchema(await module.buildSchema(deps))),
        url: `http://127.0.0.1:${module.defaultPort}/graphql`,
      });
    }
    const result = composeServices(services);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    // nullable: with fire down, a project still answers without it (issue #10)
    expect(result.supergraphSdl).toContain('fireInspections: [FireInspection!] @join__field(graph: FIRE)');
  });
});
