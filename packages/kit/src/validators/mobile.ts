import { badInput } from '../errors.js';
import { checkFailed, checkPassed, type CheckResult } from './division.js';
import { normaliseCode } from './text.js';

/**
 * Mainland China mobile numbers: 11 digits, 1[3-9]XXXXXXXXX. Accepted input forms:
 * '13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '0086…', '86…',
 * full-width digits. Always normalised to the bare 11 digits.
 */

/** NFKC, strip whitespace and dashes, then a leading +86 / 0086 / 86 country code. */
export function normaliseMobile(value: string): string {
  const compact = normaliseCode(value).replace(/[\s\-\u2010-\u2015\u2212]/g, '');
  if (compact.startsWith('+86')) return compact.slice(3);
  if (compact.startsWith('0086')) return compact.slice(4);
  // A bare 86 is a country code only when what follows is 11 digits; 1386… is a number.
  if (compact.length === 13 && compact.startsWith('86')) return compact.slice(2);
  return compact;
}

export function checkMobile(value: unknown): CheckResult {
  if (typeof value !== 'string') return checkFailed('手机号不能为空');
  const mobile = normaliseMobile(value);
  if (mobile === '') return checkFailed('手机号不能为空');
  if (!/^\d+$/.test(mobile)) return checkFailed('手机号只能包含数字（可带+86前缀、空格或短横线）');
  if (mobile.length !== 11) return checkFailed(`手机号应为11位数字，当前为${mobile.length}位`);
  if (!/^1[3-9]\d{9}$/.test(mobile)) return checkFailed('手机号号段无效：应以13至19开头');
  return checkPassed(mobile);
}

export const isValidMobile = (value: string): boolean => checkMobile(value).ok;

/** The normalised 11 digits, or throws BAD_USER_INPUT with the reason. */
export function assertMobile(value: string, field = 'mobile'): string {
  const result = checkMobile(value);
  if (!result.ok) throw badInput(result.reason, field);
  return result.value;
}
