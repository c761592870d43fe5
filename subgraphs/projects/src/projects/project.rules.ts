import {
  type AreaGeometry,
  checkDate,
  checkText,
  distanceToAreaMeters,
  type FieldIssue,
  isHuangshiDivision,
  isLngLat,
  isUuid,
  pointInPolygon,
  type PolygonGeometry,
  ringAreaSquareMeters,
  ringSelfIntersects,
} from '@hs/kit';
import { ProjectStatus, UnitRole, UNIT_ROLE_LABELS } from './project.enums.js';

/**
 * Pure rules for projects (3.1.1): codes, fields, location and the site fence. No ORM, no GraphQL:
 * the service loads what they need (the district) and turns issues into BAD_USER_INPUT.
 */

/**
 * 湖北省工建码 as this platform issues and accepts it: 17 digits = the 6-digit GB/T 2260 code of the
 * registering division in 黄石市 + the 4-digit year + a 7-digit serial, e.g. 42020220250000123.
 */
export const PROJECT_CODE_PATTERN = /^(\d{6})(\d{4})(\d{7})$/;

/**
 * 施工许可证编码 (建筑工程施工许可证编号): 18 digits = 6-digit division + issue date YYYYMMDD +
 * 2-digit serial of the day + 2-digit section number, e.g. 420202202503150101.
 */
export const PERMIT_CODE_PATTERN = /^(\d{6})(\d{8})(\d{2})(\d{2})$/;

/**
 * 项目代码 (全国投资项目在线审批监管平台, GB/T 40058): 24 characters, 4-digit year + 6-digit
 * division + 2 + 2 + 6 digits, e.g. 2025-420202-47-01-123456.
 */
export const INVESTMENT_CODE_PATTERN = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;

/** 省级项目编号: its format is not public, so it is kept as an opaque key of letters, digits and dashes. */
export const PROVINCIAL_CODE_PATTERN = /^[0-9A-Z-]{4,32}$/;

/** The simplified polygons are ~1 km precise: a fence vertex may stick out by this much. */
export const SITE_BOUNDARY_TOLERANCE_M = 1000;
export const SITE_BOUNDARY_MAX_POINTS = 1000;
/** 100 km²: a long road or water project; anything larger is a drawing mistake. */
export const SITE_BOUNDARY_MAX_AREA_M2 = 100_000_000;
/** numeric(16,4) and numeric(14,2). */
export const MAX_CONTRACT_AMOUNT = 999_999_999_999;
export const MAX_AREA = 999_999_999_999;
export const MAX_UNITS = 50;

export type CodeKind = 'projectCode' | 'permitCode' | 'investmentCode' | 'provincialCode';

/** Every code a project may carry, with its Chinese name (3.1.1: any one of them finds the project). */
export const PROJECT_CODE_FIELDS: readonly { field: CodeKind; label: string }[] = [
  { field: 'projectCode', label: '湖北省工建码' },
  { field: 'permitCode', label: '施工许可证编码' },
  { field: 'investmentCode', label: '项目代码' },
  { field: 'provincialCode', label: '省级项目编号' },
];

/** Normalises a code as typed (full-width digits, spaces): NFKC, trim, no inner blanks. */
export const normaliseCode = (value: string): string => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** Which kinds of code a string may be, by its shape (a 省级项目编号 may look like anything). */
export function codeKinds(code: string): CodeKind[] {
  const kinds: CodeKind[] = [];
  if (PROJECT_CODE_PATTERN.test(code)) kinds.push('projectCode');
  if (PERMIT_CODE_PATTERN.test(code)) kinds.push('permitCode');
  if (INVESTMENT_CODE_PATTERN.test(code)) kinds.push('investmentCode');
  if (PROVINCIAL_CODE_PATTERN.test(code)) kinds.push('provincialCode');
  return kinds;
}

function calendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4)),
    m = Number(yyyymmdd.slice(4, 6)),
    d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 1990 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  );
}

/** Issue for a 工建码, or null. The division must be the project's district or 黄石市 itself. */
export function checkProjectCode(code: string, districtCode: string | null): string | null {
  const m = PROJECT_CODE_PATTERN.exec(code);
  if (!m) return '湖北省工建码应为17位数字（6位行政区划代码 + 4位年份 + 7位顺序号）';
  if (!isHuangshiDivision(m[1])) return '湖北省工建码前6位应为黄石市或其所辖区县的行政区划代码';
  const year = Number(m[2]);
  if (year < 1990 || year > 2100) return '湖北省工建码第7至10位（年份）无效';
  if (districtCode && m[1] !== '420200' && m[1] !== districtCode)
    return '湖北省工建码的行政区划代码与项目所在区县不一致';
  return null;
}

