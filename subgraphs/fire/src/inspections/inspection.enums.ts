import { registerEnumType } from 'type-graphql';

/** 项目类别 (1.3.1). */
export enum InspectionCategory {
  NEW = 'NEW',
  EXTENSION = 'EXTENSION',
  RENOVATION = 'RENOVATION',
}

export const CATEGORY_LABELS: Record<InspectionCategory, string> = {
  NEW: '新建',
  EXTENSION: '扩建',
  RENOVATION: '改建',
};

/** Where an inspection stands; moves forward only (a voided plan returns it to PLAN_PENDING with a new plan). */
export enum InspectionStatus {
  DRAFT = 'DRAFT',
  PLAN_PENDING = 'PLAN_PENDING',
  PLAN_CONFIRMED = 'PLAN_CONFIRMED',
  RECORDING = 'RECORDING',
  RECORDED = 'RECORDED',
  SIGNING = 'SIGNING',
  SEALED = 'SEALED',
}

export const STATUS_LABELS: Record<InspectionStatus, string> = {
  DRAFT: '待生成抽查方案',
  PLAN_PENDING: '抽查方案待签名确认',
  PLAN_CONFIRMED: '抽查方案已确认，待现场检查',
  RECORDING: '现场检查中',
  RECORDED: '十八项已全部记录，待五方签名',
  SIGNING: '五方签名中（结果已锁定）',
  SEALED: '五方已签名确认，结果不可更改',
};

/** The six units of 1.3.1 (and the role a unit breakdown groups by, 4.2.3). */
export enum UnitRole {
  BUILDER = 'BUILDER',
  DESIGNER = 'DESIGNER',
  GENERAL_CONTRACTOR = 'GENERAL_CONTRACTOR',
  FIRE_CONTRACTOR = 'FIRE_CONTRACTOR',
  SUPERVISOR = 'SUPERVISOR',
  FIRE_TESTING = 'FIRE_TESTING',
}

export const UNIT_ROLE_LABELS: Record<UnitRole, string> = {
  BUILDER: '建设单位',
  DESIGNER: '设计单位',
  GENERAL_CONTRACTOR: '施工总包单位',
  FIRE_CONTRACTOR: '消防施工单位',
  SUPERVISOR: '监理单位',
  FIRE_TESTING: '消防检测机构单位',
};

/** Column of each unit on `fire.inspection`. */
export const UNIT_COLUMNS: Record<UnitRole, string> = {
  BUILDER: 'builder_unit',
  DESIGNER: 'design_unit',
  GENERAL_CONTRACTOR: 'general_contractor_unit',
  FIRE_CONTRACTOR: 'fire_contractor_unit',
  SUPERVISOR: 'supervisor_unit',
  FIRE_TESTING: 'fire_testing_unit',
};

const described = <E extends string>(labels: Record<E, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { description: v as string }])) as Record<
    E,
    { description: string }
  >;

registerEnumType(InspectionCategory, {
  name: 'FireInspectionCategory',
  description: '项目类别',
  valuesConfig: described(CATEGORY_LABELS),
});
registerEnumType(InspectionStatus, {
  name: 'FireInspectionStatus',
  description: '消防验收抽查进度',
  valuesConfig: described(STATUS_LABELS),
});
registerEnumType(UnitRole, {
  name: 'FireUnitRole',
  description: '参建单位类型（1.3.1）',
  valuesConfig: described(UNIT_ROLE_LABELS),
});
