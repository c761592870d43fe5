/**
 * The one text rule of every subgraph (issue #10): what people type is stored as typed — trimmed and
 * in Unicode NFC, Chinese punctuation kept — and characters that no person types on purpose are
 * refused, never silently replaced. NFKC (full-width → ASCII) is only for codes typed with Chinese
 * input methods (统一社会信用代码, 身份证号, 手机号, 工建码, dates and other numbers): see
 * {@link normaliseCode}.
 *
 * Kinds: a single-line field (a name, an address) refuses every C0 and C1 control character,
 * DEL and U+2028/U+2029; a multi-line field (a note, an opinion) also accepts tab, line feed and
 * carriage return. Both refuse lone UTF-16 surrogates, which PostgreSQL cannot store either.
 */
export type TextKind = 'line' | 'multiline';

const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const FORBIDDEN: Readonly<Record<TextKind, RegExp>> = {
  line: new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]|${LONE_SURROGATE}`),
  multiline: new RegExp(
    `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029]|${LONE_SURROGATE}`,
  ),
};

/** The first character `kind` text must not contain, or null. */
export function findForbiddenCharacter(value: string, kind: TextKind = 'line'): string | null {
  return FORBIDDEN[kind].exec(value)?.[0] ?? null;
}

const codePoint = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The Chinese message for a refused character, naming the field by its label. */
export function forbiddenCharacterMessage(label: string, char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff)
    return `${label}含有无法识别的残缺字符（${codePoint(char)}，多为复制粘贴造成），请删除后重试`;
  if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029')
    return `${label}不能换行（含有换行符 ${codePoint(char)}），请删除后重试`;
  return `${label}含有不可见的控制字符（${codePoint(char)}），请删除后重试`;
}

/** The message when `value` holds a character `kind` text refuses, or null when it is fine. */
export function textCharacterIssue(label: string, value: string, kind: TextKind = 'line'): string | null {
  const char = findForbiddenCharacter(value, kind);
  return char === null ? null : forbiddenCharacterMessage(label, char);
}

/** Users' text as stored: Unicode NFC (one form for the same characters), then trimmed. Punctuation is kept. */
export const normaliseText = (value: string): string => value.normalize('NFC').trim();

/** A code typed with a Chinese input method: NFKC (full-width digits and letters → ASCII), then trimmed. */
export const normaliseCode = (value: string): string => value.normalize('NFKC').trim();
