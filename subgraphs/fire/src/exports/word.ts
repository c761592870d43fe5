import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type IRunOptions,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { displayWidth } from '@hs/kit';
import { fitWidths, type PrintColumn } from './print-layout.js';

/**
 * Word building blocks for filing (1.3.9): A4, the title in the header and 第 n 页，共 m 页 in the
 * footer of every page, tables with widths fitted to their content, a header row repeated on every
 * page and rows kept whole. Units: twips (1/20 pt), font sizes in half-points as docx wants them.
 */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'SimSun';
const A4 = { short: 11906, long: 16838 };
const MARGIN = { top: 1247, bottom: 1247, side: 1134, header: 567, footer: 567 };
/** Text width of a page: the A4 side less both margins. */
export const textWidth = (landscape: boolean) => (landscape ? A4.long : A4.short) - 2 * MARGIN.side;

/** Body text and table text, in half-points. */
export const BODY_SIZE = 21; // 五号 10.5 pt
export const TABLE_SIZE = 18; // 小五 9 pt
const CELL_PADDING = 80;

/** Lines as typed: each line after the first starts with a line break. */
export const runs = (value: string, options: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] =>
  value.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));

export const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, bold: true, size: 24, color: '000000' })],
  });

export const paragraph = (
  text: string,
  options: { size?: number; color?: string; bold?: boolean; keepNext?: boolean } = {},
) =>
  new Paragraph({
    spacing: { after: 60 },
    keepNext: options.keepNext,
    children: runs(text, { size: options.size ?? BODY_SIZE, color: options.color, bold: options.bold }),
  });

export interface WordImage {
  image: Buffer;
  type: 'png' | 'jpg';
  /** Pixels as Word places them (96 per inch). */
  width: number;
  height: number;
}

export type WordCell = string | WordImage;

/** A row of cells, or a full-width group heading such as 「8. 安全疏散」. */
export type WordRow = WordCell[] | { group: string };

export interface WordColumn extends PrintColumn {
  align?: 'left' | 'center' | 'right';
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: border, bottom: border, left: border, right: border };

const isImage = (cell: WordCell): cell is WordImage => typeof cell !== 'string';

/**
 * A line's printed width in half-CJK units: Latin letters and digits print wider than half a CJK
 * character in most fonts (SimSun's own are half; its usual substitutes' are not), so they count 1.25.
 */
const printedWidth = (line: string) => {
  const wide = displayWidth(line) - line.length;
  return wide * 2 + (line.length - wide) * 1.25;
};

function cellParagraphs(
  cell: WordCell,
  size: number,
  align: WordColumn['align'],
  bold: boolean,
  keepNext: boolean,
): Paragraph[] {
  if (isImage(cell)) {
    return [
      new Paragraph({
        alignment: ALIGN[align ?? 'left'],
        keepNext,
        children: [
          new ImageRun({
            type: cell.type,
            data: cell.image,
            transformation: { width: cell.width, height: cell.height },
          }),
        ],
      }),
    ];
  }
  return [new Paragraph({ alignment: ALIGN[align ?? 'left'], keepNext, children: runs(cell, { size, bold }) })];
}

/**
 * A table as wide as the text, its columns fitted to the content (print-layout.ts). Widths are
 * given three ways (grid, cell, fixed layout) because Word and LibreOffice each read another.
 */
export function wordTable(
  columns: WordColumn[],
  rows: WordRow[],
  options: { landscape?: boolean; size?: number; width?: number; keepTogether?: boolean } = {},
): Table {
  const size = options.size ?? TABLE_SIZE;
  const total = options.width ?? textWidth(options.landscape ?? false);
  // One width unit (half a CJK character) at this size, in twips.
  const unit = size * 5;
  const textRows = rows
    .filter((r): r is WordCell[] => Array.isArray(r))
    .map((r) => r.map((c) => (isImage(c) ? '' : c)));
  const available = (total - columns.length * 2 * CELL_PADDING) / unit;
  const units = fitWidths(columns, textRows, available, printedWidth);
  const scale = (total - columns.length * 2 * CELL_PADDING) / units.reduce((a, b) => a + b, 0);
  const widths = units.map((u) => Math.floor(u * scale) + 2 * CELL_PADDING);
  const margins = { left: CELL_PADDING, right: CELL_PADDING, top: 30, bottom: 30 };
  // A short table (signatures) stays on one page: every row but the last keeps with the next.
  const keepNext = (n: number) => !!options.keepTogether && n < rows.length;
  const cell = (content: WordCell, i: number, n: number, header = false) =>
    new TableCell({
      borders,
      margins,
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      shading: header ? { type: ShadingType.CLEAR, fill: 'E8EEF7', color: 'auto' } : undefined,
      children: cellParagraphs(content, size, header ? 'center' : columns[i].align, header, keepNext(n)),
    });
  const sum = widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: sum, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, 0, true)) }),
      ...rows.map((row, n) =>
        Array.isArray(row)
          ? new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, n + 1)) })
          : new TableRow({
              cantSplit: true,
              children: [
                new TableCell({
                  borders,
                  margins,
                  columnSpan: columns.length,
                  width: { size: sum, type: WidthType.DXA },
                  shading: { type: ShadingType.CLEAR, fill: 'F4F6FA', color: 'auto' },
                  children: [new Paragraph({ keepNext: true, children: runs(row.group, { size, bold: true }) })],
                }),
              ],
            }),
      ),
    ],
  });
}

/** Label–value pairs as a two-column table (基本信息, 方案要素). */
export function factsTable(
  facts: [string, string][],
  options: { landscape?: boolean; size?: number; keepTogether?: boolean } = {},
): Table {
  return wordTable(
    [
      { header: '项目', keep: true },
      { header: '内容', min: 20 },
    ],
    facts.map(([k, v]) => [k, v]),
    options,
  );
}

/**
 * One A4 document: `heading` as the first line, the title (`title`) in every page's header, and
 * 第 n 页，共 m 页 in every footer, so a printed page on its own says what it belongs to.
 */
export function wordDocument(options: {
  title: string;
  heading: string;
  subtitle?: string;
  landscape?: boolean;
  children: (Paragraph | Table)[];
}): Document {
  const landscape = options.landscape ?? false;
  return new Document({
    creator: '黄石市建筑业一体化监管平台',
    title: options.title,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page.
            size: {
              width: A4.short,
              height: A4.long,
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: MARGIN.top,
              bottom: MARGIN.bottom,
              left: MARGIN.side,
              right: MARGIN.side,
              header: MARGIN.header,
              footer: MARGIN.footer,
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 2 } },
                children: [new TextRun({ text: options.title, size: 16, color: '404040' })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: options.heading, bold: true, size: 32 })],
          }),
          ...(options.subtitle
            ? [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  spacing: { after: 200 },
                  children: runs(options.subtitle, { size: 18, color: '404040' }),
                }),
              ]
            : []),
          ...options.children,
        ],
      },
    ],
  });
}