/** Issue for a 施工许可证编码, or null. */
export function checkPermitCode(code: string, districtCode: string | null): string | null {
  const m = PERMIT_CODE_PATTERN.exec(code);
  if (!m) return '施工许可证编码应为18位数字（6位行政区划代码 + 8位发证日期 + 4位顺序号）';
  if (!isHuangshiDivision(m[1])) return '施工许可证编码前6位应为黄石市或其所辖区县的行政区划代码';
  if (!calendarDate(m[2])) return '施工许可证编码第7至14位（发证日期）不是有效日期';
  if (districtCode && m[1] !== '420200' && m[1] !== districtCode)
    return '施工许可证编码的行政区划代码与项目所在区县不一致';
  return null;
}

/** Issue for a 项目代码, or null: its form, a plausible year and a 湖北 division (the approving authority's). */
export function checkInvestmentCode(code: string): string | null {
  const m = INVESTMENT_CODE_PATTERN.exec(code);
  if (!m) return '项目代码应为24位，格式如 2025-420202-47-01-123456';
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return '项目代码前4位（年份）无效';
  if (!m[2].startsWith('42')) return '项目代码第6至11位应为湖北省的行政区划代码';
  return null;
}

export function checkProvincialCode(code: string): string | null {
  return PROVINCIAL_CODE_PATTERN.test(code) ? null : '省级项目编号应为4至32位字母、数字或短横线';
}

export interface LngLat {
  lng: number;
  lat: number;
}

/** Everything of a project that the rules look at, after an update's changes are merged in. */
export interface ProjectDraft {
  projectCode: string | null;
  permitCode: string | null;
  investmentCode: string | null;
  provincialCode: string | null;
  name: string | null;
  districtCode: string | null;
  address: string | null;
  location: LngLat | null;
  siteBoundary: unknown;
  status: ProjectStatus;
  startDate: string | null;
  plannedEndDate: string | null;
  completedDate: string | null;
  contractAmount: number | null;
  area: number | null;
}

/** Field rules that need no database: shapes, lengths, dates, amounts. */
export function checkProjectFields(draft: ProjectDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (PROJECT_CODE_FIELDS.every(({ field }) => draft[field] == null)) {
    issues.push({ field: 'projectCode', message: '湖北省工建码、施工许可证编码、项目代码和省级项目编号至少填写一项' });
  }
  if (draft.investmentCode != null) {
    const issue = checkInvestmentCode(draft.investmentCode);
    if (issue) issues.push({ field: 'investmentCode', message: issue });
  }
  if (draft.provincialCode != null) {
    const issue = checkProvincialCode(draft.provincialCode);
    if (issue) issues.push({ field: 'provincialCode', message: issue });
  }
  if (draft.projectCode != null) {
    const issue = checkProjectCode(draft.projectCode, draft.districtCode);
    if (issue) issues.push({ field: 'projectCode', message: issue });
  }
  if (draft.permitCode != null) {
    const issue = checkPermitCode(draft.permitCode, draft.districtCode);
    if (issue) issues.push({ field: 'permitCode', message: issue });
  }
  checkText(issues, 'name', '工程项目名称', draft.name, { required: true, min: 2, max: 100 });
  if (draft.districtCode == null) issues.push({ field: 'districtCode', message: '所在区县不能为空' });
  else if (!/^\d{6}$/.test(draft.districtCode))
    issues.push({ field: 'districtCode', message: '行政区划代码应为6位数字' });
  checkText(issues, 'address', '工程地址', draft.address, { required: true, min: 2, max: 200 });
  if (draft.location == null) issues.push({ field: 'location', message: '项目位置不能为空' });
  else if (!isLngLat([draft.location.lng, draft.location.lat])) {
    issues.push({ field: 'location', message: '项目位置经纬度无效（经度 -180～180，纬度 -90～90）' });
  }

  checkDate(issues, 'startDate', '开工日期', draft.startDate);
  checkDate(issues, 'plannedEndDate', '计划竣工日期', draft.plannedEndDate);
  checkDate(issues, 'completedDate', '实际竣工日期', draft.completedDate);
  const started = draft.status !== ProjectStatus.PLANNED;
  if (started && draft.startDate == null)
    issues.push({ field: 'startDate', message: '在建、停工或竣工的项目须填写开工日期' });
  if (draft.status === ProjectStatus.COMPLETED && draft.completedDate == null) {
    issues.push({ field: 'completedDate', message: '竣工项目须填写实际竣工日期' });
  }
  if (draft.status !== ProjectStatus.COMPLETED && draft.completedDate != null) {
    issues.push({ field: 'completedDate', message: '只有竣工项目才能填写实际竣工日期' });
  }
  if (draft.startDate && draft.plannedEndDate && draft.plannedEndDate < draft.startDate) {
    issues.push({ field: 'plannedEndDate', message: '计划竣工日期不能早于开工日期' });
  }
  if (draft.startDate && draft.completedDate && draft.completedDate < draft.startDate) {
    issues.push({ field: 'completedDate', message: '实际竣工日期不能早于开工日期' });
  }
  if (
    draft.contractAmount != null &&
    !(Number.isFinite(draft.contractAmount) && draft.contractAmount >= 0 && draft.contractAmount <= MAX_CONTRACT_AMOUNT)
  ) {
    issues.push({ field: 'contractAmount', message: '合同金额（万元）应为不小于0的有效数字' });
  }
  if (draft.area != null && !(Number.isFinite(draft.area) && draft.area >= 0 && draft.area <= MAX_AREA)) {
    issues.push({ field: 'area', message: '建筑面积（平方米）应为不小于0的有效数字' });
  }
  return issues;
}

