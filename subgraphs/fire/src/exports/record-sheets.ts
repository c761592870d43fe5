import ExcelJS from 'exceljs';
import type { InspectionRecord, RecordBox, RecordPlan } from './record-export.js';
import { addPrintableSheet, type SheetColumn } from './sheet.js';

/**
 * The record as a workbook: one printable sheet per part (sheet.ts), the results one row per check
 * line × place so they can be filtered; signatures in box order, unsigned boxes included.
 */
const BOX_COLUMNS: SheetColumn[] = [
  { header: '签名框', min: 10, max: 18 },
  { header: '签名人', min: 8, max: 12 },
  { header: '意见', keep: true },
  { header: '确认内容', min: 16, max: 40 },
  { header: '签名时间', keep: true },
  { header: '所签内容 SM3 摘要', min: 20, max: 34 },
];

const boxRows = (boxes: RecordBox[]) =>
  boxes.map((b) => {
    const s = b.signature;
    return [
      `${b.slot}. ${b.label}`,
      s?.signerName ?? '（未签名）',
      s ? (s.agree ? '同意' : '不同意') : '',
      s?.opinion ?? '',
      s?.signedAt ?? '',
      s?.contentHash ?? '',
    ];
  });

const PLAN_COLUMNS: SheetColumn[] = [
  { header: '序号', keep: true, numeric: true },
  { header: '检查项目', min: 10, max: 24 },
  { header: '抽查部位', min: 30, max: 70 },
  { header: '全部检查项', min: 12, max: 30 },
];

function planNotes(plan: RecordPlan): string[] {
  return [
    ...plan.facts.map(([k, v]) => `${k}：${v}`),
    ...plan.rule.map((line, n) => `抽查规则 ${n + 1}：${line}`),
    ...(plan.redrawNote ? [plan.redrawNote] : []),
  ];
}

const planRows = (plan: RecordPlan) =>
  plan.items.map((it) => [it.no, it.name, it.applicable ? `共 ${it.count} 处\n${it.locations}` : '不涉及', it.always]);

export async function recordXlsx(record: InspectionRecord): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '黄石市建筑业一体化监管平台';
  wb.created = new Date(0);
  addPrintableSheet(wb, {
    name: '基本信息',
    title: record.title,
    notes: [record.exported],
    columns: [
      { header: '项目', min: 10, max: 18 },
      { header: '内容', min: 30, max: 70 },
    ],
    rows: record.info,
  });
  addPrintableSheet(wb, {
    name: '楼栋楼层',
    title: `${record.title}｜楼栋楼层`,
    columns: [
      { header: '楼栋', min: 6, max: 14 },
      { header: '楼层', keep: true },
      { header: '类型', keep: true },
      { header: '建筑类别', min: 8, max: 16 },
      { header: '耐火等级', keep: true },
      { header: '高度(m)', keep: true },
      { header: '使用功能', min: 8, max: 16 },
      { header: '面积(㎡)', keep: true },
      { header: '消防电梯', keep: true },
      { header: '适用检查项目', min: 12, max: 40 },
      { header: '说明', min: 8, max: 30 },
    ],
    rows: record.buildings.flatMap((b) =>
      b.floors.map((f) => [
        b.name,
        f.name,
        f.kind,
        b.category,
        b.rating,
        b.height,
        f.useNature || b.useNature,
        f.area,
        b.fireLift,
        f.items === '同楼栋' ? b.items : f.items,
        f.remarks || b.remarks,
      ]),
    ),
  });
  if (record.plan) {
    addPrintableSheet(wb, {
      name: '抽查方案',
      title: `${record.title}｜抽查方案`,
      notes: planNotes(record.plan),
      columns: PLAN_COLUMNS,
      rows: planRows(record.plan),
    });
    addPrintableSheet(wb, {
      name: '方案签名',
      title: `${record.title}｜方案签名`,
      columns: BOX_COLUMNS,
      rows: boxRows(record.plan.boxes),
    });
  }
  addPrintableSheet(wb, {
    name: '抽查结果',
    title: `${record.title}｜抽查结果`,
    columns: [
      { header: '序号', keep: true, numeric: true },
      { header: '检查项目', min: 8, max: 16 },
      { header: '子项', min: 6, max: 14 },
      { header: '检查内容', min: 20, max: 40 },
      { header: '重要程度', keep: true },
      { header: '抽查部位', min: 10, max: 18 },
      { header: '结果', keep: true },
      { header: '情况说明', min: 8, max: 24 },
      { header: '记录时间', keep: true },
    ],
    rows: record.results.map((r, n) => [
      n + 1,
      r.item,
      r.subItem,
      r.line,
      r.importance,
      r.location,
      r.verdict,
      r.note,
      r.recordedAt,
    ]),
  });
  addPrintableSheet(wb, {
    name: '现场新增部位',
    title: `${record.title}｜现场新增部位`,
    columns: [
      { header: '检查项目', min: 8, max: 16 },
      { header: '部位', min: 8, max: 24 },
      { header: '详细抽查情况说明', min: 20, max: 50 },
      { header: '新增时间', keep: true },
    ],
    rows: record.extras.map((e) => [e.item, e.label, e.note, e.createdAt]),
  });
  addPrintableSheet(wb, {
    name: '结果签名',
    title: `${record.title}｜结果签名`,
    notes: record.resultConfirmationText ? [`确认内容：“${record.resultConfirmationText}”`] : [],
    columns: BOX_COLUMNS,
    rows: boxRows(record.resultBoxes),
  });
  addPrintableSheet(wb, {
    name: '现场照片',
    title: `${record.title}｜现场照片`,
    columns: [
      { header: '检查项目', min: 8, max: 16 },
      { header: '部位', min: 8, max: 20 },
      { header: '拍摄时间', keep: true },
      { header: '拍摄位置', min: 16, max: 36 },
      { header: '照片 SHA-256', min: 20, max: 34 },
    ],
    rows: record.photos.map((p) => [p.item, p.location, p.capturedAt, p.position, p.sha256]),
  });
  record.voidPlans.forEach((plan, n) => {
    addPrintableSheet(wb, {
      name: `作废方案${n + 1}`,
      title: `${record.title}｜${plan.heading}`,
      notes: [
        ...planNotes(plan),
        ...plan.boxes
          .filter((b) => b.signature)
          .map(
            (b) =>
              `${b.slot}. ${b.label}：${b.signature!.signerName}，${b.signature!.agree ? '同意' : `不同意：${b.signature!.opinion}`}，${b.signature!.signedAt}`,
          ),
      ],
      columns: PLAN_COLUMNS,
      rows: planRows(plan),
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
