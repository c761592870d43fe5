import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_V1 } from '../src/catalogue/catalogue-data.js';
import {
  addBuilding,
  allEntries,
  createInspection,
  drawPlan,
  firstError,
  INSPECTION_INPUT,
  RECORD,
  signPlanAll,
  startFire,
  type TestFire,
} from './helpers.js';

/**
 * Issue #10: the kit's text rule through the fire API — control characters and lone surrogates
 * refused with BAD_USER_INPUT naming the field, nothing stored; multi-line notes keep their lines;
 * Chinese punctuation stored as typed and exported as typed (.xlsx read with exceljs, .docx unzipped).
 */
let t: TestFire;
let inspectionId: string;
let plan: any;
let entries: ReturnType<typeof allEntries>;

const TYPED = '黄石「港」：一期，二期；完工！（含配套）“重点”、。\u3000东区';
const NOTE = '第一行：疏散门（净宽）不足；\n\t第二行！“整改”、。';

const inspectionCount = async () => Number((await t.sql('select count(*)::int as n from fire.inspection'))[0].n);

beforeAll(async () => {
  t = await startFire();
  inspectionId = await createInspection(t, { projectName: TYPED, builderUnit: TYPED, address: TYPED });
  await addBuilding(t, inspectionId, { name: '1#楼', aboveGroundFloors: 3, belowGroundFloors: 0, remarks: NOTE });
  plan = await drawPlan(t, inspectionId);
  await signPlanAll(t, plan.id);
  entries = allEntries(plan);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function expectRefused(res: Awaited<ReturnType<TestFire['gql']>>, field: string, code: string) {
  const error = firstError(res);
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.field).toBe(field);
  expect(error?.message).toContain(field);
  expect(error?.message).toContain(code);
}

const CREATE = 'mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }';

describe('control characters and lone surrogates are refused, nothing is stored', () => {
  it('a NUL in a name (variables)', async () => {
    const before = await inspectionCount();
    const res = await t.gql(CREATE, { input: { ...INSPECTION_INPUT, projectName: '测试\u0000工程' } });
    expectRefused(res, 'input.projectName', 'U+0000');
    expect(await inspectionCount()).toBe(before);
  });

  it('a U+0007 in a name written inline in the document', async () => {
    const res = await t.gql(
      `mutation { updateFireInspection(id: "${inspectionId}", input: { projectName: "改名\\u0007" }) { id } }`,
    );
    expectRefused(res, 'input.projectName', 'U+0007');
    expect((await t.sql('select project_name from fire.inspection where id = ?', [inspectionId]))[0].project_name).toBe(
      TYPED,
    );
  });

  it('a lone surrogate or a NUL in a multi-line note inside a list of results', async () => {
    const results = entries.map((e, i) => (i === 1 ? { ...e, verdict: 'FAIL', note: '不符\ud83d' } : e));
    expectRefused(await t.gql(RECORD, { id: inspectionId, results }), 'results[1].note', 'U+D83D');
    const nul = entries.map((e, i) => (i === 0 ? { ...e, note: '第一行\n第二行\u0000' } : e));
    expectRefused(await t.gql(RECORD, { id: inspectionId, results: nul }), 'results[0].note', 'U+0000');
    expect(await t.sql('select id from fire.inspection_result where inspection_id = ?', [inspectionId])).toEqual([]);
  });

  it('a line break in a single-line name of a nested input', async () => {
    const res = await t.gql(
      'mutation($id: ID!, $input: FireBuildingInput!) { addFireBuilding(inspectionId: $id, input: $input) { id } }',
      { id: inspectionId, input: { name: '2#楼\n', aboveGroundFloors: 1, belowGroundFloors: 0 } },
    );
    expectRefused(res, 'input.name', 'U+000A');
  });
});

describe('text is stored and exported as typed', () => {
  it('keeps punctuation, full-width spaces and the lines of a multi-line note', async () => {
    const results = entries.map((e, i) => (i === 0 ? { ...e, verdict: 'FAIL', note: NOTE } : e));
    const res = await t.gql(RECORD, { id: inspectionId, results });
    expect(res.errors).toBeUndefined();
    const [row] = await t.sql('select project_name, builder_unit, address from fire.inspection where id = ?', [
      inspectionId,
    ]);
    expect(row).toEqual({ project_name: TYPED, builder_unit: TYPED, address: TYPED });
    const read = await t.ok('query($id: ID!) { fireInspection(id: $id) { projectName builderUnit address } }', {
      id: inspectionId,
    });
    expect(read.fireInspection).toEqual({ projectName: TYPED, builderUnit: TYPED, address: TYPED });
    const notes = await t.sql('select note from fire.inspection_result where inspection_id = ? and note is not null', [
      inspectionId,
    ]);
    expect(notes).toEqual([{ note: NOTE }]);
    expect((await t.sql('select remarks from fire.building where inspection_id = ?', [inspectionId]))[0].remarks).toBe(
      NOTE,
    );
  });

  it('in the .xlsx and .docx exports', async () => {
    const EXPORT = `mutation($id: ID!, $format: FireExportFormat!) { exportFireInspectionRecord(id: $id, format: $format) { url } }`;
    const file = async (format: string) =>
      (await t.download((await t.ok(EXPORT, { id: inspectionId, format })).exportFireInspectionRecord.url)).bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file('XLSX')) as never);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => (r.values as unknown[]).forEach((v) => v != null && cells.push(String(v)))));
    expect(cells).toContain(TYPED);
    expect(cells).toContain(NOTE);

    const xml = await (await JSZip.loadAsync(await file('DOCX'))).file('word/document.xml')!.async('string');
    const text = xml
      .replace(/<w:br\/>/g, '\n')
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '');
    expect(text).toContain(TYPED);
    // The note's lines are Word line breaks, not a newline character Word would show as a space.
    expect(text).toContain(NOTE);
  });

  it('the catalogue keeps its Chinese punctuation when every item is written again', async () => {
    const { createFireCatalogueDraft: draft } = await t.ok('mutation { createFireCatalogueDraft { id } }');
    const UPDATE = `mutation($v: ID!, $code: String!, $input: FireCatalogueItemInput!) {
      updateFireCatalogueItem(versionId: $v, itemCode: $code, input: $input) { id } }`;
    for (const item of CATALOGUE_V1.items) {
      const input = {
        name: item.name,
        subItems: item.subItems.map((sub) => ({
          code: sub.code,
          name: sub.name,
          lines: sub.lines.map((l) => ({ code: l.code, content: l.content, importance: l.importance })),
        })),
      };
      await t.ok(UPDATE, { v: draft.id, code: item.code, input });
    }
    const [row] = await t.sql('select content from fire.catalogue_version where id = ?', [draft.id]);
    expect(row.content).toEqual(CATALOGUE_V1);
    expect(JSON.stringify(row.content)).toContain('钢结构构件防火保护：防火涂料类型');
  });
});
