import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDate } from '../rules.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CellValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<Row> {
  header: string;
  value(row: Row): CellValue;
  /** Numbers right-aligned and summable in Excel; everything else is text. */
  numeric?: boolean;
  /**
   * At most this many characters wide (default 48): longer text wraps inside the cell. For lists
   * with many text columns, so that fitting them to the page width keeps the print readable.
   */
  maxWidth?: number;
}

export interface ListSheet<Row> {
  /** On the sheet, in the page header of every printed page, and (with the date) the file name. */
  title: string;
  /** One line under the title: what was filtered, by whom, when. */
  subtitle?: string;
  columns: ExportColumn<Row>[];
}

/** 2026-12-02 14:05 in Beijing time: an export is read in Huangshi whatever the server's zone. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const fileDateStamp = (now: Date) => chinaDate(now).replace(/-/g, '');

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Width in Excel's character units: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const MAX_COLUMN_WIDTH = 48;
const MIN_COLUMN_WIDTH = 6;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return chinaDateTime(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/**
 * Column widths fitted to their content: the header's width and the 90th percentile of the first
 * batch's cells (so one long remark does not make a column page-wide), within 6–48 characters (or
 * the column's own `maxWidth`); longer text wraps inside the cell instead of being cut off.
 */
function fittedWidths<Row>(columns: ExportColumn<Row>[], sample: Row[]): number[] {
  return columns.map((column) => {
    const widths = sample
      .map((row) => Math.max(0, ...cellText(column.value(row)).split('\n').map(displayWidth)))
      .sort((a, b) => a - b);
    const typical = widths.length ? widths[Math.min(widths.length - 1, Math.floor(widths.length * 0.9))] : 0;
    const header = Math.max(...column.header.split('\n').map(displayWidth));
    const widest = Math.min(MAX_COLUMN_WIDTH, column.maxWidth ?? MAX_COLUMN_WIDTH);
    return Math.min(widest, Math.max(MIN_COLUMN_WIDTH, header, typical) + 2);
  });
}

/**
 * The height (points) a row needs to show its wrapped text whole, or undefined for one line.
 * Excel fits wrapped rows when it opens a file; LibreOffice keeps the default height and cuts the
 * text off, so the height is written. A column of width w holds about w/2 CJK characters a line.
 */
export function wrappedRowHeight(
  texts: readonly string[],
  widths: readonly number[],
  fontSize = 11,
): number | undefined {
  let lines = 1;
  texts.forEach((text, i) => {
    const capacity = Math.max(1, widths[i] ?? 10);
    const needed = text
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / capacity)), 0);
    lines = Math.max(lines, needed);
  });
  return lines > 1 ? Math.ceil(lines * fontSize * 1.3 + 4) : undefined;
}

/** Page header/footer text: `&` is a control character there. */
const headerText = (text: string) => text.replace(/&/g, '&&');

/** A worksheet's name from a title: at most 31 characters, none of those Excel refuses. */
export const worksheetName = (title: string) => title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ');

export interface PrintSetup {
  /** In the page header of every printed page. */
  title: string;
  /** The table's header row: repeated at the top of every printed page and frozen on screen. */
  headerRow: number;
  landscape: boolean;
  /** Left of the page number in the footer (a list's filter line); without it the number is centred. */
  footerNote?: string;
}

/**
 * How every printed sheet is laid out (lists and the fire record alike): A4, fitted to the page
 * width, the header row repeated on every page, the title in the page header and 第 n 页，共 m 页
 * in the footer.
 */
