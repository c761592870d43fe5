import type { Caller } from '../caller.js';
import { AppError, ErrorCode } from '../errors.js';
import { type DownloadLink, issueDownloadLink } from './download-link.js';
import { fileDateStamp } from './list-workbook.js';

/** Streamed, so the bound is the file people can still open in Excel and print, not our memory. */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * The GraphQL side of an export: the resolver has checked the caller's permission and counted the
 * rows the list would show (`count`, under the caller's scope); this refuses an export too large to
 * use, in the rows the person sees, and otherwise hands out the signed link that streams the file.
 */
export function exportLink(
  options: { fieldKey: string; subgraph: string; now: Date },
  request: { kind: string; title: string; caller: Caller | null; args: Record<string, unknown>; extension?: string },
  count: number,
  limit = MAX_EXPORT_ROWS,
): DownloadLink {
  if (count > limit) {
    throw new AppError(
      ErrorCode.EXPORT_TOO_LARGE,
      `符合条件的有 ${count} 条，超过单次导出上限 ${limit} 条，请缩小筛选范围后分批导出`,
      { details: { count, limit } },
    );
  }
  const fileName = `${request.title}-${fileDateStamp(options.now)}.${request.extension ?? 'xlsx'}`;
  return issueDownloadLink(
    options.fieldKey,
    options.subgraph,
    { kind: request.kind, args: request.args, caller: request.caller, fileName },
    count,
    options.now,
  );
}
