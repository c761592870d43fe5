import { AppError, ErrorCode } from './errors.js';
import { normaliseCode, normaliseText, textCharacterIssue, type TextKind } from './validators/index.js';

/**
 * The shared pieces of every subgraph's pure validation rules. An issue names the input field it is
 * about, so a form can show the Chinese message next to that field; rules collect every issue and
 * services throw the first (all of them in `extensions.details.issues`).
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

/** Users' text as typed: NFC + trim, punctuation kept; null/undefined/blank become null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = normaliseText(String(value));
  return text === '' ? null : text;
}

/** A code or number typed with a Chinese input method: NFKC + trim; null/undefined/blank become null. */
export function cleanCode(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = normaliseCode(String(value));
  return text === '' ? null : text;
}

/**
 * Required-ness, the characters the text kind refuses (see validators/text.ts; single-line unless
 * `kind: 'multiline'`) and length in characters (not UTF-16 units: 𠀀 is one character).
 */
export function checkText(
  issues: FieldIssue[],
  field: string,
  label: string,
  value: string | null,
  { required, min = 1, max, kind = 'line' }: { required: boolean; min?: number; max: number; kind?: TextKind },
): void {
  if (value == null) {
    if (required) issues.push({ field, message: `${label}不能为空` });
    return;
  }
  const refused = textCharacterIssue(label, value, kind);
  if (refused) {
    issues.push({ field, message: refused });
    return;
  }
  const length = Array.from(value).length;
  if (length < min) issues.push({ field, message: `${label}至少${min}个字` });
  else if (length > max) issues.push({ field, message: `${label}不能超过${max}个字` });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, between 1900 and 2100. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
  );
}

export function checkDate(issues: FieldIssue[], field: string, label: string, value: string | null | undefined): void {
  if (value != null && !isIsoDate(value)) issues.push({ field, message: `${label}格式应为 YYYY-MM-DD 且为有效日期` });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A SHA-256 digest in lower-case hex (file names of the file store, device snapshots). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Escapes LIKE wildcards so a keyword matches literally inside `ilike '%…%'`. */
export const likeContains = (keyword: string): string => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The China Standard Time (Asia/Shanghai: UTC+8, no daylight saving) calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Midnight China Standard Time of a YYYY-MM-DD date, as an instant. */
export function chinaMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
