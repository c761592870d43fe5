import {
  batchIds,
  type Caller,
  checkText,
  cleanCode,
  cleanText,
  conflict,
  EVENTS_MAY_BE_MISSED,
  type FieldIssue,
  forbidden,
  HUANGSHI_CITY_CODE,
  isConnectionLost,
  isUuid,
  likeContains,
  type Logger,
  notFound,
  type Page,
  type PageInput,
  pageWindow,
  pgArray,
  type PgPubSub,
  type Sort,
  throwIssues,
} from '@hs/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { orderSql } from '../common/order.js';
import { and, projectScopeSql, seesAll, type Sql } from '../common/scope.js';
import { asPolygon } from '../geofence.js';
import { Device, type DeviceKind } from './device.entity.js';
import { ProjectSite } from './site.entity.js';
import { type SiteFilter, WorkforceProjectSiteSortField } from './site.inputs.js';

/** The projects subgraph's topic and the part of its payload this replica reads. */
export const PROJECTS_CHANGED_TOPIC = 'projects.changed';

export interface ProjectChanged {
  /** DELETED: the project is gone (projects refused the delete while anything here referred to it). */
  kind?: string;
  projectId: string;
  districtCode: string;
  name?: string;
  location?: { lng: number; lat: number } | null;
  siteBoundary?: unknown;
  siteBoundaryOmitted?: boolean;
}

/**
 * Applies one projects.changed event to the replica. Events without a name (an older projects
 * service) only move the district of a known site; a new site needs the name.
 */
export async function applyProjectChange(em: EntityManager, event: ProjectChanged, now = new Date()): Promise<void> {
  if (!isUuid(event.projectId) || !/^\d{6}$/.test(String(event.districtCode))) return;
  if (event.kind === 'DELETED') {
    await em.nativeDelete(ProjectSite, { projectId: event.projectId });
    return;
  }
  const site = await em.findOne(ProjectSite, { projectId: event.projectId });
  const name = typeof event.name === 'string' ? event.name.slice(0, 100) : null;
  if (!site && !name) return;
  const target =
    site ?? em.create(ProjectSite, { projectId: event.projectId, name: name!, districtCode: event.districtCode });
  target.districtCode = event.districtCode;
  if (name) target.name = name;
  if (event.location !== undefined) {
    target.locationLng = event.location?.lng ?? null;
    target.locationLat = event.location?.lat ?? null;
  }
  if (event.siteBoundary !== undefined && !event.siteBoundaryOmitted) target.boundary = asPolygon(event.siteBoundary);
  target.syncedAt = now;
  await em.flush();
  // Assignments carry the district for scope and statistics: keep them in step.
  await em
    .getConnection()
    .execute(`update workforce.employment set district_code = ? where project_id = ? and district_code <> ?`, [
      event.districtCode,
      event.projectId,
      event.districtCode,
    ]);
  await em
    .getConnection()
    .execute(`update workforce.presence set district_code = ? where project_id = ? and district_code <> ?`, [
      event.districtCode,
      event.projectId,
      event.districtCode,
    ]);
}

