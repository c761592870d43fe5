import type { MultiPolygon, Polygon } from 'geojson';

/** Shapes of what the admin reads from the graph (hand-written; the SDL is in schema/). */
export type EnableStatus = 'ACTIVE' | 'DISABLED';
export type DataScopeKind = 'ALL' | 'CUSTOM' | 'DEPT' | 'DEPT_AND_CHILDREN' | 'SELF';
export type DepartmentKind = 'BUREAU' | 'SECTION' | 'DISTRICT_BUREAU' | 'ASSOCIATION' | 'ENTERPRISE' | 'EXPERTS';
export type ProjectStatus = 'PLANNED' | 'UNDER_CONSTRUCTION' | 'SUSPENDED' | 'COMPLETED';
export type ProjectType = 'HOUSING' | 'MUNICIPAL' | 'INDUSTRIAL' | 'TRANSPORT' | 'WATER' | 'OTHER';
export type UnitRole = 'BUILDER' | 'GENERAL_CONTRACTOR' | 'SUPERVISOR' | 'SURVEYOR' | 'DESIGNER';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RoleRef {
  id: string;
  code: string;
  name: string;
}

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  permissions: string[];
  phone: string | null;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  passwordChangedAt: string | null;
  department: { id: string; name: string; district: { code: string; name: string } | null } | null;
  roles: RoleRef[];
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  status: EnableStatus;
  phone: string | null;
  idCardNo: string | null;
  locked: boolean;
  lockedUntil: string | null;
  failedLoginCount: number;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdAt: string;
  departmentId: string;
  department: DepartmentRef;
  roles: RoleRef[];
}

export interface DepartmentNode {
  id: string;
  name: string;
  kind: DepartmentKind;
  parentId: string | null;
  districtCode: string | null;
  enterpriseId: string | null;
  sortOrder: number;
  status: EnableStatus;
  createdAt: string;
  district?: { code: string; name: string } | null;
  enterprise?: { id: string; name: string } | null;
  children?: DepartmentNode[];
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string | null;
  permissions: string[];
  dataScope: DataScopeKind;
  sortOrder: number;
  status: EnableStatus;
  createdAt: string;
  customDepartments: DepartmentRef[];
}

export interface PermissionInfo {
  code: string;
  label: string;
}

export interface LoginLogRow {
  id: string;
  username: string;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  result: 'SUCCESS' | 'FAILURE';
  reason: string;
  at: string;
}

export interface AuditLogRow {
  seq: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  operationName: string | null;
  fields: string[];
  variables: unknown;
  result: string;
  errorCodes: string[];
  prevHash: string;
  hash: string;
}

export interface SessionRow {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
  user: { id: string; username: string; displayName: string; department: DepartmentRef };
}

export interface DictItem {
  id: string;
  typeId: string;
  typeCode: string;
  label: string;
  value: string;
  tagType: string | null;
  sortOrder: number;
  status: EnableStatus;
  builtIn: boolean;
  remark: string | null;
}

export interface DictType {
  id: string;
  code: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  sortOrder: number;
  status: EnableStatus;
  createdAt: string;
}

export interface GeoPoint {
  lng: number;
  lat: number;
}

export interface District {
  code: string;
  name: string;
  kind: 'CITY' | 'DISTRICT' | 'COUNTY' | 'COUNTY_CITY';
  parentCode: string | null;
  center: GeoPoint;
  boundary?: Polygon | MultiPolygon;
}

export type QualificationStatus = 'VALID' | 'EXPIRING' | 'EXPIRED';

export interface Qualification {
  name: string;
  grade: string;
  certificateNo: string;
  validUntil: string | null;
  status?: QualificationStatus;
  source?: 'MANUAL' | 'PROVINCIAL_MARKET';
  fetchedAt?: string | null;
  changedAt?: string | null;
}

export interface ProvincialConflict {
  field: string;
  label: string;
  stored: string | null;
  proposed: string | null;
  blocking: boolean;
}

export interface ProvincialProjectProposal {
  source: string;
  fetchedAt: string;
  digest: string;
  projectCode: string | null;
  permitCode: string | null;
  investmentCode: string | null;
  provincialCode: string | null;
  name: string;
  type: ProjectType;
  districtCode: string;
  address: string;
  location: GeoPoint | null;
  status: ProjectStatus;
  startDate: string | null;
  plannedEndDate: string | null;
  completedDate: string | null;
  area: number | null;
  totalInvestment: number | null;
  units: {
    role: UnitRole;
    name: string;
    creditCode: string;
    projectLeader: string | null;
    isNew: boolean;
    enterprise: EnterpriseRef | null;
  }[];
  existingProject: { id: string; name: string } | null;
  conflicts: ProvincialConflict[];
}

export interface ProvincialEnterpriseProposal {
  source: string;
  fetchedAt: string;
  digest: string;
  creditCode: string;
  name: string;
  registeredAddress: string | null;
  legalRepresentative: string | null;
  districtCode: string;
  qualifications: (Qualification & { status: QualificationStatus })[];
  existing: { id: string; name: string } | null;
  conflicts: ProvincialConflict[];
}

export interface EnterpriseRef {
  id: string;
  name: string;
  creditCode: string;
}

export interface Enterprise extends EnterpriseRef {
  registeredAddress: string | null;
  legalRepresentative: string | null;
  districtCode: string;
  district: { code: string; name: string } | null;
  qualificationStatus?: QualificationStatus | null;
  qualifications: Qualification[];
  createdAt: string;
  updatedAt: string;
}

export interface ProjectUnit {
  id: string;
  role: UnitRole;
  projectLeader: string | null;
  position: number;
  enterprise: EnterpriseRef;
}

export interface ProjectRow {
  id: string;
  name: string;
  projectCode: string | null;
  permitCode: string | null;
  type: ProjectType;
  status: ProjectStatus;
  address: string;
  startDate: string | null;
  districtCode: string;
  district: { code: string; name: string };
  builder: { id: string; name: string } | null;
  generalContractor: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Project extends ProjectRow {
  investmentCode: string | null;
  provincialCode: string | null;
  location: GeoPoint;
  siteBoundary: Polygon | null;
  plannedEndDate: string | null;
  completedDate: string | null;
  contractAmount: number | null;
  area: number | null;
  createdById: string | null;
  createdBy: { id: string; displayName: string; username: string } | null;
  units: ProjectUnit[];
}
