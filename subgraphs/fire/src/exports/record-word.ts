import { Packer, type Paragraph, type Table } from 'docx';
import type { InspectionRecord, RecordBox, RecordLine, RecordPlan } from './record-export.js';
import { RECORD_HEADING } from './record-export.js';
import { factsTable, heading, paragraph, type WordCell, type WordRow, wordDocument, wordTable } from './word.js';

/**
 * The record in Word, A4 portrait for filing: results one row per check line (合格 counted, every
 * 不合格 named with its place and note) rather than one row per line × place, so a record reads in
 * a few pages and still holds every verdict; the workbook keeps one row per result.
 */
const SMALL = 16;
const SIGNATURE_IMAGE = { width: 120, height: 48 };

/** 「合格（6 处）」, 「不合格 1 处：1#楼 3层（…）；其余 5 处合格」, with what is not recorded yet. */
export function lineVerdict(line: RecordLine): string {
  const parts: string[] = [];
  const passed = line.recorded - line.failures.length;
  if (line.failures.length) {
    parts.push(
      `不合格 ${line.failures.length} 处：${line.failures.map((f) => (f.note ? `${f.location}（${f.note}）` : f.location)).join('；')}`,
    );
    if (passed) parts.push(`其余 ${passed} 处合格`);
  } else if (passed) parts.push(`合格（${passed} 处${line.everywhere ? '，全部检查' : ''}）`);
  const missing = line.required - line.recorded;
  if (missing) parts.push(`未记录 ${missing} 处`);
  return parts.join('；');
}

function boxesTable(boxes: RecordBox[], withOpinion: boolean): Table {
  const rows: WordRow[] = boxes.map((b) => {
    const s = b.signature;
    const image: WordCell = s?.image
      ? { image: s.image, type: 'png', ...SIGNATURE_IMAGE }
      : s
        ? '（无签名图像）'
        : '（未签名）';
    const cells: WordCell[] = [`${b.slot}. ${b.label}`, s?.signerName ?? '', image];
    if (withOpinion) cells.push(s ? (s.agree ? '同意' : `不同意：${s.opinion}`) : '');
    cells.push(s?.signedAt ?? '');
    return cells;
  });
  return wordTable(
    [
      { header: '签名框', min: 12, max: 18 },
      { header: '签名人', min: 8, max: 12 },
      { header: '签名', min: 28, keep: true },
      ...(withOpinion ? [{ header: '意见', min: 8, max: 30 }] : []),
      { header: '签名时间', keep: true },
    ],
    rows,
    { keepTogether: true },
  );
}

/** Each signature signed the plan's content hash; one that did not (never expected) is named. */
function signedContentNote(plan: RecordPlan): Paragraph {
  const other = plan.boxes.filter((b) => b.signature && b.signature.contentHash !== plan.contentHash);
  return paragraph(
    other.length
      ? `注意：${other.map((b) => `${b.slot}. ${b.label}所签内容摘要为 ${b.signature!.contentHash}`).join('；')}，与本方案摘要不同。`
      : `各签名所确认的内容即本方案（SM3 摘要 ${plan.contentHash}）。确认内容：“${plan.confirmationText}”`,
    { size: SMALL, color: '404040' },
  );
}

function planBlocks(plan: RecordPlan): (Paragraph | Table)[] {
  return [
    factsTable(plan.facts, { keepTogether: true }),
    paragraph('抽查规则：', { bold: true, size: SMALL, keepNext: true }),
    ...plan.rule.map((line, n) => paragraph(`${n + 1}. ${line}`, { size: SMALL })),
    ...(plan.redrawNote ? [paragraph(plan.redrawNote, { size: SMALL, color: 'B45309' })] : []),
    wordTable(
      [
        { header: '序号', keep: true, align: 'center' },
        { header: '检查项目', min: 10, max: 22 },
        { header: '抽查部位', min: 30 },
        { header: '全部检查项', min: 10, max: 26 },
      ],
      plan.items.map((it) => [
        String(it.no),
        it.name,
        it.applicable ? `共 ${it.count} 处\n${it.locations}` : '不涉及',
        it.always,
      ]),
    ),
    paragraph('方案签名确认（按签名框顺序）', { bold: true, keepNext: true }),
    boxesTable(plan.boxes, true),
    signedContentNote(plan),
  ];
}

