import { badInput } from '../errors.js';
import { checkFailed, checkPassed, isValidProvinceCode, type CheckResult } from './division.js';
import { normaliseCode } from './text.js';

/**
 * 居民身份证号 (citizen identity number), GB 11643-1999, 18 characters:
 *
 *   positions 1–6    address code (GB/T 2260 division of the holder's registered residence)
 *   positions 7–14   birth date YYYYMMDD
 *   positions 15–17  sequence code; the 17th digit is odd for men, even for women
 *   position 18      check character (ISO 7064 MOD 11-2): Σ ai·Wi mod 11 → "10X98765432"
 *
 * Only the 18-character form is accepted; 15-digit numbers were withdrawn with the first-generation card.
 */

/** Wi = 2^(18−i) mod 11 for positions 1–17. */
export const ID_CARD_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character indexed by Σ ai·Wi mod 11. */
export const ID_CARD_CHECK_MAP = '10X98765432';

/** Earliest accepted birth year. */
export const ID_CARD_MIN_YEAR = 1900;

export interface IdCardCheckOptions {
  /** The moment "today" is taken from (birth dates after it are rejected). Default: now. */
  now?: Date;
}

/** Check character for the first 17 digits. Throws if `first17` is not 17 ASCII digits. */
export function computeIdCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('computeIdCardCheckChar: expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_CARD_WEIGHTS[i];
  return ID_CARD_CHECK_MAP[sum % 11];
}

/** Trim, NFKC (full-width digits → ASCII), upper-case (a trailing x becomes X). */
export const normaliseIdCard = (value: string): string => normaliseCode(value).toUpperCase();

/** Today's date in China Standard Time (UTC+8, no daylight saving) as YYYYMMDD. */
function chinaDateKey(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** True when YYYYMMDD is a real Gregorian calendar date. */
function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

export function checkIdCard(value: unknown, options: IdCardCheckOptions = {}): CheckResult {
  if (typeof value !== 'string') return checkFailed('身份证号不能为空');
  const id = normaliseIdCard(value);
  if (id === '') return checkFailed('身份证号不能为空');
  const length = Array.from(id).length;
  if (length !== 18) return checkFailed(`身份证号应为18位，当前为${length}位`);
  if (!/^\d{17}[\dX]$/.test(id)) return checkFailed('身份证号格式错误：前17位应为数字，最后一位为数字或X');
  if (!isValidProvinceCode(id.slice(0, 2))) return checkFailed('身份证号前两位（省级行政区划代码）无效');
  const birth = id.slice(6, 14);
  if (!isCalendarDate(birth) || Number(birth.slice(0, 4)) < ID_CARD_MIN_YEAR)
    return checkFailed('身份证号出生日期无效');
  if (birth > chinaDateKey(options.now ?? new Date())) return checkFailed('身份证号出生日期无效：不能晚于今天');
  if (computeIdCardCheckChar(id.slice(0, 17)) !== id[17]) return checkFailed('身份证号校验位错误');
  return checkPassed(id);
}

export const isValidIdCard = (value: string): boolean => checkIdCard(value).ok;

/** The normalised number, or throws BAD_USER_INPUT with the reason. */
export function assertIdCard(value: string, field = 'idCard'): string {
  const result = checkIdCard(value);
  if (!result.ok) throw badInput(result.reason, field);
  return result.value;
}

/** Birth date of a valid number as an ISO date 'YYYY-MM-DD' (no time zone involved). Throws BAD_USER_INPUT if invalid. */
export function idCardBirthDate(value: string, field = 'idCard'): string {
  const id = assertIdCard(value, field);
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export type Sex = 'male' | 'female';

/** Sex recorded in a valid number: odd 17th digit male, even female. Throws BAD_USER_INPUT if invalid. */
export function idCardSex(value: string, field = 'idCard'): Sex {
  const id = assertIdCard(value, field);
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}
