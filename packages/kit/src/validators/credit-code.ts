import { badInput } from '../errors.js';
import { checkFailed, checkPassed, isValidProvinceCode, type CheckResult } from './division.js';
import { normaliseCode } from './text.js';

/**
 * 统一社会信用代码 (unified social credit identifier), GB 32100-2015.
 *
 *   position 1      登记管理部门码 (registration authority)
 *   position 2      机构类别码 (category, per authority)
 *   positions 3–8   登记管理机关行政区划码 (GB/T 2260; 100000 for national-level registrations)
 *   positions 9–17  主体标识码 (organisation code, GB 11714)
 *   position 18     校验码: C18 = 31 − (Σ Ci·Wi mod 31), 31 → 0, over the charset below.
 */

/** The 31 characters a code may contain, in value order 0–30 (no I, O, Z, S, V). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Wi = 3^(i−1) mod 31 for positions 1–17. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export interface RegistrationAuthority {
  readonly name: string;
  /** 机构类别码 → name. */
  readonly categories: Readonly<Record<string, string>>;
}

/** GB 32100-2015 附录A (with the A 中央军委改革和编制办公室 and N 农业 rows added by later amendments). */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = {
  '1': {
    name: '机构编制',
    categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', categories: { '1': '其他' } },
};

/** Division part used by authorities registered at national level (e.g. 国家市场监督管理总局). */
const NATIONAL_DIVISION = '100000';

/**
 * The check character for the first 17 characters of a code. Throws if `first17` is not
 * 17 characters of the charset — callers validate first.
 */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('computeCreditCodeCheckChar: expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`computeCreditCodeCheckChar: invalid character ${JSON.stringify(first17[i])}`);
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Trim, NFKC (full-width → ASCII), upper-case. */
export const normaliseCreditCode = (value: string): string => normaliseCode(value).toUpperCase();

export function checkCreditCode(value: unknown): CheckResult {
  if (typeof value !== 'string') return checkFailed('统一社会信用代码不能为空');
  const code = normaliseCreditCode(value);
  if (code === '') return checkFailed('统一社会信用代码不能为空');
  const chars = Array.from(code);
  if (chars.length !== 18) return checkFailed(`统一社会信用代码应为18位，当前为${chars.length}位`);
  for (let i = 0; i < 18; i++) {
    const c = chars[i];
    if (CREDIT_CODE_CHARSET.includes(c)) continue;
    if ('IOZSV'.includes(c)) return checkFailed(`统一社会信用代码不能包含字母I、O、Z、S、V（第${i + 1}位为“${c}”）`);
    return checkFailed(`统一社会信用代码第${i + 1}位含有无效字符“${c}”`);
  }
  const authority = Object.hasOwn(REGISTRATION_AUTHORITIES, code[0]) ? REGISTRATION_AUTHORITIES[code[0]] : undefined;
  if (!authority) return checkFailed('统一社会信用代码第1位（登记管理部门码）无效');
  if (!Object.hasOwn(authority.categories, code[1])) return checkFailed('统一社会信用代码第2位（机构类别码）无效');
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) return checkFailed('统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字');
  if (division !== NATIONAL_DIVISION && !isValidProvinceCode(division.slice(0, 2))) {
    return checkFailed('统一社会信用代码第3至8位（登记管理机关行政区划码）无效');
  }
  if (computeCreditCodeCheckChar(code.slice(0, 17)) !== code[17]) return checkFailed('统一社会信用代码校验位错误');
  return checkPassed(code);
}

export const isValidCreditCode = (value: string): boolean => checkCreditCode(value).ok;

/** The normalised code, or throws BAD_USER_INPUT with the reason. */
export function assertCreditCode(value: string, field = 'creditCode'): string {
  const result = checkCreditCode(value);
  if (!result.ok) throw badInput(result.reason, field);
  return result.value;
}
