/**
 * Identity's other lists on the contract of ADR 0013, through the router: roles, the department
 * tree, the audit and login logs, online sessions and dictionary types — sort in both directions,
 * exports that hold the list's rows (and only the caller's scope), and deletes that refuse.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleId, userId } from '@hs/identity';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform, type Answer } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let admin: string;

const router = routerClient(
  () => platform.url,
  () => admin,
);
const { gql, ok, login } = router;

/** The data rows of an exported sheet (row 1 the title, row 2 the header), each cell as the text shown. */
async function exported(link: { url: string }) {
  const sheet = (await router.workbook(link.url)).worksheets[0];
  const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: string[][] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    rows.push(header.map((_, c) => String(sheet.getCell(r, c + 1).value ?? '')));
  }
  const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
  return { title: String(sheet.getCell('A1').value), header, rows, column };
}

/**
 * The router relays audit records to identity just after each answer (ADR 0004), one by one: waits
 * until its outbox is empty, that is until every mutation so far is in the audit log.
 */
async function auditDelivered() {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as "n" from "router"."audit_outbox"');
      if (rows[0].n === 0) return;
      if (attempt > 20_000) throw new Error('the audit outbox does not drain');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}

const sorted = (values: string[]) => [...values].sort();
const codeOf = (body: Answer) => body.errors?.[0]?.extensions?.code;

let dyInspector: string;
/** Logged in up front: the login log tests fail two logins, after which this address would need a captcha. */
let cityAdmin: string;
let entUser: string;
let expert: string;

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db);
  admin = await login('admin');
  // 刘志明 (大冶市住建局, 本部门及以下) also reads the logs and manages sessions: the scope tests' district caller.
  const role = await ok(
    `mutation CreateRole { createRole(input: { code: "district_auditor", name: "区县审计员", permissions: ["system:log:view", "system:session:manage", "system:dict:view", "system:role:view", "system:dept:edit"], dataScope: DEPT_AND_CHILDREN }) { id } }`,
  );
  await ok(`mutation UpdateUser($id: ID!, $roles: [ID!]) { updateUser(id: $id, input: { roleIds: $roles }) { id } }`, {
    id: userId('dy_inspector'),
    roles: [roleId('district_inspector'), role.createRole.id],
  });
  await login('dy_station');
  dyInspector = await login('dy_inspector');
  cityAdmin = await login('city_admin');
  entUser = await login('ent_user');
  expert = await login('expert');
});

afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

