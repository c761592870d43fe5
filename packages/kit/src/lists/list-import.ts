import ExcelJS from 'exceljs';
import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import type { BaseContext } from '../context.js';
import { badInput } from '../errors.js';
import { chinaDate } from '../rules.js';
import { normaliseText, textCharacterIssue } from '../validators/index.js';
import { bufferDownload, type DownloadDefinition } from './download-route.js';
import { XLSX_MIME } from './list-workbook.js';

/** An import file is a few thousand rows: 600 KB of .xlsx is ~10,000 rows, and fits the router's 1 MiB body as base64. */
export const MAX_IMPORT_BYTES = 600 * 1024;
export const MAX_IMPORT_ROWS = 5000;

@InputType('ImportFileInput', { description: '要导入的 Excel 文件（.xlsx，base64，最大 600 KB）' })
export class ImportFileInput {
  @Field(() => String, { description: '文件名（仅用于提示）' })
  fileName!: string;

  @Field(() => String, { description: '文件内容（base64）' })
  base64!: string;
}

@Directive('@shareable')
@ObjectType('ImportRowProblem', { description: '导入文件中一行的问题' })
export class ImportRowProblem {
  @Field(() => Int, { description: 'Excel 中的行号' })
  row!: number;

  @Field(() => String, { nullable: true, description: '列名；整行的问题为空' })
  column!: string | null;

  @Field(() => String)
  message!: string;
}

@Directive('@shareable')
@ObjectType('ImportReport', { description: '导入结果：试导入只检查不写入；有任何问题时不导入任何一行' })
export class ImportReport {
  @Field(() => Boolean, { description: '是否为试导入（只检查）' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: '是否已写入（全部行无误且不是试导入）' })
  applied!: boolean;

  @Field(() => Int, { description: '数据行数' })
  total!: number;

  @Field(() => Int, { description: '无误的行数' })
  valid!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => [ImportRowProblem])
  problems!: ImportRowProblem[];
}

export interface ImportColumn {
  key: string;
  header: string;
  required?: boolean;
  /** Shown in the template's 填写说明 sheet. */
  note?: string;
  example?: string;
  /** Allowed values: a drop-down list in the template. */
  options?: readonly string[];
}

/** One data row of the sheet: its Excel row number and each column's text (trimmed, NFC; '' when empty). */
export interface ImportRow {
  row: number;
  values: Record<string, string>;
}

export interface RowProblem {
  row: number;
  column?: string | null;
  message: string;
}

export interface ImportDefinition<Ctx extends BaseContext, Record_> {
  /** 用户 → 用户导入模板.xlsx, 「用户导入」 */
  title: string;
  columns: readonly ImportColumn[];
  /**
   * Turns every row into a record or problems, checking within the file (duplicates) and against the
   * database (codes that exist, references that resolve, the caller's scope), without writing.
   */
  check(ctx: Ctx, rows: ImportRow[]): Promise<{ records: Record_[]; problems: RowProblem[] }>;
  /** Writes the records; runs in one transaction with `ctx.em` bound to it. */
  apply(ctx: Ctx, records: Record_[]): Promise<{ created: number; updated: number }>;
}

const problem = (row: number, column: string | null, message: string): RowProblem => ({ row, column, message });

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return chinaDate(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'result' in value) {
    const result = (value as { result?: unknown }).result;
    return result instanceof Date ? chinaDate(result) : String(result ?? '');
  }
  return cell.text ?? '';
}

