import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  type IRunOptions,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';

/**
 * 1.3.9 file builders (pure: data in, bytes out; no database, no GraphQL). .xlsx with exceljs,
 * .docx with docx; both read back in the tests with exceljs / jszip and converted by LibreOffice.
 */

export type Cell = string | number | null | undefined;

export interface Column {
  header: string;
  key: string;
  /** Characters, for the spreadsheet. */
  width?: number;
}

export interface ListExport {
  title: string;
  sheetName: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  /** Lines under the title (filter, time of export). */
  notes?: string[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'SimSun';
const text = (v: Cell) => (v == null ? '' : String(v));

/** Runs of multi-line text as typed: each line after the first starts with a Word line break. */
const runs = (value: string, options: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] =>
  value.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
}

function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: Record<string, Cell>[],
  title?: string,
  notes: string[] = [],
) {
  const ws = wb.addWorksheet(name);
  let r = 1;
  if (title) {
    ws.getCell(r, 1).value = title;
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    r++;
    for (const note of notes) {
      ws.getCell(r, 1).value = note;
      r++;
    }
  }
  const header = ws.getRow(r);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width ?? Math.max(10, Array.from(c.header).length * 2 + 2);
  });
  styleHeader(header);
  for (const row of rows) {
    r++;
    const line = ws.getRow(r);
    columns.forEach((c, i) => {
      const v = row[c.key];
      line.getCell(i + 1).value = v == null ? null : v;
    });
    line.alignment = { vertical: 'top', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: title ? 2 + notes.length : 1 }];
  return ws;
}

export async function buildListXlsx(list: ListExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '黄石市建筑业一体化监管平台';
  wb.created = new Date(0);
  addTableSheet(wb, list.sheetName, list.columns, list.rows, list.title, list.notes);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function docxTable(columns: Column[], rows: Record<string, Cell>[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (value: string, bold = false) =>
    new TableCell({ borders, children: [new Paragraph({ children: runs(value, { bold, size: 18 }) })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.header, true)) }),
      ...rows.map((row) => new TableRow({ children: columns.map((c) => cell(text(row[c.key]))) })),
    ],
  });
}

const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) =>
  new Paragraph({ heading: level, children: [new TextRun({ text: value, bold: true })] });

function document(children: (Paragraph | Table)[], landscape: boolean): Document {
  return new Document({
    creator: '黄石市建筑业一体化监管平台',
    title: '消防验收现场评定抽查',
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children,
      },
    ],
  });
}

export async function buildListDocx(list: ListExport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: list.title, bold: true })],
    }),
    ...(list.notes ?? []).map((n) => new Paragraph({ children: [new TextRun({ text: n, size: 18 })] })),
    docxTable(list.columns, list.rows),
  ];
  return Packer.toBuffer(document(children, true));
}

// ---------------------------------------------------------------------------------------------
// One inspection's full record
// ---------------------------------------------------------------------------------------------

export interface SignatureView {
  box: string;
  signerName: string;
  agree: boolean;
  opinion: string;
  signedAt: string;
  contentHash: string;
  image: Buffer | null;
}

export interface PlanView {
  title: string;
  facts: [string, string][];
  itemColumns: Column[];
  items: Record<string, Cell>[];
  signatures: SignatureView[];
}

export interface PhotoView {
  item: string;
  location: string;
  capturedAt: string;
  /** 经纬度 ±精度 and the distance to the site. */
  position: string;
  sha256: string;
  width: number;
  height: number;
  image: Buffer | null;
}

export interface InspectionRecord {
  title: string;
  info: [string, string][];
  buildingColumns: Column[];
  buildings: Record<string, Cell>[];
  /** The confirmed (or current) plan first, then the void ones. */
  plans: PlanView[];
  resultColumns: Column[];
  results: Record<string, Cell>[];
  extraColumns: Column[];
  extras: Record<string, Cell>[];
  resultSignatures: SignatureView[];
  photos: PhotoView[];
  notes: string[];
}

const PHOTO_COLUMNS: Column[] = [
  { header: '检查项目', key: 'item', width: 24 },
  { header: '部位', key: 'location', width: 20 },
  { header: '拍摄时间', key: 'capturedAt', width: 20 },
  { header: '拍摄位置', key: 'position', width: 40 },
  { header: '照片 SHA-256', key: 'sha256', width: 66 },
];

const SIGNATURE_COLUMNS: Column[] = [
  { header: '签名框', key: 'box', width: 16 },
  { header: '签名人', key: 'signerName', width: 12 },
  { header: '意见', key: 'agree', width: 8 },
  { header: '确认内容', key: 'opinion', width: 40 },
  { header: '签名时间', key: 'signedAt', width: 20 },
  { header: '所签内容 SM3 摘要', key: 'contentHash', width: 66 },
];

