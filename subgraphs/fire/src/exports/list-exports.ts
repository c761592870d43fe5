import { batchesOf, type Caller, chinaDateTime, type ExportColumn, HUANGSHI_DIVISIONS, type ListSheet } from '@hs/kit';
import { Packer } from 'docx';
import type { FireContext } from '../context.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { CATEGORY_LABELS, STATUS_LABELS } from '../inspections/inspection.enums.js';
import type { FireInspectionFilter } from '../inspections/inspection.inputs.js';
import { inspectionSelection } from '../inspections/inspection.service.js';
import { type FireInspectionSortInput, inspectionOrder } from '../inspections/inspection.sort.js';
import type { SearchField } from '../inspections/search-tokens.js';
import { InspectionResult } from '../results/result.entity.js';
import { type InspectionFacts, inspectionFacts, resultReader, type ResultFacts } from './export.data.js';
import { paragraph, wordDocument, type WordRow, wordTable } from './word.js';

/**
 * 1.3.9 抽查项目库列表 and 抽查结果列表: Excel streamed through the kit (ADR 0013) batch by batch
 * from one snapshot, Word built in memory (docx cannot stream, hence its smaller limits). Both
 * follow the link's filter or selection, its sort, and the data scope of the caller it carries.
 */
export interface ListArgs {
  filter?: FireInspectionFilter | null;
  sort?: FireInspectionSortInput | null;
  ids?: string[] | null;
}

export const LIST_TITLE = '消防验收现场评定抽查项目列表';
export const RESULTS_TITLE = '消防验收现场评定抽查结果列表';

const DISTRICT_NAMES = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));

const TEXT_FILTERS: Record<SearchField, string> = {
  projectName: '项目名称',
  builderUnit: '建设单位',
  designUnit: '设计单位',
  generalContractorUnit: '施工总包单位',
  fireContractorUnit: '消防施工单位',
  supervisorUnit: '监理单位',
  fireTestingUnit: '消防检测机构',
  leaderName: '项目负责人',
  address: '工程地址',
};

/** What was exported, by whom and when, in words: the line under the title and in the footer. */
export function describeSelection(args: ListArgs, caller: Caller | null, now: Date): string {
  const parts: string[] = [];
  if (args.ids) parts.push(`所选 ${args.ids.length} 个项目`);
  else {
    const f = args.filter ?? {};
    if (f.keyword) parts.push(`关键字“${f.keyword}”`);
    for (const [field, label] of Object.entries(TEXT_FILTERS)) {
      const value = f[field as SearchField];
      if (value) parts.push(`${label}包含“${value}”`);
    }
    if (f.leaderIdCard) parts.push('按身份证号');
    if (f.category) parts.push(`类别：${CATEGORY_LABELS[f.category]}`);
    if (f.status) parts.push(`进度：${STATUS_LABELS[f.status]}`);
    if (f.districtCode) parts.push(`区县：${DISTRICT_NAMES.get(f.districtCode) ?? f.districtCode}`);
    if (f.inspectionDateFrom || f.inspectionDateTo)
      parts.push(`检查日期 ${f.inspectionDateFrom ?? '…'} 至 ${f.inspectionDateTo ?? '…'}`);
    if (f.projectId) parts.push('指定工程项目');
  }
  const who = caller ? `导出人：${caller.displayName || caller.username}；` : '';
  return `${who}导出时间：${chinaDateTime(now)}；范围：${parts.length ? parts.join('，') : '全部（本账号数据范围内）'}`;
}

// ------------------------------------------------------------------------------------- inspections

export interface ListedInspection {
  no: number;
  facts: InspectionFacts;
}

/** The inspections of a link in its order, numbered, in batches from one REPEATABLE READ snapshot. */
export async function* inspectionBatches(ctx: FireContext, args: ListArgs, size = 500) {
  const where = inspectionSelection(ctx.em, ctx.caller, args, ctx.runtime.fieldKey);
  let no = 0;
  for await (const batch of batchesOf(
    ctx,
    (offset, limit) => ctx.em.find(Inspection, where, { orderBy: inspectionOrder(args.sort) as never, offset, limit }),
    size,
  )) {
    yield batch.map((inspection) => ({ no: ++no, inspection }));
  }
}

const unit = (n: number) => (row: ListedInspection) => row.facts.units[n][1];