/** Listens to projects.changed for the life of the process and keeps the replica current. */
export function followProjectChanges(orm: MikroORM, pubSub: PgPubSub, logger: Logger): void {
  void (async () => {
    try {
      for await (const payload of pubSub.subscribe(PROJECTS_CHANGED_TOPIC)) {
        if (payload === EVENTS_MAY_BE_MISSED) {
          // Nothing replays them (ADR 0006): such a project is current again at its next change.
          logger.warn('site replica may have missed projects.changed events while the database connection was down');
          continue;
        }
        try {
          await applyProjectChange(orm.em.fork(), payload as ProjectChanged).catch((error: unknown) => {
            // The connection died under the event (database restart): once more on a fresh one.
            if (!isConnectionLost(error)) throw error;
            return applyProjectChange(orm.em.fork(), payload as ProjectChanged);
          });
        } catch (error) {
          logger.error({ err: error }, 'could not apply projects.changed to the site replica');
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'site replica listener stopped');
    }
  })();
}

/**
 * The fence list's conditions on `workforce.project_site s`: the caller's scope, the filter (and
 * the old `districtCode` argument), and for an export of the selection the chosen project ids.
 */
export function sitesWhere(
  caller: Caller | null,
  filter: SiteFilter | null | undefined,
  ids?: readonly string[] | null,
): Sql {
  const issues: FieldIssue[] = [];
  const parts: Sql[] = [projectScopeSql(caller, 's')];
  const district = cleanCode(filter?.districtCode);
  if (district && district !== HUANGSHI_CITY_CODE) {
    if (!/^\d{6}$/.test(district)) issues.push({ field: 'filter.districtCode', message: '区县代码应为6位数字' });
    parts.push({ sql: 's.district_code = ?', params: [district] });
  }
  const name = cleanText(filter?.name);
  if (name) {
    if (Array.from(name).length > 100) issues.push({ field: 'filter.name', message: '项目名称关键字过长' });
    parts.push({ sql: 's.name like ?', params: [likeContains(name)] });
  }
  if (filter?.hasFence != null) parts.push({ sql: `s.boundary is ${filter.hasFence ? 'not ' : ''}null`, params: [] });
  if (ids) parts.push({ sql: 's.project_id = any(?::uuid[])', params: [pgArray(batchIds(ids))] });
  throwIssues(issues);
  return and(...parts);
}

/** By district and name without a sort, as the page always listed them. */
export const sitesOrder = (sort: Sort<WorkforceProjectSiteSortField> | null | undefined): string =>
  orderSql(
    sort,
    {
      [WorkforceProjectSiteSortField.NAME]: (d) => ({ 's.name': d }),
      [WorkforceProjectSiteSortField.DISTRICT_CODE]: (d) => ({ 's.district_code': d, 's.name': d }),
      [WorkforceProjectSiteSortField.FENCE_MARGIN_M]: (d) => ({ 's.fence_margin_m': d }),
      [WorkforceProjectSiteSortField.SYNCED_AT]: (d) => ({ 's.synced_at': d }),
    },
    [{ 's.district_code': 'asc' }, { 's.name': 'asc' }],
    's.project_id',
  );

export async function countSites(em: EntityManager, where: Sql): Promise<number> {
  const [row] = await em.execute<{ total: number }[]>(
    `select count(*)::int as total from workforce.project_site s where ${where.sql}`,
    where.params,
  );
  return row.total;
}

/** One window of the fences matching `where`, in `order` (read through `em`, in its transaction if any). */
export async function sitesWindow(
  em: EntityManager,
  where: Sql,
  order: string,
  limit: number,
  offset: number,
): Promise<ProjectSite[]> {
  const ids = await em.execute<{ project_id: string }[]>(
    `select s.project_id from workforce.project_site s where ${where.sql} order by ${order} limit ? offset ?`,
    [...where.params, limit, offset],
  );
  const rows = ids.length ? await em.find(ProjectSite, { projectId: { $in: ids.map((r) => r.project_id) } }) : [];
  const byId = new Map(rows.map((r) => [r.projectId, r]));
  return ids.map((r) => byId.get(r.project_id)!).filter(Boolean);
}

export async function listSites(
  em: EntityManager,
  caller: Caller | null,
  filter: SiteFilter | null | undefined,
  page: PageInput | null | undefined,
  sort?: Sort<WorkforceProjectSiteSortField> | null,
): Promise<Page<ProjectSite>> {
  const window = pageWindow(page);
  const where = sitesWhere(caller, filter);
  const total = await countSites(em, where);
  const items = await sitesWindow(em, where, sitesOrder(sort), window.limit, window.offset);
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/** A site the caller may manage: city-wide staff, or staff of its district. */
async function manageableSite(em: EntityManager, caller: Caller, projectId: string): Promise<ProjectSite> {
  const site = isUuid(projectId) ? await em.findOne(ProjectSite, { projectId }) : null;
  if (!site) throw notFound('工程项目');
  if (!seesAll(caller) && !caller.scope.districtCodes.includes(site.districtCode))
    throw forbidden('只能维护本辖区项目的考勤围栏和设备');
  return site;
}

export async function setFenceMargin(
  em: EntityManager,
  caller: Caller,
  projectId: string,
  marginM: number,
): Promise<ProjectSite> {
  if (!Number.isInteger(marginM) || marginM < 0 || marginM > 1000) {
    throwIssues([{ field: 'marginM', message: '围栏容差应为 0 到 1000 之间的整数（米）' }]);
  }
  const site = await manageableSite(em, caller, projectId);
  site.fenceMarginM = marginM;
  await em.flush();
  return site;
}

export async function registerDevice(
  em: EntityManager,
  caller: Caller,
  input: { projectId: string; serialNo: string; name: string; kind: DeviceKind },
): Promise<Device> {
  const issues: FieldIssue[] = [];
  const serialNo = cleanCode(input.serialNo);
  checkText(issues, 'serialNo', '设备序列号', serialNo, { required: true, max: 64 });
  const name = cleanText(input.name);
  checkText(issues, 'name', '设备名称', name, { required: true, max: 100 });
  throwIssues(issues);
  const site = await manageableSite(em, caller, input.projectId);
  const device = em.create(Device, { projectId: site.projectId, serialNo: serialNo!, name: name!, kind: input.kind });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict('该设备序列号已登记', 'serialNo');
    throw error;
  }
  return device;
}

export async function setDeviceEnabled(
  em: EntityManager,
  caller: Caller,
  id: string,
  enabled: boolean,
): Promise<Device> {
  const device = isUuid(id) ? await em.findOne(Device, { id }) : null;
  if (!device) throw notFound('考勤设备');
  await manageableSite(em, caller, device.projectId);
  device.enabled = enabled;
  await em.flush();
  return device;
}
