import { AppError, ErrorCode, normaliseText } from '@hs/kit';

/** An input problem tied to the field it is about, so a form can show it next to that field. */
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
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function checkDate(issues: FieldIssue[], field: string, label: string, value: string | null | undefined): void {
  if (value != null && !isIsoDate(value)) issues.push({ field, message: `${label}格式应为 YYYY-MM-DD` });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const SHA256 = /^[0-9a-f]{64}$/;

/** The Asia/Shanghai calendar date (UTC+8, no daylight saving) of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Midnight Asia/Shanghai of a YYYY-MM-DD date, as an instant. */
export function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