/** One column per field of 1.3.1, so the sheet can be filtered; long names wrap at their width. */
export const INSPECTION_COLUMNS: ExportColumn<ListedInspection>[] = [
  { header: '序号', value: (r) => r.no, numeric: true },
  { header: '建筑工程项目名称', value: (r) => r.facts.projectName, maxWidth: 14 },
  { header: '区县', value: (r) => r.facts.district },
  { header: '工程地址', value: (r) => r.facts.address, maxWidth: 12 },
  { header: '项目类别', value: (r) => r.facts.category },
  { header: '建设单位', value: unit(0), maxWidth: 10 },
  { header: '设计单位', value: unit(1), maxWidth: 10 },
  { header: '施工总包单位', value: unit(2), maxWidth: 10 },
  { header: '消防施工单位', value: unit(3), maxWidth: 10 },
  { header: '监理单位', value: unit(4), maxWidth: 10 },
  { header: '消防检测机构单位', value: unit(5), maxWidth: 10 },
  { header: '项目负责人', value: (r) => r.facts.leaderName },
  { header: '联系电话', value: (r) => r.facts.leaderPhone },
  { header: '身份证号', value: (r) => r.facts.leaderIdCard },
  { header: '装饰装修', value: (r) => r.facts.decoration, maxWidth: 10 },
  { header: '检查日期', value: (r) => r.facts.inspectionDate },
  { header: '改变用途', value: (r) => r.facts.changeOfUse, maxWidth: 10 },
  { header: '进度', value: (r) => r.facts.status, maxWidth: 12 },
];

export function inspectionSheet(ctx: FireContext, args: ListArgs): ListSheet<ListedInspection> {
  return {
    title: LIST_TITLE,
    subtitle: describeSelection(args, ctx.caller, ctx.runtime.now()),
    columns: INSPECTION_COLUMNS,
  };
}

export async function* listedInspections(ctx: FireContext, args: ListArgs): AsyncGenerator<ListedInspection[]> {
  for await (const batch of inspectionBatches(ctx, args)) {
    yield batch.map(({ no, inspection }) => ({
      no,
      facts: inspectionFacts(inspection, ctx.caller, ctx.runtime.fieldKey),
    }));
  }
}

const UNIT_SHORT: Record<string, string> = {
  建设单位: '建设',
  设计单位: '设计',
  施工总包单位: '总包',
  消防施工单位: '消防施工',
  监理单位: '监理',
  消防检测机构单位: '检测',
};

/** The list in Word: fewer, merged columns (the six units in one cell) so that A4 landscape stays readable. */
export async function inspectionListDocx(ctx: FireContext, args: ListArgs): Promise<Buffer> {
  const rows: WordRow[] = [];
  for await (const batch of listedInspections(ctx, args)) {
    for (const { no, facts } of batch) {
      rows.push([
        String(no),
        facts.projectName,
        facts.district,
        facts.address,
        facts.category,
        facts.units
          .filter(([, name]) => name)
          .map(([label, name]) => `${UNIT_SHORT[label] ?? label}：${name}`)
          .join('\n'),
        [facts.leaderName, facts.leaderPhone, facts.leaderIdCard].filter(Boolean).join('\n'),
        `装饰装修：${facts.decoration}\n改变用途：${facts.changeOfUse}`,
        facts.inspectionDate,
        facts.status,
      ]);
    }
  }
  const table = wordTable(
    [
      { header: '序号', keep: true, align: 'center' },
      { header: '建筑工程项目名称', min: 12, max: 24 },
      { header: '区县', keep: true },
      { header: '工程地址', min: 10, max: 22 },
      { header: '类别', keep: true, align: 'center' },
      { header: '参建单位', min: 40, max: 48 },
      { header: '项目负责人', keep: true },
      { header: '装饰装修、改变用途', min: 14, max: 24 },
      { header: '检查日期', keep: true },
      { header: '进度', min: 10, max: 16 },
    ],
    rows.length ? rows : [{ group: '（无符合条件的记录）' }],
    { landscape: true },
  );
  const doc = wordDocument({
    title: LIST_TITLE,
    heading: LIST_TITLE,
    subtitle: `${describeSelection(args, ctx.caller, ctx.runtime.now())}；共 ${rows.length} 条`,
    landscape: true,
    children: [table],
  });
  return Packer.toBuffer(doc);
}

// ------------------------------------------------------------------------------------- results

export interface ListedResult {
  no: number;
  /** What the rows are grouped by. */
  inspection: { id: string; projectName: string; inspectionDate: string; status: string };
  result: ResultFacts;
}

const RESULT_ORDER = [{ lineCode: 'asc' }, { locationLabel: 'asc' }, { id: 'asc' }] as const;

