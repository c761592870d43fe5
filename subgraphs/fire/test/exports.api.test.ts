import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirePermission } from '../src/permissions.js';
import {
  addBuilding,
  allEntries,
  caller,
  createInspection,
  dayeInspector,
  drawPlan,
  firstError,
  openVisit,
  photoInput,
  preparedInspection,
  RECORD,
  signPlanAll,
  signResultsAll,
  startFire,
  type TestFire,
  testJpeg,
  UPLOAD_PHOTO,
} from './helpers.js';

/**
 * 1.3.9 exports (ADR 0013): mutations answer a 5-minute link, the file is written when the link is
 * opened, under the caller sealed in it. The files are read back (exceljs, the .docx XML) and, where
 * LibreOffice and Ghostscript are installed, printed to PDF and read page by page: page counts, the
 * title and 第 n 页，共 m 页 on every page, the header row on every page of a long table.
 */
let t: TestFire;
let sealedId: string;
let plan: any;
let work: string;

const SOFFICE =
  ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;
const GS = ['/usr/bin/gs', '/usr/local/bin/gs'].find((p) => existsSync(p)) ?? null;

const LINK = 'url fileName expiresAt rowCount';
const EXPORT_LIST = `mutation($f: FireInspectionFilter, $s: FireInspectionSort, $ids: [ID!], $format: FireExportFormat) {
  exportFireInspections(filter: $f, sort: $s, ids: $ids, format: $format) { ${LINK} } }`;
const EXPORT_RESULTS = `mutation($f: FireInspectionFilter, $ids: [ID!], $format: FireExportFormat) {
  exportFireInspectionResults(filter: $f, ids: $ids, format: $format) { ${LINK} } }`;
const EXPORT_RECORD = `mutation($id: ID!, $format: FireExportFormat!) { exportFireInspectionRecord(id: $id, format: $format) { ${LINK} } }`;

