import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@hs/kit';
import { EnableStatus } from '../common/status.js';
import { Department } from '../departments/department.entity.js';
import { createLoaders } from '../loaders.js';
import { EMPTY_SCOPE, resolveDataScope, type ScopeRole } from '../roles/data-scope.js';
import type { Role } from '../roles/role.entity.js';
import type { User } from '../users/user.entity.js';

/** The union of the permission codes of active roles, sorted; `*` alone when any role has it. */
export function unionPermissions(roles: readonly Pick<Role, 'permissions' | 'status'>[]): string[] {
  const codes = new Set<string>();
  for (const role of roles) if (role.status === EnableStatus.ACTIVE) for (const p of role.permissions) codes.add(p);
  if (codes.has('*')) return ['*'];
  return [...codes].sort();
}

/**
 * What goes into an access token: roles, the union of their permissions and the resolved data
 * scope, read fresh from the database at every login and refresh (so role changes apply at the
 * next refresh). While the password must be changed, the token carries no roles, no permissions
 * and an empty SELF scope: every protected operation answers FORBIDDEN, but `me`, `changePassword`
 * and `logout`, which need only a logged-in caller, still work.
 */
export async function buildCaller(em: EntityManager, user: User, sessionId: string): Promise<Caller> {
  const base = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.department.id,
    sessionId,
  };
  if (user.mustChangePassword) return { ...base, roles: [], permissions: [], scope: EMPTY_SCOPE('SELF') };

  const loaders = createLoaders(em);
  const roles = (await loaders.rolesByUser.load(user.id)).filter((r) => r.status === EnableStatus.ACTIVE);
  const scopeRoles: ScopeRole[] = await Promise.all(
    roles.map(async (r) => ({
      dataScope: r.dataScope,
      customDepartmentIds:
        r.dataScope === 'CUSTOM' ? (await loaders.customDepartmentsByRole.load(r.id)).map((d) => d.id) : [],
    })),
  );
  const needsTree = scopeRoles.some((r) => r.dataScope !== 'ALL' && r.dataScope !== 'SELF');
  const departments = needsTree
    ? (await em.find(Department, {})).map((d) => ({
        id: d.id,
        parentId: d.parent?.id ?? null,
        districtCode: d.districtCode,
        enterpriseId: d.enterpriseId,
      }))
    : [];
  return {
    ...base,
    roles: roles.map((r) => r.code),
    permissions: unionPermissions(roles),
    scope: resolveDataScope({ departmentId: user.department.id }, scopeRoles, departments),
  };
}