/**
 * The results of the link's inspections, in the inspections' order and then by check line and
 * location: a batch of inspections at a time (the snapshot is batchesOf's), their results read in
 * the same transaction. A long export holds many result rows: the file streams them.
 */
export async function* listedResults(ctx: FireContext, args: ListArgs): AsyncGenerator<ListedResult[]> {
  const read = resultReader(ctx.em);
  let no = 0;
  for await (const batch of inspectionBatches(ctx, args, 20)) {
    const rank = new Map(batch.map((b, i) => [b.inspection.id, i]));
    const results = await ctx.em.find(
      InspectionResult,
      { inspection: { $in: [...rank.keys()] } },
      { orderBy: RESULT_ORDER as never },
    );
    const facts = await read(results);
    const rows = results
      .map((r, i) => ({ at: rank.get(r.inspection.id)!, result: facts[i] }))
      .sort((a, b) => a.at - b.at);
    if (rows.length === 0) continue;
    yield rows.map(({ at, result }) => {
      const { inspection } = batch[at];
      return {
        no: ++no,
        inspection: {
          id: inspection.id,
          projectName: inspection.projectName,
          inspectionDate: inspection.inspectionDate ?? '',
          status: STATUS_LABELS[inspection.status],
        },
        result,
      };
    });
  }
}

export const RESULT_COLUMNS: ExportColumn<ListedResult>[] = [
  { header: '序号', value: (r) => r.no, numeric: true },
  { header: '建筑工程项目名称', value: (r) => r.inspection.projectName, maxWidth: 18 },
  { header: '检查日期', value: (r) => r.inspection.inspectionDate },
  { header: '检查项目', value: (r) => r.result.item, maxWidth: 16 },
  { header: '子项', value: (r) => r.result.subItem, maxWidth: 14 },
  { header: '检查内容', value: (r) => r.result.line, maxWidth: 36 },
  { header: '重要程度', value: (r) => r.result.importance },
  { header: '抽查部位', value: (r) => r.result.location, maxWidth: 18 },
  { header: '结果', value: (r) => r.result.verdict },
  { header: '情况说明', value: (r) => r.result.note, maxWidth: 24 },
  { header: '记录时间', value: (r) => r.result.recordedAt },
];

export function resultSheet(ctx: FireContext, args: ListArgs): ListSheet<ListedResult> {
  return {
    title: RESULTS_TITLE,
    subtitle: describeSelection(args, ctx.caller, ctx.runtime.now()),
    columns: RESULT_COLUMNS,
  };
}

/**
 * The results in Word: grouped by inspection (its name, date and progress) and within it by item,
 * one row per check line × place, so the line's text has the width and most rows take one line.
 */
export async function resultListDocx(ctx: FireContext, args: ListArgs): Promise<Buffer> {
  const rows: WordRow[] = [];
  let inspections = 0;
  let results = 0;
  let current: string | null = null;
  let item: string | null = null;
  for await (const batch of listedResults(ctx, args)) {
    for (const { no, inspection, result: r } of batch) {
      if (inspection.id !== current) {
        current = inspection.id;
        item = null;
        inspections += 1;
        rows.push({
          group: `${inspections}. ${inspection.projectName}（检查日期 ${inspection.inspectionDate || '未填写'}；${inspection.status}）`,
        });
      }
      if (r.itemCode !== item) {
        item = r.itemCode;
        rows.push({ group: `\u3000${r.item}` });
      }
      results += 1;
      rows.push([String(no), r.subItem, r.line, r.importanceClass, r.location, r.verdict, r.note]);
    }
  }
  const table = wordTable(
    [
      { header: '序号', keep: true, align: 'center' },
      { header: '子项', min: 8, max: 16 },
      { header: '检查内容', min: 40, max: 80 },
      { header: '类别', keep: true, align: 'center' },
      { header: '抽查部位', min: 10, max: 20 },
      { header: '结果', keep: true, align: 'center' },
      { header: '情况说明', min: 10, max: 30 },
    ],
    rows.length ? rows : [{ group: '（所选项目尚无抽查结果）' }],
    { landscape: true },
  );
  const doc = wordDocument({
    title: RESULTS_TITLE,
    heading: RESULTS_TITLE,
    subtitle: `${describeSelection(args, ctx.caller, ctx.runtime.now())}；${inspections} 个项目的 ${results} 条结果`,
    landscape: true,
    children: [
      table,
      paragraph('每条结果为一条检查内容在一处抽查部位的记录。类别：A 关键项、B 主要项、C 一般项。', {
        size: 16,
        color: '404040',
      }),
    ],
  });
  return Packer.toBuffer(doc);
}