beforeAll(async () => {
  t = await startFire();
  work = await mkdtemp(join(tmpdir(), 'hs-fire-export-'));
  ({ id: sealedId, plan } = await preparedInspection(t, { input: { projectName: '大冶市人民医院门诊综合楼' } }));
  const full = await t.ok(
    `query($id: ID!) { firePlan(id: $id) { items { code checks { lineCode locations { key } } } } }`,
    { id: plan.id },
  );
  const firstOf08 = full.firePlan.items.find((i: any) => i.code === '08').checks[0].locations[0].key;
  await t.ok(RECORD, {
    id: sealedId,
    results: allEntries(full.firePlan, (line, loc) => line === '08.02.02' && loc === firstOf08),
  });
  // The 不合格 place photographed on site, for the record.
  const visit = await openVisit(t, sealedId, { latitude: 30.0957, longitude: 114.9744, accuracy: 9 });
  await t.ok(UPLOAD_PHOTO, {
    id: sealedId,
    input: photoInput(visit, testJpeg({ width: 640, height: 480 }), {
      itemCode: '08',
      locationKey: firstOf08,
      lineCode: '08.02.02',
    }),
  });
  await signResultsAll(t, sealedId);
  await createInspection(t, {
    projectName: '黄石港区磁湖商业广场',
    districtCode: '420202',
    leaderPhone: '13800138000',
  });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

/** Issues the link, checks its shape, opens it. */
async function exported(document: string, variables: Record<string, unknown>, as = undefined as any) {
  const data = await t.ok(document, variables, as);
  const link = Object.values(data)[0] as { url: string; fileName: string; expiresAt: string; rowCount: number };
  expect(link.url).toMatch(/^\/files\/fire\/download\?t=[A-Za-z0-9_-]+$/);
  const ttl = new Date(link.expiresAt).getTime() - Date.now();
  expect(ttl).toBeGreaterThan(4 * 60_000);
  expect(ttl).toBeLessThanOrEqual(5 * 60_000);
  const file = await t.download(link.url);
  expect(file.status).toBe(200);
  expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(link.fileName)}`);
  return { link, file };
}

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
};
async function docx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
  const parts = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /^word\/(header|footer)\d*\.xml$/.test(f))
      .map(async (f) => [f, await zip.file(f)!.async('string')] as const),
  );
  return {
    xml,
    text,
    headers: parts.filter(([f]) => f.includes('header')).map(([, x]) => x),
    footers: parts.filter(([f]) => f.includes('footer')).map(([, x]) => x),
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')),
  };
}

/** Every table's first row repeats on each page (tblHeader), and the page is A4. */
function expectPrintableDocx(d: Awaited<ReturnType<typeof docx>>, title: string, landscape: boolean) {
  const tables = d.xml.split('<w:tbl>').slice(1);
  expect(tables.length).toBeGreaterThan(0);
  for (const table of tables) {
    const firstRow = table.slice(0, table.indexOf('</w:tr>'));
    expect(firstRow).toContain('<w:tblHeader/>');
    expect(table).toMatch(/<w:tblLayout w:type="fixed"\/>/);
  }
  expect(d.xml).toMatch(
    landscape ? /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/ : /<w:pgSz w:w="11906" w:h="16838"/,
  );
  expect(d.headers.join('')).toContain(title);
  const footer = d.footers.join('');
  expect(footer).toMatch(/PAGE/);
  expect(footer).toMatch(/NUMPAGES/);
}

function expectPrintableSheet(ws: ExcelJS.Worksheet, title: string) {
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
  expect(ws.headerFooter.oddHeader).toContain(title);
  expect(ws.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
}

describe('project list (抽查项目库列表)', () => {
  it('as .xlsx behind a link: a header row and one row per inspection, personal data masked without the right', async () => {
    const viewer = caller({ permissions: [FirePermission.INSPECTION_VIEW] });
    const { link, file } = await exported(EXPORT_LIST, {}, viewer);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(link.fileName).toMatch(/^消防验收现场评定抽查项目列表-\d{8}\.xlsx$/);
    expect(link.rowCount).toBe(2);
    const ws = (await workbook(file.bytes)).worksheets[0];
    expectPrintableSheet(ws, '消防验收现场评定抽查项目列表');
    const rows = rowsOf(ws);
    expect(rows[0][0]).toBe('消防验收现场评定抽查项目列表');
    expect(rows[1][0]).toMatch(/^导出人：.*；导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}；范围：全部（本账号数据范围内）$/);
    const header = rows.find((r) => r[0] === '序号')!;
    expect(ws.pageSetup.printTitlesRow).toBe(`${rows.indexOf(header) + 1}:${rows.indexOf(header) + 1}`);
    expect(header).toEqual([
      '序号',
      '建筑工程项目名称',
      '区县',
      '工程地址',
      '项目类别',
      '建设单位',
      '设计单位',
      '施工总包单位',
      '消防施工单位',
      '监理单位',
      '消防检测机构单位',
      '项目负责人',
      '联系电话',
      '身份证号',
      '装饰装修',
      '检查日期',
      '改变用途',
      '进度',
    ]);
    const data = rows.slice(rows.indexOf(header) + 1);
    expect(data.map((r) => r[1]).sort()).toEqual(['大冶市人民医院门诊综合楼', '黄石港区磁湖商业广场']);
    const hsg = data.find((r) => r[1] === '黄石港区磁湖商业广场')!;
    expect(hsg[12]).toBe('138****8000');
    expect(hsg[13]).toBe('420281********0010');
    expect(data.find((r) => r[1] === '大冶市人民医院门诊综合楼')![17]).toBe('五方已签名确认，结果不可更改');
    // Columns fitted to their content; the units' long names wrap at 10 instead of stretching the page.
    expect(ws.getColumn(1).width).toBeLessThanOrEqual(8);
    expect(ws.getColumn(6).width).toBe(10);
    expect(ws.getRow(rows.indexOf(header) + 2).getCell(6).alignment?.wrapText).toBe(true);
  });

  it('as .docx: A4 landscape, the units in one cell, the header row repeated', async () => {
    const { link, file } = await exported(EXPORT_LIST, { format: 'DOCX' });
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(link.fileName).toMatch(/\.docx$/);
    const d = await docx(file.bytes);
    expectPrintableDocx(d, '消防验收现场评定抽查项目列表', true);
    expect(d.text).toContain('大冶市人民医院门诊综合楼');
    expect(d.text).toContain('黄石港区磁湖商业广场');
    expect(d.text).toContain('检测：湖北铭安消防技术服务有限公司');
  });

  it('follows the filter, the sort, the selection and the data scope of the caller the link carries', async () => {
    const filtered = await exported(EXPORT_LIST, { f: { projectName: '磁湖' } });
    expect(filtered.link.rowCount).toBe(1);
    expect(rowsOf((await workbook(filtered.file.bytes)).worksheets[0])[1][0]).toContain('范围：项目名称包含“磁湖”');

    const names = async (sort: Record<string, string>) => {
      const { file } = await exported(EXPORT_LIST, { s: sort });
      const rows = rowsOf((await workbook(file.bytes)).worksheets[0]);
      return rows.slice(rows.findIndex((r) => r[0] === '序号') + 1).map((r) => r[1]);
    };
    const asc = await names({ field: 'PROJECT_NAME', direction: 'ASC' });
    expect(asc).toEqual([...asc].sort());
    expect(await names({ field: 'PROJECT_NAME', direction: 'DESC' })).toEqual([...asc].reverse());

    const other = await createInspection(t, { districtCode: '420202', projectName: '黄石港区另一个项目' });
    const picked = await exported(EXPORT_LIST, { ids: [sealedId, other] }, dayeInspector);
    // The 大冶 clerk ticked an id outside their scope (a crafted request): only theirs comes out.
    expect(picked.link.rowCount).toBe(1);
    expect(rowsOf((await workbook(picked.file.bytes)).worksheets[0]).flat()).toContain('大冶市人民医院门诊综合楼');
    const scoped = await exported(EXPORT_LIST, {}, dayeInspector);
    expect(scoped.link.rowCount).toBe(1);
    await t.sql(`delete from fire.inspection where id = ?`, [other]);
  });

  it('a link that was altered is refused with a Chinese message, and so are bad selections', async () => {
    const { url } = (await t.ok(EXPORT_LIST, {})).exportFireInspections;
    const token = url.split('t=')[1];
    const tampered = await t.download(
      `/files/fire/download?t=${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`,
    );
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.bytes.toString()).errors[0]).toMatchObject({
      message: '下载链接无效',
      extensions: { code: 'FORBIDDEN' },
    });
    const none = await t.gql(EXPORT_LIST, { ids: [] });
    expect(firstError(none)?.message).toBe('请至少选择一条记录');
    const denied = await t.gql(EXPORT_LIST, {}, caller({ permissions: [] }));
    expect(firstError(denied)?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('result list (抽查结果列表)', () => {
  it('as .xlsx: one row per recorded check line × place; the link counts the inspections', async () => {
    const [{ n, fails }] = await t.sql(
      `select count(*)::int n, sum(case when verdict = 'FAIL' then 1 else 0 end)::int fails from fire.inspection_result`,
    );
    const { link, file } = await exported(EXPORT_RESULTS, {});
    expect(link.rowCount).toBe(2); // the inspections selected, not the result rows
    const ws = (await workbook(file.bytes)).worksheets[0];
    expectPrintableSheet(ws, '消防验收现场评定抽查结果列表');
    const rows = rowsOf(ws);
    const header = rows.find((r) => r[0] === '序号')!;
    expect(header).toEqual([
      '序号',
      '建筑工程项目名称',
      '检查日期',
      '检查项目',
      '子项',
      '检查内容',
      '重要程度',
      '抽查部位',
      '结果',
      '情况说明',
      '记录时间',
    ]);
    const data = rows.slice(rows.indexOf(header) + 1);
    expect(data).toHaveLength(n);
    const failed = data.filter((r) => r[8] === '不合格');
    expect(failed).toHaveLength(fails);
    expect(failed[0]).toEqual(
      expect.arrayContaining(['8. 安全疏散', '疏散门', '08.02.02 疏散门的净宽度', 'B类（主要）', '现场不符合设计要求']),
    );
  });

  it('as .docx: grouped by inspection and item, the header row repeated', async () => {
    const { file } = await exported(EXPORT_RESULTS, { format: 'DOCX' });
    const d = await docx(file.bytes);
    expectPrintableDocx(d, '消防验收现场评定抽查结果列表', true);
    expect(d.text).toContain('1. 大冶市人民医院门诊综合楼（检查日期 2026-06-10；五方已签名确认，结果不可更改）');
    expect(d.text).toContain('8. 安全疏散');
    expect(d.text).toContain('08.02.02 疏散门的净宽度');
    expect(d.text).toContain('不合格');
  });
});

describe('export limits count what the person sees', () => {
  it('the results of a few inspections export however many result rows they hold (no 5,000-row cap)', async () => {
    const big: string[] = [];
    for (const name of ['甲', '乙', '丙']) {
      const id = await createInspection(t, { projectName: `大冶市大型综合体${name}` });
      for (const b of ['A座', 'B座', 'C座']) {
        await addBuilding(t, id, { name: b, aboveGroundFloors: 30, belowGroundFloors: 3, hasFireLift: true });
      }
      const drawn = await drawPlan(t, id);
      await signPlanAll(t, drawn.id);
      const entries = allEntries(drawn);
      for (let i = 0; i < entries.length; i += 2000) await t.ok(RECORD, { id, results: entries.slice(i, i + 2000) });
      big.push(id);
    }
    const [{ n }] = await t.sql(
      `select count(*)::int n from fire.inspection_result where inspection_id = any(?::uuid[])`,
      [`{${big.join(',')}}`],
    );
    expect(n).toBeGreaterThan(5000);
    const { link, file } = await exported(EXPORT_RESULTS, { ids: big });
    expect(link.rowCount).toBe(3);
    const rows = rowsOf((await workbook(file.bytes)).worksheets[0]);
    expect(rows.length - 3).toBe(n);
  }, 180_000);

  it('refuses more than 50,000 inspections with EXPORT_TOO_LARGE, in inspections, for the list and the results', async () => {
    const [{ before }] = await t.sql(`select count(*)::int before from fire.inspection`);
    const added = 50_001 - before;
    await t.sql(
      `insert into fire.inspection (id, project_name, district_code, leader_name, address, category, decoration, change_of_use, status, created_at, updated_at)
       select gen_random_uuid(), '批量项目' || g, '420281', '张三', '地址', 'NEW', false, false, 'DRAFT', now(), now() from generate_series(1, ?::int) g`,
      [added],
    );
    for (const document of [EXPORT_LIST, EXPORT_RESULTS]) {
      const res = await t.gql(document, {});
      expect(firstError(res)?.extensions).toMatchObject({
        code: 'EXPORT_TOO_LARGE',
        details: { count: 50_001, limit: 50_000 },
      });
      expect(firstError(res)?.message).toBe(
        '符合条件的有 50001 条，超过单次导出上限 50000 条，请缩小筛选范围后分批导出',
      );
    }
    const word = await t.gql(EXPORT_LIST, { format: 'DOCX' });
    expect(firstError(word)?.message).toBe(
      '符合条件的抽查项目有 50001 个，Word 文档单次最多导出 2000 个，请缩小筛选范围或导出 Excel',
    );
    await t.sql(`delete from fire.inspection where project_name like '批量项目%'`);
  });
});

describe('one project’s full record', () => {
  it('as .xlsx: every part on a printable sheet; the plan with the rule it followed; signatures in box order', async () => {
    const { link, file } = await exported(EXPORT_RECORD, { id: sealedId, format: 'XLSX' });
    expect(link.fileName).toMatch(/^消防验收现场评定抽查记录-大冶市人民医院门诊综合楼-\d{8}\.xlsx$/);
    const wb = await workbook(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '基本信息',
      '楼栋楼层',
      '抽查方案',
      '方案签名',
      '抽查结果',
      '现场新增部位',
      '结果签名',
      '现场照片',
    ]);
    for (const ws of wb.worksheets) expectPrintableSheet(ws, '消防验收现场评定抽查记录：大冶市人民医院门诊综合楼');
    const info = Object.fromEntries(
      rowsOf(wb.getWorksheet('基本信息')!)
        .filter((r) => r.length >= 2)
        .map((r) => [r[0], r[1]]),
    );
    expect(info).toMatchObject({
      建筑工程项目名称: '大冶市人民医院门诊综合楼',
      所在区县: '大冶市',
      项目类别: '新建',
      项目负责人: '王建华',
      联系电话: '13907140001',
    });
    const planRows = rowsOf(wb.getWorksheet('抽查方案')!);
    const flat = planRows.flat().join('\n');
    expect(flat).toContain(`随机种子：${plan.seed}`);
    expect(flat).toContain(`方案 SM3 摘要：${plan.contentHash}`);
    expect(flat).toContain('在全项目范围内合并计算，不按楼栋分别计算');
    const item8 = planRows.find((r) => r[1] === '安全疏散')!;
    expect(item8[2]).toMatch(/^共 \d+ 处\n必查（地下室、首层、顶层、屋面）：1#楼：地下1层、1层、5层、屋面/);
    expect(item8[3]).toMatch(/^安全出口的形式和数量：\d+ 处全部检查$/);
    expect(planRows.find((r) => r[1] === '气体灭火系统')![2]).toBe('不涉及');
    expect(
      rowsOf(wb.getWorksheet('方案签名')!)
        .slice(2)
        .map((r) => [r[0], r[1], r[2]]),
    ).toEqual([
      ['1. 项目负责人', '王建华', '同意'],
      ['2. 监察科室成员', '李监察', '同意'],
      ['3. 监察科室成员', '赵监察', '同意'],
    ]);
    const [{ n }] = await t.sql(`select count(*)::int n from fire.inspection_result where inspection_id = ?`, [
      sealedId,
    ]);
    expect(rowsOf(wb.getWorksheet('抽查结果')!).length - 2).toBe(n);
    expect(
      rowsOf(wb.getWorksheet('结果签名')!)
        .slice(3)
        .map((r) => r[0]),
    ).toEqual(['1. 建设单位', '2. 设计单位', '3. 施工总包单位', '4. 监理单位', '5. 消防施工单位']);
    const photos = rowsOf(wb.getWorksheet('现场照片')!);
    expect(photos.slice(2).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['08 安全疏散', '1#楼 地下1层', expect.stringMatching(/^30\.09570, 114\.97440 ±9 米/)],
    ]);
  });

  it('as .docx: the same record, results per check line, signature images and the photo', async () => {
    const { file } = await exported(EXPORT_RECORD, { id: sealedId, format: 'DOCX' });
    const d = await docx(file.bytes);
    expectPrintableDocx(d, '消防验收现场评定抽查记录：大冶市人民医院门诊综合楼', false);
    for (const s of [
      '一、抽查项目基本信息',
      '二、楼栋及楼层消防基本信息',
      '三、随机抽查部位及抽查方案',
      '四、抽查结果',
      '五、抽查结果签名确认',
      plan.seed,
      '不按楼栋分别计算',
      '不涉及',
      '现场照片',
      '08 安全疏散',
      '不合格 1 处：1#楼 地下1层（现场不符合设计要求）',
    ]) {
      expect(d.text, s).toContain(s);
    }
    // Signatures in box order: the three plan boxes, then the five result boxes.
    const boxes = [
      ...d.text.matchAll(/^(\d)\. (项目负责人|监察科室成员|建设单位|设计单位|施工总包单位|监理单位|消防施工单位)$/gm),
    ];
    expect(boxes.map((m) => m[0])).toEqual([
      '1. 项目负责人',
      '2. 监察科室成员',
      '3. 监察科室成员',
      '1. 建设单位',
      '2. 设计单位',
      '3. 施工总包单位',
      '4. 监理单位',
      '5. 消防施工单位',
    ]);
    expect(d.media.filter((m) => m.endsWith('.png'))).toHaveLength(8); // 3 plan + 5 result signatures
    expect(d.media.filter((m) => /\.jpe?g$/.test(m))).toHaveLength(1); // the photo
  });

  it('is refused out of scope (NOT_FOUND), before any link is issued', async () => {
    const other = await createInspection(t, { districtCode: '420202', projectName: '另一区县' });
    const res = await t.gql(EXPORT_RECORD, { id: other, format: 'XLSX' }, dayeInspector);
    expect(firstError(res)?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
  });
});

/** LibreOffice (own profile, so parallel runs do not share one) prints the files; Ghostscript reads each page's text. */
async function printed(files: Record<string, Buffer>): Promise<Record<string, string[]>> {
  const dir = await mkdtemp(join(work, 'lo-'));
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  await promisify(execFile)(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...Object.keys(files).map((f) => join(dir, f)),
    ],
    { timeout: 240_000 },
  );
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(files)) {
    const base = name.replace(/\.[^.]+$/, '');
    const pages = join(dir, `${base}-pages`);
    await promisify(execFile)('mkdir', ['-p', pages]);
    await promisify(execFile)(GS!, [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-sDEVICE=txtwrite',
      `-sOutputFile=${pages}/%d.txt`,
      join(dir, `${base}.pdf`),
    ]);
    const count = (await readdir(pages)).length;
    out[name] = await Promise.all(
      Array.from({ length: count }, (_, i) => readFile(join(pages, `${i + 1}.txt`), 'utf8')),
    );
  }
  return out;
}

/** Every page says what it belongs to and where it is. */
function expectPaged(pages: string[], title: string) {
  pages.forEach((page, i) => {
    expect(page, `page ${i + 1}`).toContain(title);
    expect(page.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`);
  });
}

