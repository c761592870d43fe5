import {
  type Caller,
  chinaDate,
  cleanCode,
  type FieldIssue,
  HUANGSHI_CITY_CODE,
  isUuid,
  type Page,
  type PageInput,
  pageWindow,
  pgArray,
  type Sort,
  SortDirection,
  throwIssues,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { and, inspectionScopeSql, type Sql } from '../common/scope.js';
import { SupervisionInspection } from './inspection.entity.js';
import { type InspectionFilter, RectificationFilter, SupervisionInspectionSortField } from './inspection.inputs.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(s));

/**
 * The list's conditions on `supervision.inspection i`: the caller's scope, the filter, and for an
 * export of the selection the chosen ids. `today` (Asia/Shanghai) decides what is overdue.
 */
export function inspectionsWhere(
  caller: Caller | null,
  filter: InspectionFilter | null | undefined,
  today: string,
  ids?: readonly string[] | null,
): Sql {
  const issues: FieldIssue[] = [];
  const parts: Sql[] = [inspectionScopeSql(caller, 'i')];
  const f = filter ?? {};
  if (f.projectId) {
    if (!isUuid(f.projectId)) issues.push({ field: 'filter.projectId', message: '工程项目标识格式不正确' });
    else parts.push({ sql: 'i.project_id = ?', params: [f.projectId] });
  }
  const district = cleanCode(f.districtCode);
  if (district && district !== HUANGSHI_CITY_CODE) {
    if (!/^\d{6}$/.test(district)) issues.push({ field: 'filter.districtCode', message: '区县代码应为6位数字' });
    else parts.push({ sql: 'i.district_code = ?', params: [district] });
  }
  if (f.type) parts.push({ sql: 'i.type = ?', params: [f.type] });
  for (const [key, op] of [
    ['dateFrom', '>='],
    ['dateTo', '<='],
  ] as const) {
    const value = f[key]?.trim();
    if (!value) continue;
    if (!validDate(value)) issues.push({ field: `filter.${key}`, message: '日期格式应为 YYYY-MM-DD' });
    else parts.push({ sql: `i.inspected_on ${op} ?::date`, params: [value] });
  }
  if (f.dateFrom && f.dateTo && validDate(f.dateFrom) && validDate(f.dateTo) && f.dateFrom > f.dateTo)
    issues.push({ field: 'filter.dateTo', message: '检查日期止不能早于检查日期起' });
  if (f.outcome) parts.push({ sql: 'i.outcome = ?', params: [f.outcome] });
  if (f.riskLevel !== null && f.riskLevel !== undefined) {
    if (!Number.isInteger(f.riskLevel) || f.riskLevel < 1 || f.riskLevel > 9)
      issues.push({ field: 'filter.riskLevel', message: '隐患等级编号应为 1–9 的整数' });
    else parts.push({ sql: 'i.max_risk_level = ?', params: [f.riskLevel] });
  }
  if (f.rectification === RectificationFilter.OPEN) parts.push({ sql: 'i.open_count > 0', params: [] });
  if (f.rectification === RectificationFilter.OVERDUE)
    parts.push({ sql: 'i.open_count > 0 and i.open_deadline < ?::date', params: [today] });
  if (f.linked === false) parts.push({ sql: 'i.project_id is null', params: [] });
  if (f.linked === true) parts.push({ sql: 'i.project_id is not null', params: [] });
  if (ids) parts.push({ sql: 'i.id = any(?::uuid[])', params: [pgArray(ids.filter(isUuid))] });
  throwIssues(issues);
  return and(parts);
}

const COLUMNS: Record<SupervisionInspectionSortField, string[]> = {
  INSPECTED_ON: ['i.inspected_on'],
  MAX_RISK_LEVEL: ['i.max_risk_level', 'i.inspected_on'],
  PROBLEM_COUNT: ['i.problem_count'],
  OPEN_DEADLINE: ['i.open_deadline'],
};

/** ORDER BY of the list (default: newest inspection first), ending on the id so pages never overlap. */
export function inspectionsOrder(sort: Sort<SupervisionInspectionSortField> | null | undefined): string {
  const columns = sort ? COLUMNS[sort.field] : COLUMNS.INSPECTED_ON;
  const dir = sort ? (sort.direction === SortDirection.DESC ? 'desc' : 'asc') : 'desc';
  const nulls = dir === 'asc' ? 'nulls last' : 'nulls first';
  return [...columns.map((c) => `${c} ${dir} ${nulls}`), `i.id ${dir}`].join(', ');
}

export async function countInspections(em: EntityManager, where: Sql): Promise<number> {
  const [row] = await em.execute<{ total: number }[]>(
    `select count(*)::int as total from supervision.inspection i where ${where.sql}`,
    where.params,
  );
  return row.total;
}

export async function inspectionsWindow(
  em: EntityManager,
  where: Sql,
  order: string,
  limit: number,
  offset: number,
): Promise<SupervisionInspection[]> {
  const ids = await em.execute<{ id: string }[]>(
    `select i.id from supervision.inspection i where ${where.sql} order by ${order} limit ? offset ?`,
    [...where.params, limit, offset],
  );
  const rows = ids.length ? await em.find(SupervisionInspection, { id: { $in: ids.map((r) => r.id) } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((r) => byId.get(r.id)!).filter(Boolean);
}

export async function listInspections(
  em: EntityManager,
  caller: Caller | null,
  filter: InspectionFilter | null | undefined,
  page: PageInput | null | undefined,
  sort: Sort<SupervisionInspectionSortField> | null | undefined,
  now: Date,
): Promise<Page<SupervisionInspection>> {
  const window = pageWindow(page);
  const where = inspectionsWhere(caller, filter, chinaDate(now));
  const total = await countInspections(em, where);
  const items = await inspectionsWindow(em, where, inspectionsOrder(sort), window.limit, window.offset);
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/** Inspections by id within the caller's scope (out of scope reads as not existing). */
export async function visibleInspections(
  em: EntityManager,
  caller: Caller | null,
  ids: readonly string[],
): Promise<SupervisionInspection[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return [];
  const scope = inspectionScopeSql(caller, 'i');
  const found = await em.execute<{ id: string }[]>(
    `select i.id from supervision.inspection i where i.id = any(?::uuid[]) and ${scope.sql}`,
    [pgArray(valid), ...scope.params],
  );
  return found.length ? em.find(SupervisionInspection, { id: { $in: found.map((r) => r.id) } }) : [];
}
