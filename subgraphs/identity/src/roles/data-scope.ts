import { HUANGSHI_CITY_CODE, HUANGSHI_DIVISIONS, type DataScope, type DataScopeKind } from '@hs/kit';

/**
 * Resolves the data scope carried in an access token from the person's roles (RuoYi semantics):
 *
 *   ALL                全部数据          no restriction (lists stay empty: "city-wide")
 *   CUSTOM             自定义部门        the role's chosen departments
 *   DEPT               本部门            the person's own department
 *   DEPT_AND_CHILDREN  本部门及以下      own department and every department below it
 *   SELF               仅本人            only the person's own records (no departments)
 *
 * Several roles: the union. The kind is the broadest one: ALL beats everything; any department-based
 * kind beats SELF; a mix of different department-based kinds is reported as CUSTOM (the department
 * list, which is the union, is then the authority). districtCodes are the departments' district codes,
 * where the city (420200) stands for itself and all six county-level divisions; enterpriseIds are the
 * enterprises those departments stand for. Pure: the caller passes every department of the tree.
 */
export interface ScopeDepartment {
  id: string;
  parentId: string | null;
  districtCode: string | null;
  enterpriseId: string | null;
}

export interface ScopeRole {
  dataScope: DataScopeKind;
  customDepartmentIds: readonly string[];
}

export const EMPTY_SCOPE = (kind: DataScopeKind): DataScope => ({
  kind,
  departmentIds: [],
  districtCodes: [],
  enterpriseIds: [],
});

/** The city code expands to the city plus its county-level divisions; any other code stands for itself. */
export function expandDistrictCode(code: string): string[] {
  if (code === HUANGSHI_CITY_CODE) return HUANGSHI_DIVISIONS.map((d) => d.code);
  return [code];
}

/** `rootId` and every department below it (cycle-safe). */
export function descendantsAndSelf(departments: readonly ScopeDepartment[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const d of departments) {
    if (!d.parentId) continue;
    const list = children.get(d.parentId) ?? [];
    list.push(d.id);
    children.set(d.parentId, list);
  }
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child);
  }
  return [...seen];
}

export function resolveDataScope(
  user: { departmentId: string | null },
  roles: readonly ScopeRole[],
  departments: readonly ScopeDepartment[],
): DataScope {
  if (roles.some((r) => r.dataScope === 'ALL')) return EMPTY_SCOPE('ALL');

  const departmentIds = new Set<string>();
  const kinds = new Set<DataScopeKind>();
  const known = new Set(departments.map((d) => d.id));
  for (const role of roles) {
    switch (role.dataScope) {
      case 'CUSTOM':
        kinds.add('CUSTOM');
        for (const id of role.customDepartmentIds) if (known.has(id)) departmentIds.add(id);
        break;
      case 'DEPT':
        kinds.add('DEPT');
        if (user.departmentId && known.has(user.departmentId)) departmentIds.add(user.departmentId);
        break;
      case 'DEPT_AND_CHILDREN':
        kinds.add('DEPT_AND_CHILDREN');
        if (user.departmentId && known.has(user.departmentId)) {
          for (const id of descendantsAndSelf(departments, user.departmentId)) departmentIds.add(id);
        }
        break;
      case 'SELF':
        break;
    }
  }
  if (kinds.size === 0) return EMPTY_SCOPE('SELF');
  const kind: DataScopeKind = kinds.size === 1 ? [...kinds][0] : 'CUSTOM';

  const byId = new Map(departments.map((d) => [d.id, d]));
  const districtCodes = new Set<string>();
  const enterpriseIds = new Set<string>();
  for (const id of departmentIds) {
    const d = byId.get(id)!;
    if (d.districtCode) for (const code of expandDistrictCode(d.districtCode)) districtCodes.add(code);
    if (d.enterpriseId) enterpriseIds.add(d.enterpriseId);
  }
  return {
    kind,
    departmentIds: [...departmentIds].sort(),
    districtCodes: [...districtCodes].sort(),
    enterpriseIds: [...enterpriseIds].sort(),
  };
}

/** Whether a scope lets its holder see data of `departmentId` (ALL: always; SELF: never). */
export function scopeCoversDepartment(scope: DataScope, departmentId: string | null | undefined): boolean {
  if (scope.kind === 'ALL') return true;
  return !!departmentId && scope.departmentIds.includes(departmentId);
}
