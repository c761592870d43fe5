/** Labels and colours of the projects graph's enums (mirrors subgraphs/projects/src/projects/project.enums.ts). */

export const PROJECT_STATUSES = ['UNDER_CONSTRUCTION', 'PLANNED', 'SUSPENDED', 'COMPLETED'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  PLANNED: '未开工',
  UNDER_CONSTRUCTION: '在建',
  SUSPENDED: '停工',
  COMPLETED: '竣工',
};

export const STATUS_COLORS: Record<ProjectStatus, string> = {
  UNDER_CONSTRUCTION: '#00e5ff',
  PLANNED: '#ffc53d',
  SUSPENDED: '#ff4d6a',
  COMPLETED: '#3ddc97',
};

export const PROJECT_TYPES = ['HOUSING', 'MUNICIPAL', 'INDUSTRIAL', 'TRANSPORT', 'WATER', 'OTHER'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const TYPE_LABELS: Record<ProjectType, string> = {
  HOUSING: '房屋建筑',
  MUNICIPAL: '市政基础设施',
  INDUSTRIAL: '工业建筑',
  TRANSPORT: '交通',
  WATER: '水利',
  OTHER: '其他',
};

export const TYPE_COLORS: Record<ProjectType, string> = {
  HOUSING: '#1e90ff',
  MUNICIPAL: '#00e5ff',
  INDUSTRIAL: '#7c5cff',
  TRANSPORT: '#ffc53d',
  WATER: '#3ddc97',
  OTHER: '#8aa4c8',
};

export const statusLabel = (s: string) => STATUS_LABELS[s as ProjectStatus] ?? s;
export const typeLabel = (t: string) => TYPE_LABELS[t as ProjectType] ?? t;

export const CITY_CODE = '420200';
export const CITY_NAME = '黄石市';
