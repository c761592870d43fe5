import {
  checkIdCard,
  checkMobile,
  checkText,
  type FieldIssue,
  findHuangshiDivision,
  HUANGSHI_CITY_CODE,
  isIsoDate,
  isUuid,
} from '@hs/kit';
import { InspectionCategory } from './inspection.enums.js';

/** The basic information of an inspection after normalisation (pure; validated by checkInspectionDraft). */
export interface InspectionDraft {
  projectId: string | null;
  projectName: string | null;
  districtCode: string | null;
  builderUnit: string | null;
  designUnit: string | null;
  generalContractorUnit: string | null;
  fireContractorUnit: string | null;
  supervisorUnit: string | null;
  fireTestingUnit: string | null;
  leaderName: string | null;
  /** Plain values as entered (normalised on success); encrypted by the service. */
  leaderPhone: string | null;
  leaderIdCard: string | null;
  address: string | null;
  /** WGS-84; both or neither. */
  siteLatitude: number | null;
  siteLongitude: number | null;
  category: InspectionCategory | null;
  decoration: boolean;
  decorationDescription: string | null;
  inspectionDate: string | null;
  changeOfUse: boolean;
  useNature: string | null;
  originalUse: string | null;
}

const UNIT_FIELDS = [
  ['builderUnit', '建设单位'],
  ['designUnit', '设计单位'],
  ['generalContractorUnit', '施工总包单位'],
  ['fireContractorUnit', '消防施工单位'],
  ['supervisorUnit', '监理单位'],
  ['fireTestingUnit', '消防检测机构单位'],
] as const;

/**
 * Every rule of 1.3.1 on a draft; returns all issues (Chinese, with the field) and normalises the
 * 手机号 / 身份证号 in place when valid.
 */
export function checkInspectionDraft(draft: InspectionDraft, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (draft.projectId != null && !isUuid(draft.projectId))
    issues.push({ field: 'projectId', message: '关联工程项目标识无效' });
  checkText(issues, 'projectName', '建筑工程项目名称', draft.projectName, { required: true, max: 100 });
  if (draft.districtCode == null) issues.push({ field: 'districtCode', message: '所在区县不能为空' });
  else {
    const division = findHuangshiDivision(draft.districtCode);
    if (!division)
      issues.push({ field: 'districtCode', message: `行政区划代码 ${draft.districtCode} 不是黄石市所辖区县` });
    else if (division.code === HUANGSHI_CITY_CODE)
      issues.push({ field: 'districtCode', message: '请选择项目所在的具体区县，不能选择黄石市' });
  }
  for (const [field, label] of UNIT_FIELDS)
    checkText(issues, field, label, draft[field], { required: false, max: 100 });
  checkText(issues, 'leaderName', '项目负责人姓名', draft.leaderName, { required: true, max: 50 });
  if (draft.leaderPhone != null) {
    const mobile = checkMobile(draft.leaderPhone);
    if (mobile.ok) draft.leaderPhone = mobile.value;
    else issues.push({ field: 'leaderPhone', message: `项目负责人联系电话无效：${mobile.reason}` });
  }
  if (draft.leaderIdCard != null) {
    const id = checkIdCard(draft.leaderIdCard);
    if (id.ok) draft.leaderIdCard = id.value;
    else issues.push({ field: 'leaderIdCard', message: `项目负责人身份证号无效：${id.reason}` });
  }
  checkText(issues, 'address', '工程地址', draft.address, { required: true, max: 200 });
  checkSitePosition(issues, draft.siteLatitude, draft.siteLongitude);
  if (draft.category == null || !Object.values(InspectionCategory).includes(draft.category)) {
    issues.push({ field: 'category', message: '请选择项目类别（新建、扩建、改建）' });
  }
  checkText(issues, 'decorationDescription', '装饰装修范围说明', draft.decorationDescription, {
    required: false,
    max: 200,
  });
  if (draft.inspectionDate != null) {
    if (!isIsoDate(draft.inspectionDate))
      issues.push({ field: 'inspectionDate', message: '检查日期格式应为 YYYY-MM-DD 且为有效日期' });
    else if (draft.inspectionDate > addDays(today, 366))
      issues.push({ field: 'inspectionDate', message: '检查日期不能晚于一年以后' });
  }
  checkText(issues, 'useNature', '使用性质', draft.useNature, { required: draft.changeOfUse, max: 100 });
  checkText(issues, 'originalUse', '原有用途', draft.originalUse, { required: draft.changeOfUse, max: 100 });
  return issues;
}

/** Huangshi's bounding box with a margin: a site position outside it is a typing or GPS mistake. */
export const HUANGSHI_BOUNDS = { minLng: 114.4, maxLng: 115.6, minLat: 29.4, maxLat: 30.45 } as const;

function checkSitePosition(issues: FieldIssue[], lat: number | null, lng: number | null): void {
  if (lat == null && lng == null) return;
  if (lat == null || lng == null) {
    issues.push({ field: lat == null ? 'siteLatitude' : 'siteLongitude', message: '工地位置的经度和纬度须同时填写' });
    return;
  }
  const b = HUANGSHI_BOUNDS;
  if (
    !Number.isFinite(lat) ||
    !Number.isFinite(lng) ||
    lat < b.minLat ||
    lat > b.maxLat ||
    lng < b.minLng ||
    lng > b.maxLng
  ) {
    issues.push({ field: 'siteLatitude', message: '工地位置不在黄石市范围内，请核对经纬度（WGS84）' });
  }
}

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
