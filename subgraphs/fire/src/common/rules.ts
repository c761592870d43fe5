import { AppError, ErrorCode, normaliseText } from '@hs/kit';

/**
 * Shared pieces of the pure validation rules (the same shape as the projects subgraph's): an
 * issue names the input field it is about, so a form can show the Chinese message next to it.
 * Rules collect every issue; services throw the first (all of them in `extensions.details.issues`).
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export function throwIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  const [first] = issues;
  throw new AppError(ErrorCode.BAD_USER_INPUT, first.message, { field: first.field, details: { issues } });
}

/** NFKC + trim; null/undefined/blank become null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = normaliseText(String(value));
  return text === '' ? null : text;
}

export function checkText(
  issues: FieldIssue[],
  field: string,
  label: string,
  value: string | null,
  { required, max }: { required: boolean; max: number },
): void {
  if (value == null) {
    if (required) issues.push({ field, message: `${label}不能为空` });
    return;
  }
  if (Array.from(value).length > max) issues.push({ field, message: `${label}不能超过${max}个字` });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Escapes LIKE wildcards so a keyword matches literally inside `ilike '%…%'`. */
export const likeContains = (keyword: string): string => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Today in China Standard Time (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
