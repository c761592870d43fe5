/** Chinese names for codes the graph returns. */
export const DATA_SCOPE_LABELS: Record<string, string> = {
  ALL: '全部数据',
  CUSTOM: '自定义部门数据',
  DEPT: '本部门数据',
  DEPT_AND_CHILDREN: '本部门及以下数据',
  SELF: '仅本人数据',
};

/** The log pages' names of operations, results, error and login reason codes: identity's exports use the same table. */
export { ERROR_CODE_LABELS, LOGIN_REASON_LABELS, OPERATION_LABELS, operationLabel } from '@hs/labels';

export const DEPARTMENT_KIND_OPTIONS = [
  { value: 'BUREAU', label: '市局' },
  { value: 'SECTION', label: '科室' },
  { value: 'DISTRICT_BUREAU', label: '区县住建局' },
  { value: 'ASSOCIATION', label: '协会' },
  { value: 'ENTERPRISE', label: '企业' },
  { value: 'EXPERTS', label: '专家' },
];

export const TAG_TYPE_OPTIONS = [
  { value: '', label: '默认' },
  { value: 'primary', label: '主要（蓝）' },
  { value: 'success', label: '成功（绿）' },
  { value: 'info', label: '信息（灰）' },
  { value: 'warning', label: '警告（橙）' },
  { value: 'danger', label: '危险（红）' },
];
