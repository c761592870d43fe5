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

const districts = (caller: Caller) =>
  caller.scope.districtCodes.filter((c: unknown): c is string => typeof c === 'string' && /^\d{6}$/.test(c));
const enterprises = (caller: Caller) => caller.scope.enterpriseIds.filter(isUuid);
const list = (values: unknown[]) => values.map(() => '?').join(', ');

export const seesAll = (caller: Caller | null): boolean => caller?.scope.kind === 'ALL';

/** Condition on an employment row (alias `e`). */
export function employmentScopeSql(caller: Caller | null, e = 'e'): Sql {
  if (!caller) return FALSE;
  if (seesAll(caller)) return TRUE;
  const parts: string[] = [];
  const params: unknown[] = [];
  const d = districts(caller);
  if (d.length) {
    parts.push(`${e}.district_code in (${list(d)})`);
    params.push(...d);
  }
  const ent = enterprises(caller);
  if (ent.length) {
    parts.push(`${e}.enterprise_id in (${list(ent)})`);
    params.push(...ent);
  }
  if (isUuid(caller.userId)) {
    // What they registered, and a worker's own assignments (the phone page lists their projects).
    parts.push(
      `${e}.created_by_id = ?`,
      `${e}.person_id in (select own.id from workforce.person own where own.user_id = ?)`,
    );
    params.push(caller.userId, caller.userId);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : FALSE;
}

/** Condition on a person row (alias `p`): registered by the caller, the caller, or a visible assignment. */
export function personScopeSql(caller: Caller | null, p = 'p'): Sql {
  if (!caller) return FALSE;
  if (seesAll(caller)) return TRUE;
  const emp = employmentScopeSql(caller, 'se');
  const parts = [`exists (select 1 from workforce.employment se where se.person_id = ${p}.id and ${emp.sql})`];
  const params = [...emp.params];
  if (isUuid(caller.userId)) {
    parts.push(`${p}.created_by_id = ?`, `${p}.user_id = ?`);
    params.push(caller.userId, caller.userId);
  }
  return { sql: `(${parts.join(' or ')})`, params };
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
