import { printSetup, styleBodyRow, styleHeaderRow, worksheetName, wrappedRowHeight } from '@hs/kit';
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
  const ws = workbook.addWorksheet(worksheetName(sheet.name), printSetup({ title: sheet.title, headerRow, landscape }));
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
  const headers = columns.map((c) => c.header);
  styleHeaderRow(ws.addRow(headers), headers, widths);
  if (rows.length === 0) {
    const empty = ws.addRow(['（无）']);
    ws.mergeCells(empty.number, 1, empty.number, columns.length);
    empty.alignment = { horizontal: 'center' };
    return;
  }
  const numeric = columns.map((c) => Boolean(c.numeric));
  for (const values of rows) {
    const row = ws.addRow(values.map((v, i) => (v == null ? '' : columns[i]?.numeric ? v : String(v))));
    styleBodyRow(
      row,
      values.map((v) => (v == null ? '' : String(v))),
      widths,
      numeric,
    );
  }
}
