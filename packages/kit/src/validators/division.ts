import { badInput } from '../errors.js';
import { normaliseCode } from './text.js';

/**
 * GB/T 2260 administrative division codes (行政区划代码), plus the shared pieces every
 * validator in this folder uses: the result type and the province table.
 *
 * A code is six digits: positions 1–2 the province (省级), 3–4 the prefecture (地级),
 * 5–6 the county (县级). Only the structure and the province are checked here: prefecture
 * and county codes change whenever divisions are redrawn, so a full table embedded in code
 * goes stale; look a code up in the current published list where the exact unit matters.
 */

/** Result of every `checkX` validator: the normalised value, or a reason a person can read. */
export type CheckResult = { ok: true; value: string } | { ok: false; reason: string };

export const checkPassed = (value: string): CheckResult => ({ ok: true, value });
export const checkFailed = (reason: string): CheckResult => ({ ok: false, reason });

/**
 * Province-level codes (first two digits) of GB/T 2260 and GB 11643:
 * 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, 81 香港, 82 澳门.
 */
export const PROVINCE_CODES: ReadonlyMap<string, string> = new Map([
  ['11', '北京市'],
  ['12', '天津市'],
  ['13', '河北省'],
  ['14', '山西省'],
  ['15', '内蒙古自治区'],
  ['21', '辽宁省'],
  ['22', '吉林省'],
  ['23', '黑龙江省'],
  ['31', '上海市'],
  ['32', '江苏省'],
  ['33', '浙江省'],
  ['34', '安徽省'],
  ['35', '福建省'],
  ['36', '江西省'],
  ['37', '山东省'],
  ['41', '河南省'],
  ['42', '湖北省'],
  ['43', '湖南省'],
  ['44', '广东省'],
  ['45', '广西壮族自治区'],
  ['46', '海南省'],
  ['50', '重庆市'],
  ['51', '四川省'],
  ['52', '贵州省'],
  ['53', '云南省'],
  ['54', '西藏自治区'],
  ['61', '陕西省'],
  ['62', '甘肃省'],
  ['63', '青海省'],
  ['64', '宁夏回族自治区'],
  ['65', '新疆维吾尔自治区'],
  ['71', '台湾省'],
  ['81', '香港特别行政区'],
  ['82', '澳门特别行政区'],
]);

export const isValidProvinceCode = (twoDigits: string): boolean => PROVINCE_CODES.has(twoDigits);

export type DivisionKind = 'city' | 'district' | 'county' | 'county-level-city';

export interface Division {
  readonly code: string;
  readonly name: string;
  /** city 地级市, district 市辖区, county 县, county-level-city 县级市. */
  readonly kind: DivisionKind;
  /** Code of the parent division; the city itself has none in this table. */
  readonly parent?: string;
}

/** 黄石市 and its county-level divisions (GB/T 2260, 湖北省 42). */
export const HUANGSHI_DIVISIONS: readonly Division[] = Object.freeze([
  { code: '420200', name: '黄石市', kind: 'city' },
  { code: '420202', name: '黄石港区', kind: 'district', parent: '420200' },
  { code: '420203', name: '西塞山区', kind: 'district', parent: '420200' },
  { code: '420204', name: '下陆区', kind: 'district', parent: '420200' },
  { code: '420205', name: '铁山区', kind: 'district', parent: '420200' },
  { code: '420222', name: '阳新县', kind: 'county', parent: '420200' },
  { code: '420281', name: '大冶市', kind: 'county-level-city', parent: '420200' },
] satisfies Division[]);

export const HUANGSHI_CITY_CODE = '420200';

const huangshiByCode: ReadonlyMap<string, Division> = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d]));

/** The 黄石 division with this code (after normalisation), or undefined. */
export function findHuangshiDivision(code: string): Division | undefined {
  if (typeof code !== 'string') return undefined;
  return huangshiByCode.get(normaliseCode(code));
}

/** True for 420200 黄石市 and the six districts/counties/county-level cities under it. */
export const isHuangshiDivision = (code: string): boolean => findHuangshiDivision(code) !== undefined;

export function checkDivision(value: unknown): CheckResult {
  if (typeof value !== 'string') return checkFailed('行政区划代码不能为空');
  const code = normaliseCode(value);
  if (code === '') return checkFailed('行政区划代码不能为空');
  if (!/^\d{6}$/.test(code)) return checkFailed('行政区划代码应为6位数字');
  if (!isValidProvinceCode(code.slice(0, 2))) return checkFailed('行政区划代码前两位（省级代码）无效');
  // A province's own code is xx0000; there is no county-level code without a prefecture part
  // (province-administered counties use 90 as the prefecture part, e.g. 429004 仙桃市).
  if (code.slice(2, 4) === '00' && code.slice(4, 6) !== '00') return checkFailed('行政区划代码结构无效');
  return checkPassed(code);
}

export const isValidDivision = (value: string): boolean => checkDivision(value).ok;

export function assertDivision(value: string, field = 'divisionCode'): string {
  const result = checkDivision(value);
  if (!result.ok) throw badInput(result.reason, field);
  return result.value;
}
