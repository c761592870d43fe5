import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, groupLoader } from '@hs/kit';
import DataLoader from 'dataloader';
import { Department } from './departments/department.entity.js';
import { Role } from './roles/role.entity.js';
import { User } from './users/user.entity.js';

export interface IdentityLoaders {
  /** One `select … where id in (…)` per tick: the router's batched `_entities` for User. */
  userById: DataLoader<string, User | null>;
  departmentById: DataLoader<string, Department | null>;
  childrenByDepartment: DataLoader<string, Department[]>;
  roleById: DataLoader<string, Role | null>;
  /** Roles of each user (joined through user_role), in role order. */
  rolesByUser: DataLoader<string, Role[]>;
  /** The departments a CUSTOM-scope role names. */
  customDepartmentsByRole: DataLoader<string, Department[]>;
}

/** Rows of `entity` joined through a pivot table, grouped by the pivot's owner column: one query per batch. */
function pivotLoader<T extends object>(
  em: EntityManager,
  entity: typeof Role | typeof Department,
  sql: (placeholders: string) => string,
): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.execute<Record<string, unknown>[]>(sql(ids.map(() => '?').join(', ')), [...ids]);
    const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const { owner_id: ownerId, ...row } of rows) {
      groups.get(String(ownerId))?.push(em.map(entity as never, row as never) as T);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export function createLoaders(em: EntityManager): IdentityLoaders {
  return {
    userById: byIdLoader(em, User),
    departmentById: byIdLoader(em, Department),
    childrenByDepartment: groupLoader(em, Department, 'parent', { sortOrder: 'asc', name: 'asc' }),
    roleById: byIdLoader(em, Role),
    rolesByUser: pivotLoader<Role>(
      em,
      Role,
      (ids) =>
        `select ur.user_id as owner_id, r.* from "identity"."role" r join "identity"."user_role" ur on ur.role_id = r.id
         where ur.user_id in (${ids}) order by r.sort_order, r.code`,
    ),
    customDepartmentsByRole: pivotLoader<Department>(
      em,
      Department,
      (ids) =>
        `select rd.role_id as owner_id, d.* from "identity"."department" d join "identity"."role_department" rd on rd.department_id = d.id
         where rd.role_id in (${ids}) order by d.sort_order, d.name`,
    ),
  };
}
