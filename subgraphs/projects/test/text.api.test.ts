import { DEMO_ENTERPRISES, rectangleAround, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstError, startTestSubgraph, type TestSubgraph } from './helpers.js';

/**
 * Issue #10: the kit's text rule through the projects API — control characters and lone surrogates
 * refused with BAD_USER_INPUT naming the field (variables and inline literals, nested inputs, lists,
 * JSON), nothing stored; Chinese punctuation stored and read back exactly as typed.
 */
let t: TestSubgraph;
let projectId: string;

const TYPED = '黄石「港」：一期，二期；完工！（含配套）“重点”、。\u3000东区';
const CREATE =
  'mutation($input: CreateProjectInput!) { createProject(input: $input) { id name address units { projectLeader } } }';
const READ = 'query($id: ID!) { project(id: $id) { name address units { projectLeader } } }';

function input(overrides: Record<string, unknown> = {}) {
  return {
    projectCode: '42028120269000077',
    name: '大冶市文本规则测试工程',
    type: 'HOUSING',
    districtCode: '420281',
    address: '大冶市东岳路街道新冶大道 1 号',
    location: { lng: 114.980424, lat: 30.096147 },
    units: [
      {
        enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[3].creditCode),
        role: 'GENERAL_CONTRACTOR',
        projectLeader: '刘德胜',
      },
    ],
    ...overrides,
  };
}

const count = async () =>
  Number((await t.server.orm.em.getConnection().execute('select count(*)::int as n from projects.project'))[0].n);

beforeAll(async () => {
  t = await startTestSubgraph({ seed: 'demo' });
  const res = await t.gql(CREATE, { input: input({ projectCode: '42028120269000078', name: TYPED, address: TYPED }) });
  expect(res.errors).toBeUndefined();
  projectId = res.data.createProject.id;
});
afterAll(async () => {
  await t?.close();
});

function expectRefused(res: Awaited<ReturnType<TestSubgraph['gql']>>, field: string, code: string) {
  const error = firstError(res);
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.field).toBe(field);
  expect(error?.message).toContain(field);
  expect(error?.message).toContain(code);
}

describe('control characters and lone surrogates are refused, nothing is stored', () => {
  it('a NUL in a name (variables)', async () => {
    const before = await count();
    const res = await t.gql(CREATE, { input: input({ name: '大冶\u0000工程' }) });
    expectRefused(res, 'input.name', 'U+0000');
    expect(res.data?.createProject ?? null).toBeNull();
    expect(await count()).toBe(before);
  });

  it('a U+0007 in a name written inline in the document', async () => {
    const res = await t.gql(`mutation { updateProject(id: "${projectId}", input: { name: "改名\\u0007" }) { name } }`);
    expectRefused(res, 'input.name', 'U+0007');
    expect((await t.gql(READ, { id: projectId })).data.project.name).toBe(TYPED);
  });

  it('a lone surrogate in a nested input inside a list', async () => {
    const res = await t.gql(
      'mutation($id: ID!, $units: [ProjectUnitInput!]!) { setProjectUnits(projectId: $id, units: $units) { id } }',
      {
        id: projectId,
        units: [
          {
            enterpriseId: stableId('enterprise', DEMO_ENTERPRISES[3].creditCode),
            role: 'GENERAL_CONTRACTOR',
            projectLeader: '刘\ud800',
          },
        ],
      },
    );
    expectRefused(res, 'units[0].projectLeader', 'U+D800');
    expect((await t.gql(READ, { id: projectId })).data.project.units).toEqual([{ projectLeader: '刘德胜' }]);
  });

  it('a NUL inside a JSON scalar (the site boundary)', async () => {
    const before = await count();
    const boundary = { ...rectangleAround([114.980424, 30.096147], 120, 90), name: '围栏\u0000' };
    const res = await t.gql(CREATE, { input: input({ siteBoundary: boundary }) });
    expectRefused(res, 'input.siteBoundary.name', 'U+0000');
    expect(await count()).toBe(before);
  });

  it('a line break in a single-line field, and a NUL in a query filter', async () => {
    expectRefused(await t.gql(CREATE, { input: input({ address: '第一行\n第二行' }) }), 'input.address', 'U+000A');
    const res = await t.gql('query($f: ProjectFilter) { projects(filter: $f) { total } }', {
      f: { keyword: '\u0000' },
    });
    expectRefused(res, 'filter.keyword', 'U+0000');
  });
});

describe('text is stored as typed', () => {
  it('reads back Chinese punctuation and full-width spaces exactly', async () => {
    const { data } = await t.gql(READ, { id: projectId });
    expect(data.project).toMatchObject({ name: TYPED, address: TYPED });
    const [row] = await t.server.orm.em
      .getConnection()
      .execute('select name, address from projects.project where id = ?', [projectId]);
    expect(row).toEqual({ name: TYPED, address: TYPED });
  });

  it('keeps folding full-width codes typed with a Chinese input method', async () => {
    const res = await t.gql(
      'mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { startDate } }',
      { id: projectId, input: { startDate: '２０２６－１１－０５' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateProject.startDate).toBe('2026-11-05');
  });
});
