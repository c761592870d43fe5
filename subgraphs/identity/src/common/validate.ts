import { AppError, badInput, ErrorCode } from '@hs/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An id that must name an existing `what`; a malformed one gets the same answer as an unknown one. */
export function assertId(value: unknown, field: string, what: string): string {
  if (!isUuid(value)) throw badInput(`${what}不存在`, field);
  return value.toLowerCase();
}

/** Trimmed, NFKC text of 1..max characters without control characters. */
export function assertText(value: unknown, field: string, label: string, max: number): string {
  if (typeof value !== 'string') throw badInput(`${label}不能为空`, field);
  const text = value.normalize('NFKC').trim();
  if (text === '') throw badInput(`${label}不能为空`, field);
  if (Array.from(text).length > max) throw badInput(`${label}不能超过 ${max} 个字符`, field);
  if (/\p{Cc}/u.test(text)) throw badInput(`${label}不能包含控制字符`, field);
  return text;
}

export const conflict = (message: string, field?: string) => new AppError(ErrorCode.CONFLICT, message, { field });

/** `%`, `_` and `\` taken literally inside an (i)like pattern. */
export const likeEscape = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);