export async function recordDocx(record: InspectionRecord): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  children.push(heading('一、抽查项目基本信息'), factsTable(record.info));

  children.push(heading('二、楼栋及楼层消防基本信息'));
  children.push(
    record.buildings.length
      ? wordTable(
          [
            { header: '楼栋', min: 8, max: 14 },
            { header: '层数', min: 10, max: 16 },
            { header: '建筑类别、耐火等级、结构', min: 14, max: 24 },
            { header: '高度(m)', keep: true, align: 'right' },
            { header: '面积(㎡)', keep: true, align: 'right' },
            { header: '使用性质', min: 8, max: 14 },
            { header: '消防电梯', keep: true, align: 'center' },
            { header: '适用检查项目、说明', min: 14 },
          ],
          record.buildings.map((b) => [
            b.name,
            b.storeys,
            [b.category, b.rating ? `耐火等级${b.rating}` : '', b.structure].filter(Boolean).join('\n'),
            b.height,
            b.area,
            b.useNature,
            b.fireLift,
            [`适用检查项目：${b.items}`, b.remarks].filter(Boolean).join('\n'),
          ]),
        )
      : paragraph('（尚未添加楼栋）'),
  );
  const ownFloors = record.buildings.flatMap((b) => b.floors.filter((f) => f.own).map((f) => ({ b, f })));
  if (ownFloors.length) {
    children.push(paragraph('单独填写了信息的楼层（其余楼层同楼栋）：', { size: SMALL }));
    children.push(
      wordTable(
        [
          { header: '楼栋', min: 8, max: 14 },
          { header: '楼层', keep: true },
          { header: '使用功能', min: 8, max: 16 },
          { header: '面积(㎡)', keep: true, align: 'right' },
          { header: '适用检查项目', min: 16 },
          { header: '说明', min: 10, max: 30 },
        ],
        ownFloors.map(({ b, f }) => [b.name, f.name, f.useNature, f.area, f.items, f.remarks]),
      ),
    );
  }

  children.push(heading('三、随机抽查部位及抽查方案'));
  if (record.plan) children.push(...planBlocks(record.plan));
  else children.push(paragraph('（尚未生成抽查方案）'));

  children.push(heading('四、抽查结果'));
  if (record.resultItems.length) {
    children.push(
      wordTable(
        [
          { header: '序号', keep: true, align: 'center' },
          { header: '检查项目', min: 12, max: 24 },
          { header: '抽查部位', keep: true, align: 'right' },
          { header: '应记录', keep: true, align: 'right' },
          { header: '已记录', keep: true, align: 'right' },
          { header: '不合格', keep: true, align: 'right' },
          { header: '状态', keep: true, align: 'center' },
        ],
        record.resultItems.map((it) => {
          const required = it.lines.reduce((n, l) => n + l.required, 0);
          const recorded = it.lines.reduce((n, l) => n + l.recorded, 0);
          const failed = it.lines.reduce((n, l) => n + l.failures.length, 0);
          return [
            String(it.no),
            it.name,
            it.applicable ? String(it.locationCount) : '—',
            String(required),
            String(recorded),
            String(failed),
            !it.applicable ? '不涉及' : recorded < required ? '未完成' : failed ? '有不合格' : '合格',
          ];
        }),
      ),
    );
    const rows: WordRow[] = [];
    for (const it of record.resultItems) {
      if (!it.applicable) continue;
      rows.push({ group: `${it.no}. ${it.name}\u3000抽查部位（${it.locationCount} 处）：${it.locations}` });
      for (const line of it.lines) rows.push([line.subItem, line.line, line.importance, lineVerdict(line)]);
    }
    children.push(paragraph('各检查内容的结果：', { size: SMALL }));
    children.push(
      wordTable(
        [
          { header: '子项', min: 8, max: 14 },
          { header: '检查内容', min: 30 },
          { header: '类别', keep: true, align: 'center' },
          { header: '结果', min: 14, max: 40 },
        ],
        rows,
      ),
    );
    children.push(
      paragraph('类别：A 关键项、B 主要项、C 一般项。每处部位的逐条记录见 Excel 格式的抽查记录。', {
        size: SMALL,
        color: '404040',
      }),
    );
  } else children.push(paragraph('（抽查方案确认后记录）'));

  if (record.extras.length) {
    children.push(heading('现场新增部位'));
    children.push(
      wordTable(
        [
          { header: '检查项目', min: 10, max: 20 },
          { header: '部位', min: 10, max: 24 },
          { header: '详细抽查情况说明', min: 20 },
          { header: '新增时间', keep: true },
        ],
        record.extras.map((e) => [e.item, e.label, e.note, e.createdAt]),
      ),
    );
  }
  if (record.photos.length) {
    children.push(heading('现场照片'));
    children.push(
      wordTable(
        [
          { header: '照片', min: 44, keep: true },
          { header: '检查项目、部位、拍摄时间与位置', min: 20 },
        ],
        record.photos.map((p) => [
          p.image
            ? { image: p.image, type: 'jpg', width: 240, height: Math.round((240 * p.height) / p.width) }
            : '（照片文件缺失）',
          `${p.item}\n${p.location}\n${p.capturedAt}\n${p.position}\nSHA-256：${p.sha256}`,
        ]),
      ),
    );
  }

  children.push(heading('五、抽查结果签名确认'));
  if (record.resultBoxes.length) {
    children.push(paragraph(`确认内容：“${record.resultConfirmationText}”`, { size: SMALL, keepNext: true }));
    children.push(boxesTable(record.resultBoxes, false));
  } else children.push(paragraph('（抽查方案确认后签名）'));

  if (record.voidPlans.length) {
    children.push(heading('附：作废的抽查方案'));
    for (const plan of record.voidPlans) {
      children.push(paragraph(plan.heading, { bold: true }), ...planBlocks(plan));
    }
  }

  const doc = wordDocument({
    title: record.title,
    heading: RECORD_HEADING,
    subtitle: `${record.projectName}\n${record.exported}`,
    children,
  });
  return Packer.toBuffer(doc);
}