const signatureRows = (s: SignatureView[]) =>
  s.map((x) => ({
    box: x.box,
    signerName: x.signerName,
    agree: x.agree ? '同意' : '不同意',
    opinion: x.opinion,
    signedAt: x.signedAt,
    contentHash: x.contentHash,
  }));

export async function buildRecordXlsx(record: InspectionRecord): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '黄石市建筑业一体化监管平台';
  wb.created = new Date(0);
  addTableSheet(
    wb,
    '基本信息',
    [
      { header: '项目', key: 'k', width: 20 },
      { header: '内容', key: 'v', width: 60 },
    ],
    record.info.map(([k, v]) => ({ k, v })),
    record.title,
    record.notes,
  );
  addTableSheet(wb, '楼栋楼层', record.buildingColumns, record.buildings);
  record.plans.forEach((plan, i) => {
    const ws = addTableSheet(
      wb,
      i === 0 ? '抽查方案' : `作废方案${i}`,
      plan.itemColumns,
      plan.items,
      plan.title,
      plan.facts.map(([k, v]) => `${k}：${v}`),
    );
    const start = ws.rowCount + 2;
    ws.getCell(start, 1).value = '方案签名';
    ws.getCell(start, 1).font = { bold: true };
    signatureRows(plan.signatures).forEach((row, r) =>
      SIGNATURE_COLUMNS.forEach(
        (c, ci) => (ws.getCell(start + 1 + r, ci + 1).value = text(row[c.key as keyof typeof row])),
      ),
    );
  });
  addTableSheet(wb, '抽查结果', record.resultColumns, record.results);
  addTableSheet(wb, '现场新增部位', record.extraColumns, record.extras);
  addTableSheet(wb, '结果签名', SIGNATURE_COLUMNS, signatureRows(record.resultSignatures));
  addTableSheet(wb, '现场照片', PHOTO_COLUMNS, record.photos as unknown as Record<string, Cell>[]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function signatureParagraphs(signatures: SignatureView[]): Paragraph[] {
  return signatures.flatMap((s) => [
    new Paragraph({
      children: [
        new TextRun({ text: `${s.box}：${s.signerName}（${s.agree ? '同意' : '不同意'}）  ${s.signedAt}`, bold: true }),
      ],
    }),
    new Paragraph({ children: runs(s.opinion) }),
    ...(s.image
      ? [
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: s.image, transformation: { width: 150, height: 60 } })],
          }),
        ]
      : []),
    new Paragraph({ children: [new TextRun({ text: `所签内容 SM3：${s.contentHash}`, size: 16, color: '666666' })] }),
  ]);
}

export async function buildRecordDocx(record: InspectionRecord): Promise<Buffer> {
  const infoColumns: Column[] = [
    { header: '项目', key: 'k' },
    { header: '内容', key: 'v' },
  ];
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: record.title, bold: true })],
    }),
    ...record.notes.map((n) => new Paragraph({ children: [new TextRun({ text: n, size: 18 })] })),
    heading('一、抽查项目基本信息'),
    docxTable(
      infoColumns,
      record.info.map(([k, v]) => ({ k, v })),
    ),
    heading('二、楼栋及楼层消防基本信息'),
    docxTable(record.buildingColumns, record.buildings),
  ];
  record.plans.forEach((plan, i) => {
    children.push(heading(i === 0 ? '三、随机抽查部位及抽查方案' : `附：${plan.title}`));
    for (const [k, v] of plan.facts)
      children.push(new Paragraph({ children: [new TextRun({ text: `${k}：${v}`, size: 18 })] }));
    children.push(docxTable(plan.itemColumns, plan.items));
    children.push(new Paragraph({ children: [new TextRun({ text: '方案签名', bold: true })] }));
    children.push(...signatureParagraphs(plan.signatures));
  });
  children.push(heading('四、抽查结果'));
  children.push(docxTable(record.resultColumns, record.results));
  if (record.extras.length) {
    children.push(heading('现场新增部位'));
    children.push(docxTable(record.extraColumns, record.extras));
  }
  if (record.photos.length) {
    children.push(heading('现场照片'));
    for (const photo of record.photos) {
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${photo.item} · ${photo.location}  ${photo.capturedAt}`, bold: true })],
        }),
        new Paragraph({ children: [new TextRun({ text: photo.position, size: 16, color: '666666' })] }),
      );
      if (photo.image) {
        const width = 360;
        const height = Math.round((width * photo.height) / photo.width);
        children.push(
          new Paragraph({
            children: [new ImageRun({ type: 'jpg', data: photo.image, transformation: { width, height } })],
          }),
        );
      }
    }
  }
  children.push(heading('五、抽查结果签名确认'));
  children.push(
    ...(record.resultSignatures.length
      ? signatureParagraphs(record.resultSignatures)
      : [new Paragraph('（尚未签名）')]),
  );
  return Packer.toBuffer(document(children, true));
}