/** The location must lie inside the district's boundary polygon (3.1, 1.2.2 geofencing relies on it). */
export function checkLocationInDistrict(
  location: LngLat,
  districtName: string,
  boundary: AreaGeometry,
): FieldIssue | null {
  if (pointInPolygon([location.lng, location.lat], boundary)) return null;
  return { field: 'location', message: `项目位置不在${districtName}行政区域范围内，请核对经纬度` };
}

/**
 * The electronic fence (电子围栏) of the site: a GeoJSON Polygon with a single closed ring of at least
 * four positions, not self-intersecting, of a plausible size, lying inside (or within
 * SITE_BOUNDARY_TOLERANCE_M of) the district. Returns the normalised polygon or issues.
 */
export function checkSiteBoundary(
  value: unknown,
  district: { name: string; boundary: AreaGeometry } | null,
): { polygon: PolygonGeometry | null; issues: FieldIssue[] } {
  const field = 'siteBoundary';
  const fail = (message: string) => ({ polygon: null, issues: [{ field, message }] });
  if (value == null) return { polygon: null, issues: [] };
  if (typeof value !== 'object' || (value as { type?: unknown }).type !== 'Polygon') {
    return fail('电子围栏应为 GeoJSON Polygon（type 为 "Polygon"）');
  }
  const coordinates = (value as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return fail('电子围栏缺少坐标（coordinates）');
  if (coordinates.length > 1) return fail('电子围栏只能有一个外边界，不支持内部空洞');
  const ring = coordinates[0] as unknown;
  if (!Array.isArray(ring)) return fail('电子围栏坐标格式错误');
  if (ring.length < 4) return fail('电子围栏至少需要4个坐标点（首尾相同的闭合环）');
  if (ring.length > SITE_BOUNDARY_MAX_POINTS) return fail(`电子围栏坐标点不能超过${SITE_BOUNDARY_MAX_POINTS}个`);
  if (!ring.every(isLngLat)) return fail('电子围栏含有无效的经纬度坐标');
  const positions = ring.map((p) => [p[0], p[1]] as [number, number]);
  const [first, last] = [positions[0], positions[positions.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) return fail('电子围栏边界未闭合：首尾坐标必须相同');
  if (new Set(positions.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size < 3)
    return fail('电子围栏至少需要3个不同的顶点');
  if (ringSelfIntersects(positions)) return fail('电子围栏边界自相交，请重新绘制');
  const area = ringAreaSquareMeters(positions);
  if (area < 1) return fail('电子围栏面积过小');
  if (area > SITE_BOUNDARY_MAX_AREA_M2) return fail('电子围栏面积过大（超过100平方公里），请核对');
  if (district) {
    const outside = positions.find((p) => distanceToAreaMeters(p, district.boundary) > SITE_BOUNDARY_TOLERANCE_M);
    if (outside) return fail(`电子围栏超出${district.name}行政区域范围（坐标 ${outside[0]}, ${outside[1]}）`);
  }
  return { polygon: { type: 'Polygon', coordinates: [positions] }, issues: [] };
}

export interface UnitDraft {
  enterpriseId: string;
  role: UnitRole;
  projectLeader: string | null;
}

/** Unit list rules that need no database; enterprise existence is checked by the service. */
export function checkUnits(units: UnitDraft[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (units.length > MAX_UNITS) return [{ field: 'units', message: `参建单位不能超过${MAX_UNITS}个` }];
  const seen = new Set<string>();
  units.forEach((unit, i) => {
    if (!isUuid(unit.enterpriseId)) issues.push({ field: `units.${i}.enterpriseId`, message: '参建单位企业标识无效' });
    const key = `${unit.role}:${unit.enterpriseId}`;
    if (seen.has(key))
      issues.push({
        field: `units.${i}.enterpriseId`,
        message: `同一企业不能重复登记为${UNIT_ROLE_LABELS[unit.role]}`,
      });
    seen.add(key);
    checkText(issues, `units.${i}.projectLeader`, '项目负责人姓名', unit.projectLeader, {
      required: false,
      min: 2,
      max: 50,
    });
  });
  return issues;
}
