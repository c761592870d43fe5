import {
  badInput,
  batchIds,
  type Caller,
  checkDivision,
  cleanCode,
  cleanText,
  conflict,
  externalDependents,
  type FieldIssue,
  forbidden,
  isIsoDate,
  isUuid,
  likeContains,
  type Logger,
  notFound,
  orderByOf,
  type Page,
  type PageInput,
  pageWindow,
  type PgPubSub,
  refuseWhenReferenced,
  type Sort,
  throwIssues,
} from '@hs/kit';
import { type FilterQuery, LockMode, raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { GeoPoint } from '../common/geo-point.js';
import { District, DistrictKind } from '../districts/district.entity.js';
import { HUANGSHI_CITY } from '../districts/district-data.js';
import { findDistrictWithBoundary } from '../districts/district.service.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { ProjectUnit } from './project-unit.entity.js';
import { Project } from './project.entity.js';
import { ProjectChangeKind, ProjectStatus, UNIT_ROLE_ORDER, type UnitRole } from './project.enums.js';
import {
  type CreateProjectInput,
  type ProjectFilter,
  ProjectSortField,
  type ProjectUnitInput,
  type UpdateProjectInput,
} from './project.inputs.js';
import {
  checkLocationInDistrict,
  checkProjectFields,
  checkSiteBoundary,
  checkUnits,
  codeKinds,
  PROJECT_CODE_FIELDS,
  normaliseCode,
  type ProjectDraft,
  type UnitDraft,
} from './project.rules.js';
import { idIn, projectIdsWithUnits, projectScopeFilter, withScope } from './project.scope.js';

export const PROJECT_CHANGED_TOPIC = 'projects.changed';

/** What goes over NOTIFY: ids and small facts only; subscribers load the project per event. */
export interface ProjectChangedPayload {
  kind: ProjectChangeKind;
  projectId: string;
  districtCode: string;
  at: string;
  name?: string;
  /** 项目代码 and 施工许可证编号: the supervision replica links pulled inspections by them. */
  projectCode?: string | null;
  permitCode?: string | null;
  location?: { lng: number; lat: number } | null;
  siteBoundary?: Project['siteBoundary'];
  siteBoundaryOmitted?: boolean;
}

export const MAX_KEYWORD_LENGTH = 50;

// ---------------------------------------------------------------------------------------------
// Reads (every one within the caller's data scope)
// ---------------------------------------------------------------------------------------------

/** Projects by id within the caller's scope: one `IN` query per batch (the router's _entities). */
export function visibleProjectLoader(em: EntityManager, caller: Caller | null): DataLoader<string, Project | null> {
  return new DataLoader(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await em.find(Project, withScope(em, caller, { id: { $in: valid } })) : [];
    const byId = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export async function isProjectVisible(em: EntityManager, caller: Caller | null, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await em.count(Project, withScope(em, caller, { id }))) > 0;
}

function checkFilter(filter: ProjectFilter | null | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const keyword = cleanText(filter?.keyword);
  if (keyword && Array.from(keyword).length > MAX_KEYWORD_LENGTH) {
    issues.push({ field: 'filter.keyword', message: `关键字不能超过${MAX_KEYWORD_LENGTH}个字` });
  }
  if (filter?.districtCode != null) {
    const division = checkDivision(filter.districtCode);
    if (!division.ok) issues.push({ field: 'filter.districtCode', message: division.reason });
  }
  if (filter?.enterpriseId != null && !isUuid(filter.enterpriseId)) {
    issues.push({ field: 'filter.enterpriseId', message: '企业标识无效' });
  }
  for (const key of ['startDateFrom', 'startDateTo'] as const) {
    const value = filter?.[key];
    if (value != null && !isIsoDate(value))
      issues.push({ field: `filter.${key}`, message: '日期格式应为 YYYY-MM-DD 且为有效日期' });
  }
  if (filter?.startDateFrom && filter.startDateTo && filter.startDateFrom > filter.startDateTo) {
    issues.push({ field: 'filter.startDateTo', message: '开工日期止不能早于开工日期起' });
  }
  return issues;
}

export function projectWhere(em: EntityManager, filter: ProjectFilter | null | undefined): FilterQuery<Project> {
  throwIssues(checkFilter(filter));
  const and: FilterQuery<Project>[] = [];
  const keyword = cleanText(filter?.keyword);
  if (keyword) {
    const like = likeContains(keyword);
    and.push({
      $or: [
        { name: { $ilike: like } },
        { projectCode: { $ilike: like } },
        { permitCode: { $ilike: like } },
        { investmentCode: { $ilike: like } },
        { provincialCode: { $ilike: like } },
        { address: { $ilike: like } },
      ],
    });
  }
  const districtCode = filter?.districtCode ? checkDivision(filter.districtCode) : null;
  if (districtCode?.ok && districtCode.value !== HUANGSHI_CITY.code) and.push({ district: districtCode.value });
  if (filter?.status) and.push({ status: filter.status });
  if (filter?.type) and.push({ type: filter.type });
  if (filter?.enterpriseId || filter?.unitRole) {
    const unitWhere: FilterQuery<ProjectUnit> = {};
    if (filter.enterpriseId) unitWhere.enterprise = filter.enterpriseId;
    if (filter.unitRole) unitWhere.role = filter.unitRole;
    and.push(idIn(projectIdsWithUnits(em, unitWhere)));
  }
  if (filter?.startDateFrom) and.push({ startDate: { $gte: filter.startDateFrom } });
  if (filter?.startDateTo) and.push({ startDate: { $lte: filter.startDateTo } });
  return and.length ? { $and: and } : {};
}

/** Each sortable column has an index (Migration20261202210000ListIndexes); by default the newest first. */
export const projectOrder = (sort: Sort<ProjectSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [ProjectSortField.NAME]: (d) => ({ name: d }),
      [ProjectSortField.PROJECT_CODE]: (d) => ({ projectCode: d }),
      [ProjectSortField.PERMIT_CODE]: (d) => ({ permitCode: d }),
      [ProjectSortField.DISTRICT_CODE]: (d) => ({ district: d }),
      [ProjectSortField.TYPE]: (d) => ({ type: d }),
      [ProjectSortField.STATUS]: (d) => ({ status: d }),
      [ProjectSortField.ADDRESS]: (d) => ({ address: d }),
      [ProjectSortField.START_DATE]: (d) => ({ startDate: d }),
      [ProjectSortField.CREATED_AT]: (d) => ({ createdAt: d }),
    },
    [{ createdAt: 'desc' }],
  );

/** The projects the list shows for `filter` under the caller's scope (and, for a batch, only `ids`). */
export function projectListWhere(
  em: EntityManager,
  caller: Caller | null,
  filter: ProjectFilter | null | undefined,
  ids?: readonly string[] | null,
): FilterQuery<Project> {
  const where = projectWhere(em, filter);
  const selected = ids ? ({ $and: [where, { id: { $in: batchIds(ids) } }] } as FilterQuery<Project>) : where;
  return withScope(em, caller, selected);
}

/** A page of projects: exactly two queries (count + page), whatever the filter. */
export async function listProjects(
  em: EntityManager,
  caller: Caller | null,
  filter: ProjectFilter | null | undefined,
  page: PageInput | null | undefined,
  sort?: Sort<ProjectSortField> | null,
): Promise<Page<Project>> {
  const window = pageWindow(page);
  const [items, total] = await em.findAndCount(Project, projectListWhere(em, caller, filter), {
    limit: window.limit,
    offset: window.offset,
    orderBy: projectOrder(sort) as never,
  });
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/** 3.1.1: any of a project's codes identifies it (within scope); each code column has a unique index. */
export async function findProjectByCode(em: EntityManager, caller: Caller | null, rawCode: string): Promise<Project> {
  const code = normaliseCode(rawCode ?? '');
  if (!code) throw badInput('请输入湖北省工建码、施工许可证编码、项目代码或省级项目编号', 'code');
  const kinds = codeKinds(code);
  if (!kinds.length)
    throw badInput(
      '编码格式无效：湖北省工建码为17位数字，施工许可证编码为18位数字，项目代码为24位（如 2025-420202-47-01-123456）',
      'code',
    );
  const project = await em.findOne(Project, withScope(em, caller, { $or: kinds.map((k) => ({ [k]: code })) }));
  if (!project) throw notFound('工程项目');
  return project;
}

export interface StatusCount {
  status: ProjectStatus;
  count: number;
}
export interface DistrictCount {
  districtCode: string;
  count: number;
  byStatus: StatusCount[];
}
export interface ProjectStatsResult {
  total: number;
  byDistrict: DistrictCount[];
  byStatus: StatusCount[];
}

/**
 * Counts by district and by status, in the caller's scope: one grouped query. Districts listed with
 * 0 are those the caller oversees (all six for the city, a district's own for its staff), so a
 * district user's chart is not five other districts at 0; districts with projects in scope for
 * another reason (an enterprise's, one the caller registered) come with their counts.
 */
export async function projectStats(em: EntityManager, caller: Caller | null): Promise<ProjectStatsResult> {
  const scope = projectScopeFilter(em, caller);
  const rows: { district_code: string; status: ProjectStatus; count: string | number }[] = await em
    .createQueryBuilder(Project, 'p')
    .select(['p.district_code', 'p.status', raw('count(*) as count')])
    .where((scope ?? {}) as QBFilterQuery<Project>)
    .groupBy(['p.district_code', 'p.status'])
    .execute('all', false);
  const overseen = caller?.scope.kind === 'ALL' ? null : (caller?.scope.districtCodes ?? []);
  const districts = await em.find(
    District,
    { kind: { $ne: DistrictKind.CITY }, ...(overseen ? { code: { $in: overseen } } : {}) },
    { orderBy: { code: 'asc' } },
  );
  const statuses = Object.values(ProjectStatus);
  const byDistrict = new Map<string, DistrictCount>(
    districts.map((d) => [
      d.code,
      { districtCode: d.code, count: 0, byStatus: statuses.map((status) => ({ status, count: 0 })) },
    ]),
  );
  const byStatus = new Map<ProjectStatus, number>(statuses.map((s) => [s, 0]));
  let total = 0;
  for (const row of rows) {
    const count = Number(row.count);
    total += count;
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + count);
    let entry = byDistrict.get(row.district_code);
    if (!entry) {
      entry = { districtCode: row.district_code, count: 0, byStatus: statuses.map((status) => ({ status, count: 0 })) };
      byDistrict.set(row.district_code, entry);
    }
    entry.count += count;
    entry.byStatus.find((s) => s.status === row.status)!.count += count;
  }
  return {
    total,
    byDistrict: [...byDistrict.values()],
    byStatus: statuses.map((status) => ({ status, count: byStatus.get(status)! })),
  };
}

export const sortUnits = (units: ProjectUnit[]): ProjectUnit[] =>
  [...units].sort(
    (a, b) => UNIT_ROLE_ORDER.indexOf(a.role) - UNIT_ROLE_ORDER.indexOf(b.role) || a.position - b.position,
  );

// ---------------------------------------------------------------------------------------------
// Writes: validated in full, in one transaction, published after commit
// ---------------------------------------------------------------------------------------------

export interface WriteDeps {
  pubSub: PgPubSub;
  logger: Logger;
}

function requireWriter(caller: Caller | null): Caller {
  if (!caller) throw forbidden();
  return caller;
}

/** A district-bound caller registers projects only in the districts of their scope. */
export function mayRegisterIn(caller: Caller, districtCode: string): boolean {
  if (caller.scope.kind === 'ALL' || caller.scope.districtCodes.length === 0) return true;
  return caller.scope.districtCodes.includes(districtCode);
}

export function checkDistrictInScope(caller: Caller, districtCode: string): void {
  if (!mayRegisterIn(caller, districtCode)) throw forbidden('无权在该区县登记或迁入工程项目');
}

function codeOrNull(value: string | null | undefined): string | null {
  if (value == null) return null;
  const code = normaliseCode(value);
  return code === '' ? null : code;
}

function draftFromCreate(input: CreateProjectInput): ProjectDraft {
  return {
    projectCode: codeOrNull(input.projectCode),
    permitCode: codeOrNull(input.permitCode),
    investmentCode: codeOrNull(input.investmentCode),
    provincialCode: codeOrNull(input.provincialCode),
    name: cleanText(input.name),
    districtCode: cleanCode(input.districtCode),
    address: cleanText(input.address),
    location: input.location ? { lng: input.location.lng, lat: input.location.lat } : null,
    siteBoundary: input.siteBoundary ?? null,
    status: input.status ?? ProjectStatus.PLANNED,
    startDate: cleanCode(input.startDate),
    plannedEndDate: cleanCode(input.plannedEndDate),
    completedDate: cleanCode(input.completedDate),
    contractAmount: input.contractAmount ?? null,
    area: input.area ?? null,
  };
}

function draftFromUpdate(project: Project, input: UpdateProjectInput): ProjectDraft {
  const pick = <K extends keyof UpdateProjectInput, V>(
    key: K,
    current: V,
    map: (v: NonNullable<UpdateProjectInput[K]>) => V,
  ): V => {
    if (input[key] === undefined) return current;
    return input[key] === null ? (null as V) : map(input[key] as NonNullable<UpdateProjectInput[K]>);
  };
  return {
    projectCode: pick('projectCode', project.projectCode, (v) => codeOrNull(v)),
    permitCode: pick('permitCode', project.permitCode, (v) => codeOrNull(v)),
    investmentCode: pick('investmentCode', project.investmentCode, (v) => codeOrNull(v)),
    provincialCode: pick('provincialCode', project.provincialCode, (v) => codeOrNull(v)),
    name: pick('name', project.name as string | null, (v) => cleanText(v)),
    districtCode: pick('districtCode', project.district.code as string | null, (v) => cleanCode(v)),
    address: pick('address', project.address as string | null, (v) => cleanText(v)),
    location: pick(
      'location',
      { lng: project.location.lng, lat: project.location.lat } as ProjectDraft['location'],
      (v) => ({ lng: v.lng, lat: v.lat }),
    ),
    siteBoundary: input.siteBoundary === undefined ? project.siteBoundary : input.siteBoundary,
    // status and type are required columns: null means "leave as is".
    status: input.status ?? project.status,
    startDate: pick('startDate', project.startDate, (v) => cleanCode(v)),
    plannedEndDate: pick('plannedEndDate', project.plannedEndDate, (v) => cleanCode(v)),
    completedDate: pick('completedDate', project.completedDate, (v) => cleanCode(v)),
    contractAmount: pick('contractAmount', project.contractAmount, (v) => v),
    area: pick('area', project.area, (v) => v),
  };
}

/** Runs every rule; returns the district and the normalised fence, or throws BAD_USER_INPUT. */
export async function validateDraft(em: EntityManager, draft: ProjectDraft) {
  throwIssues(checkProjectFields(draft));
  const district = await findDistrictWithBoundary(em, draft.districtCode!);
  if (!district) throw badInput(`行政区划代码 ${draft.districtCode} 不存在，请选择黄石市所辖区县`, 'districtCode');
  if (district.kind === DistrictKind.CITY) throw badInput('请选择项目所在的具体区县，不能选择黄石市', 'districtCode');
  const locationIssue = checkLocationInDistrict(draft.location!, district.name, district.boundary);
  if (locationIssue) throwIssues([locationIssue]);
  const fence = checkSiteBoundary(draft.siteBoundary, district);
  throwIssues(fence.issues);
  return { district, siteBoundary: fence.polygon };
}

/** CONFLICT when another project already holds one of the codes. */
export async function checkCodesFree(em: EntityManager, draft: ProjectDraft, exceptId?: string): Promise<void> {
  const checks = PROJECT_CODE_FIELDS.filter(({ field }) => draft[field]).map(({ field, label }) => ({
    field,
    label,
    code: draft[field]!,
  }));
  if (!checks.length) return;
  const where: FilterQuery<Project> = { $or: checks.map((c) => ({ [c.field]: c.code })) };
  const taken = await em.find(Project, exceptId ? { $and: [where, { id: { $ne: exceptId } }] } : where, {
    fields: ['id', 'projectCode', 'permitCode', 'investmentCode', 'provincialCode'],
  });
  for (const check of checks) {
    if (taken.some((p) => p[check.field] === check.code))
      throw conflict(`${check.label} ${check.code} 已被其他项目使用`, check.field);
  }
}

function unitDrafts(units: ProjectUnitInput[]): UnitDraft[] {
  return units.map((u) => ({
    enterpriseId: String(u.enterpriseId ?? '').trim(),
    role: u.role,
    projectLeader: cleanText(u.projectLeader),
  }));
}

async function validateUnits(em: EntityManager, units: UnitDraft[]): Promise<Map<string, Enterprise>> {
  throwIssues(checkUnits(units));
  const ids = [...new Set(units.map((u) => u.enterpriseId))];
  const found = ids.length ? await em.find(Enterprise, { id: { $in: ids } }) : [];
  const byId = new Map(found.map((e) => [e.id, e]));
  const missing = units.findIndex((u) => !byId.has(u.enterpriseId));
  if (missing >= 0) throw badInput('参建单位企业不存在，请先在企业库中登记该企业', `units.${missing}.enterpriseId`);
  return byId;
}

export function createUnits(
  em: EntityManager,
  project: Project,
  units: UnitDraft[],
  enterprises: Map<string, Enterprise>,
): void {
  const position = new Map<UnitRole, number>();
  for (const unit of units) {
    const next = position.get(unit.role) ?? 0;
    position.set(unit.role, next + 1);
    em.create(ProjectUnit, {
      project,
      enterprise: enterprises.get(unit.enterpriseId)!,
      role: unit.role,
      projectLeader: unit.projectLeader,
      position: next,
    });
  }
}

export function applyDraft(
  project: Project,
  draft: ProjectDraft,
  district: District,
  siteBoundary: Project['siteBoundary'],
): void {
  project.projectCode = draft.projectCode;
  project.permitCode = draft.permitCode;
  project.investmentCode = draft.investmentCode;
  project.provincialCode = draft.provincialCode;
  project.name = draft.name!;
  project.district = district;
  project.address = draft.address!;
  project.location = new GeoPoint(draft.location!.lng, draft.location!.lat);
  project.siteBoundary = siteBoundary;
  project.status = draft.status;
  project.startDate = draft.startDate;
  project.plannedEndDate = draft.plannedEndDate;
  project.completedDate = draft.completedDate;
  project.contractAmount = draft.contractAmount;
  project.area = draft.area;
}

/** A unique index caught a race the pre-check missed: report it as CONFLICT, not a 500. */
export function asConflict(error: unknown): never {
  if (error instanceof UniqueConstraintViolationException) {
    const text = String((error as Error).message);
    if (text.includes('project_project_code_key')) throw conflict('湖北省工建码已被其他项目使用', 'projectCode');
    if (text.includes('project_permit_code_key')) throw conflict('施工许可证编码已被其他项目使用', 'permitCode');
    if (text.includes('project_investment_code_key')) throw conflict('项目代码已被其他项目使用', 'investmentCode');
    if (text.includes('project_provincial_code_key')) throw conflict('省级项目编号已被其他项目使用', 'provincialCode');
    if (text.includes('project_unit_project_role_enterprise_key'))
      throw conflict('同一企业不能重复登记为同一类参建单位', 'units');
    throw conflict('数据已存在');
  }
  throw error;
}

/** After commit: the change is saved whatever happens here, so a failed NOTIFY is logged, not thrown. */
export async function publishChange(deps: WriteDeps, kind: ProjectChangeKind, project: Project): Promise<void> {
  // Name, position and fence ride along so replicas (the workforce geofence) need not call back;
  // a fence too large for NOTIFY is left out (siteBoundaryOmitted) and the replica keeps its copy.
  const boundary = project.siteBoundary ?? null;
  const boundaryFits = boundary === null || JSON.stringify(boundary).length <= 4000;
  const payload: ProjectChangedPayload = {
    kind,
    projectId: project.id,
    districtCode: project.district.code,
    at: new Date().toISOString(),
    name: project.name,
    projectCode: project.projectCode,
    permitCode: project.permitCode,
    location: project.location ? { lng: project.location.lng, lat: project.location.lat } : null,
    siteBoundary: boundaryFits ? boundary : null,
    siteBoundaryOmitted: !boundaryFits,
  };
  await publish(deps, payload);
}

async function publish(deps: WriteDeps, payload: ProjectChangedPayload): Promise<void> {
  try {
    await deps.pubSub.publish(PROJECT_CHANGED_TOPIC, payload);
  } catch (error) {
    deps.logger.error({ err: error, projectId: payload.projectId }, 'could not publish projects.changed');
  }
}

export async function createProject(
  em: EntityManager,
  caller: Caller | null,
  input: CreateProjectInput,
  deps: WriteDeps,
): Promise<Project> {
  const writer = requireWriter(caller);
  const draft = draftFromCreate(input);
  const units = unitDrafts(input.units ?? []);
  const project = await em
    .transactional(async (tx) => {
      const { district, siteBoundary } = await validateDraft(tx, draft);
      checkDistrictInScope(writer, district.code);
      await checkCodesFree(tx, draft);
      const enterprises = await validateUnits(tx, units);
      const created = tx.create(Project, {
        name: draft.name!,
        type: input.type,
        district,
        address: draft.address!,
        location: new GeoPoint(draft.location!.lng, draft.location!.lat),
        createdById: isUuid(writer.userId) ? writer.userId : null,
      });
      applyDraft(created, draft, district, siteBoundary);
      createUnits(tx, created, units, enterprises);
      return created;
    })
    .catch(asConflict);
  await publishChange(deps, ProjectChangeKind.CREATED, project);
  return project;
}

/** Loads a project in the caller's scope for writing (row lock), or NOT_FOUND. */
export async function lockVisibleProject(tx: EntityManager, caller: Caller, id: string): Promise<Project> {
  if (!isUuid(id)) throw notFound('工程项目');
  const project = await tx.findOne(Project, withScope(tx, caller, { id }), { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!project) throw notFound('工程项目');
  return project;
}

export async function updateProject(
  em: EntityManager,
  caller: Caller | null,
  id: string,
  input: UpdateProjectInput,
  deps: WriteDeps,
): Promise<Project> {
  const writer = requireWriter(caller);
  const project = await em
    .transactional(async (tx) => {
      const current = await lockVisibleProject(tx, writer, id);
      const draft = draftFromUpdate(current, input);
      const { district, siteBoundary } = await validateDraft(tx, draft);
      if (district.code !== current.district.code) checkDistrictInScope(writer, district.code);
      await checkCodesFree(tx, draft, current.id);
      applyDraft(current, draft, district, siteBoundary);
      if (input.type) current.type = input.type;
      current.updatedAt = new Date();
      return current;
    })
    .catch(asConflict);
  await publishChange(deps, ProjectChangeKind.UPDATED, project);
  return project;
}

/** Replaces the project's participating units as a whole (3.1.1). */
export async function setProjectUnits(
  em: EntityManager,
  caller: Caller | null,
  projectId: string,
  units: ProjectUnitInput[],
  deps: WriteDeps,
): Promise<Project> {
  const writer = requireWriter(caller);
  const drafts = unitDrafts(units);
  const project = await em
    .transactional(async (tx) => {
      const current = await lockVisibleProject(tx, writer, projectId);
      const enterprises = await validateUnits(tx, drafts);
      await tx.nativeDelete(ProjectUnit, { project: current.id });
      createUnits(tx, current, drafts, enterprises);
      current.updatedAt = new Date();
      return current;
    })
    .catch(asConflict);
  await publishChange(deps, ProjectChangeKind.UPDATED, project);
  return project;
}

/**
 * 删除工程项目 (1–100, all or nothing): each must be in the caller's scope, and none may still be
 * referred to by another subgraph's records (fire inspections, workforce sites and employments),
 * counted through their reference_metrics_v views. Its 参建单位 go with it (they are part of it).
 * Replicas hear of it through a DELETED projects.changed event after commit.
 */
export async function deleteProjects(
  em: EntityManager,
  caller: Caller | null,
  ids: readonly string[],
  referenceSchemas: readonly string[],
  deps: WriteDeps,
): Promise<number> {
  const writer = requireWriter(caller);
  const unique = batchIds(ids);
  const found = await em.find(Project, withScope(em, writer, { id: { $in: unique } }), {
    fields: ['id', 'name', 'district'],
  });
  if (found.length < unique.length) throw notFound('工程项目');
  const dependents = await externalDependents(em, referenceSchemas, 'project', unique);
  refuseWhenReferenced('工程项目', new Map(found.map((p) => [p.id, p.name])), dependents);
  const deleted = await em.transactional((tx) => tx.nativeDelete(Project, { id: { $in: unique } }));
  const at = new Date().toISOString();
  for (const project of found) {
    await publish(deps, {
      kind: ProjectChangeKind.DELETED,
      projectId: project.id,
      districtCode: project.district.code,
      at,
    });
  }
  return deleted;
}
