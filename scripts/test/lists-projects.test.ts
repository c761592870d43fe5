/**
 * The list contract of ADR 0013 through the router, on the project and enterprise lists: sort by
 * every sortable column, exports that hold the list's rows under the caller's scope, imports that
 * apply the create rules to every row and write nothing while one is bad, deletes refused while
 * something refers to the record.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { computeCreditCodeCheckChar } from '@hs/kit';
import type { RunningPlatform } from '../src/platform.js';
import { startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let admin: string;
let daye: string;
let enterpriseUser: string;

async function gql(query: string, variables: Record<string, unknown> = {}, token = admin) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      variables: { u: username, p: password },
    }),
  });
  const body = (await response.json()) as any;
  expect(body.errors).toBeUndefined();
  return body.data.login.accessToken;
}

async function sheetOf(url: string) {
  const response = await fetch(new URL(url, platform.url));
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
  return workbook.worksheets[0];
}

/** An exported list: title in row 1, the filter line in row 2, the header in row 3, then the rows. */
function exportedRows(sheet: ExcelJS.Worksheet): { header: string[]; rows: string[][] } {
  const text = (r: number) =>
    Array.from({ length: sheet.columnCount }, (_, i) => String(sheet.getCell(r, i + 1).value ?? ''));
  const rows = [];
  for (let r = 4; r <= sheet.rowCount; r++) rows.push(text(r));
  return { header: text(3), rows };
}

