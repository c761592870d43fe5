/**
 * The list contract of ADR 0013 through the router, on the user list: server-side sort, an export
 * that is a download link streamed as a workbook, an all-or-nothing import with a dry run, and
 * deletes refused while something refers to the record.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform, workbookOf, xlsxBase64 } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let admin: string;

const router = routerClient(
  () => platform.url,
  () => admin,
);
const { gql, login, download } = router;

const USERNAMES = `query($sort: UserSort) { users(page: { pageSize: 100 }, sort: $sort) { total items { username } } }`;
const EXPORT = `mutation($filter: UserFilter, $sort: UserSort, $ids: [ID!]) {
  exportUsers(filter: $filter, sort: $sort, ids: $ids) { url fileName expiresAt rowCount }
}`;
const IMPORT = `mutation($file: ImportFileInput!, $dryRun: Boolean!, $password: String) {
  importUsers(file: $file, dryRun: $dryRun, initialPassword: $password) {
    dryRun applied total valid created problems { row column message }
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db);
  admin = await login('admin');
});

afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

describe('user list: sort', () => {
  it('sorts by the chosen column in either direction, ties broken by id', async () => {
    const asc = await gql(USERNAMES, { sort: { field: 'USERNAME', direction: 'ASC' } });
    const desc = await gql(USERNAMES, { sort: { field: 'USERNAME', direction: 'DESC' } });
    const names = asc.data.users.items.map((u: any) => u.username);
    expect(names.length).toBeGreaterThan(5);
    expect(names).toEqual([...names].sort());
    expect(desc.data.users.items.map((u: any) => u.username)).toEqual([...names].reverse());
  });

  it('refuses a column that is not sortable', async () => {
    const body = await gql(USERNAMES, { sort: { field: 'PASSWORD_HASH', direction: 'ASC' } });
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('user list: export through a download link', () => {
  it('streams the filtered, sorted list as a print-ready workbook', async () => {
    const body = await gql(EXPORT, { filter: { keyword: 'admin' }, sort: { field: 'USERNAME', direction: 'DESC' } });
    expect(body.errors).toBeUndefined();
    const link = body.data.exportUsers;
    expect(link.url).toMatch(/^\/files\/identity\/download\?t=/);
    expect(link.fileName).toMatch(/^用户列表-\d{8}\.xlsx$/);
    const response = await download(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent(link.fileName));
    const sheet = (await workbookOf(response)).worksheets[0];
    expect(sheet.getCell('A1').value).toBe('用户列表');
    const header = sheet.getRow(2).values as string[];
    expect(header).toContain('登录名');
    const names = [];
    for (let r = 3; r <= sheet.rowCount; r++) names.push(String(sheet.getCell(r, 1).value));
    expect(names).toEqual([...names].sort().reverse());
    expect(names.every((n) => n.includes('admin'))).toBe(true);
    expect(names.length).toBe(link.rowCount);
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.printTitlesRow).toBe('2:2');
    expect(sheet.headerFooter.oddFooter).toContain('&P');
  });

  it('exports only the selected users', async () => {
    const list = await gql(USERNAMES, { sort: { field: 'USERNAME', direction: 'ASC' } });
    const ids = (
      await gql(`{ users(page: { pageSize: 3 }, sort: { field: USERNAME }) { items { id } } }`)
    ).data.users.items.map((u: any) => u.id);
    const body = await gql(EXPORT, { ids, sort: { field: 'USERNAME', direction: 'ASC' } });
    expect(body.data.exportUsers.rowCount).toBe(3);
    const sheet = (await router.workbook(body.data.exportUsers.url)).worksheets[0];
    expect(sheet.getCell(3, 1).value).toBe(list.data.users.items[0].username);
    expect(sheet.rowCount).toBe(5);
  });

  it('refuses a tampered, foreign or unknown link with a Chinese message', async () => {
    const { url } = (await gql(EXPORT, {})).data.exportUsers;
    const token = new URL(url, platform.url).searchParams.get('t')!;
    const tampered = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
    for (const bad of [
      `/files/identity/download?t=${tampered}`,
      `/files/identity/download?t=x`,
      `/files/projects/download?t=${token}`,
    ]) {
      const response = await download(bad);
      expect(response.status).toBe(403);
      expect(((await response.json()) as any).errors[0].message).toBe('下载链接无效');
    }
  });

  it('exports what a district user sees of the list, not the city', async () => {
    const district = await login('dy_inspector');
    const seen = await gql(USERNAMES, {}, district);
    const all = await gql(USERNAMES, {});
    expect(seen.data.users.total).toBeLessThan(all.data.users.total);
    const link = (await gql(EXPORT, {}, district)).data.exportUsers;
    expect(link.rowCount).toBe(seen.data.users.total);
    const sheet = (await router.workbook(link.url)).worksheets[0];
    const names = new Set<string>();
    for (let r = 3; r <= sheet.rowCount; r++) names.add(String(sheet.getCell(r, 1).value));
    expect(names).toEqual(new Set(seen.data.users.items.map((u: any) => u.username)));
  });

  it("answers a link whose record is gone with the record's own refusal, not a server error", async () => {
    const created = await gql(
      `mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`,
      {
        input: {
          projectName: '链接测试工程',
          districtCode: '420281',
          builderUnit: '黄石链接测试建设有限公司',
          generalContractorUnit: '黄石链接测试建设有限公司',
          leaderName: '王建华',
          leaderPhone: '13907140001',
          leaderIdCard: '420281198001010010',
          address: '大冶市新冶大道200号',
          category: 'NEW',
          decoration: false,
          inspectionDate: '2026-06-10',
          changeOfUse: false,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createFireInspection.id;
    const link = await gql(`mutation($id: ID!) { exportFireInspectionRecord(id: $id, format: DOCX) { url } }`, { id });
    expect(link.errors).toBeUndefined();
    expect((await gql(`mutation($id: ID!) { deleteFireInspection(id: $id) }`, { id })).data.deleteFireInspection).toBe(
      true,
    );
    const response = await download(link.data.exportFireInspectionRecord.url);
    expect(response.status).toBe(404);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0].message).toMatch(/不存在/);
  });

  it('needs the permission to view users', async () => {
    const body = await gql(EXPORT, {}, await login('worker'));
    expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('user import', () => {
  it('hands out a template whose header the import reads', async () => {
    const { data } = await gql(`{ userImportTemplate { url fileName } }`);
    const workbook = await router.workbook(data.userImportTemplate.url);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([
      undefined,
      '*登录名',
      '*姓名',
      '*部门',
      '角色',
      '手机号',
      '身份证号',
    ]);
    expect(workbook.getWorksheet('填写说明')).toBeTruthy();
  });

  it('reports every bad row in a dry run and imports nothing while one is bad', async () => {
    const file = {
      fileName: 'users.xlsx',
      base64: await xlsxBase64('用户', [
        ['登录名', '姓名', '部门', '角色', '手机号'],
        ['import_ok', '导入一', '信息中心', 'expert', ''],
        ['9bad', '导入二', '信息中心', '', ''],
        ['import_dup', '导入三', '不存在的部门', '', '123'],
        ['import_ok', '导入四', '信息中心', '不存在的角色', ''],
        ['admin', '已有', '信息中心', '', ''],
      ]),
    };
    for (const dryRun of [true, false]) {
      const body = await gql(IMPORT, { file, dryRun, password: 'Import@2026x' });
      expect(body.errors).toBeUndefined();
      const report = body.data.importUsers;
      expect(report).toMatchObject({ dryRun, applied: false, total: 5, valid: 1, created: 0 });
      const byRow = (row: number) => report.problems.filter((p: any) => p.row === row).map((p: any) => p.message);
      expect(byRow(3)[0]).toContain('登录名须以字母开头');
      expect(byRow(4)).toEqual(expect.arrayContaining(['部门“不存在的部门”不存在', expect.stringContaining('手机号')]));
      expect(byRow(5)).toEqual(expect.arrayContaining(['与第 2 行重复', '角色“不存在的角色”不存在']));
      expect(byRow(6)).toEqual(['登录名“admin”已被使用']);
    }
    const after = await gql(`{ users(filter: { keyword: "import_" }) { total } }`);
    expect(after.data.users.total).toBe(0);
  });

  it('imports a clean file in one go, each person to change the initial password', async () => {
    const file = {
      fileName: 'users.xlsx',
      base64: await xlsxBase64('用户', [
        ['用户导入'],
        ['*登录名', '*姓名', '*部门', '角色'],
        ['import_a', '导入甲', '信息中心', 'expert'],
        ['import_b', '导入乙', '信息中心', ''],
      ]),
    };
    const refused = await gql(IMPORT, { file, dryRun: false });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'initialPassword' });
    const body = await gql(IMPORT, { file, dryRun: false, password: 'Import@2026x' });
    expect(body.data.importUsers).toMatchObject({ applied: true, total: 2, created: 2, problems: [] });
    const users = await gql(
      `{ users(filter: { keyword: "import_" }, sort: { field: USERNAME }) { items { username mustChangePassword roles { code } } } }`,
    );
    expect(users.data.users.items).toEqual([
      { username: 'import_a', mustChangePassword: true, roles: [{ code: 'expert' }] },
      { username: 'import_b', mustChangePassword: true, roles: [] },
    ]);
  });

  it('refuses a file that is not an xlsx with a Chinese message', async () => {
    const body = await gql(IMPORT, {
      file: { fileName: 'x.csv', base64: Buffer.from('a,b').toString('base64') },
      dryRun: true,
    });
    expect(body.errors?.[0]).toMatchObject({
      message: '请上传 Excel 文件（.xlsx），可先下载导入模板',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('user delete', () => {
  const idOf = async (username: string) =>
    (
      await gql(`query($k: String) { users(filter: { keyword: $k }) { items { id username } } }`, { k: username })
    ).data.users.items.find((u: any) => u.username === username).id;

  it('refuses the whole batch while one user has records, then deletes an unused one', async () => {
    const unused = await idOf('import_b');
    const used = await idOf('city_admin');
    await login('city_admin');
    const refused = await gql(`mutation($ids: [ID!]!) { deleteUsers(ids: $ids) { deleted } }`, { ids: [unused, used] });
    expect(refused.errors?.[0].extensions.code).toBe('IN_USE');
    expect(refused.errors?.[0].message).toMatch(/^用户“王建华（city_admin）”仍被 \d+ 条登录日志/);
    expect(await idOf('import_b')).toBe(unused);

    const done = await gql(`mutation($ids: [ID!]!) { deleteUsers(ids: $ids) { deleted } }`, { ids: [unused] });
    expect(done.data.deleteUsers.deleted).toBe(1);
    const left = await gql(`{ users(filter: { keyword: "import_b" }) { total } }`);
    expect(left.data.users.total).toBe(0);
  });

  it('refuses a user that another subgraph refers to', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select v.entity_id, v.label from (
           select * from projects.reference_metrics_v union all select * from fire.reference_metrics_v
           union all select * from workforce.reference_metrics_v) v
         join identity.user_account u on u.id = v.entity_id
         where v.entity = 'user' and u.username <> 'admin' order by u.username, v.label limit 1`,
      );
      expect(rows.length).toBe(1);
      const { rows: users } = await client.query(`select username from identity.user_account where id = $1`, [
        rows[0].entity_id,
      ]);
      // The seed's creator may also have logged in; either way the refusal names what refers to them.
      const refused = await gql(`mutation($ids: [ID!]!) { deleteUsers(ids: $ids) { deleted } }`, {
        ids: [rows[0].entity_id],
      });
      expect(refused.errors?.[0].extensions.code).toBe('IN_USE');
      expect(JSON.stringify(refused.errors?.[0].extensions.details)).toContain(rows[0].label);
      expect(users.length).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('batch-disables users and refuses to disable oneself', async () => {
    const a = await idOf('import_a');
    const self = await idOf('admin');
    const mine = await gql(`mutation($ids: [ID!]!) { setUsersStatus(ids: $ids, status: DISABLED) { id } }`, {
      ids: [a, self],
    });
    expect(mine.errors?.[0].message).toBe('不能停用自己的账号');
    const done = await gql(
      `mutation($ids: [ID!]!) { setUsersStatus(ids: $ids, status: DISABLED) { username status } }`,
      { ids: [a] },
    );
    expect(done.data.setUsersStatus).toEqual([{ username: 'import_a', status: 'DISABLED' }]);
  });
});
