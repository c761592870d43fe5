import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirePermission } from '../src/permissions.js';
import {
  allEntries,
  caller,
  createInspection,
  dayeInspector,
  firstError,
  openVisit,
  photoInput,
  preparedInspection,
  RECORD,
  signResultsAll,
  startFire,
  type TestFire,
  testJpeg,
  UPLOAD_PHOTO,
} from './helpers.js';

/**
 * 1.3.9: the project list, the result list and one project's full record as .xlsx and .docx —
 * read back with exceljs and by unzipping the .docx, and (when LibreOffice is installed) converted
 * by LibreOffice and read back as text, the way a user's office suite would open them.
 */
let t: TestFire;
let sealedId: string;
let plan: any;
let work: string;

const SOFFICE =
  ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;

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
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

const EXPORT_LIST = `query($f: FireInspectionFilter, $format: FireExportFormat!) { exportInspections(filter: $f, format: $format) { filename mimeType base64 rowCount } }`;
const EXPORT_RESULTS = `query($f: FireInspectionFilter, $format: FireExportFormat!) { exportInspectionResults(filter: $f, format: $format) { filename mimeType base64 rowCount } }`;
const EXPORT_RECORD = `query($id: ID!, $format: FireExportFormat!) { exportInspectionRecord(id: $id, format: $format) { filename mimeType base64 rowCount } }`;

async function workbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  return wb;
}
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
};
async function docxText(base64: string): Promise<{ text: string; media: string[] }> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
  return { text, media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')) };
}

/** LibreOffice, headless, with its own profile (parallel runs do not share one). */
async function convert(base64: string, ext: string, to: string): Promise<string> {
  const dir = await mkdtemp(join(work, 'lo-'));
  const input = join(dir, `in.${ext}`);
  await writeFile(input, Buffer.from(base64, 'base64'));
  await promisify(execFile)(
    SOFFICE!,
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, input],
    {
      timeout: 120_000,
    },
  );
  return readFile(join(dir, `in.${to.split(':')[0]}`), 'utf8');
}

describe('project list (抽查项目库列表)', () => {
  it('as .xlsx: a header row and one row per inspection, personal data masked without the right', async () => {
    const viewer = caller({ permissions: [FirePermission.INSPECTION_VIEW] });
    const file = (await t.ok(EXPORT_LIST, { format: 'XLSX' }, viewer)).exportInspections;
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.filename).toMatch(/^消防验收抽查项目_\d{8}\.xlsx$/);
    expect(file.rowCount).toBe(2);
    const ws = (await workbook(file.base64)).getWorksheet('抽查项目')!;
    const rows = rowsOf(ws);
    expect(rows[0][0]).toBe('消防验收现场评定抽查项目列表');
    const header = rows.find((r) => r[0] === '序号')!;
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
  });

  it('as .docx: a table with the same rows', async () => {
    const file = (await t.ok(EXPORT_LIST, { format: 'DOCX' })).exportInspections;
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { text } = await docxText(file.base64);
    expect(text).toContain('消防验收现场评定抽查项目列表');
    expect(text).toContain('大冶市人民医院门诊综合楼');
    expect(text).toContain('黄石港区磁湖商业广场');
    expect(text).toContain('消防检测机构单位');
  });

  it('follows the filter and the data scope', async () => {
    const filtered = (await t.ok(EXPORT_LIST, { f: { projectName: '磁湖' }, format: 'XLSX' })).exportInspections;
    expect(filtered.rowCount).toBe(1);
    const scoped = (await t.ok(EXPORT_LIST, { format: 'XLSX' }, dayeInspector)).exportInspections;
    expect(scoped.rowCount).toBe(1);
  });
});

describe('result list (抽查结果列表)', () => {
  it('as .xlsx and .docx: one row per recorded check with item, line, class, location and verdict', async () => {
    const [{ n, fails }] = await t.sql(
      `select count(*)::int n, sum(case when verdict = 'FAIL' then 1 else 0 end)::int fails from fire.inspection_result`,
    );
    const file = (await t.ok(EXPORT_RESULTS, { format: 'XLSX' })).exportInspectionResults;
    expect(file.rowCount).toBe(n);
    const rows = rowsOf((await workbook(file.base64)).getWorksheet('抽查结果')!);
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
    const docx = await docxText((await t.ok(EXPORT_RESULTS, { format: 'DOCX' })).exportInspectionResults.base64);
    expect(docx.text).toContain('08.02.02 疏散门的净宽度');
    expect(docx.text).toContain('不合格');
  });
});

