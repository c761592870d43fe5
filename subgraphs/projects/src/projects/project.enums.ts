import { registerEnumType } from 'type-graphql';

export enum ProjectType {
  HOUSING = 'HOUSING',
  MUNICIPAL = 'MUNICIPAL',
  INDUSTRIAL = 'INDUSTRIAL',
  TRANSPORT = 'TRANSPORT',
  WATER = 'WATER',
  OTHER = 'OTHER',
}

export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  HOUSING: '房屋建筑',
  MUNICIPAL: '市政基础设施',
  INDUSTRIAL: '工业建筑',
  TRANSPORT: '交通',
  WATER: '水利',
  OTHER: '其他',
};

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  SUSPENDED = 'SUSPENDED',
  COMPLETED = 'COMPLETED',
}

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  PLANNED: '未开工',
  UNDER_CONSTRUCTION: '在建',
  SUSPENDED: '停工',
  COMPLETED: '竣工',
};

/** The five 参建单位 roles of 3.1.1, in the order they are listed on a permit. */
export enum UnitRole {
  BUILDER = 'BUILDER',
  GENERAL_CONTRACTOR = 'GENERAL_CONTRACTOR',
  SUPERVISOR = 'SUPERVISOR',
  SURVEYOR = 'SURVEYOR',
  DESIGNER = 'DESIGNER',
}

export const UNIT_ROLE_LABELS: Record<UnitRole, string> = {
  BUILDER: '建设单位',
  GENERAL_CONTRACTOR: '施工总包单位',
  SUPERVISOR: '监理单位',
  SURVEYOR: '勘察单位',
  DESIGNER: '设计单位',
};

export const UNIT_ROLE_ORDER: UnitRole[] = Object.values(UnitRole);

export enum ProjectChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  /** Only on the projects.changed topic (replicas drop their copy); the GraphQL subscription cannot show a deleted project. */
  DELETED = 'DELETED',
}

const described = <E extends string>(labels: Record<E, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { description: v as string }])) as Record<
    E,
    { description: string }
  >;

registerEnumType(ProjectType, {
  name: 'ProjectType',
  description: '项目类别',
  valuesConfig: described(PROJECT_TYPE_LABELS),
});
registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description: '项目状态',
  valuesConfig: described(PROJECT_STATUS_LABELS),
});
registerEnumType(UnitRole, {
  name: 'UnitRole',
  description: '参建单位类型',
  valuesConfig: described(UNIT_ROLE_LABELS),
});
registerEnumType(ProjectChangeKind, {
  name: 'ProjectChangeKind',
  description: '项目变更类型',
  valuesConfig: {
    CREATED: { description: '新增' },
    UPDATED: { description: '修改' },
    DELETED: { description: '删除' },
  },
});
