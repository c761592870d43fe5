/**
 * 字典管理: built-in dictionaries arrive with the migration, every signed-in caller reads items
 * for dropdowns, system:dict:view / system:dict:edit guard the admin pages, built-in codes and
 * values are protected, duplicates are CONFLICT on the right field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@hs/kit';
import { DEMO_PASSWORD } from '../src/index.js';
import { codeOf, startHarness, type Harness } from './harness.js';

let h: Harness;
let admin: Caller;
let cityAdmin: Caller;
let inspector: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = (await h.loginAs('admin', DEMO_PASSWORD)).caller;
  cityAdmin = (await h.loginAs('city_admin', DEMO_PASSWORD)).caller;
  inspector = (await h.loginAs('dy_inspector', DEMO_PASSWORD)).caller;
});
afterAll(async () => {
  await h?.close();
});

const ITEMS = `query ($codes: [String!]!) { dictItems(typeCodes: $codes) { typeCode value label tagType status builtIn } }`;
const TYPES = `query ($f: DictTypeFilter) { dictTypes(filter: $f, page: { page: 1, pageSize: 50 }) { total items { id code name builtIn items { value } } } }`;
const CREATE_TYPE = `mutation ($input: CreateDictTypeInput!) { createDictType(input: $input) { id code name builtIn status } }`;
const UPDATE_TYPE = `mutation ($id: ID!, $input: UpdateDictTypeInput!) { updateDictType(id: $id, input: $input) { id code name } }`;
const DELETE_TYPE = `mutation ($id: ID!) { deleteDictType(id: $id) }`;
const CREATE_ITEM = `mutation ($input: CreateDictItemInput!) { createDictItem(input: $input) { id value label tagType typeCode } }`;
const UPDATE_ITEM = `mutation ($id: ID!, $input: UpdateDictItemInput!) { updateDictItem(id: $id, input: $input) { id value label } }`;
const DELETE_ITEM = `mutation ($id: ID!) { deleteDictItem(id: $id) }`;

describe('dictionaries', () => {
  it('ships the built-in dictionaries, readable by any signed-in caller', async () => {
    const result = await h.gql(ITEMS, { codes: ['project_status', 'qualification_grade', 'no_such_dict'] }, inspector);
    expect(result.errors).toBeUndefined();
    const items = result.data.dictItems;
    expect(
      items.filter((i: any) => i.typeCode === 'project_status').map((i: any) => [i.value, i.label, i.tagType]),
    ).toEqual([
      ['PLANNED', '未开工', 'info'],
      ['UNDER_CONSTRUCTION', '在建', 'primary'],
      ['SUSPENDED', '停工', 'warning'],
      ['COMPLETED', '竣工', 'success'],
    ]);
    expect(items.filter((i: any) => i.typeCode === 'qualification_grade').map((i: any) => i.label)).toContain('一级');
    expect(items.every((i: any) => i.builtIn && i.status === 'ACTIVE')).toBe(true);
    expect(codeOf(await h.gql(ITEMS, { codes: ['project_type'] }, null))).toBe('UNAUTHENTICATED');
  });

  it('shows the admin list only with system:dict:view (city_admin has it, a district inspector not)', async () => {
    expect(cityAdmin.permissions).toContain('system:dict:view');
    expect(cityAdmin.permissions).toContain('system:dict:edit');
    expect(codeOf(await h.gql(TYPES, {}, inspector))).toBe('FORBIDDEN');
    const list = await h.gql(TYPES, { f: { keyword: '项目' } }, cityAdmin);
    expect(list.errors).toBeUndefined();
    expect(list.data.dictTypes.items.map((t: any) => t.code)).toEqual(['project_type', 'project_status']);
    expect(list.data.dictTypes.items[0].items).toHaveLength(6);
    expect(codeOf(await h.gql(CREATE_TYPE, { input: { code: 'x_y', name: 'x' } }, inspector))).toBe('FORBIDDEN');
  });

  it('creates, edits and deletes a dictionary and its items, with field-level messages', async () => {
    const bad = await h.gql(CREATE_TYPE, { input: { code: '9bad', name: '坏' } }, admin);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('code');

    const created = await h.gql(CREATE_TYPE, { input: { code: 'inspection_kind', name: '检查类型' } }, admin);
    expect(created.errors).toBeUndefined();
    const type = created.data.createDictType;
    expect(type).toMatchObject({ code: 'inspection_kind', builtIn: false, status: 'ACTIVE' });

    const dup = await h.gql(CREATE_TYPE, { input: { code: 'inspection_kind', name: '重复' } }, admin);
    expect(codeOf(dup)).toBe('CONFLICT');
    expect(dup.errors![0].extensions!.field).toBe('code');

    const item = await h.gql(
      CREATE_ITEM,
      { input: { typeId: type.id, value: 'ROUTINE', label: '日常检查', tagType: 'success' } },
      admin,
    );
    expect(item.errors).toBeUndefined();
    expect(item.data.createDictItem).toMatchObject({
      value: 'ROUTINE',
      typeCode: 'inspection_kind',
      tagType: 'success',
    });

    const dupItem = await h.gql(CREATE_ITEM, { input: { typeId: type.id, value: 'ROUTINE', label: '又一个' } }, admin);
    expect(codeOf(dupItem)).toBe('CONFLICT');
    expect(dupItem.errors![0].extensions!.field).toBe('value');
    const badTag = await h.gql(
      CREATE_ITEM,
      { input: { typeId: type.id, value: 'X', label: 'X', tagType: 'pink' } },
      admin,
    );
    expect(badTag.errors![0].extensions!.field).toBe('tagType');

    const renamed = await h.gql(
      UPDATE_ITEM,
      { id: item.data.createDictItem.id, input: { value: 'DAILY', label: '日常巡查' } },
      admin,
    );
    expect(renamed.data.updateDictItem).toMatchObject({ value: 'DAILY', label: '日常巡查' });
    const recoded = await h.gql(UPDATE_TYPE, { id: type.id, input: { code: 'inspection_type' } }, admin);
    expect(recoded.data.updateDictType.code).toBe('inspection_type');

    expect((await h.gql(DELETE_ITEM, { id: item.data.createDictItem.id }, admin)).data.deleteDictItem).toBe(true);
    expect((await h.gql(DELETE_TYPE, { id: type.id }, admin)).data.deleteDictType).toBe(true);
    const [left] = await h.sql(`select count(*)::int as n from identity.dict_type where code like 'inspection_%'`);
    expect(left.n).toBe(0);
  });

  it('protects built-in codes and values but lets people relabel them', async () => {
    const list = await h.gql(TYPES, { f: { keyword: 'project_status' } }, admin);
    const type = list.data.dictTypes.items[0];
    expect(type.builtIn).toBe(true);
    const recode = await h.gql(UPDATE_TYPE, { id: type.id, input: { code: 'status_of_project' } }, admin);
    expect(codeOf(recode)).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.gql(DELETE_TYPE, { id: type.id }, admin))).toBe('BAD_USER_INPUT');

    const [row] = await h.sql(
      `select i.id from identity.dict_item i join identity.dict_type t on t.id = i.type_id where t.code = 'project_status' and i.value = 'SUSPENDED'`,
    );
    const revalue = await h.gql(UPDATE_ITEM, { id: row.id, input: { value: 'STOPPED' } }, admin);
    expect(codeOf(revalue)).toBe('BAD_USER_INPUT');
    expect(revalue.errors![0].extensions!.field).toBe('value');
    expect(codeOf(await h.gql(DELETE_ITEM, { id: row.id }, admin))).toBe('BAD_USER_INPUT');
    const relabel = await h.gql(UPDATE_ITEM, { id: row.id, input: { label: '暂停施工' } }, admin);
    expect(relabel.data.updateDictItem).toMatchObject({ value: 'SUSPENDED', label: '暂停施工' });
  });
});
