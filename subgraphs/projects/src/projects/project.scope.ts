import { type Caller, isUuid } from '@hs/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProjectUnit } from './project-unit.entity.js';
import type { Project } from './project.entity.js';

/** Nothing matches: for a request without a caller. */
const NOTHING: FilterQuery<Project> = { id: { $in: [] } };

/**
 * The caller's data scope as a SQL condition on projects, applied in every read path (lists,
 * by id, by code, _entities, stats, subscription filters):
 *   - scope kind ALL: everything (returns null: no condition);
 *   - otherwise a project is visible when its district is one of scope.districtCodes, or one of
 *     its units' enterprises is one of scope.enterpriseIds, or the caller registered it.
 * The unit condition is a semi-join (`id in (select project_id …)`), so pagination stays exact.
 */
export function projectScopeFilter(em: EntityManager, caller: Caller | null): FilterQuery<Project> | null {
  if (!caller) return NOTHING;
  if (caller.scope.kind === 'ALL') return null;
  const or: FilterQuery<Project>[] = [];
  const districtCodes = caller.scope.districtCodes.filter(
    (c: unknown): c is string => typeof c === 'string' && c !== '',
  );
  if (districtCodes.length) or.push({ district: { $in: districtCodes } });
  const enterpriseIds = caller.scope.enterpriseIds.filter(isUuid);
  if (enterpriseIds.length) or.push(idIn(projectIdsWithUnits(em, { enterprise: { $in: enterpriseIds } })));
  if (isUuid(caller.userId)) or.push({ createdById: caller.userId });
  return or.length ? { $or: or } : NOTHING;
}

/** `select project_id from project_unit where …` as a sub-query usable inside `$in`. */
export function projectIdsWithUnits(em: EntityManager, where: FilterQuery<ProjectUnit>) {
  return em
    .createQueryBuilder(ProjectUnit, 'su')
    .select('su.project_id')
    .where(where as QBFilterQuery<ProjectUnit>)
    .getKnexQuery();
}

/** `id in (<sub-query>)`: MikroORM accepts a knex query as an `$in` operand; its types do not say so. */
export const idIn = (subQuery: ReturnType<typeof projectIdsWithUnits>): FilterQuery<Project> => ({
  id: { $in: subQuery as never },
});

/** `where` AND the caller's scope. */
export function withScope(em: EntityManager, caller: Caller | null, where: FilterQuery<Project>): FilterQuery<Project> {
  const scope = projectScopeFilter(em, caller);
  return scope ? ({ $and: [where, scope] } as FilterQuery<Project>) : where;
}
