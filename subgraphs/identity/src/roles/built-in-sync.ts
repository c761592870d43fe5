import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Permission, type Logger } from '@hs/kit';
import { DEMO_ROLES, roleId } from '../seed/seed.js';
import { Role } from './role.entity.js';

/**
 * Brings the built-in roles up to the permission sets the code now defines (ADR 0015), at every
 * start. A role's `builtInPermissions` is what the code gave it last time; what the code added
 * since is granted, and the baseline moves on. So a permission an admin granted stays (the sync
 * never takes one away), and one an admin removed stays removed (it was in the baseline already).
 * Roles an admin made (baseline null) and built-in roles an admin deleted are left alone. One
 * transaction with the rows locked: replicas starting together grant once.
 */
export async function syncBuiltInRoles(em: EntityManager, logger: Logger): Promise<void> {
  const granted = await em.transactional(async (tem) => {
    const rows = await tem.find(
      Role,
      { id: { $in: DEMO_ROLES.map((r) => roleId(r.code)) }, builtInPermissions: { $ne: null } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const changes: Record<string, string[]> = {};
    for (const row of rows) {
      const defined = DEMO_ROLES.find((r) => roleId(r.code) === row.id && r.code === row.code)?.permissions;
      if (!defined) continue;
      const baseline = new Set(row.builtInPermissions);
      const added = defined.filter((p) => !baseline.has(p));
      if (added.length === 0 && baseline.size === defined.length) continue; // in step with the code
      const missing = row.permissions.includes(Permission.ALL) ? [] : added.filter((p) => !row.permissions.includes(p));
      if (missing.length) {
        row.permissions = [...row.permissions, ...missing];
        changes[row.code] = missing;
      }
      row.builtInPermissions = [...defined];
    }
    return changes;
  });
  if (Object.keys(granted).length) logger.info({ granted }, 'built-in roles gained the permissions the code added');
}