export function printSetup(
  setup: PrintSetup,
): Pick<ExcelJS.AddWorksheetOptions, 'views' | 'pageSetup' | 'headerFooter'> {
  const pages = '第 &P 页，共 &N 页';
  return {
    views: [{ state: 'frozen', ySplit: setup.headerRow }],
    pageSetup: {
      paperSize: 9,
      orientation: setup.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${setup.headerRow}:${setup.headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&C&"-,Bold"&12${headerText(setup.title)}`,
      oddFooter: setup.footerNote === undefined ? `&C${pages}` : `&L${headerText(setup.footerNote)}&R${pages}`,
    },
  };
}

const border = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } };
const borders = { top: border, left: border, bottom: border, right: border };

/** A table's header row: bold on blue, centred, wrapped to `widths`, bordered. */
export function styleHeaderRow(row: ExcelJS.Row, headers: readonly string[], widths: readonly number[]): void {
  const height = wrappedRowHeight(headers, widths);
  if (height) row.height = height;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F5' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = borders;
  });
}

/** A table's data row: as tall as its wrapped `texts` need, numbers right and text left, bordered. */
export function styleBodyRow(
  row: ExcelJS.Row,
  texts: readonly string[],
  widths: readonly number[],
  numeric: readonly boolean[],
): void {
  const height = wrappedRowHeight(texts, widths);
  if (height) row.height = height;
  for (let i = 1; i <= numeric.length; i++) {
    const cell = row.getCell(i);
    cell.alignment = { vertical: 'top', wrapText: true, horizontal: numeric[i - 1] ? 'right' : 'left' };
    cell.border = borders;
  }
}

/**
 * Streams one list as an .xlsx to `out`, batch by batch (memory stays flat for 100,000 rows), laid
 * out to print: A4, landscape when the columns are wide, fitted to the page width, the column header
 * repeated on every page, the title in the page header and 第 n 页，共 m 页 in the footer, cells
 * wrapped, borders, the header row frozen. Returns the number of rows written.
 */
export async function writeListWorkbook<Row>(
  out: Writable,
  sheet: ListSheet<Row>,
  batches: AsyncIterable<Row[]>,
): Promise<number> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  const firstRows = first.done ? [] : first.value;
  const widths = fittedWidths(sheet.columns, firstRows);
  const landscape = widths.reduce((a, b) => a + b, 0) > 95;

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '黄石市建筑业一体化监管平台';
  workbook.created = new Date();
  const headerRow = sheet.subtitle ? 3 : 2;
  const worksheet = workbook.addWorksheet(
    worksheetName(sheet.title),
    printSetup({ title: sheet.title, headerRow, landscape, footerNote: sheet.subtitle ?? '' }),
  );
  worksheet.columns = sheet.columns.map((column, i) => ({ width: widths[i] }));
  const lastColumn = sheet.columns.length;

  const title = worksheet.addRow([sheet.title]);
  worksheet.mergeCells(1, 1, 1, lastColumn);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 24;
  title.commit();
  if (sheet.subtitle) {
    const sub = worksheet.addRow([sheet.subtitle]);
    worksheet.mergeCells(2, 1, 2, lastColumn);
    sub.font = { size: 9, color: { argb: 'FF4B5563' } };
    sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    sub.commit();
  }
  const headers = sheet.columns.map((c) => c.header);
  const header = worksheet.addRow(headers);
  styleHeaderRow(header, headers, widths);
  header.commit();

  let count = 0;
  const numeric = sheet.columns.map((c) => Boolean(c.numeric));
  const write = (rows: Row[]) => {
    for (const row of rows) {
      const values = sheet.columns.map((column) => {
        const value = column.value(row);
        return column.numeric && typeof value === 'number' ? value : cellText(value);
      });
      const line = worksheet.addRow(values);
      styleBodyRow(line, values.map(String), widths, numeric);
      line.commit();
      count++;
    }
  };
  if (!first.done) write(firstRows);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) write(next.value);
  if (count === 0) {
    const empty = worksheet.addRow(['（无符合条件的记录）']);
    worksheet.mergeCells(headerRow + 1, 1, headerRow + 1, lastColumn);
    empty.alignment = { horizontal: 'center' };
    empty.commit();
  }
  worksheet.commit();
  await workbook.commit();
  return count;
}
