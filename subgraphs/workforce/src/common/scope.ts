import { isUuid } from '@hs/kit';
import type { Caller } from '@hs/kit';

/**
 * The caller's data scope over workforce data, as SQL with knex-style `?` bindings. Applied in
 * every read (lists, by id, Project fields, analytics, the subscription) and every write:
 *  - scope kind ALL: everything;
 *  - a district's staff (scope.districtCodes): people, assignments and attendance of projects in
 *    those districts (district copied onto each row at assignment);
 *  - an enterprise's account (scope.enterpriseIds): the people it employs and the projects it
 *    employs them on;
 *  - anyone: people they registered, and themselves (a worker's own account).
 * Out of scope reads as not existing.
 */
export interface Sql {
  sql: string;
  params: unknown[];
}

const TRUE: Sql = { sql: 'true', params: [] };
const FALSE: Sql = { sql: 'false', params: [] };
const NO_IDS: Sql = { sql: 'select null::uuid as id where false', params: [] };

const districts = (caller: Caller) =>
  caller.scope.districtCodes.filter((c: unknown): c is string => typeof c === 'string' && /^\d{6}$/.test(c));
const enterprises = (caller: Caller) => caller.scope.enterpriseIds.filter(isUuid);
const list = (values: unknown[]) => values.map(() => '?').join(', ');

export const seesAll = (caller: Caller | null): boolean => caller?.scope.kind === 'ALL';

/**
 * The conditions on an employment row (alias `e`) that make it visible, each on its own: a
 * district's, an enterprise's, and what the caller registered. Either OR-ed (a row condition) or
 * one union branch each (the visible people as a set of ids).
 */
function employmentParts(caller: Caller, e: string): Sql[] {
  const parts: Sql[] = [];
  const d = districts(caller);
  if (d.length) parts.push({ sql: `${e}.district_code in (${list(d)})`, params: d });
  const ent = enterprises(caller);
  if (ent.length) parts.push({ sql: `${e}.enterprise_id in (${list(ent)})`, params: ent });
  if (isUuid(caller.userId)) parts.push({ sql: `${e}.created_by_id = ?`, params: [caller.userId] });
  return parts;
}

const or = (parts: Sql[]): Sql =>
  parts.length ? { sql: `(${parts.map((p) => p.sql).join(' or ')})`, params: parts.flatMap((p) => p.params) } : FALSE;

/** Condition on an employment row (alias `e`). */
export function employmentScopeSql(caller: Caller | null, e = 'e'): Sql {
  if (!caller) return FALSE;
  if (seesAll(caller)) return TRUE;
  const parts = employmentParts(caller, e);
  // A worker's own assignments (the phone page lists their projects).
  if (isUuid(caller.userId))
    parts.push({
      sql: `${e}.person_id in (select own.id from workforce.person own where own.user_id = ?)`,
      params: [caller.userId],
    });
  return or(parts);
}

/**
 * How a person's assignments are tested: `set` lets PostgreSQL build the caller's visible
 * assignments once as a hash (right for a scan of the whole table: counts, sparse results);
 * `row` looks up each row's own (right for a walk along a sort index that stops after a page
 * of a dense result, where building the set is most of the cost).
 */
export type AssignmentLookup = 'set' | 'row';

/** Condition on a person row (alias `p`): registered by the caller, the caller, or a visible assignment. */
export function personScopeSql(caller: Caller | null, p = 'p', lookup: AssignmentLookup = 'set'): Sql {
  if (!caller) return FALSE;
  if (seesAll(caller)) return TRUE;
  // A worker's own assignments need no branch here: `p.user_id = ?` already admits the worker.
  const emp = or(employmentParts(caller, 'se'));
  // OFFSET 0 keeps the planner from turning the EXISTS into a hashed set (it plans for the whole
  // table, not for the LIMIT that ends the walk).
  const fence = lookup === 'row' ? ' offset 0' : '';
  const parts = [`exists (select 1 from workforce.employment se where se.person_id = ${p}.id and ${emp.sql}${fence})`];
  const params = [...emp.params];
  if (isUuid(caller.userId)) {
    parts.push(`${p}.created_by_id = ?`, `${p}.user_id = ?`);
    params.push(caller.userId, caller.userId);
  }
  return { sql: `(${parts.join(' or ')})`, params };
}

/**
 * The people of `personScopeSql` as a query of their ids (no duplicates), one indexed branch per
 * condition; null when the caller sees everyone. Counting these reads indexes only, where counting
 * the person rows under the OR-ed condition reads the whole table (issue #11: 大冶 sees 15,000 of
 * 50,000 people).
 */
export function personScopeIdsSql(caller: Caller | null): Sql | null {
  if (!caller) return NO_IDS;
  if (seesAll(caller)) return null;
  const branches = employmentParts(caller, 'se').map((part) => ({
    sql: `select se.person_id as id from workforce.employment se where ${part.sql}`,
    params: part.params,
  }));
  if (isUuid(caller.userId))
    branches.push(
      { sql: 'select own.id from workforce.person own where own.created_by_id = ?', params: [caller.userId] },
      { sql: 'select own.id from workforce.person own where own.user_id = ?', params: [caller.userId] },
    );
  if (!branches.length) return NO_IDS;
  return { sql: branches.map((b) => b.sql).join(' union '), params: branches.flatMap((b) => b.params) };
}

/**
 * Condition on a row that belongs to a project and carries its district (alias with
 * `project_id` and `district_code`: presence, attendance, project_site).
 */
export function projectScopeSql(caller: Caller | null, alias: string): Sql {
  if (!caller) return FALSE;
  if (seesAll(caller)) return TRUE;
  const parts: string[] = [];
  const params: unknown[] = [];
  const d = districts(caller);
  if (d.length) {
    parts.push(`${alias}.district_code in (${list(d)})`);
    params.push(...d);
  }
  const ent = enterprises(caller);
  if (ent.length) {
    parts.push(
      `${alias}.project_id in (select pe.project_id from workforce.employment pe where pe.enterprise_id in (${list(ent)}))`,
    );
    params.push(...ent);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : FALSE;
}

export const and = (...parts: Sql[]): Sql => ({
  sql: parts.map((p) => p.sql).join(' and '),
  params: parts.flatMap((p) => p.params),
});
