import { hasPermission, PERMISSION_LABELS, Permission, type Caller, type DataScopeKind } from '@hs/kit';

/**
 * Who may hand out what. Pure rules that stop privilege escalation through user and role
 * administration: a caller grants only permissions they hold themselves (`*` only by `*`), and
 * only a caller with city-wide (ALL) data scope may grant an ALL-scope role.
 */
export const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set([Permission.ALL, ...Object.keys(PERMISSION_LABELS)]);

export function unknownPermissions(codes: readonly string[]): string[] {
  return codes.filter((c) => !KNOWN_PERMISSIONS.has(c));
}

export function ungrantablePermissions(caller: Caller, codes: readonly string[]): string[] {
  if (caller.permissions.includes(Permission.ALL)) return [];
  return codes.filter((c) => c === Permission.ALL || !hasPermission(caller, c));
}

export function canGrantScope(caller: Caller, kind: DataScopeKind): boolean {
  return kind !== 'ALL' || caller.scope.kind === 'ALL' || caller.permissions.includes(Permission.ALL);
}

/** Why the caller may not hand out a role with these permissions and scope; null when they may. */
export function grantProblem(
  caller: Caller,
  role: { name: string; permissions: readonly string[]; dataScope: DataScopeKind },
): string | null {
  const missing = ungrantablePermissions(caller, role.permissions);
  if (missing.length > 0) return `不能授予自己没有的权限：角色“${role.name}”包含 ${missing.join('、')}`;
  if (!canGrantScope(caller, role.dataScope))
    return `只有拥有全部数据权限的管理员才能授予全部数据权限的角色“${role.name}”`;
  return null;
}