describe('printed by LibreOffice', () => {
  it.runIf(SOFFICE && GS)(
    'the one-row list is one page each way; the record a few; title, page numbers and header rows on every page',
    async () => {
      const one = { f: { projectName: '人民医院' } };
      // Distinct names: LibreOffice names each PDF after its file without the extension.
      const files = {
        'list-sheet.xlsx': (await exported(EXPORT_LIST, one)).file.bytes,
        'list-word.docx': (await exported(EXPORT_LIST, { ...one, format: 'DOCX' })).file.bytes,
        'results-sheet.xlsx': (await exported(EXPORT_RESULTS, one)).file.bytes,
        'results-word.docx': (await exported(EXPORT_RESULTS, { ...one, format: 'DOCX' })).file.bytes,
        'record-word.docx': (await exported(EXPORT_RECORD, { id: sealedId, format: 'DOCX' })).file.bytes,
        'record-sheet.xlsx': (await exported(EXPORT_RECORD, { id: sealedId, format: 'XLSX' })).file.bytes,
      };
      const pages = await printed(files);
      expect(pages['list-sheet.xlsx']).toHaveLength(1);
      expect(pages['list-word.docx']).toHaveLength(1);
      expectPaged(pages['list-sheet.xlsx'], '消防验收现场评定抽查项目列表');
      expectPaged(pages['list-word.docx'], '消防验收现场评定抽查项目列表');
      expect(pages['list-sheet.xlsx'][0]).toContain('420281198001010010');
      expect(pages['list-word.docx'][0]).toContain('420281198001010010');

      // A one-building inspection's whole record: a handful of pages, not dozens (84 before issue #11).
      // Looked at: 8 pages, half of them the ~120 check lines of 四、抽查结果, one row per line.
      expect(pages['record-word.docx'].length).toBeGreaterThanOrEqual(4);
      expect(pages['record-word.docx'].length).toBeLessThanOrEqual(8);
      expectPaged(pages['record-word.docx'], '消防验收现场评定抽查记录：大冶市人民医院门诊综合楼');
      // The 64-character hash wraps inside its cell, and a page break (with the next page's header)
      // may fall inside it: at most one of its four quarters can be cut.
      const recordText = pages['record-word.docx'].join('').replace(/\s+/g, '');
      const quarters = [0, 16, 32, 48].map((at) => plan.contentHash.slice(at, at + 16));
      expect(quarters.filter((q: string) => recordText.includes(q)).length).toBeGreaterThanOrEqual(3);

      // The long tables go over pages: their header row is on every page.
      for (const [name, header] of [
        ['results-word.docx', /子项\s+检查内容\s+类别\s+抽查部位\s+结果/],
        ['results-sheet.xlsx', /序号\s+建筑工程项目名称\s+检查日期\s+检查项目/],
      ] as const) {
        expect(pages[name].length, name).toBeGreaterThan(1);
        expectPaged(pages[name], '消防验收现场评定抽查结果列表');
        pages[name].forEach((page, i) => expect(page, `${name} page ${i + 1}`).toMatch(header));
      }
      const resultSheetPages = pages['record-sheet.xlsx'].filter((p) => p.includes('｜抽查结果'));
      expect(resultSheetPages.length).toBeGreaterThan(1);
      resultSheetPages.forEach((page) => expect(page).toMatch(/序号\s+检查项目\s+子项\s+检查内容/));
    },
    400_000,
  );

  it.skipIf(SOFFICE && GS)('is skipped: LibreOffice (soffice) or Ghostscript (gs) is not installed here', () => {
    console.warn('LibreOffice or Ghostscript not found: the exports were read back with exceljs and jszip only');
  });
});