describe('roles', () => {
  const ROLES = `query($filter: RoleFilter, $sort: RoleSort) { roles(filter: $filter, sort: $sort) { id code name sortOrder } }`;
  const EXPORT = `mutation($filter: RoleFilter, $sort: RoleSort, $ids: [ID!]) { exportRoles(filter: $filter, sort: $sort, ids: $ids) { url fileName rowCount } }`;
  const DELETE = `mutation($ids: [ID!]!) { deleteRoles(ids: $ids) { deleted } }`;

  it('sorts by code and name in either direction, and by 排序 with ties by id', async () => {
    for (const field of ['CODE', 'NAME']) {
      const key = field === 'CODE' ? 'code' : 'name';
      const asc = (await ok(ROLES, { sort: { field, direction: 'ASC' } })).roles.map((r: any) => r[key]);
      const desc = (await ok(ROLES, { sort: { field, direction: 'DESC' } })).roles.map((r: any) => r[key]);
      expect(asc.length).toBeGreaterThan(5);
      expect(asc).toEqual(sorted(asc));
      expect(desc).toEqual([...asc].reverse());
    }
    const bySortOrder = (await ok(ROLES, { sort: { field: 'SORT_ORDER', direction: 'DESC' } })).roles;
    for (let i = 1; i < bySortOrder.length; i++) {
      const [a, b] = [bySortOrder[i - 1], bySortOrder[i]];
      expect(a.sortOrder >= b.sortOrder).toBe(true);
      if (a.sortOrder === b.sortOrder) expect(a.id < b.id).toBe(true);
    }
  });

  it('exports the filtered, sorted list with scope and permissions by name', async () => {
    const filter = { keyword: 'admin' };
    const sort = { field: 'NAME', direction: 'DESC' };
    const list = (await ok(ROLES, { filter, sort })).roles;
    expect(list.map((r: any) => r.code).sort()).toEqual(['city_admin', 'super_admin']);
    const link = (await ok(EXPORT, { filter, sort })).exportRoles;
    expect(link.fileName).toMatch(/^角色列表-\d{8}\.xlsx$/);
    expect(link.rowCount).toBe(2);
    const sheet = await exported(link);
    expect(sheet.title).toBe('角色列表');
    expect(sheet.header).toEqual(['排序', '角色名称', '角色编码', '数据权限', '权限', '说明', '状态', '创建时间']);
    expect(sheet.column('角色编码')).toEqual(list.map((r: any) => r.code));
    const superAdmin = sheet.rows.find((row) => row[2] === 'super_admin')!;
    expect(superAdmin.slice(3, 5)).toEqual(['全部数据', '全部权限']);
    expect(superAdmin[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const cityAdmin = sheet.rows.find((row) => row[2] === 'city_admin')!;
    expect(cityAdmin[4]).toContain('查看用户');
    expect(cityAdmin[4]).not.toContain('system:');

    const one = (await ok(EXPORT, { ids: [roleId('expert')] })).exportRoles;
    expect((await exported(one)).column('角色编码')).toEqual(['expert']);
  });

  it('never deletes 超级管理员, nor a role someone holds; deletes an unused one', async () => {
    const superAdmin = await gql(DELETE, { ids: [roleId('super_admin')] });
    expect(superAdmin.errors?.[0]).toMatchObject({
      message: '系统内置角色“超级管理员”不能删除',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const unused = (
      await ok(
        `mutation { createRole(input: { code: "temp_role", name: "临时角色", permissions: ["project:view"], dataScope: SELF }) { id } }`,
      )
    ).createRole.id;
    const held = await gql(DELETE, { ids: [unused, roleId('city_admin')] });
    expect(codeOf(held)).toBe('IN_USE');
    expect(held.errors?.[0].message).toBe('角色“市局管理员”仍被 1 名用户引用，不能删除');
    expect(held.errors?.[0].extensions.details.blocked).toEqual([
      { id: roleId('city_admin'), name: '市局管理员', dependents: [{ label: '名用户', count: 1 }] },
    ]);
    expect((await ok(ROLES, { filter: { keyword: 'temp_role' } })).roles).toHaveLength(1);

    expect((await ok(DELETE, { ids: [unused] })).deleteRoles.deleted).toBe(1);
    expect((await ok(ROLES, { filter: { keyword: 'temp_role' } })).roles).toHaveLength(0);
  });

  it('refuses a role above the caller, an empty or malformed batch, and callers without the permission', async () => {
    const sensitive = (
      await ok(
        `mutation { createRole(input: { code: "sensitive_viewer", name: "敏感信息查看", permissions: ["system:user:sensitive"], dataScope: SELF }) { id } }`,
      )
    ).createRole.id;
    const above = await gql(DELETE, { ids: [sensitive] }, cityAdmin);
    expect(codeOf(above)).toBe('FORBIDDEN');
    expect(above.errors?.[0].message).toContain('不能删除权限高于自己的角色');
    expect((await gql(DELETE, { ids: [] })).errors?.[0].message).toBe('请至少选择一条记录');
    expect((await gql(DELETE, { ids: ['x'] })).errors?.[0].message).toBe('记录编号格式不正确');
    expect(codeOf(await gql(DELETE, { ids: [sensitive] }, dyInspector))).toBe('FORBIDDEN');
    expect(codeOf(await gql(ROLES, { sort: { field: 'PERMISSIONS' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('departments', () => {
  const NODE = 'id name parentId';
  const TREE = `{ departments { ${NODE} children { ${NODE} children { ${NODE} children { ${NODE} children { ${NODE} } } } } } }`;
  const EXPORT = `mutation($filter: DepartmentFilter, $ids: [ID!]) { exportDepartments(filter: $filter, ids: $ids) { url rowCount } }`;
  const DELETE = `mutation($ids: [ID!]!) { deleteDepartments(ids: $ids) { deleted } }`;

  interface Node {
    id: string;
    name: string;
    children?: Node[];
  }
  /** The tree as the page shows it, top to bottom: [depth, name, parent name]; with a keyword, as the page filters it. */
  function lines(nodes: Node[], keyword = '', depth = 0, parent = ''): [number, string, string][] {
    return nodes.flatMap((node) => {
      const below = lines(node.children ?? [], keyword, depth + 1, node.name);
      const kept = !keyword || node.name.includes(keyword) || below.length > 0;
      return kept ? [[depth, node.name, parent] as [number, string, string], ...below] : [];
    });
  }
  const fromSheet = (sheet: Awaited<ReturnType<typeof exported>>) =>
    sheet.rows.map(([name, parent]) => {
      const depth = /^(\u3000\u3000)*/.exec(name)![0].length / 2;
      return [depth, name.slice(depth * 2), parent] as [number, string, string];
    });

  it('exports the tree in order, indented by level, with each department’s 上级部门', async () => {
    const tree = (await ok(TREE)).departments;
    const link = (await ok(EXPORT)).exportDepartments;
    const sheet = await exported(link);
    expect(sheet.header).toEqual(['部门名称', '上级部门', '类型', '所辖区划', '排序', '状态', '创建时间']);
    expect(fromSheet(sheet)).toEqual(lines(tree));
    expect(link.rowCount).toBe(lines(tree).length);
    expect(sheet.rows.find((r) => r[0].endsWith('大冶市住建局'))!.slice(0, 4)).toEqual([
      '\u3000\u3000大冶市住建局',
      '黄石市住房和城乡建设局',
      '区县住建局',
      '大冶市',
    ]);
  });

  it('filters as the page does: matching departments and the departments above them', async () => {
    const tree = (await ok(TREE)).departments;
    const expected = lines(tree, '监');
    expect(expected.map(([, name]) => name)).toEqual(
      expect.arrayContaining(['黄石市住房和城乡建设局', '质监站', '大冶市建设工程质量安全监督站', '企业']),
    );
    const sheet = await exported((await ok(EXPORT, { filter: { keyword: '监' } })).exportDepartments);
    expect(fromSheet(sheet)).toEqual(expected);
  });

  it('exports only what a district user sees of the tree', async () => {
    const tree = (await ok(TREE, {}, dyInspector)).departments;
    expect(tree.map((d: Node) => d.name)).toEqual(['大冶市住建局']);
    const sheet = await exported((await ok(EXPORT, {}, dyInspector)).exportDepartments);
    expect(fromSheet(sheet)).toEqual([
      [0, '大冶市住建局', ''],
      [1, '大冶市建设工程质量安全监督站', '大冶市住建局'],
    ]);
  });

  it('refuses a department with users, lower departments or roles naming it; deletes a subtree at once', async () => {
    const daye = tree(await ok(TREE)).find((d) => d.name === '大冶市住建局')!;
    const refused = await gql(DELETE, { ids: [daye.id] });
    expect(codeOf(refused)).toBe('IN_USE');
    expect(refused.errors?.[0].message).toMatch(/^部门“大冶市住建局”仍被 1 个下级部门、\d+ 名用户引用，不能删除$/);

    const create = `mutation($name: String!, $parent: ID) { createDepartment(input: { name: $name, kind: SECTION, parentId: $parent }) { id } }`;
    const parent = (await ok(create, { name: '临时科', parent: daye.id })).createDepartment.id;
    const child = (await ok(create, { name: '临时组', parent })).createDepartment.id;
    const alone = await gql(DELETE, { ids: [parent] });
    expect(alone.errors?.[0].message).toBe('部门“临时科”仍被 1 个下级部门引用，不能删除');

    const role = await ok(
      `mutation($d: [ID!]!) { createRole(input: { code: "temp_custom", name: "临时自定义", permissions: [], dataScope: CUSTOM, customDepartmentIds: $d }) { id } }`,
      { d: [child] },
    );
    const named = await gql(DELETE, { ids: [parent, child] });
    expect(named.errors?.[0].message).toBe('部门“临时组”仍被 1 个角色（自定义数据权限）引用，不能删除');
    await ok(`mutation($ids: [ID!]!) { deleteRoles(ids: $ids) { deleted } }`, { ids: [role.createRole.id] });

    expect((await ok(DELETE, { ids: [parent, child] })).deleteDepartments.deleted).toBe(2);
    expect(lines((await ok(TREE)).departments).some(([, name]) => name.startsWith('临时'))).toBe(false);
  });

  it('refuses a department outside the caller’s scope as not found, and callers without the permission', async () => {
    const departments = tree(await ok(TREE));
    const experts = departments.find((d) => d.name === '专家组')!;
    const daye = departments.find((d) => d.name === '大冶市住建局')!;
    expect(codeOf(await gql(DELETE, { ids: [experts.id] }, dyInspector))).toBe('NOT_FOUND');
    expect(codeOf(await gql(DELETE, { ids: [daye.id] }, dyInspector))).toBe('IN_USE');
    expect(codeOf(await gql(DELETE, { ids: ['00000000-0000-4000-8000-000000000000'] }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(DELETE, { ids: [experts.id] }, entUser))).toBe('FORBIDDEN');
    expect(tree(await ok(TREE)).find((d) => d.name === '专家组')).toBeTruthy();
  });

  function tree(data: { departments: Node[] }): Node[] {
    const all: Node[] = [];
    const walk = (nodes: Node[]) => nodes.forEach((n) => (all.push(n), walk(n.children ?? [])));
    walk(data.departments);
    return all;
  }
});

describe('audit log', () => {
  const LIST = `query($filter: AuditLogFilter, $sort: AuditLogSort, $page: PageInput) {
    auditLogs(filter: $filter, sort: $sort, page: $page) { total items { seq at actorName operationName fields result } }
  }`;
  const EXPORT = `mutation($filter: AuditLogFilter, $sort: AuditLogSort, $ids: [ID!]) { exportAuditLogs(filter: $filter, sort: $sort, ids: $ids) { url rowCount } }`;
  /** More than one export batch (500). */
  const TIED_ENTRIES = 520;
  const TIED_AT = '2026-11-30T01:02:03.456Z';

  /** Every row of the list for `filter` and `sort`, page by page. */
  async function all(filter: object, sort?: object, token = admin) {
    const items: any[] = [];
    for (let page = 1; ; page++) {
      const { auditLogs } = await ok(LIST, { filter, sort, page: { page, pageSize: 100 } }, token);
      items.push(...auditLogs.items);
      if (auditLogs.items.length < 100) return items;
    }
  }

  beforeAll(async () => {
    // Refused deletes by three people, through the router as any mutation (named, as the admin names them).
    const senders = [admin, cityAdmin, dyInspector];
    await Promise.all(
      senders.map((token) => gql(`mutation DeleteRoles { deleteRoles(ids: []) { deleted } }`, {}, token)),
    );
    // And entries all answered in the same millisecond, more than one export batch of them: written to
    // the router's outbox as the router writes a mutation's record, so that the relay hands them to
    // identity's intake like any other. An export sorted by time must read on past the batch by (时间, 序号).
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const record = {
        operationName: 'AuditTieProbe',
        fields: ['auditTieProbe'],
        variables: {},
        result: 'SUCCESS',
        errorCodes: [],
        ip: '10.0.0.1',
        userAgent: 'curl/8.0',
        at: TIED_AT,
      };
      await client.query(
        `insert into "router"."audit_outbox" ("id", "record", "caller", "state")
           select gen_random_uuid(), $1::jsonb, null, 'READY' from generate_series(1, $2)`,
        [JSON.stringify(record), TIED_ENTRIES],
      );
    } finally {
      await client.end();
    }
    await auditDelivered();
  });

  it('sorts by 序号 and 时间 in either direction', async () => {
    const filter = { operation: '删除角色' };
    for (const [field, key] of [
      ['SEQ', 'seq'],
      ['AT', 'at'],
    ]) {
      const asc = (await ok(LIST, { filter, sort: { field, direction: 'ASC' }, page: { pageSize: 100 } })).auditLogs;
      const desc = (await ok(LIST, { filter, sort: { field, direction: 'DESC' }, page: { pageSize: 100 } })).auditLogs;
      const values = (items: any[]) => items.map((e) => (key === 'seq' ? Number(e.seq) : Date.parse(e.at)));
      expect(asc.items.length).toBeGreaterThanOrEqual(3);
      expect(values(asc.items)).toEqual([...values(asc.items)].sort((a, b) => a - b));
      expect(values(desc.items)).toEqual([...values(desc.items)].sort((a, b) => b - a));
      expect(desc.items.map((e: any) => e.seq)).toEqual(asc.items.map((e: any) => e.seq).reverse());
    }
    const newest = (await ok(LIST, { page: { pageSize: 5 } })).auditLogs.items.map((e: any) => Number(e.seq));
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
  });

  it('streams an export longer than one batch with exactly the list’s rows, in the list’s order', async () => {
    const filter = { operation: 'AuditTieProbe' };
    for (const sort of [
      undefined,
      { field: 'AT', direction: 'ASC' },
      { field: 'AT', direction: 'DESC' },
      { field: 'SEQ', direction: 'ASC' },
    ]) {
      const list = await all(filter, sort);
      expect(list.length).toBe(TIED_ENTRIES);
      const link = (await ok(EXPORT, { filter, sort })).exportAuditLogs;
      expect(link.rowCount).toBe(TIED_ENTRIES);
      const sheet = await exported(link);
      expect(sheet.column('序号')).toEqual(list.map((e) => e.seq));
      expect(new Set(sheet.column('时间'))).toEqual(new Set(['2026-11-30 09:02']));
      expect(new Set(sheet.column('操作人'))).toEqual(new Set(['匿名']));
      expect(new Set(sheet.column('浏览器'))).toEqual(new Set(['程序调用']));
    }
  });

  it('exports what the page shows: operations, results and errors by their Chinese names', async () => {
    const filter = { operation: '删除角色', result: 'FAILURE' };
    const list = await all(filter);
    const sheet = await exported((await ok(EXPORT, { filter })).exportAuditLogs);
    expect(sheet.header).toEqual(['序号', '时间', '操作人', '操作', '操作名', '结果', '错误', 'IP 地址', '浏览器']);
    expect(sheet.column('序号')).toEqual(list.map((e) => e.seq));
    expect(new Set(sheet.column('操作'))).toEqual(new Set(['删除角色']));
    expect(new Set(sheet.column('结果'))).toEqual(new Set(['失败']));
    expect(sheet.column('错误').sort()).toEqual(['无权限', '输入有误', '输入有误']);
    expect(sheet.column('操作人').sort()).toEqual(['admin', 'city_admin', 'dy_inspector']);
    expect(new Set(sheet.column('操作名'))).toEqual(new Set(['DeleteRoles']));
  });

  it('finds an operation by its Chinese name or its full name, and the actor by name', async () => {
    const byLabel = await all({ operation: '新增角色' });
    expect(byLabel.length).toBe(1);
    expect(byLabel[0].operationName).toBe('CreateRole');
    expect(byLabel.every((e) => e.fields.includes('createRole'))).toBe(true);
    expect((await all({ operation: 'createRole' })).map((e) => e.seq)).toEqual(byLabel.map((e) => e.seq));
    const byName = await all({ actor: '系统管理员', operation: '修改用户' });
    expect(byName.length).toBe(1);
    expect(byName[0].actorName).toBe('admin');
    expect(await all({ actor: '没有这个人' })).toEqual([]);
  });

  it('exports the selected entries, and only the district caller’s users’ entries', async () => {
    const some = (await ok(LIST, { page: { pageSize: 3 } })).auditLogs.items.map((e: any) => e.seq);
    const selected = await exported((await ok(EXPORT, { ids: some })).exportAuditLogs);
    expect(selected.column('序号')).toEqual(some);

    const theirs = await all({}, undefined, dyInspector);
    expect(theirs.some((e) => e.fields.includes('deleteRoles'))).toBe(true);
    expect(new Set(theirs.map((e) => e.actorName))).toEqual(new Set(['dy_inspector', 'dy_station']));
    // The file is written when it is downloaded, by then perhaps with the export's own entry: filtered to deletes.
    const deletes = await all({ operation: '删除' }, undefined, dyInspector);
    expect(deletes.map((e) => e.operationName)).toEqual(['DeleteRoles']);
    const link = (await ok(EXPORT, { filter: { operation: '删除' } }, dyInspector)).exportAuditLogs;
    expect((await exported(link)).column('序号')).toEqual(deletes.map((e) => e.seq));
  });

  it('refuses malformed ids and callers without the permission', async () => {
    expect((await gql(EXPORT, { ids: ['abc'] })).errors?.[0].message).toBe('记录编号格式不正确');
    expect(codeOf(await gql(EXPORT, {}, entUser))).toBe('FORBIDDEN');
  });
});

describe('login log', () => {
  const LIST = `query($filter: LoginLogFilter, $sort: LoginLogSort) {
    loginLogs(filter: $filter, sort: $sort, page: { pageSize: 100 }) { total items { id username result reason ip at } }
  }`;
  const EXPORT = `mutation($filter: LoginLogFilter, $sort: LoginLogSort, $ids: [ID!]) { exportLoginLogs(filter: $filter, sort: $sort, ids: $ids) { url rowCount } }`;

  // Two failures from this address: nothing in this file logs in after them (see the tokens above).
  beforeAll(async () => {
    const attempt = (username: string) =>
      gql(
        'mutation($u: String!) { login(username: $u, password: "Wrong#Pass2026") { accessToken } }',
        { u: username },
        '',
      );
    expect(codeOf(await attempt('city_admin'))).toBe('UNAUTHENTICATED');
    await login('city_admin');
    expect(codeOf(await attempt('nobody_here'))).toBe('UNAUTHENTICATED');
  });

  it('sorts by 用户名 and 时间 in either direction, ties newest first', async () => {
    const asc = (await ok(LIST, { sort: { field: 'USERNAME', direction: 'ASC' } })).loginLogs.items;
    const desc = (await ok(LIST, { sort: { field: 'USERNAME', direction: 'DESC' } })).loginLogs.items;
    expect(asc.map((l: any) => l.username)).toEqual(sorted(asc.map((l: any) => l.username)));
    expect(desc.map((l: any) => l.id)).toEqual([...asc.map((l: any) => l.id)].reverse());
    const byTime = (await ok(LIST, { sort: { field: 'AT', direction: 'ASC' } })).loginLogs.items;
    const times = byTime.map((l: any) => Date.parse(l.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('exports the list’s rows for a filter: a user found by name, and failed attempts of a name no account has', async () => {
    const filter = { username: '王建华', result: 'FAILURE' };
    const list = (await ok(LIST, { filter })).loginLogs.items;
    expect(list.map((l: any) => [l.username, l.reason])).toEqual([['city_admin', 'BAD_CREDENTIALS']]);
    const sheet = await exported((await ok(EXPORT, { filter })).exportLoginLogs);
    expect(sheet.header).toEqual(['编号', '用户名', '结果', '说明', 'IP 地址', '浏览器 / 系统', '时间']);
    expect(sheet.rows.map((r) => r.slice(0, 4))).toEqual([[list[0].id, 'city_admin', '失败', '用户名或密码错误']]);
    expect(sheet.rows[0][5]).toBe('程序调用');

    const unknown = (await ok(LIST, { filter: { username: 'nobody_here' } })).loginLogs.items;
    expect(unknown.map((l: any) => l.username)).toEqual(['nobody_here']);
    const sorted = { field: 'IP', direction: 'DESC' };
    const all = (await ok(LIST, { sort: sorted })).loginLogs;
    const everything = await exported((await ok(EXPORT, { sort: sorted })).exportLoginLogs);
    expect(everything.column('编号')).toEqual(all.items.map((l: any) => l.id));
  });

  it('exports only the logins of the users a district caller sees', async () => {
    const list = (await ok(LIST, {}, dyInspector)).loginLogs.items;
    expect(new Set(list.map((l: any) => l.username))).toEqual(new Set(['dy_inspector', 'dy_station']));
    const sheet = await exported((await ok(EXPORT, {}, dyInspector)).exportLoginLogs);
    expect(sheet.column('编号')).toEqual(list.map((l: any) => l.id));
  });
});

describe('online sessions', () => {
  const LIST = `query($sort: UserSessionSort) { sessions(sort: $sort, page: { pageSize: 100 }) { total items { id createdAt lastActiveAt expiresAt user { username } } } }`;
  const EXPORT = `mutation($filter: SessionFilter, $sort: UserSessionSort, $ids: [ID!]) { exportSessions(filter: $filter, sort: $sort, ids: $ids) { url rowCount } }`;

  it('sorts by 登录时间, 最近活动 and 最长有效至 in either direction', async () => {
    for (const [field, key] of [
      ['CREATED_AT', 'createdAt'],
      ['LAST_ACTIVE_AT', 'lastActiveAt'],
      ['EXPIRES_AT', 'expiresAt'],
    ]) {
      const asc = (await ok(LIST, { sort: { field, direction: 'ASC' } })).sessions.items;
      const desc = (await ok(LIST, { sort: { field, direction: 'DESC' } })).sessions.items;
      expect(asc.length).toBeGreaterThan(3);
      const times = asc.map((s: any) => Date.parse(s[key]));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const back = desc.map((s: any) => Date.parse(s[key]));
      expect(back).toEqual([...back].sort((a, b) => b - a));
    }
  });

  it('exports the list’s sessions, and only a district caller’s users’ sessions', async () => {
    const sort = { field: 'CREATED_AT', direction: 'ASC' };
    const list = (await ok(LIST, { sort })).sessions.items;
    const sheet = await exported((await ok(EXPORT, { sort })).exportSessions);
    expect(sheet.header).toEqual(['用户', '部门', 'IP 地址', '浏览器 / 系统', '登录时间', '最近活动', '最长有效至']);
    expect(sheet.column('用户').map((u) => /（(.+)）$/.exec(u)![1])).toEqual(list.map((s: any) => s.user.username));
    expect(sheet.rows.find((r) => r[0] === '系统管理员（admin）')![1]).toBe('信息中心');

    const theirs = (await ok(LIST, {}, dyInspector)).sessions.items;
    expect(new Set(theirs.map((s: any) => s.user.username))).toEqual(new Set(['dy_inspector', 'dy_station']));
    const district = await exported((await ok(EXPORT, {}, dyInspector)).exportSessions);
    expect(district.rows.length).toBe(theirs.length);
    expect(new Set(district.column('部门'))).toEqual(new Set(['大冶市住建局', '大冶市建设工程质量安全监督站']));

    const [first] = list;
    const one = await exported((await ok(EXPORT, { ids: [first.id] })).exportSessions);
    expect(one.rows.length).toBe(1);
  });
});

describe('dictionary types', () => {
  const LIST = `query($filter: DictTypeFilter, $sort: DictTypeSort) { dictTypes(filter: $filter, sort: $sort, page: { pageSize: 100 }) { total items { id code name } } }`;
  const EXPORT = `mutation($filter: DictTypeFilter, $sort: DictTypeSort, $ids: [ID!]) { exportDictTypes(filter: $filter, sort: $sort, ids: $ids) { url rowCount } }`;

  it('sorts by code and name in either direction', async () => {
    for (const [field, key] of [
      ['CODE', 'code'],
      ['NAME', 'name'],
    ]) {
      const asc = (await ok(LIST, { sort: { field, direction: 'ASC' } })).dictTypes.items.map((t: any) => t[key]);
      const desc = (await ok(LIST, { sort: { field, direction: 'DESC' } })).dictTypes.items.map((t: any) => t[key]);
      expect(asc.length).toBeGreaterThan(3);
      expect(asc).toEqual(sorted(asc));
      expect(desc).toEqual([...asc].reverse());
    }
  });

  it('exports the filtered list, or the selected types', async () => {
    const filter = { keyword: 'project' };
    const sort = { field: 'CODE', direction: 'DESC' };
    const list = (await ok(LIST, { filter, sort })).dictTypes.items;
    expect(list.length).toBeGreaterThan(1);
    const sheet = await exported((await ok(EXPORT, { filter, sort })).exportDictTypes);
    expect(sheet.title).toBe('字典类型');
    expect(sheet.column('字典编码')).toEqual(list.map((t: any) => t.code));
    expect(new Set(sheet.column('系统内置'))).toEqual(new Set(['是']));
    const one = await exported((await ok(EXPORT, { ids: [list[0].id] })).exportDictTypes);
    expect(one.column('字典编码')).toEqual([list[0].code]);
  });

  it('needs the permission to view dictionaries', async () => {
    expect(codeOf(await gql(EXPORT, {}, expert))).toBe('FORBIDDEN');
  });
});

describe('reference metrics for other subgraphs', () => {
  it('publishes the enterprises that enterprise departments stand for', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select v.label, v.refs::int as refs, d.name from identity.reference_metrics_v v
           join identity.department d on d.enterprise_id = v.entity_id where v.entity = 'enterprise' order by d.name`,
      );
      expect(rows.length).toBe(6);
      expect(rows[0]).toMatchObject({ label: '个企业部门（登录账号所属组织）', refs: 1 });
    } finally {
      await client.end();
    }
  });
});
