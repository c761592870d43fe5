import {
  AppError,
  bufferDownload,
  type DownloadDefinition,
  type DownloadLink,
  ErrorCode,
  exportLink,
  listDownload,
  XLSX_MIME,
} from '@hs/kit';
import type { FireContext } from '../context.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { findInspection, inspectionSelection } from '../inspections/inspection.service.js';
import { InspectionResult } from '../results/result.entity.js';
import {
  inspectionListDocx,
  inspectionSheet,
  LIST_TITLE,
  type ListArgs,
  type ListedInspection,
  listedInspections,
  type ListedResult,
  listedResults,
  resultListDocx,
  RESULTS_TITLE,
  resultSheet,
} from './list-exports.js';
import { readRecord, RECORD_HEADING } from './record-export.js';
import { recordXlsx } from './record-sheets.js';
import { recordDocx } from './record-word.js';
import { DOCX_MIME } from './word.js';

/**
 * 1.3.9 exports as ADR 0013 has them: the mutation checks the permission, counts what the person
 * sees (inspections, for the results too) under their scope, and hands out a 5-minute link; the
 * file is written when the link is opened, under the caller sealed in it.
 */
export type ExportFormat = 'XLSX' | 'DOCX';

/** A Word document is built in memory and printed: a bound that keeps it a document. */
export const MAX_DOCX_INSPECTIONS = 2000;
export const MAX_DOCX_RESULTS = 20_000;
/** One worksheet holds 1,048,576 rows; the title, subtitle and header take three. */
export const MAX_SHEET_RESULTS = 1_048_000;

export const DOWNLOAD_KINDS = {
  inspectionsXlsx: 'inspections-xlsx',
  inspectionsDocx: 'inspections-docx',
  resultsXlsx: 'results-xlsx',
  resultsDocx: 'results-docx',
  recordXlsx: 'record-xlsx',
  recordDocx: 'record-docx',
} as const;

const tooLarge = (message: string, details: Record<string, number>) =>
  new AppError(ErrorCode.EXPORT_TOO_LARGE, message, { details });

/** Just the list's arguments, as they travel in the link. */
const listArgs = (args: ListArgs): ListArgs => ({
  filter: args.filter ?? null,
  sort: args.sort ?? null,
  ids: args.ids ?? null,
});

function link(
  ctx: FireContext,
  request: { kind: string; title: string; args: Record<string, unknown>; format: ExportFormat },
  count: number,
): DownloadLink {
  const { kind, title, args, format } = request;
  return exportLink(
    { fieldKey: ctx.runtime.fieldKey, subgraph: 'fire', now: ctx.runtime.now() },
    { kind, title, caller: ctx.caller, args, extension: format === 'DOCX' ? 'docx' : 'xlsx' },
    count,
  );
}

export async function exportInspectionList(
  ctx: FireContext,
  args: ListArgs,
  format: ExportFormat,
): Promise<DownloadLink> {
  const count = await ctx.em.count(Inspection, inspectionSelection(ctx.em, ctx.caller, args, ctx.runtime.fieldKey));
  if (format === 'DOCX' && count > MAX_DOCX_INSPECTIONS) {
    throw tooLarge(
      `符合条件的抽查项目有 ${count} 个，Word 文档单次最多导出 ${MAX_DOCX_INSPECTIONS} 个，请缩小筛选范围或导出 Excel`,
      { count, limit: MAX_DOCX_INSPECTIONS },
    );
  }
  const kind = format === 'DOCX' ? DOWNLOAD_KINDS.inspectionsDocx : DOWNLOAD_KINDS.inspectionsXlsx;
  return link(ctx, { kind, title: LIST_TITLE, args: { ...listArgs(args) }, format }, count);
}

/**
 * The results of the inspections the person selected: the limit counts those inspections (13
 * selected is 13, however many result rows they hold); the file then streams every result row,
 * up to what one worksheet (or one Word document) can hold.
 */
export async function exportResultList(ctx: FireContext, args: ListArgs, format: ExportFormat): Promise<DownloadLink> {
  const where = inspectionSelection(ctx.em, ctx.caller, args, ctx.runtime.fieldKey);
  const inspections = await ctx.em.count(Inspection, where);
  const results = await ctx.em.count(InspectionResult, { inspection: where } as never);
  const limit = format === 'DOCX' ? MAX_DOCX_RESULTS : MAX_SHEET_RESULTS;
  if (results > limit) {
    throw tooLarge(
      format === 'DOCX'
        ? `所选 ${inspections} 个抽查项目共有 ${results} 条抽查结果，Word 文档单次最多 ${limit} 条，请缩小筛选范围或导出 Excel`
        : `所选 ${inspections} 个抽查项目共有 ${results} 条抽查结果，超过一个 Excel 工作表能容纳的 ${limit} 条，请缩小筛选范围后分批导出`,
      { count: inspections, results, limit },
    );
  }
  const kind = format === 'DOCX' ? DOWNLOAD_KINDS.resultsDocx : DOWNLOAD_KINDS.resultsXlsx;
  return link(ctx, { kind, title: RESULTS_TITLE, args: { ...listArgs(args) }, format }, inspections);
}

/** File names travel in a header: no path separators or characters Windows refuses. */
const safeName = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);

export async function exportRecord(ctx: FireContext, id: string, format: ExportFormat): Promise<DownloadLink> {
  const inspection = await findInspection(ctx.em, ctx.caller, id);
  const kind = format === 'DOCX' ? DOWNLOAD_KINDS.recordDocx : DOWNLOAD_KINDS.recordXlsx;
  return link(ctx, { kind, title: `${RECORD_HEADING}-${safeName(inspection.projectName)}`, args: { id }, format }, 1);
}

/** What the fire subgraph's links stand for (SubgraphModule.downloads). */
export const FIRE_DOWNLOADS: Readonly<Record<string, DownloadDefinition<FireContext>>> = {
  [DOWNLOAD_KINDS.inspectionsXlsx]: listDownload<FireContext, ListedInspection, ListArgs>({
    sheet: inspectionSheet,
    batches: listedInspections,
  }),
  [DOWNLOAD_KINDS.resultsXlsx]: listDownload<FireContext, ListedResult, ListArgs>({
    sheet: resultSheet,
    batches: listedResults,
  }),
  [DOWNLOAD_KINDS.inspectionsDocx]: bufferDownload(DOCX_MIME, (ctx: FireContext, args) =>
    inspectionListDocx(ctx, args as ListArgs),
  ),
  [DOWNLOAD_KINDS.resultsDocx]: bufferDownload(DOCX_MIME, (ctx: FireContext, args) =>
    resultListDocx(ctx, args as ListArgs),
  ),
  [DOWNLOAD_KINDS.recordXlsx]: bufferDownload(XLSX_MIME, async (ctx: FireContext, args) =>
    recordXlsx(await readRecord(ctx.em, ctx.caller, String(args.id), ctx.runtime, false)),
  ),
  [DOWNLOAD_KINDS.recordDocx]: bufferDownload(DOCX_MIME, async (ctx: FireContext, args) =>
    recordDocx(await readRecord(ctx.em, ctx.caller, String(args.id), ctx.runtime, true)),
  ),
};
