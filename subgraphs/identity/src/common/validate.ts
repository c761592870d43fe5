import { AppError, badInput, ErrorCode, normaliseText, textCharacterIssue, type TextKind } from '@hs/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An id that must name an existing `what`; a malformed one gets the same answer as an unknown one. */
export function assertId(value: unknown, field: string, what: string): string {
  if (!isUuid(value)) throw badInput(`${what}不存在`, field);
  return value.toLowerCase();
}

/** Text as typed (NFC, trimmed) of 1..max characters, within the kit's text rule for `kind`. */
export function assertText(value: unknown, field: string, label: string, max: number, kind: TextKind = 'line'): string {
  if (typeof value !== 'string') throw badInput(`${label}不能为空`, field);
  const refused = textCharacterIssue(label, value, kind);
  if (refused) throw badInput(refused, field);
  const text = normaliseText(value);
  if (text === '') throw badInput(`${label}不能为空`, field);
  if (Array.from(text).length > max) throw badInput(`${label}不能超过 ${max} 个字符`, field);
  return text;
}

export const conflict = (message: string, field?: string) => new AppError(ErrorCode.CONFLICT, message, { field });

/** `%`, `_` and `\` taken literally inside an (i)like pattern. */
export const likeEscape = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);
