import { wrappedRowHeight } from '@hs/kit';
import ExcelJS from 'exceljs';
import { fitWidths, type PrintColumn } from './print-layout.js';

/**
 * One printable worksheet of a workbook built in memory (the record's sheets; long lists stream
 * through the kit's writeListWorkbook with the same layout): A4, fitted to the page width, the
 * header row repeated on every printed page, the title in the page header and 第 n 页，共 m 页 in
 * the footer, columns fitted to their content and cells wrapped rather than cut off.
 */
export type SheetCell = string | number | null;

export interface SheetColumn extends PrintColumn {
  numeric?: boolean;
}

/** What fits across A4 at 100 %, in Excel's character units: the width below which nothing shrinks. */
const PORTRAIT_CHARS = 95;
const LANDSCAPE_CHARS = 140;

const border = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } };
const borders = { top: border, left: border, bottom: border, right: border };
const headerText = (text: string) => text.replace(/&/g, '&&');
const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);

export interface PrintableSheet {
  name: string;
  /** In the page header of every printed page and on the sheet's first row. */
  title: string;
  /** Lines under the title (facts of a plan, the time of export). */
  notes?: string[];
  columns: SheetColumn[];
  rows: SheetCell[][];
}

export function addPrintableSheet(workbook: ExcelJS.Workbook, sheet: PrintableSheet): ExcelJS.Worksheet {
  const text = (rows: SheetCell[][]) => rows.map((r) => r.map((c) => (c == null ? '' : String(c))));
  const natural = fitWidths(sheet.columns, text(sheet.rows), Infinity);
  const landscape = natural.reduce((a, b) => a + b, 0) > PORTRAIT_CHARS;
  const widths = fitWidths(sheet.columns, text(sheet.rows), landscape ? LANDSCAPE_CHARS : PORTRAIT_CHARS);
  const notes = sheet.notes ?? [];
  const headerRow = 2 + notes.length;
  const ws = workbook.addWorksheet(sheetName(sheet.name), {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&C&"-,Bold"&11${headerText(sheet.title)}`,
      oddFooter: `&C第 &P 页，共 &N 页`,
    },
  });
  const columnCount = sheet.columns.length;
  ws.columns = widths.map((w) => ({ width: Math.round(w * 10) / 10 }));

  const fullWidth = widths.reduce((a, b) => a + b, 0);
  const merged = (value: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([value]);
    ws.mergeCells(row.number, 1, row.number, columnCount);
    row.font = font;
    row.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
    const height = wrappedRowHeight([value], [fullWidth * (11 / (font.size ?? 11))], font.size ?? 11);
    if (height) row.height = height;
    return row;
  };
  merged(sheet.title, { bold: true, size: 14 }).height = 22;
  for (const note of notes) merged(note, { size: 9, color: { argb: 'FF4B5563' } });
  writeTable(ws, sheet.columns, sheet.rows, widths);
  return ws;
}

function writeTable(ws: ExcelJS.Worksheet, columns: SheetColumn[], rows: SheetCell[][], widths: number[]) {
  const header = ws.addRow(columns.map((c) => c.header));
  const headerHeight = wrappedRowHeight(
    columns.map((c) => c.header),
    widths,
  );
  if (headerHeight) header.height = headerHeight;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F5' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = borders;
  });
  if (rows.length === 0) {
    const empty = ws.addRow(['（无）']);
    ws.mergeCells(empty.number, 1, empty.number, columns.length);
    empty.alignment = { horizontal: 'center' };
    return;
  }
  for (const values of rows) {
    const row = ws.addRow(values.map((v, i) => (v == null ? '' : columns[i]?.numeric ? v : String(v))));
    const height = wrappedRowHeight(
      values.map((v) => (v == null ? '' : String(v))),
      widths,
    );
    if (height) row.height = height;
    for (let i = 1; i <= columns.length; i++) {
      const cell = row.getCell(i);
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: columns[i - 1].numeric ? 'right' : 'left' };
      cell.border = borders;
    }
  }
}
