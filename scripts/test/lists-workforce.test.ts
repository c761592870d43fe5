/**
 * The workforce lists on the list contract of ADR 0013, through the router: 实名制人员 (sort,
 * export with masked personal data, import with every rule of 登记), 考勤记录 (sort by the column
 * the partitions index, a streamed export of a month), 项目考勤围栏 (sort, filter, export), each as
 * the roles that use them, and reference_metrics_v counting what the workforce holds of projects
 * and enterprises.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaDateTime, computeIdCardCheckChar, stableId } from '@hs/kit';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform, xlsxBase64 } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let sql: pg.Client;
const tokens: Record<string, string> = {};

const router = routerClient(() => platform.url);
const gql = (query: string, variables: Record<string, unknown> = {}, as = 'admin') =>
  router.gql(query, variables, tokens[as]);
/** The data of a request that must succeed. */
const ok = (query: string, variables: Record<string, unknown> = {}, as = 'admin') =>
  router.ok(query, variables, tokens[as]);

/** The first sheet of a downloaded workbook: its title, header and data rows as text. */
async function downloaded(url: string) {
  const sheet = (await router.workbook(url)).worksheets[0];
  const text = (r: number) =>
    Array.from({ length: sheet.columnCount }, (_, i) => {
      const value = sheet.getCell(r, i + 1).value;
      return value === null || value === undefined ? '' : String(value);
    });
  // The title (and a subtitle, when there is one) are merged across the sheet: every cell reads the same.
  const headerRow = [2, 3].find((r) => text(r)[0] !== text(r)[1])!;
  const rows: string[][] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) rows.push(text(r));
  const header = text(headerRow);
  return {
    title: String(sheet.getCell('A1').value),
    subtitle: headerRow === 3 ? String(sheet.getCell('A2').value) : null,
    header,
    rows,
    column: (name: string) => rows.map((row) => row[header.indexOf(name)]),
    sheet,
  };
}

/** A valid 身份证号 of 黄石港区 born on `birth` (YYYYMMDD), sequence `seq`. */
const idCard = (birth: string, seq: number) => {
  const first17 = `420202${birth}${String(seq).padStart(3, '0')}`;
  return first17 + computeIdCardCheckChar(first17);
};

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const TODAY = chinaDate(new Date());
const ENT_USER_ENTERPRISE = stableId('enterprise', '91420202TA4J35AF9G');

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db);
  for (const username of ['admin', 'city_admin', 'dy_inspector', 'ent_user', 'display', 'worker'])
    tokens[username] = await router.login(username);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await platform?.close();
  await db?.drop();
});

// ------------------------------------------------------------------------------------ people

const PEOPLE = `query($filter: WorkforcePersonFilter, $sort: WorkforcePersonSort, $page: PageInput) {
  workforcePeople(filter: $filter, sort: $sort, page: $page) {
    total items { id name sex sexLabel age trade idCard phone createdAt
      employments { active projectName post enterpriseName districtName } }
  }
}`;
const EXPORT_PEOPLE = `mutation($filter: WorkforcePersonFilter, $sort: WorkforcePersonSort, $ids: [ID!]) {
  exportWorkforcePeople(filter: $filter, sort: $sort, ids: $ids) { url fileName rowCount }
}`;
const IMPORT_PEOPLE = `mutation($file: ImportFileInput!, $dryRun: Boolean!) {
  importWorkforcePeople(file: $file, dryRun: $dryRun) { dryRun applied total valid created problems { row column message } }
}`;

/** Every page of the people list (pageSize 100). */
async function allPeople(variables: Record<string, unknown>, as = 'admin', pageSize = 100) {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const data = await ok(PEOPLE, { ...variables, page: { page, pageSize } }, as);
    items.push(...data.workforcePeople.items);
    if (items.length >= data.workforcePeople.total) return items;
  }
}

