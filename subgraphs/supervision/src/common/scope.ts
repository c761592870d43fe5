import type { Caller } from '@hs/kit';

export interface Sql {
  sql: string;
  params: unknown[];
}

export const TRUE: Sql = { sql: 'true', params: [] };
const FALSE: Sql = { sql: 'false', params: [] };

export const seesAll = (caller: Caller | null): boolean => caller?.scope.kind === 'ALL';

/**
 * The caller's data scope over inspections (alias `i`): city-wide staff see every inspection,
 * unlinked ones (未关联项目) included; a district's staff those of projects in their districts (the
 * project's district is copied onto each inspection when it is linked); anyone else none.
 */
export function inspectionScopeSql(caller: Caller | null, i = 'i'): Sql {
  if (!caller) return FALSE;
  if (seesAll(caller)) return TRUE;
  const codes = caller.scope.districtCodes.filter(
    (c: unknown): c is string => typeof c === 'string' && /^\d{6}$/.test(c),
  );
  if (!codes.length) return FALSE;
  return { sql: `${i}.district_code in (${codes.map(() => '?').join(', ')})`, params: codes };
}

export function and(parts: Sql[]): Sql {
  const real = parts.filter((p) => p.sql !== 'true');
  return real.length
    ? { sql: real.map((p) => `(${p.sql})`).join(' and '), params: real.flatMap((p) => p.params) }
    : TRUE;
}