async function xlsxBase64(rows: (string | number | Date)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** A valid 统一社会信用代码 (check character computed) for test enterprises. */
function creditCode(n: number): string {
  const first17 = `91420202MA4K${String(n).padStart(5, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
}

/** PostgreSQL's order: ASC puts NULLs last, DESC first; equal values by id ascending. */
function expectOrdered(items: any[], key: string, direction: 'ASC' | 'DESC') {
  expect(items.length).toBeGreaterThan(5);
  const distinct = new Set(items.map((item) => item[key]));
  expect(distinct.size).toBeGreaterThan(1);
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const [x, y] = [a[key], b[key]];
    if (x === y) {
      expect(a.id < b.id, `${key}: ties by id at ${i}`).toBe(true);
      continue;
    }
    const before =
      x === null ? direction === 'DESC' : y === null ? direction === 'ASC' : direction === 'ASC' ? x < y : x > y;
    expect(before, `${key} ${direction}: ${JSON.stringify(x)} before ${JSON.stringify(y)} at ${i}`).toBe(true);
  }
}

const PROJECT_ROW = `id name projectCode permitCode districtCode district { name } type status address startDate createdAt
  builder { name } generalContractor { name }`;
const PROJECTS = `query($filter: ProjectFilter, $sort: ProjectSort) {
  projects(filter: $filter, sort: $sort, page: { pageSize: 100 }) { total items { ${PROJECT_ROW} } }
}`;
const EXPORT_PROJECTS = `mutation($filter: ProjectFilter, $sort: ProjectSort, $ids: [ID!]) {
  exportProjects(filter: $filter, sort: $sort, ids: $ids) { url fileName rowCount }
}`;
const ENTERPRISES = `query($filter: EnterpriseFilter, $sort: EnterpriseSort) {
  enterprises(filter: $filter, sort: $sort, page: { pageSize: 100 }) {
    total items { id name creditCode districtCode district { name } legalRepresentative registeredAddress createdAt qualifications { name grade } }
  }
}`;
const EXPORT_ENTERPRISES = `mutation($filter: EnterpriseFilter, $sort: EnterpriseSort, $ids: [ID!]) {
  exportEnterprises(filter: $filter, sort: $sort, ids: $ids) { url fileName rowCount }
}`;
const IMPORT_ENTERPRISES = `mutation($file: ImportFileInput!, $dryRun: Boolean!) {
  importEnterprises(file: $file, dryRun: $dryRun) { dryRun applied total valid created problems { row column message } }
}`;
const IMPORT_PROJECTS = `mutation($file: ImportFileInput!, $dryRun: Boolean!) {
  importProjects(file: $file, dryRun: $dryRun) { dryRun applied total valid created problems { row column message } }
}`;
const DELETE_PROJECTS = `mutation($ids: [ID!]!) { deleteProjects(ids: $ids) { deleted } }`;
const DELETE_ENTERPRISES = `mutation($ids: [ID!]!) { deleteEnterprises(ids: $ids) { deleted } }`;

const TYPE_LABELS: Record<string, string> = {
  HOUSING: '房屋建筑',
  MUNICIPAL: '市政基础设施',
  INDUSTRIAL: '工业建筑',
  TRANSPORT: '交通',
  WATER: '水利',
  OTHER: '其他',
};
const STATUS_LABELS: Record<string, string> = {
  PLANNED: '未开工',
  UNDER_CONSTRUCTION: '在建',
  SUSPENDED: '停工',
  COMPLETED: '竣工',
};

/** A row of the project export as the list query shows that project. */
const asExported = (p: any) => [
  p.name,
  p.projectCode ?? '',
  p.permitCode ?? '',
  p.district.name,
  TYPE_LABELS[p.type],
  STATUS_LABELS[p.status],
  p.builder?.name ?? '',
  p.generalContractor?.name ?? '',
  p.address,
  p.startDate ?? '',
];

/** In 大冶市 and in 黄石港区 (the project API tests' points). */
const DAYE_POINT = { lng: 114.980424, lat: 30.096147 };
const HSG_POINT = { lng: 115.08, lat: 30.22 };

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db);
  [admin, daye, enterpriseUser] = await Promise.all([login('admin'), login('dy_inspector'), login('ent_user')]);
});

afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

describe('project list: sort', () => {
  const fields: [string, string][] = [
    ['NAME', 'name'],
    ['PROJECT_CODE', 'projectCode'],
    ['PERMIT_CODE', 'permitCode'],
    ['DISTRICT_CODE', 'districtCode'],
    ['TYPE', 'type'],
    ['STATUS', 'status'],
    ['ADDRESS', 'address'],
    ['START_DATE', 'startDate'],
    ['CREATED_AT', 'createdAt'],
  ];
  for (const [field, key] of fields) {
    it(`sorts by ${field} in either direction, ties by id`, async () => {
      for (const direction of ['ASC', 'DESC'] as const) {
        const data = await ok(PROJECTS, { sort: { field, direction } });
        expectOrdered(data.projects.items, key, direction);
      }
    });
  }

  it('lists the newest first without a sort, and refuses a column that is not sortable', async () => {
    const data = await ok(PROJECTS);
    const created = data.projects.items.map((p: any) => p.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const body = await gql(PROJECTS, { sort: { field: 'CONTRACT_AMOUNT', direction: 'ASC' } });
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('enterprise list: sort', () => {
  const fields: [string, string][] = [
    ['NAME', 'name'],
    ['CREDIT_CODE', 'creditCode'],
    ['DISTRICT_CODE', 'districtCode'],
    ['LEGAL_REPRESENTATIVE', 'legalRepresentative'],
    ['REGISTERED_ADDRESS', 'registeredAddress'],
    ['CREATED_AT', 'createdAt'],
  ];
  for (const [field, key] of fields) {
    it(`sorts by ${field} in either direction, ties by id`, async () => {
      for (const direction of ['ASC', 'DESC'] as const) {
        const data = await ok(ENTERPRISES, { sort: { field, direction } });
        expectOrdered(data.enterprises.items, key, direction);
      }
    });
  }
});

describe('project list: export', () => {
  it('holds the rows the list shows for the filter, in its order, laid out to print', async () => {
    const filter = { districtCode: '420281' };
    const sort = { field: 'NAME', direction: 'DESC' };
    const list = (await ok(PROJECTS, { filter, sort })).projects;
    expect(list.total).toBeGreaterThan(3);
    const link = (await ok(EXPORT_PROJECTS, { filter, sort })).exportProjects;
    expect(link.url).toMatch(/^\/files\/projects\/download\?t=/);
    expect(link.fileName).toMatch(/^工程项目列表-\d{8}\.xlsx$/);
    expect(link.rowCount).toBe(list.total);
    const sheet = await sheetOf(link.url);
    expect(sheet.getCell('A1').value).toBe('工程项目列表');
    expect(String(sheet.getCell('A2').value)).toMatch(
      /^筛选条件：区县 大冶市\u3000导出人：系统管理员\u3000导出时间：\d{4}-/,
    );
    const { header, rows } = exportedRows(sheet);
    expect(header).toEqual([
      '项目名称',
      '湖北省工建码',
      '施工许可证编码',
      '所在区县',
      '项目类别',
      '项目状态',
      '建设单位',
      '施工总包单位',
      '工程地址',
      '开工日期',
    ]);
    expect(rows).toEqual(list.items.map(asExported));
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '3:3',
    });
  });

  it('exports only the selected projects, in the chosen order', async () => {
    const sort = { field: 'PROJECT_CODE', direction: 'ASC' };
    const picked = (await ok(PROJECTS, { sort })).projects.items.slice(0, 3);
    const link = (await ok(EXPORT_PROJECTS, { ids: picked.map((p: any) => p.id).reverse(), sort })).exportProjects;
    expect(link.rowCount).toBe(3);
    expect(exportedRows(await sheetOf(link.url)).rows).toEqual(picked.map(asExported));
  });

  it("holds only a district user's and an enterprise user's own projects", async () => {
    const all = (await ok(PROJECTS)).projects.total;
    for (const token of [daye, enterpriseUser]) {
      const seen = (await ok(PROJECTS, {}, token)).projects;
      expect(seen.total).toBeGreaterThan(0);
      expect(seen.total).toBeLessThan(all);
      const link = (await ok(EXPORT_PROJECTS, {}, token)).exportProjects;
      expect(link.rowCount).toBe(seen.total);
      expect(exportedRows(await sheetOf(link.url)).rows).toEqual(seen.items.map(asExported));
    }
    // Selecting a project outside the scope does not bring it into the file.
    const outside = (await ok(PROJECTS, { filter: { districtCode: '420202' } })).projects.items[0];
    const link = (await ok(EXPORT_PROJECTS, { ids: [outside.id] }, daye)).exportProjects;
    expect(link.rowCount).toBe(0);
    expect(String((await sheetOf(link.url)).getCell('A4').value)).toBe('（无符合条件的记录）');
  });

  it('refuses callers without the permission and bad arguments', async () => {
    expect((await gql(EXPORT_PROJECTS, {}, await login('worker'))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const badDate = await gql(EXPORT_PROJECTS, { filter: { startDateFrom: '2026-02-30' } });
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.startDateFrom' });
    const badIds = await gql(EXPORT_PROJECTS, { ids: ['not-an-id'] });
    expect(badIds.errors?.[0]).toMatchObject({ message: '记录编号格式不正确', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('enterprise list: export', () => {
  it('holds the rows the list shows for the filter, in its order', async () => {
    const filter = { keyword: '建设' };
    const sort = { field: 'CREDIT_CODE', direction: 'ASC' };
    const list = (await ok(ENTERPRISES, { filter, sort })).enterprises;
    expect(list.total).toBeGreaterThan(1);
    const link = (await ok(EXPORT_ENTERPRISES, { filter, sort }, enterpriseUser)).exportEnterprises;
    expect(link.fileName).toMatch(/^企业列表-\d{8}\.xlsx$/);
    expect(link.rowCount).toBe(list.total);
    const sheet = await sheetOf(link.url);
    expect(String(sheet.getCell('A2').value)).toMatch(/^筛选条件：关键字“建设”\u3000导出人：李强\u3000/);
    const { header, rows } = exportedRows(sheet);
    expect(header).toEqual(['企业名称', '统一社会信用代码', '注册地', '法定代表人', '主要资质', '注册地址']);
    expect(rows).toEqual(
      list.items.map((e: any) => [
        e.name,
        e.creditCode,
        e.district?.name ?? e.districtCode,
        e.legalRepresentative ?? '',
        e.qualifications.map((q: any) => `${q.name}${q.grade}`).join('；'),
        e.registeredAddress ?? '',
      ]),
    );
  });
});

describe('enterprise import', () => {
  it('hands out a template whose header the import reads', async () => {
    const { enterpriseImportTemplate } = await ok(`{ enterpriseImportTemplate { url fileName } }`);
    expect(enterpriseImportTemplate.fileName).toBe('企业导入模板.xlsx');
    const sheet = await sheetOf(enterpriseImportTemplate.url);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '*统一社会信用代码',
      '*企业名称',
      '*注册地',
      '法定代表人',
      '注册地址',
    ]);
    expect((await gql(`{ enterpriseImportTemplate { url } }`, {}, daye)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('reports every bad row in a dry run and imports nothing while one is bad', async () => {
    const existing = (await ok(ENTERPRISES)).enterprises.items[0];
    const file = {
      fileName: 'enterprises.xlsx',
      base64: await xlsxBase64([
        ['统一社会信用代码', '企业名称', '注册地', '法定代表人', '注册地址'],
        [creditCode(1), '黄石导入测试建设有限公司', '黄石港区', '张三', '黄石港区测试路1号'],
        [creditCode(2).slice(0, 17) + (creditCode(2).endsWith('0') ? '1' : '0'), '校验位错误公司', '420202', '', ''],
        [` ${creditCode(1).toLowerCase()} `, '重复的公司', '420281', '', ''],
        [existing.creditCode, '已登记的公司', '420202', '', ''],
        [creditCode(3), '注册地错误公司', '武汉', '', ''],
        [creditCode(4), '', '420202', '', ''],
        [creditCode(5), '外地测试建设有限公司', '４２０１００', '李', ''],
      ]),
    };
    for (const dryRun of [true, false]) {
      const report = (await ok(IMPORT_ENTERPRISES, { file, dryRun })).importEnterprises;
      expect(report).toMatchObject({ dryRun, applied: false, total: 7, valid: 1, created: 0 });
      const at = (row: number) =>
        report.problems.filter((p: any) => p.row === row).map((p: any) => [p.column, p.message]);
      expect(at(2)).toEqual([]);
      expect(at(3)).toEqual([['统一社会信用代码', '统一社会信用代码校验位错误']]);
      expect(at(4)).toEqual([['统一社会信用代码', '与第 2 行重复']]);
      expect(at(5)).toEqual([
        ['统一社会信用代码', `统一社会信用代码 ${existing.creditCode} 已登记（${existing.name}）`],
      ]);
      expect(at(6)).toEqual([
        ['注册地', '注册地“武汉”不是黄石市所辖区县的名称；黄石市外的企业请填写 6 位行政区划代码'],
      ]);
      expect(at(7)).toEqual([['企业名称', '企业名称不能为空']]);
      expect(at(8)).toEqual([['法定代表人', '法定代表人至少2个字']]);
    }
    const after = await ok(`query($k: String) { enterprises(filter: { keyword: $k }) { total } }`, { k: '导入测试' });
    expect(after.enterprises.total).toBe(0);
  });

  it('imports a clean file in one go: codes normalised, district names as codes', async () => {
    const file = {
      fileName: 'enterprises.xlsx',
      base64: await xlsxBase64([
        ['企业导入'],
        ['*统一社会信用代码', '*企业名称', '*注册地', '法定代表人', '注册地址'],
        [creditCode(1), '黄石导入测试建设有限公司', '黄石港区', '张三', '黄石港区测试路1号'],
        [`${creditCode(2).toLowerCase()}`, '黄石导入测试监理有限公司', '４２０１００', '', ''],
        [creditCode(3), '黄石导入测试设计院有限公司', '大冶市', '', ''],
      ]),
    };
    const report = (await ok(IMPORT_ENTERPRISES, { file, dryRun: false })).importEnterprises;
    expect(report).toMatchObject({ applied: true, total: 3, created: 3, problems: [] });
    const { enterprises } = await ok(
      `{ enterprises(filter: { keyword: "导入测试" }, sort: { field: CREDIT_CODE }) { items { creditCode name districtCode legalRepresentative } } }`,
    );
    expect(enterprises.items).toEqual([
      {
        creditCode: creditCode(1),
        name: '黄石导入测试建设有限公司',
        districtCode: '420202',
        legalRepresentative: '张三',
      },
      {
        creditCode: creditCode(2),
        name: '黄石导入测试监理有限公司',
        districtCode: '420100',
        legalRepresentative: null,
      },
      {
        creditCode: creditCode(3),
        name: '黄石导入测试设计院有限公司',
        districtCode: '420281',
        legalRepresentative: null,
      },
    ]);
  });

  it('refuses a file that is not an xlsx, or one without the header', async () => {
    const csv = await gql(IMPORT_ENTERPRISES, {
      file: { fileName: 'x.csv', base64: Buffer.from('a,b').toString('base64') },
      dryRun: true,
    });
    expect(csv.errors?.[0]).toMatchObject({
      message: '请上传 Excel 文件（.xlsx），可先下载导入模板',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const headless = await gql(IMPORT_ENTERPRISES, {
      file: { fileName: 'x.xlsx', base64: await xlsxBase64([['名称', '代码']]) },
      dryRun: true,
    });
    expect(headless.errors?.[0].message).toMatch(/^未找到表头/);
  });
});

describe('project import', () => {
  const HEADER = [
    '项目名称',
    '湖北省工建码',
    '施工许可证编码',
    '项目类别',
    '所在区县',
    '工程地址',
    '经度',
    '纬度',
    '项目状态',
    '开工日期',
    '计划竣工日期',
    '实际竣工日期',
    '合同金额（万元）',
    '建筑面积（平方米）',
    '建设单位',
    '施工总包单位',
    '监理单位',
    '勘察单位',
    '设计单位',
  ];
  /** One row of the template: a 大冶市 project, in construction, with the imported enterprises as units. */
  const row = (overrides: Partial<Record<string, string | number | Date>> = {}) => {
    const values: Record<string, string | number | Date> = {
      项目名称: '大冶市导入测试综合楼',
      湖北省工建码: '42028120269100001',
      施工许可证编码: '',
      项目类别: '房屋建筑',
      所在区县: '大冶市',
      工程地址: '大冶市新冶大道200号',
      经度: DAYE_POINT.lng,
      纬度: DAYE_POINT.lat,
      项目状态: '在建',
      开工日期: '2026-03-15',
      计划竣工日期: '',
      实际竣工日期: '',
      '合同金额（万元）': '',
      '建筑面积（平方米）': '',
      建设单位: creditCode(1),
      施工总包单位: '',
      监理单位: '',
      勘察单位: '',
      设计单位: '',
      ...overrides,
    };
    return HEADER.map((h) => values[h]);
  };

  it('hands out a template whose header the import reads', async () => {
    const { projectImportTemplate } = await ok(`{ projectImportTemplate { url fileName } }`);
    const sheet = await sheetOf(projectImportTemplate.url);
    const header = (sheet.getRow(1).values as string[]).slice(1).map((h) => h.replace(/^\*/, ''));
    expect(header).toEqual(HEADER);
    expect(sheet.getCell('E2').dataValidation.formulae).toEqual(['"黄石港区,西塞山区,下陆区,铁山区,阳新县,大冶市"']);
    expect((await gql(`{ projectImportTemplate { url } }`, {}, enterpriseUser)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('applies the create rules to every row, reports each with its column, and imports nothing', async () => {
    const taken = (await ok(PROJECTS, { filter: { districtCode: '420281' } })).projects.items.find((p: any) =>
      /^4202(81|00)/.test(p.projectCode ?? ''),
    );
    const file = {
      fileName: 'projects.xlsx',
      base64: await xlsxBase64([
        HEADER,
        row(),
        row({ 湖北省工建码: '' }),
        row({ 湖北省工建码: '42020220269100003' }),
        row({ 湖北省工建码: '42028120269100004', 经度: HSG_POINT.lng, 纬度: HSG_POINT.lat }),
        row({ 湖北省工建码: '42028120269100005', 建设单位: '91420202MA4K999990', 施工总包单位: '不存在的施工公司' }),
        row({ 湖北省工建码: ' ４２０２８１２０２６９１０００01 ' }),
        row({ 湖北省工建码: taken.projectCode }),
        row({ 湖北省工建码: '42028120269100008', 开工日期: '' }),
        row({ 湖北省工建码: '42028120269100009', 经度: '东经114度' }),
        row({ 湖北省工建码: '42028120269100010', 建设单位: `${creditCode(1)}、${creditCode(1)}` }),
        row({ 湖北省工建码: '42028120269100011', 项目状态: '竣工', 实际竣工日期: '2026-01-01' }),
        row({ 湖北省工建码: '42028120269100012', 项目类别: '住宅' }),
        row({ 湖北省工建码: '42028120269100013', 施工许可证编码: '420281202613400101' }),
      ]),
    };
    for (const dryRun of [true, false]) {
      const report = (await ok(IMPORT_PROJECTS, { file, dryRun })).importProjects;
      expect(report).toMatchObject({ dryRun, applied: false, total: 13, valid: 1, created: 0 });
      const at = (r: number) => report.problems.filter((p: any) => p.row === r).map((p: any) => [p.column, p.message]);
      expect(at(2)).toEqual([]);
      expect(at(3)).toEqual([['湖北省工建码', '湖北省工建码、施工许可证编码、项目代码和省级项目编号至少填写一项']]);
      expect(at(4)).toEqual([['湖北省工建码', '湖北省工建码的行政区划代码与项目所在区县不一致']]);
      expect(at(5)).toEqual([['经度', '项目位置不在大冶市行政区域范围内，请核对经纬度']]);
      expect(at(6)).toEqual([
        ['建设单位', '建设单位“91420202MA4K999990”：统一社会信用代码校验位错误'],
        ['施工总包单位', '施工总包单位“不存在的施工公司”未在企业库中登记，请先导入或新增该企业'],
      ]);
      expect(at(7)).toEqual([['湖北省工建码', '与第 2 行重复']]);
      expect(at(8)).toEqual([['湖北省工建码', `湖北省工建码 ${taken.projectCode} 已被其他项目使用`]]);
      expect(at(9)).toEqual([['开工日期', '在建、停工或竣工的项目须填写开工日期']]);
      expect(at(10)).toEqual([['经度', '经度应为数字，如 114.98']]);
      expect(at(11)).toEqual([['建设单位', '同一企业不能重复登记为建设单位']]);
      expect(at(12)).toEqual([['实际竣工日期', '实际竣工日期不能早于开工日期']]);
      expect(at(13)).toEqual([['项目类别', expect.stringMatching(/^项目类别应为：房屋建筑、市政基础设施/)]]);
      expect(at(14)).toEqual([['施工许可证编码', '施工许可证编码第7至14位（发证日期）不是有效日期']]);
    }
    const after = await ok(`{ projects(filter: { keyword: "导入测试" }) { total } }`);
    expect(after.projects.total).toBe(0);
  });

  it("keeps a district user's import to their districts, and needs the permission to edit projects", async () => {
    const file = {
      fileName: 'projects.xlsx',
      base64: await xlsxBase64([
        HEADER,
        row(),
        row({ 湖北省工建码: '42020220269100002', 所在区县: '黄石港区', 经度: HSG_POINT.lng, 纬度: HSG_POINT.lat }),
      ]),
    };
    const report = (await ok(IMPORT_PROJECTS, { file, dryRun: true }, daye)).importProjects;
    expect(report).toMatchObject({ total: 2, valid: 1 });
    expect(report.problems).toEqual([
      { row: 3, column: '所在区县', message: '无权在黄石港区登记工程项目（不在您的数据权限范围内）' },
    ]);
    const refused = await gql(IMPORT_PROJECTS, { file, dryRun: true }, enterpriseUser);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('imports a clean file in one go, units by credit code or name, and announces each project', async () => {
    const file = {
      fileName: 'projects.xlsx',
      base64: await xlsxBase64([
        HEADER.map((h, i) => (i < 8 && i !== 1 && i !== 2 ? `*${h}` : h)),
        row({
          开工日期: new Date(Date.UTC(2026, 2, 15)),
          计划竣工日期: '2027/12/31',
          '合同金额（万元）': '12,800.5',
          '建筑面积（平方米）': 45000,
          施工总包单位: '黄石导入测试建设有限公司',
          监理单位: creditCode(2).toLowerCase(),
          设计单位: '黄石导入测试监理有限公司',
        }),
        row({
          项目名称: '黄石港区导入测试道路',
          湖北省工建码: '',
          施工许可证编码: '420202202603150101',
          项目类别: '市政基础设施',
          所在区县: '黄石港区',
          工程地址: '黄石港区测试大道',
          经度: HSG_POINT.lng,
          纬度: HSG_POINT.lat,
          项目状态: '',
          开工日期: '',
          建设单位: `${creditCode(1)}、${creditCode(3)}`,
        }),
      ]),
    };
    const report = (await ok(IMPORT_PROJECTS, { file, dryRun: false })).importProjects;
    expect(report).toMatchObject({ applied: true, total: 2, created: 2, problems: [] });
    const { projects } = await ok(`{
      projects(filter: { keyword: "导入测试" }, sort: { field: NAME, direction: DESC }) {
        items { id name projectCode permitCode districtCode status startDate plannedEndDate contractAmount area
                createdBy { username } units { role enterprise { creditCode } } }
      }
    }`);
    const units = (...pairs: [string, number][]) =>
      pairs.map(([role, n]) => ({ role, enterprise: { creditCode: creditCode(n) } }));
    expect(projects.items).toEqual([
      {
        id: expect.any(String),
        name: '黄石港区导入测试道路',
        projectCode: null,
        permitCode: '420202202603150101',
        districtCode: '420202',
        status: 'PLANNED',
        startDate: null,
        plannedEndDate: null,
        contractAmount: null,
        area: null,
        createdBy: { username: 'admin' },
        units: units(['BUILDER', 1], ['BUILDER', 3]),
      },
      {
        id: expect.any(String),
        name: '大冶市导入测试综合楼',
        projectCode: '42028120269100001',
        permitCode: null,
        districtCode: '420281',
        status: 'UNDER_CONSTRUCTION',
        startDate: '2026-03-15',
        plannedEndDate: '2027-12-31',
        contractAmount: 12800.5,
        area: 45000,
        createdBy: { username: 'admin' },
        units: units(['BUILDER', 1], ['GENERAL_CONTRACTOR', 1], ['SUPERVISOR', 2], ['DESIGNER', 2]),
      },
    ]);
    // Like createProject, the import tells the replicas: the workforce's site copy appears.
    for (const project of projects.items) await siteReplicaOf(project.id);
  });
});

/** Polls until the workforce subgraph's replica holds the project (it follows projects.changed); the test timeout bounds it. */
async function siteReplicaOf(projectId: string): Promise<void> {
  for (;;) {
    const data = await ok(`query($id: ID!) { project(id: $id) { workforceSite { projectId } } }`, { id: projectId });
    if (data.project.workforceSite?.projectId === projectId) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const projectIdByName = async (name: string) =>
  (
    await ok(`query($k: String) { projects(filter: { keyword: $k }) { items { id name } } }`, { k: name })
  ).projects.items.find((p: any) => p.name === name).id as string;

const enterpriseIdByCode = async (code: string) =>
  (await ok(`query($c: String!) { enterpriseByCreditCode(creditCode: $c) { id } }`, { c: code })).enterpriseByCreditCode
    .id as string;

describe('enterprise delete', () => {
  it('refuses the whole batch while one enterprise is a project unit, then deletes an unused one', async () => {
    const used = await enterpriseIdByCode(creditCode(1));
    const { createEnterprise } = await ok(
      `mutation($i: CreateEnterpriseInput!) { createEnterprise(input: $i) { id } }`,
      { i: { creditCode: creditCode(6), name: '黄石待删除测试有限公司', districtCode: '420202' } },
    );
    const refused = await gql(DELETE_ENTERPRISES, { ids: [createEnterprise.id, used] });
    expect(refused.errors?.[0]).toMatchObject({
      message: '企业“黄石导入测试建设有限公司”仍被 2 个工程项目（参建单位）引用，不能删除',
      extensions: {
        code: 'IN_USE',
        details: { blocked: [{ id: used, dependents: [{ label: '个工程项目（参建单位）', count: 2 }] }] },
      },
    });
    expect(await enterpriseIdByCode(creditCode(6))).toBe(createEnterprise.id);

    expect((await gql(DELETE_ENTERPRISES, { ids: [createEnterprise.id] }, daye)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await ok(DELETE_ENTERPRISES, { ids: [createEnterprise.id] })).deleteEnterprises.deleted).toBe(1);
    const gone = await gql(`query($c: String!) { enterpriseByCreditCode(creditCode: $c) { id } }`, {
      c: creditCode(6),
    });
    expect(gone.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it("refuses an enterprise whose own accounts' department stands for it (identity.reference_metrics_v)", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select entity_id from identity.reference_metrics_v where entity = 'enterprise' limit 1`,
      );
      expect(rows.length).toBe(1);
      const refused = await gql(DELETE_ENTERPRISES, { ids: [rows[0].entity_id] });
      expect(refused.errors?.[0].extensions.code).toBe('IN_USE');
      expect(JSON.stringify(refused.errors?.[0].extensions.details)).toContain('个企业部门（登录账号所属组织）');
    } finally {
      await client.end();
    }
  });

  it('refuses bad batches with a Chinese message', async () => {
    expect((await gql(DELETE_ENTERPRISES, { ids: [] })).errors?.[0].message).toBe('请至少选择一条记录');
    const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await gql(DELETE_ENTERPRISES, { ids: many })).errors?.[0].message).toBe('一次最多操作 100 条记录');
    const missing = await gql(DELETE_ENTERPRISES, { ids: [many[0]] });
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('project delete', () => {
  it("deletes a project nothing refers to, its units with it, within the caller's scope", async () => {
    const road = await projectIdByName('黄石港区导入测试道路');
    expect((await gql(DELETE_PROJECTS, { ids: [road] }, daye)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await gql(DELETE_PROJECTS, { ids: [road] }, enterpriseUser)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    // Its workforce site is the replica every project has (ADR 0006): not a reference by itself.
    const sites = `{ workforceSites(filter: { name: "黄石港区导入测试道路" }) { total } }`;
    expect((await ok(sites)).workforceSites.total).toBe(1);
    expect((await ok(DELETE_PROJECTS, { ids: [road] })).deleteProjects.deleted).toBe(1);
    // …and the replica drops its copy when the DELETED event arrives.
    for (let attempt = 0; (await ok(sites)).workforceSites.total !== 0; attempt++) {
      if (attempt > 200) throw new Error('the workforce site replica kept the deleted project');
      await new Promise((r) => setTimeout(r, 25));
    }
    const gone = await gql(`query($id: ID!) { project(id: $id) { id } }`, { id: road });
    expect(gone.errors?.[0].extensions.code).toBe('NOT_FOUND');
    // Its 参建单位 went with it: the enterprise only it named is free to go.
    const onlyThere = await enterpriseIdByCode(creditCode(3));
    expect((await ok(DELETE_ENTERPRISES, { ids: [onlyThere] })).deleteEnterprises.deleted).toBe(1);
  });

  /*
   * The two tests below create the reference through the other subgraph's own mutation. Their
   * expectation (IN_USE) holds once the fire and workforce subgraphs publish 'project' and
   * 'enterprise' rows in their reference_metrics_v (the fire and workforce helpers' branches);
   * on h/projects alone the views have only 'user' rows, so these deletes go through and the tests fail.
   */
  it('refuses a project a fire inspection refers to [needs fire.reference_metrics_v project rows]', async () => {
    const building = await projectIdByName('大冶市导入测试综合楼');
    await ok(`mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`, {
      input: { ...FIRE_INSPECTION, projectId: building },
    });
    const refused = await gql(DELETE_PROJECTS, { ids: [building] });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'IN_USE', details: { blocked: [{ id: building }] } });
    expect(refused.errors?.[0].message).toMatch(/^工程项目“大冶市导入测试综合楼”仍被 1 /);
    expect(await projectIdByName('大冶市导入测试综合楼')).toBe(building);
  });

  it('refuses a project and an enterprise a workforce employment refers to [needs workforce.reference_metrics_v rows]', async () => {
    const { createEnterprise } = await ok(
      `mutation($i: CreateEnterpriseInput!) { createEnterprise(input: $i) { id } }`,
      { i: { creditCode: creditCode(7), name: '黄石用工测试劳务有限公司', districtCode: '420281' } },
    );
    const { createProject } = await ok(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
      i: {
        projectCode: '42028120269100020',
        name: '大冶市用工测试厂房',
        type: 'INDUSTRIAL',
        districtCode: '420281',
        address: '大冶市测试工业园1号',
        location: DAYE_POINT,
      },
    });
    await siteReplicaOf(createProject.id);
    const { createWorkforcePerson } = await ok(
      `mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`,
      { i: { name: '用工测试', idCard: idCard('420281', '19900101', 17), ethnicity: '汉族', trade: '钢筋工' } },
    );
    await ok(`mutation($i: WorkforceEmploymentInput!) { assignWorkforcePerson(input: $i) { id } }`, {
      i: {
        personId: createWorkforcePerson.id,
        projectId: createProject.id,
        enterpriseId: createEnterprise.id,
        post: '钢筋工',
        entryDate: '2026-01-05',
      },
    });
    const project = await gql(DELETE_PROJECTS, { ids: [createProject.id] });
    expect(project.errors?.[0].extensions).toMatchObject({
      code: 'IN_USE',
      details: { blocked: [{ id: createProject.id }] },
    });
    const enterprise = await gql(DELETE_ENTERPRISES, { ids: [createEnterprise.id] });
    expect(enterprise.errors?.[0].extensions).toMatchObject({
      code: 'IN_USE',
      details: { blocked: [{ id: createEnterprise.id }] },
    });
  });
});

/** A valid 身份证号 (check character computed). */
function idCard(region: string, birth: string, seq: number): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...first].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first + '10X98765432'[sum % 11];
}

/** The fire subgraph tests' inspection (subgraphs/fire/test/helpers.ts), on the imported project. */
const FIRE_INSPECTION = {
  projectName: '大冶市导入测试综合楼',
  districtCode: '420281',
  builderUnit: '黄石导入测试建设有限公司',
  generalContractorUnit: '黄石导入测试建设有限公司',
  leaderName: '王建华',
  leaderPhone: '13907140001',
  leaderIdCard: '420281198001010010',
  address: '大冶市新冶大道200号',
  category: 'NEW',
  decoration: false,
  inspectionDate: '2026-06-10',
  changeOfUse: false,
};