describe('workforce people: sort', () => {
  it('sorts by each sortable column in either direction, pages never overlapping', async () => {
    const asc = await allPeople({ sort: { field: 'NAME', direction: 'ASC' } });
    expect(asc.length).toBeGreaterThan(50);
    const names = asc.map((p) => p.name);
    expect(names).toEqual([...names].sort(byCodePoint));
    const desc = await allPeople({ sort: { field: 'NAME', direction: 'DESC' } });
    expect(desc.map((p) => p.id)).toEqual(asc.map((p) => p.id).reverse());

    const trades = await allPeople({ sort: { field: 'TRADE', direction: 'ASC' } }, 'admin', 7);
    expect(new Set(trades.map((p) => p.id)).size).toBe(asc.length);
    expect(trades.map((p) => p.trade)).toEqual(trades.map((p) => p.trade).sort(byCodePoint));

    const sexes = (await allPeople({ sort: { field: 'SEX', direction: 'DESC' } }, 'admin', 9)).map((p) => p.sex);
    expect(new Set(sexes).size).toBe(2);
    expect(sexes).toEqual([...sexes].sort().reverse());

    const ages = (await allPeople({ sort: { field: 'AGE', direction: 'ASC' } })).map((p) => p.age);
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    expect(ages[0]).toBeLessThan(ages.at(-1));
  });

  it('refuses a column that is not sortable', async () => {
    const body = await gql(PEOPLE, { sort: { field: 'ID_CARD', direction: 'ASC' } });
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('workforce people: export', () => {
  it('holds the rows of the list for a filter, in its order, 身份证号 masked without the permission', async () => {
    const variables = { filter: { districtCode: '420281' }, sort: { field: 'NAME', direction: 'DESC' } };
    const list = await allPeople(variables, 'city_admin');
    expect(list.length).toBeGreaterThan(3);
    const { exportWorkforcePeople: link } = await ok(EXPORT_PEOPLE, variables, 'city_admin');
    expect(link.url).toMatch(/^\/files\/workforce\/download\?t=/);
    expect(link.fileName).toMatch(/^实名制人员列表-\d{8}\.xlsx$/);
    expect(link.rowCount).toBe(list.length);
    const file = await downloaded(link.url);
    expect(file.title).toBe('实名制人员列表');
    expect(file.header).toEqual([
      '姓名',
      '身份证号',
      '性别',
      '年龄',
      '工种',
      '在场项目 / 岗位',
      '用工单位',
      '区县',
      '手机号',
      '登记时间',
    ]);
    expect(file.column('姓名')).toEqual(list.map((p) => p.name));
    expect(file.column('身份证号')).toEqual(list.map((p) => p.idCard));
    expect(file.column('身份证号').every((id) => /^\d{6}\*{8}[\dX]{4}$/.test(id))).toBe(true);
    expect(file.column('性别')).toEqual(list.map((p) => p.sexLabel));
    expect(file.column('年龄')).toEqual(list.map((p) => String(p.age)));
    expect(file.column('登记时间')).toEqual(list.map((p) => chinaDateTime(new Date(p.createdAt))));
    const current = list.map((p) => p.employments.filter((e: any) => e.active));
    expect(file.column('在场项目 / 岗位')).toEqual(
      current.map((list) => list.map((e: any) => `${e.projectName}（${e.post}）`).join('\n') || '未在场'),
    );
    expect(file.column('区县')).toEqual(current.map((list) => list[0]?.districtName ?? ''));
    expect(file.sheet.pageSetup.printTitlesRow).toBe('2:2');
  });

  it('shows 身份证号 in full to a caller who may see it', async () => {
    const { workforcePeople } = await ok(PEOPLE, { page: { pageSize: 5 }, sort: { field: 'NAME' } });
    const ids = workforcePeople.items.map((p: any) => p.id);
    const { exportWorkforcePeople: link } = await ok(EXPORT_PEOPLE, { ids, sort: { field: 'NAME' } });
    expect(link.rowCount).toBe(5);
    const file = await downloaded(link.url);
    expect(file.column('身份证号')).toEqual(workforcePeople.items.map((p: any) => p.idCard));
    expect(file.column('身份证号').every((id) => /^\d{17}[\dX]$/.test(id))).toBe(true);
  });

  it("holds a district inspector's scope only", async () => {
    const seen = await allPeople({}, 'dy_inspector');
    const city = await ok(PEOPLE, { page: { pageSize: 1 } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(city.workforcePeople.total);
    const { exportWorkforcePeople: link } = await ok(EXPORT_PEOPLE, {}, 'dy_inspector');
    expect(link.rowCount).toBe(seen.length);
    const file = await downloaded(link.url);
    expect(file.rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(seen.map((p) => `${p.name} ${p.idCard}`));
    expect(new Set(file.column('区县').filter(Boolean))).toEqual(new Set(['大冶市']));
  });

  it('needs the permission to view people', async () => {
    for (const as of ['display', 'worker']) {
      const body = await gql(EXPORT_PEOPLE, {}, as);
      expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });
});

describe('workforce people: import', () => {
  it('hands out a template whose header the import reads', async () => {
    const { workforcePersonImportTemplate: link } = await ok(`{ workforcePersonImportTemplate { url fileName } }`);
    expect(link.fileName).toBe('实名制人员导入模板.xlsx');
    const workbook = await router.workbook(link.url);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([
      undefined,
      '*姓名',
      '*身份证号',
      '*民族',
      '出生日期',
      '*工种',
      '班组',
      '手机号',
      '住址',
    ]);
    expect(workbook.getWorksheet('填写说明')).toBeTruthy();
    const refused = await gql(`{ workforcePersonImportTemplate { url } }`, {}, 'display');
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('reports every bad row, in a dry run and for real, and registers nobody while one is bad', async () => {
    const registered = (await ok(PEOPLE, { page: { pageSize: 1 } })).workforcePeople.items[0];
    const good = idCard('19900101', 101);
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const file = {
      fileName: 'people.xlsx',
      base64: await xlsxBase64('人员', [
        ['姓名', '身份证号', '民族', '出生日期', '工种', '班组', '手机号', '住址'],
        ['导入甲', good, '汉族', '', '钢筋工', '', '13800001111', ''],
        ['导入乙', badCheck, '汉族', '', '木工', '', '', ''],
        ['导入丙', idCard('19880808', 102), '汉族', '1988-08-09', '电工', '', '123', ''],
        ['导入丁', good, '回族', '', '普工', '', '', ''],
        ['导入戊', registered.idCard, '汉族', '', '焊工', '', '', ''],
        ['导入己', idCard('19950505', 103), '汉族', '', '', '', '', ''],
        ['导入庚', Number(idCard('19950505', 105)), '汉族', '', '普工', '', '', ''],
        ['导入辛', idCard('19700101', 104), '汉族', '', '普工', '一'.repeat(51), '', ''],
      ]),
    };
    for (const dryRun of [true, false]) {
      const report = (await ok(IMPORT_PEOPLE, { file, dryRun })).importWorkforcePeople;
      expect(report).toMatchObject({ dryRun, applied: false, total: 8, valid: 1, created: 0 });
      const at = (row: number) =>
        report.problems.filter((p: any) => p.row === row).map((p: any) => p.column + '：' + p.message);
      expect(at(2)).toEqual([]);
      expect(at(3)).toEqual(['身份证号：身份证号校验位错误']);
      expect(at(4)).toEqual([
        '出生日期：出生日期与身份证号不一致（身份证号为 1988-08-08）',
        expect.stringMatching(/^手机号：手机号应为11位数字/),
      ]);
      expect(at(5)).toEqual(['身份证号：与第 2 行重复']);
      expect(at(6)).toEqual(['身份证号：该身份证号的人员已登记']);
      expect(at(7)).toEqual(['工种：工种不能为空']);
      expect(at(8)).toEqual([expect.stringMatching(/^身份证号：数字过长已被 Excel 改写/)]);
      expect(at(9)).toEqual(['班组：班组不能超过50个字']);
    }
    const after = await ok(PEOPLE, { filter: { name: '导入' } });
    expect(after.workforcePeople.total).toBe(0);
  });

  it("registers a clean file in one go, as the importer's, 身份证号 encrypted at rest", async () => {
    const numbers = [idCard('19920202', 201), idCard('19850315', 202)];
    const file = {
      fileName: 'people.xlsx',
      base64: await xlsxBase64('人员', [
        ['实名制人员导入'],
        ['*姓名', '*身份证号', '*民族', '出生日期', '*工种', '班组', '手机号', '住址'],
        ['企业工人甲', numbers[0], '汉族', '1992-02-02', '钢筋工', '钢筋一班', '13800002222', '黄石港区'],
        ['企业工人乙', numbers[1].toLowerCase(), '土家族', '', '木工', '', '', ''],
      ]),
    };
    const report = (await ok(IMPORT_PEOPLE, { file, dryRun: false }, 'ent_user')).importWorkforcePeople;
    expect(report).toMatchObject({ applied: true, total: 2, valid: 2, created: 2, problems: [] });

    // The enterprise account sees whom it registered (beside its own employees); its export masks them.
    const imported = { filter: { name: '企业工人' }, sort: { field: 'NAME' } };
    const own = await allPeople(imported, 'ent_user');
    expect(own.map((p) => [p.name, p.sex, p.age > 30, p.trade])).toEqual([
      ['企业工人乙', 'FEMALE', true, '木工'],
      ['企业工人甲', 'MALE', true, '钢筋工'],
    ]);
    const { exportWorkforcePeople: link } = await ok(EXPORT_PEOPLE, imported, 'ent_user');
    const exported = await downloaded(link.url);
    expect(exported.column('身份证号')).toEqual([
      `${numbers[1].slice(0, 6)}********${numbers[1].slice(14)}`,
      `${numbers[0].slice(0, 6)}********${numbers[0].slice(14)}`,
    ]);
    expect(exported.column('手机号')).toEqual(['', '138****2222']);

    const full = await ok(PEOPLE, { filter: { idCard: numbers[0] } });
    expect(full.workforcePeople.items.map((p: any) => p.idCard)).toEqual([numbers[0]]);
    const { rows } = await sql.query(
      `select id_card_cipher, phone_cipher, created_by_id from workforce.person where name like '企业工人%'`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(numbers.some((n) => row.id_card_cipher.includes(n))).toBe(false);
      expect(row.created_by_id).toBe(stableId('user', 'ent_user'));
    }
    expect(rows.some((r) => r.phone_cipher && !r.phone_cipher.includes('13800002222'))).toBe(true);

    const again = (await ok(IMPORT_PEOPLE, { file, dryRun: true }, 'ent_user')).importWorkforcePeople;
    expect(again.problems.map((p: any) => p.message)).toEqual(['该身份证号的人员已登记', '该身份证号的人员已登记']);
  });

  it('needs the permission to register people', async () => {
    const file = { fileName: 'x.xlsx', base64: await xlsxBase64('人员', [['姓名'], ['某']]) };
    const body = await gql(IMPORT_PEOPLE, { file, dryRun: true }, 'display');
    expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

// -------------------------------------------------------------------------------- attendance

const RECORDS = `query($filter: AttendanceRecordFilter, $sort: AttendanceRecordSort, $page: PageInput) {
  attendanceRecords(filter: $filter, sort: $sort, page: $page) {
    total items { id occurredAt personId personName projectName districtCode direction source accepted reason isKeyPost receivedAt }
  }
}`;
const EXPORT_RECORDS = `mutation($filter: AttendanceRecordFilter, $sort: AttendanceRecordSort, $ids: [ID!]) {
  exportAttendanceRecords(filter: $filter, sort: $sort, ids: $ids) { url fileName rowCount }
}`;

async function allRecords(variables: Record<string, unknown>, as = 'admin') {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const data = await ok(RECORDS, { ...variables, page: { page, pageSize: 100 } }, as);
    items.push(...data.attendanceRecords.items);
    if (items.length >= data.attendanceRecords.total) return items;
  }
}

/** What the export's 人员 … 方向 columns say of a list item. */
const recordLine = (r: any) =>
  [
    chinaDateTime(new Date(r.occurredAt)),
    r.personId ? (r.personName ?? '无权查看') : '未识别',
    r.isKeyPost ? '是' : '',
    r.projectName ?? '',
    { IN: '进场', OUT: '离场' }[r.direction as 'IN' | 'OUT'],
  ].join('|');

describe('attendance records: sort and export', () => {
  const week = { dateFrom: addDays(TODAY, -6), dateTo: TODAY };

  it('sorts by 考勤时间 either way, ties by id', async () => {
    const filter = { ...week, districtCode: '420281' };
    const asc = await allRecords({ filter, sort: { field: 'OCCURRED_AT', direction: 'ASC' } });
    const desc = await allRecords({ filter, sort: { field: 'OCCURRED_AT', direction: 'DESC' } });
    expect(asc.length).toBeGreaterThan(100);
    const times = asc.map((r) => Date.parse(r.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());
    const body = await gql(RECORDS, { sort: { field: 'PERSON_NAME', direction: 'ASC' } });
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('streams ten days of the city, batch after batch, as the list shows it', async () => {
    const filter = { dateFrom: addDays(TODAY, -9), dateTo: TODAY };
    const list = await allRecords({ filter, sort: { field: 'OCCURRED_AT', direction: 'ASC' } });
    expect(list.length).toBeGreaterThan(1500); // several export batches of 500
    const { exportAttendanceRecords: link } = await ok(EXPORT_RECORDS, {
      filter,
      sort: { field: 'OCCURRED_AT', direction: 'ASC' },
    });
    expect(link.rowCount).toBe(list.length);
    expect(link.fileName).toMatch(/^考勤记录-\d{8}\.xlsx$/);
    const file = await downloaded(link.url);
    expect(file.title).toBe('考勤记录');
    expect(file.subtitle).toBe(`考勤日期：${filter.dateFrom} 至 ${filter.dateTo}`);
    expect(file.header).toEqual([
      '考勤时间',
      '人员',
      '关键岗位',
      '工程项目',
      '区县',
      '方向',
      '方式',
      '位置',
      '结果',
      '接收时间',
    ]);
    expect(file.rows.map((r) => r.slice(0, 4).concat(r[5]).join('|'))).toEqual(list.map(recordLine));
  });

  it('exports the default order (newest first), refusals with their reason', async () => {
    const filter = { dateFrom: TODAY, accepted: false };
    const list = await allRecords({ filter });
    expect(list.length).toBeGreaterThan(0);
    const { exportAttendanceRecords: link } = await ok(EXPORT_RECORDS, { filter });
    const file = await downloaded(link.url);
    expect(file.subtitle).toBe(`考勤日期：${TODAY}`);
    expect(file.rows.map((r) => r.slice(0, 4).concat(r[5]).join('|'))).toEqual(list.map(recordLine));
    expect(file.column('结果')).toEqual(list.map(() => '被拒：人员未登记'));
    expect(new Set(file.column('人员'))).toEqual(new Set(['未识别']));
  });

  it("holds a district inspector's scope only, and the selected records only", async () => {
    const filter = { dateFrom: addDays(TODAY, -1), dateTo: addDays(TODAY, -1) };
    const seen = await allRecords({ filter }, 'dy_inspector');
    const city = (await ok(RECORDS, { filter, page: { pageSize: 1 } })).attendanceRecords.total;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(city);
    const { exportAttendanceRecords: link } = await ok(EXPORT_RECORDS, { filter }, 'dy_inspector');
    expect(link.rowCount).toBe(seen.length);
    const file = await downloaded(link.url);
    expect(new Set(file.column('区县'))).toEqual(new Set(['大冶市']));
    expect(file.rows.map((r) => r.slice(0, 4).concat(r[5]).join('|'))).toEqual(seen.map(recordLine));

    const chosen = seen.slice(0, 3);
    const selected = await ok(EXPORT_RECORDS, { filter, ids: chosen.map((r) => r.id) }, 'dy_inspector');
    expect(selected.exportAttendanceRecords.rowCount).toBe(3);
    const few = await downloaded(selected.exportAttendanceRecords.url);
    expect(few.rows.map((r) => r.slice(0, 4).concat(r[5]).join('|'))).toEqual(chosen.map(recordLine));
  });

  it('refuses a range over 31 days and a caller without the permission', async () => {
    const tooLong = await gql(EXPORT_RECORDS, { filter: { dateFrom: addDays(TODAY, -40), dateTo: TODAY } });
    expect(tooLong.errors?.[0]).toMatchObject({
      message: '考勤记录查询区间最长 31 天',
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.dateTo' },
    });
    const body = await gql(EXPORT_RECORDS, {}, 'worker');
    expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

// ------------------------------------------------------------------------------------- sites

const SITES = `query($filter: WorkforceProjectSiteFilter, $sort: WorkforceProjectSiteSort, $districtCode: String) {
  workforceSites(filter: $filter, sort: $sort, districtCode: $districtCode, page: { pageSize: 100 }) {
    total items { projectId name districtCode fenceMarginM boundary syncedAt devices { enabled } }
  }
}`;
const EXPORT_SITES = `mutation($filter: WorkforceProjectSiteFilter, $sort: WorkforceProjectSiteSort, $ids: [ID!]) {
  exportWorkforceSites(filter: $filter, sort: $sort, ids: $ids) { url fileName rowCount }
}`;
const DISTRICTS: Record<string, string> = {
  '420202': '黄石港区',
  '420203': '西塞山区',
  '420204': '下陆区',
  '420205': '铁山区',
  '420222': '阳新县',
  '420281': '大冶市',
};

describe('workforce sites: sort, filter and export', () => {
  it('sorts by each sortable column in either direction', async () => {
    const sites = (await ok(SITES, {})).workforceSites.items;
    expect(sites.length).toBeGreaterThan(5);
    const target = sites[3];
    await ok(`mutation($id: ID!) { setWorkforceFenceMargin(projectId: $id, marginM: 999) { fenceMarginM } }`, {
      id: target.projectId,
    });
    for (const field of ['NAME', 'DISTRICT_CODE', 'FENCE_MARGIN_M', 'SYNCED_AT']) {
      const asc = (await ok(SITES, { sort: { field, direction: 'ASC' } })).workforceSites.items;
      const desc = (await ok(SITES, { sort: { field, direction: 'DESC' } })).workforceSites.items;
      expect(desc.map((s: any) => s.projectId)).toEqual(asc.map((s: any) => s.projectId).reverse());
      if (field === 'NAME') expect(asc.map((s: any) => s.name)).toEqual(asc.map((s: any) => s.name).sort(byCodePoint));
      if (field === 'FENCE_MARGIN_M') expect(desc[0].projectId).toBe(target.projectId);
    }
  });

  it('filters by district (the argument or the filter), name and fence', async () => {
    const all = (await ok(SITES, {})).workforceSites.items;
    const daye = (await ok(SITES, { filter: { districtCode: '420281' } })).workforceSites.items;
    expect(daye.length).toBeGreaterThan(0);
    expect(daye.every((s: any) => s.districtCode === '420281')).toBe(true);
    expect((await ok(SITES, { districtCode: '420281' })).workforceSites.items).toEqual(daye);
    const word = all[0].name.slice(0, 2);
    const named = (await ok(SITES, { filter: { name: word } })).workforceSites.items;
    expect(named.map((s: any) => s.projectId)).toEqual(
      all.filter((s: any) => s.name.includes(word)).map((s: any) => s.projectId),
    );
    const fenced = (await ok(SITES, { filter: { hasFence: true } })).workforceSites.total;
    const open = (await ok(SITES, { filter: { hasFence: false } })).workforceSites.items;
    expect(open.every((s: any) => s.boundary === null)).toBe(true);
    expect(fenced + open.length).toBe(all.length);
    const bad = await gql(SITES, { filter: { districtCode: '4202' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.districtCode' });
  });

  it('exports the list as shown, within the caller’s scope', async () => {
    const variables = { sort: { field: 'NAME', direction: 'ASC' } };
    const list = (await ok(SITES, variables, 'dy_inspector')).workforceSites.items;
    const city = (await ok(SITES, {})).workforceSites.total;
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThan(city);
    const { exportWorkforceSites: link } = await ok(EXPORT_SITES, variables, 'dy_inspector');
    expect(link.rowCount).toBe(list.length);
    expect(link.fileName).toMatch(/^项目考勤围栏-\d{8}\.xlsx$/);
    const file = await downloaded(link.url);
    expect(file.header).toEqual(['工程项目', '区县', '电子围栏', '围栏容差（米）', '设备（启用/全部）', '同步时间']);
    expect(file.rows).toEqual(
      list.map((s: any) => [
        s.name,
        DISTRICTS[s.districtCode],
        s.boundary ? `${s.boundary.coordinates[0].length - 1} 个顶点` : '未设置',
        String(s.fenceMarginM),
        `${s.devices.filter((d: any) => d.enabled).length} / ${s.devices.length}`,
        chinaDateTime(new Date(s.syncedAt)),
      ]),
    );
    const selected = await ok(EXPORT_SITES, { ids: [list[0].projectId] }, 'dy_inspector');
    expect(selected.exportWorkforceSites.rowCount).toBe(1);
    const outside = (await ok(SITES, { filter: { districtCode: '420202' } })).workforceSites.items[0];
    const foreign = await ok(EXPORT_SITES, { ids: [outside.projectId] }, 'dy_inspector');
    expect(foreign.exportWorkforceSites.rowCount).toBe(0);
    const refused = await gql(EXPORT_SITES, {}, 'worker');
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

// ------------------------------------------------------------------------- reference metrics

describe('workforce.reference_metrics_v', () => {
  const metrics = async (entity: string, id: string) =>
    (
      await sql.query(
        `select label, refs::int as refs from workforce.reference_metrics_v where entity = $1 and entity_id = $2 order by label`,
        [entity, id],
      )
    ).rows;

  it("counts a project's assignments, devices and attendance records, but not its fence replica", async () => {
    const {
      rows: [project],
    } = await sql.query(
      `select project_id as id, count(*)::int as n from workforce.employment group by project_id order by n desc limit 1`,
    );
    const [{ devices }] = (
      await sql.query(`select count(*)::int as devices from workforce.device where project_id = $1`, [project.id])
    ).rows;
    const [{ attendance }] = (
      await sql.query(`select count(*)::int as attendance from workforce.attendance where project_id = $1`, [
        project.id,
      ])
    ).rows;
    expect(devices).toBe(1);
    expect(attendance).toBeGreaterThan(0);
    expect(await metrics('project', project.id)).toEqual([
      { label: '台考勤设备', refs: 1 },
      { label: '条劳动合同', refs: project.n },
      { label: '条考勤记录', refs: attendance },
    ]);
    const {
      rows: [idle],
    } = await sql.query(
      `select s.project_id as id from workforce.project_site s
        where not exists (select 1 from workforce.employment e where e.project_id = s.project_id)
          and not exists (select 1 from workforce.device d where d.project_id = s.project_id) limit 1`,
    );
    expect(idle).toBeTruthy();
    expect(await metrics('project', idle.id)).toEqual([]);
  });

  it('counts the assignments an enterprise is the employer of, keeping the user rows', async () => {
    const before = (await metrics('enterprise', ENT_USER_ENTERPRISE))[0]?.refs ?? 0;
    const { workforcePeople } = await ok(PEOPLE, { filter: { name: '企业工人甲' } }, 'ent_user');
    const site = (await ok(SITES, { filter: { hasFence: true } })).workforceSites.items[0];
    await ok(
      `mutation($input: WorkforceEmploymentInput!) { assignWorkforcePerson(input: $input) { id } }`,
      {
        input: {
          personId: workforcePeople.items[0].id,
          projectId: site.projectId,
          enterpriseId: ENT_USER_ENTERPRISE,
          enterpriseName: '演示企业',
          post: '钢筋工',
          entryDate: TODAY,
        },
      },
      'ent_user',
    );
    expect(await metrics('enterprise', ENT_USER_ENTERPRISE)).toEqual([
      { label: '条劳动合同（用工单位）', refs: before + 1 },
    ]);
    expect(await metrics('user', stableId('user', 'ent_user'))).toEqual([
      { label: '名实名制人员（录入人）', refs: 2 },
      { label: '条劳动合同（录入人）', refs: 1 },
    ]);
  });
});