describe('one project’s full record', () => {
  it('as .xlsx: basic information, buildings and floors, the drawn plan with its seed and hash, results, signatures', async () => {
    const file = (await t.ok(EXPORT_RECORD, { id: sealedId, format: 'XLSX' })).exportInspectionRecord;
    expect(file.filename).toMatch(/^消防验收抽查记录_大冶市人民医院门诊综合楼_\d{8}\.xlsx$/);
    const wb = await workbook(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '基本信息',
      '楼栋楼层',
      '抽查方案',
      '抽查结果',
      '现场新增部位',
      '结果签名',
      '现场照片',
    ]);
    const info = Object.fromEntries(
      rowsOf(wb.getWorksheet('基本信息')!)
        .filter((r) => r.length >= 2)
        .map((r) => [r[0], r[1]]),
    );
    expect(info).toMatchObject({
      建筑工程项目名称: '大冶市人民医院门诊综合楼',
      区县: '大冶市',
      项目类别: '新建',
      项目负责人: '王建华',
      联系电话: '13907140001',
    });
    const planRows = rowsOf(wb.getWorksheet('抽查方案')!);
    const flat = planRows.flat().join('\n');
    expect(flat).toContain(`随机种子：${plan.seed}`);
    expect(flat).toContain(`方案 SM3 摘要：${plan.contentHash}`);
    expect(flat).toContain('上述抽查部位与数量，由系统随机生成，我已见证，确认无误');
    const item8 = planRows.find((r) => r[1] === '安全疏散')!;
    expect(item8[2]).toMatch(/^\d+ 处：1#楼 地下1层（必查（地下室、首层、顶层、屋面））；/);
    expect(item8[3]).toMatch(/^安全出口的形式和数量：\d+ 处全部检查$/);
    expect(planRows.find((r) => r[1] === '气体灭火系统')![2]).toBe('不涉及');
    const results = rowsOf(wb.getWorksheet('抽查结果')!);
    expect(results.length - 1).toBe(file.rowCount);
    const signatures = rowsOf(wb.getWorksheet('结果签名')!);
    expect(signatures.slice(1).map((r) => r[0])).toEqual([
      '1. 建设单位',
      '2. 设计单位',
      '3. 施工总包单位',
      '4. 监理单位',
      '5. 消防施工单位',
    ]);
    const photos = rowsOf(wb.getWorksheet('现场照片')!);
    expect(photos.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['08 安全疏散', '1#楼 地下1层', expect.stringMatching(/^30\.09570, 114\.97440 ±9 米$/)],
    ]);
  });

  it('as .docx: the same record with the signature images and the on-site photos', async () => {
    const file = (await t.ok(EXPORT_RECORD, { id: sealedId, format: 'DOCX' })).exportInspectionRecord;
    const { text, media } = await docxText(file.base64);
    for (const s of [
      '一、抽查项目基本信息',
      '二、楼栋及楼层消防基本信息',
      '三、随机抽查部位及抽查方案',
      '四、抽查结果',
      '五、抽查结果签名确认',
      plan.seed,
      '随机抽取',
      '不涉及',
      '项目负责人：王建华（同意）',
      '现场照片',
      '08 安全疏散 · 1#楼 地下1层',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(media.filter((m) => m.endsWith('.png'))).toHaveLength(8); // 3 plan + 5 result signatures
    expect(media.filter((m) => /\.jpe?g$/.test(m))).toHaveLength(1); // the photo
  });

  it('is refused out of scope (NOT_FOUND)', async () => {
    const other = await createInspection(t, { districtCode: '420202', projectName: '另一区县' });
    const res = await t.gql(EXPORT_RECORD, { id: other, format: 'XLSX' }, dayeInspector);
    expect(firstError(res)?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('opened by LibreOffice', () => {
  it.runIf(SOFFICE)(
    'converts the .docx record and the .xlsx list, and the text reads back',
    async () => {
      const docx = (await t.ok(EXPORT_RECORD, { id: sealedId, format: 'DOCX' })).exportInspectionRecord;
      const text = await convert(docx.base64, 'docx', 'txt:Text');
      expect(text).toContain('消防验收现场评定抽查记录：大冶市人民医院门诊综合楼');
      expect(text).toContain(plan.contentHash);
      expect(text).toContain('五、抽查结果签名确认');
      const xlsx = (await t.ok(EXPORT_LIST, { format: 'XLSX' })).exportInspections;
      const csv = await convert(xlsx.base64, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76');
      expect(csv).toContain('大冶市人民医院门诊综合楼');
      expect(csv).toContain('黄石港区磁湖商业广场');
      const list = (await t.ok(EXPORT_RESULTS, { format: 'DOCX' })).exportInspectionResults;
      expect(await convert(list.base64, 'docx', 'txt:Text')).toContain('疏散门的净宽度');
    },
    300_000,
  );

  it.skipIf(SOFFICE)('is skipped: LibreOffice (soffice) is not installed on this machine', () => {
    console.warn('LibreOffice not found: the exports were read back with exceljs and jszip only');
  });
});

describe('the 5,000-row cap', () => {
  it('refuses an export of more rows with a Chinese message', async () => {
    await t.sql(
      `insert into fire.inspection (id, project_name, district_code, leader_name, address, category, decoration, change_of_use, status, created_at, updated_at)
       select gen_random_uuid(), '批量项目' || g, '420281', '张三', '地址', 'NEW', false, false, 'DRAFT', now(), now() from generate_series(1, 5001) g`,
    );
    const res = await t.gql(EXPORT_LIST, { format: 'XLSX' });
    expect(firstError(res)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(res)?.message).toBe('符合条件的记录有 5004 条，超过单次导出上限 5000 条，请缩小查询范围');
    await t.sql(`delete from fire.inspection where project_name like '批量项目%'`);
  });
});