/** The workbook's first sheet as rows keyed by the definition's columns, the header row found by its titles. */
async function readRows(
  file: ImportFileInput,
  columns: readonly ImportColumn[],
): Promise<{ rows: ImportRow[]; problems: RowProblem[] }> {
  const bytes = Buffer.from(file.base64 ?? '', 'base64');
  if (bytes.length === 0) throw badInput('导入文件为空', 'file');
  if (bytes.length > MAX_IMPORT_BYTES) throw badInput('导入文件过大：不能超过 600 KB，请分批导入', 'file');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw badInput('请上传 Excel 文件（.xlsx），可先下载导入模板', 'file');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badInput('无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式', 'file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('Excel 文件中没有工作表', 'file');

  const wanted = new Map(columns.map((c) => [c.header, c]));
  const strip = (text: string) => text.replace(/^\*/, '').replace(/\s+/g, '').trim();
  let headerRow = 0;
  const positions = new Map<string, number>();
  for (let r = 1; r <= Math.min(sheet.rowCount, 5) && headerRow === 0; r++) {
    const found = new Map<string, number>();
    sheet.getRow(r).eachCell((cell, col) => {
      const column = wanted.get(strip(cellText(cell)));
      if (column) found.set(column.key, col);
    });
    if (found.size > 0 && columns.filter((c) => c.required).every((c) => found.has(c.key))) {
      headerRow = r;
      for (const [k, v] of found) positions.set(k, v);
    }
  }
  if (headerRow === 0) {
    const required = columns.filter((c) => c.required).map((c) => c.header);
    throw badInput(`未找到表头：前 5 行中应有「${required.join('」「')}」等列，请使用导入模板`, 'file');
  }

  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const line = sheet.getRow(r);
    const values: Record<string, string> = {};
    let empty = true;
    for (const column of columns) {
      const at = positions.get(column.key);
      const cell = at ? line.getCell(at) : null;
      if (cell && typeof cell.value === 'number' && !Number.isSafeInteger(cell.value) && Number.isInteger(cell.value)) {
        problems.push(problem(r, column.header, '数字过长已被 Excel 改写，请把该列设为“文本”格式后重新填写'));
      }
      const text = cell ? normaliseText(cellText(cell)) : '';
      const refused = text ? textCharacterIssue(column.header, text, 'line') : null;
      if (refused) problems.push(problem(r, column.header, refused));
      values[column.key] = refused ? '' : text;
      if (text !== '') empty = false;
    }
    if (empty) continue;
    rows.push({ row: r, values });
    if (rows.length > MAX_IMPORT_ROWS) throw badInput(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`, 'file');
  }
  for (const row of rows) {
    for (const column of columns) {
      const value = row.values[column.key];
      if (column.required && value === '') problems.push(problem(row.row, column.header, `${column.header}不能为空`));
      else if (value !== '' && column.options && !column.options.includes(value)) {
        problems.push(problem(row.row, column.header, `${column.header}应为：${column.options.join('、')}`));
      }
    }
  }
  return { rows, problems };
}

/**
 * 导入 as RuoYi users know it, but all or nothing: read the sheet, check every row (the definition's
 * checks and the columns' own), report each bad row with its reason; only when no row is bad and it
 * is not a dry run, write all of them in one transaction.
 */
export async function runImport<Ctx extends BaseContext, R>(
  ctx: Ctx,
  definition: ImportDefinition<Ctx, R>,
  file: ImportFileInput,
  dryRun: boolean,
): Promise<ImportReport> {
  const read = await readRows(file, definition.columns);
  if (read.rows.length === 0) throw badInput('文件中没有数据行（表头以下为空）', 'file');
  const badRows = new Set(read.problems.map((p) => p.row));
  const checkable = read.rows.filter((r) => !badRows.has(r.row));
  const checked = await definition.check(ctx, checkable);
  const problems = [...read.problems, ...checked.problems].sort((a, b) => a.row - b.row);
  const rowsWithProblems = new Set(problems.map((p) => p.row));
  const report: ImportReport = {
    dryRun,
    applied: false,
    total: read.rows.length,
    valid: read.rows.length - rowsWithProblems.size,
    created: 0,
    updated: 0,
    problems: problems.map((p) => ({ row: p.row, column: p.column ?? null, message: p.message })),
  };
  if (dryRun || problems.length > 0) return report;
  const counts = await ctx.em.transactional(async (tx) => definition.apply({ ...ctx, em: tx }, checked.records));
  return { ...report, applied: true, ...counts };
}

/** The definition's template: its header row (required columns marked *), drop-downs, text-formatted cells and a 填写说明 sheet. */
export function importTemplateDownload<Ctx extends BaseContext>(
  definition: Pick<ImportDefinition<Ctx, unknown>, 'title' | 'columns'>,
): DownloadDefinition<Ctx> {
  return bufferDownload(XLSX_MIME, async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '黄石市建筑业一体化监管平台';
    const sheet = workbook.addWorksheet(definition.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = definition.columns.map((c) => ({
      header: `${c.required ? '*' : ''}${c.header}`,
      key: c.key,
      width: Math.max(12, Math.min(40, (c.example?.length ?? 0) * 2 + 4, c.header.length * 2 + 6)),
      style: { numFmt: '@' },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell, col) => {
      const column = definition.columns[col - 1];
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column?.required ? 'FFFDE2E2' : 'FFDCE6F5' } };
      if (column?.note) cell.note = column.note;
    });
    definition.columns.forEach((column, i) => {
      if (!column.options?.length) return;
      const letter = sheet.getColumn(i + 1).letter;
      // The first 500 rows get the drop-down; beyond that the import's own check still applies.
      for (let r = 2; r <= 501; r += 1) {
        sheet.getCell(`${letter}${r}`).dataValidation = {
          type: 'list',
          allowBlank: !column.required,
          formulae: [`"${column.options.join(',')}"`],
          showErrorMessage: true,
          errorTitle: column.header,
          error: `请从下拉列表中选择：${column.options.join('、')}`,
        };
      }
    });
    const guide = workbook.addWorksheet('填写说明');
    guide.columns = [
      { header: '列', width: 18 },
      { header: '是否必填', width: 10 },
      { header: '说明', width: 60 },
      { header: '示例', width: 30 },
    ];
    guide.getRow(1).font = { bold: true };
    for (const column of definition.columns) {
      guide.addRow([
        column.header,
        column.required ? '必填' : '选填',
        [column.note, column.options ? `可选值：${column.options.join('、')}` : ''].filter(Boolean).join('；'),
        column.example ?? '',
      ]);
    }
    guide.addRow([]);
    guide.addRow([
      '',
      '',
      '从第 2 行起每行一条；表头请勿修改。任何一行有误时整个文件都不导入，请按提示修改后重新导入。',
    ]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  });
}
