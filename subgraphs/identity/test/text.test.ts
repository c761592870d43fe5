/**
 * Issue #10: the kit's text rule through the identity API — control characters and lone surrogates
 * refused with BAD_USER_INPUT naming the field (variables, inline literals, lists of strings), nothing
 * stored; a multi-line description keeps its lines; Chinese punctuation stored and read back as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@hs/kit';
import { DEMO_PASSWORD } from '../src/index.js';
import { codeOf, startHarness, type GraphQLResult, type Harness } from './harness.js';

let h: Harness;
let admin: Caller;
let typeId: string;

const TYPED = '黄石「港」：一期，二期；完工！（含配套）“重点”、。\u3000东区';
const NOTE = '第一行：用途（说明）；\n\t第二行！“备注”、。';
const CREATE_TYPE = `mutation ($input: CreateDictTypeInput!) { createDictType(input: $input) { id name description } }`;
const CREATE_ROLE = `mutation ($input: CreateRoleInput!) { createRole(input: $input) { id name description } }`;

const count = async (table: string) => Number((await h.sql(`select count(*)::int as n from identity.${table}`))[0].n);

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.loginAs('admin', DEMO_PASSWORD)).caller;
  const created = await h.gql(CREATE_TYPE, { input: { code: 'text_rule', name: TYPED, description: NOTE } }, admin);
  expect(created.errors).toBeUndefined();
  typeId = created.data.createDictType.id;
});
afterAll(async () => {
  await h?.close();
});

function expectRefused(res: GraphQLResult, field: string, code: string) {
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  expect(res.errors![0].extensions!.field).toBe(field);
  expect(res.errors![0].message).toContain(field);
  expect(res.errors![0].message).toContain(code);
}

describe('control characters and lone surrogates are refused, nothing is stored', () => {
  it('a NUL in a name (variables)', async () => {
    const before = await count('dict_type');
    expectRefused(
      await h.gql(CREATE_TYPE, { input: { code: 'text_nul', name: '字典\u0000' } }, admin),
      'input.name',
      'U+0000',
    );
    expect(await count('dict_type')).toBe(before);
  });

  it('a U+0007 written inline in the document', async () => {
    const res = await h.gql(
      `mutation { updateDictType(id: "${typeId}", input: { name: "改名\\u0007" }) { id } }`,
      {},
      admin,
    );
    expectRefused(res, 'input.name', 'U+0007');
    expect((await h.sql('select name from identity.dict_type where id = ?', [typeId]))[0].name).toBe(TYPED);
  });

  it('a lone surrogate in a list of strings', async () => {
    const before = await count('role');
    const res = await h.gql(
      CREATE_ROLE,
      { input: { code: 'text_role', name: '测试角色', permissions: ['project:view', 'x\ud800'], dataScope: 'DEPT' } },
      admin,
    );
    expectRefused(res, 'input.permissions[1]', 'U+D800');
    expect(await count('role')).toBe(before);
  });

  it('a NUL in a multi-line description, a line break in a single-line role description', async () => {
    const update = `mutation ($id: ID!, $input: UpdateDictTypeInput!) { updateDictType(id: $id, input: $input) { id } }`;
    expectRefused(
      await h.gql(update, { id: typeId, input: { description: '第一行\n第二行\u0000' } }, admin),
      'input.description',
      'U+0000',
    );
    expectRefused(
      await h.gql(
        CREATE_ROLE,
        { input: { code: 'text_role', name: '测试角色', description: '一\n二', permissions: [], dataScope: 'DEPT' } },
        admin,
      ),
      'input.description',
      'U+000A',
    );
  });
});

describe('text is stored as typed', () => {
  it('reads back punctuation, full-width spaces and the lines of a multi-line description', async () => {
    const [row] = await h.sql('select name, description from identity.dict_type where id = ?', [typeId]);
    expect(row).toEqual({ name: TYPED, description: NOTE });
    const role = await h.gql(
      CREATE_ROLE,
      { input: { code: 'text_role', name: '巡查员（区县）', description: TYPED, permissions: [], dataScope: 'DEPT' } },
      admin,
    );
    expect(role.errors).toBeUndefined();
    expect(role.data.createRole).toMatchObject({ name: '巡查员（区县）', description: TYPED });
  });
});
