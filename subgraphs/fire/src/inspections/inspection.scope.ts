import { type Caller, isUuid } from '@hs/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { Inspection } from './inspection.entity.js';

/** Nothing matches: for a request without a caller. */
const NOTHING: FilterQuery<Inspection> = { id: { $in: [] } };

/**
 * The caller's data scope as a condition on inspections, applied in every read path (lists, by id,
 * Project.fireInspections, _entities, exports, analytics, the subscription filter) and in every write:
 *   - scope kind ALL: everything (null: no condition);
 *   - otherwise an inspection is visible when its district (copied from the linked Project or entered)
 *     is one of scope.districtCodes, or the caller registered it.
 * Out of scope reads as not existing (NOT_FOUND / null).
 */
export function inspectionScopeFilter(caller: Caller | null): FilterQuery<Inspection> | null {
  if (!caller) return NOTHING;
  if (caller.scope.kind === 'ALL') return null;
  const or: FilterQuery<Inspection>[] = [];
  const districtCodes = scopeDistricts(caller);
  if (districtCodes.length) or.push({ districtCode: { $in: districtCodes } });
  if (isUuid(caller.userId)) or.push({ createdById: caller.userId });
  return or.length ? { $or: or } : NOTHING;
}

export function withInspectionScope(caller: Caller | null, where: FilterQuery<Inspection>): FilterQuery<Inspection> {
  const scope = inspectionScopeFilter(caller);
  return scope ? ({ $and: [where, scope] } as FilterQuery<Inspection>) : where;
}

const scopeDistricts = (caller: Caller) =>
  caller.scope.districtCodes.filter((c: unknown): c is string => typeof c === 'string' && /^\d{6}$/.test(c));

/** The same condition as SQL over an alias of fire.inspection, with knex-style `?` bindings (analytics). */
export function inspectionScopeSql(caller: Caller | null, alias = 'i'): { sql: string; params: unknown[] } {
  if (!caller) return { sql: 'false', params: [] };
  if (caller.scope.kind === 'ALL') return { sql: 'true', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const districtCodes = scopeDistricts(caller);
  if (districtCodes.length) {
    parts.push(`${alias}.district_code in (${districtCodes.map(() => '?').join(', ')})`);
    params.push(...districtCodes);
  }
  if (isUuid(caller.userId)) {
    parts.push(`${alias}.created_by_id = ?`);
    params.push(caller.userId);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : { sql: 'false', params: [] };
}
