import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  batchIds,
  type Caller,
  DATA_SCOPE_KINDS,
  type DataScopeKind,
  type Dependent,
  forbidden,
  notFound,
  orderByOf,
  pgArray,
  refuseWhenReferenced,
  type Sort,
} from '@hs/kit';
import { EnableStatus } from '../common/status.js';
import { assertId, assertText, conflict, likeEscape } from '../common/validate.js';
import { Department } from '../departments/department.entity.js';
import { scopeCoversDepartment } from './data-scope.js';
import { grantProblem, unknownPermissions } from './role-grants.js';
import { Role } from './role.entity.js';
import { type CreateRoleInput, type RoleFilter, RoleSortField, type UpdateRoleInput } from './role.inputs.js';

export const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

/** The role every installation is administered with: deleting it could leave nobody able to grant anything. */
export const SUPER_ADMIN_ROLE_CODE = 'super_admin';

/** Each sortable column has an index (Migration20261202000400IdentityListIndexes); by default the 排序 column. */
export const roleOrder = (sort: Sort<RoleSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [RoleSortField.SORT_ORDER]: (d) => ({ sortOrder: d }),
      [RoleSortField.NAME]: (d) => ({ name: d }),
      [RoleSortField.CODE]: (d) => ({ code: d }),
      [RoleSortField.STATUS]: (d) => ({ status: d }),
      [RoleSortField.CREATED_AT]: (d) => ({ createdAt: d }),
    },
    [{ sortOrder: 'asc' }, { code: 'asc' }],
  );

function assertPermissions(codes: unknown): string[] {
  if (!Array.isArray(codes)) throw badInput('权限列表无效', 'permissions');
  const list = [...new Set(codes.map((c) => String(c).trim()))];
  const unknown = unknownPermissions(list);
  if (unknown.length > 0) throw badInput(`未知的权限代码：${unknown.join('、')}`, 'permissions');
  return list.sort();
}

function assertScopeKind(value: unknown): DataScopeKind {
  if (!DATA_SCOPE_KINDS.includes(value as DataScopeKind)) throw badInput('数据权限范围无效', 'dataScope');
  return value as DataScopeKind;
}

/** 角色管理. Everything is validated first (known permission codes, departments), then written in one transaction. */
export class RoleService {
  constructor(private readonly em: EntityManager) {}

  /** The roles the list shows for `filter` (and, for a batch, only `ids`). Roles are not data-scoped. */
  whereOf(filter: RoleFilter | null | undefined, ids?: readonly string[] | null): FilterQuery<Role> {
    const and: FilterQuery<Role>[] = [];
    const keyword = filter?.keyword?.normalize('NFC').trim();
    if (keyword) {
      const pattern = `%${likeEscape(keyword)}%`;
      and.push({ $or: [{ name: { $ilike: pattern } }, { code: { $ilike: pattern } }] });
    }
    if (filter?.status) and.push({ status: filter.status });
    if (ids) and.push({ id: { $in: batchIds(ids) } });
    return and.length ? { $and: and } : {};
  }

  list(filter?: RoleFilter | null, sort?: Sort<RoleSortField> | null): Promise<Role[]> {
    return this.em.find(Role, this.whereOf(filter), { orderBy: roleOrder(sort) as never });
  }

  async get(id: string): Promise<Role> {
    const role = await this.em.findOne(Role, assertId(id, 'id', '角色'));
    if (!role) throw notFound('角色');
    return role;
  }

  private async customDepartments(caller: Caller, kind: DataScopeKind, ids: readonly unknown[]): Promise<string[]> {
    if (kind !== 'CUSTOM') {
      if (ids.length > 0) throw badInput('只有“自定义部门数据”范围的角色才能指定部门', 'customDepartmentIds');
      return [];
    }
    const unique = [...new Set(ids.map((id) => assertId(id, 'customDepartmentIds', '部门')))];
    if (unique.length === 0) throw badInput('“自定义部门数据”范围至少要选择一个部门', 'customDepartmentIds');
    const found = await this.em.find(Department, { id: { $in: unique } });
    const missing = unique.filter((id) => !found.some((d) => d.id === id));
    if (missing.length > 0) throw badInput(`部门不存在：${missing.join('、')}`, 'customDepartmentIds');
    for (const d of found) {
      if (!scopeCoversDepartment(caller.scope, d.id)) throw forbidden(`部门“${d.name}”不在您的数据权限范围内`);
    }
    return unique;
  }

  async create(caller: Caller, input: CreateRoleInput): Promise<Role> {
    const code = typeof input.code === 'string' ? input.code.trim() : '';
    if (!ROLE_CODE_PATTERN.test(code))
      throw badInput('角色编码须以小写字母开头，由 2–64 位小写字母、数字或下划线组成', 'code');
    const name = assertText(input.name, 'name', '角色名称', 64);
    const description = input.description?.trim() ? assertText(input.description, 'description', '说明', 255) : null;
    const permissions = assertPermissions(input.permissions);
    const dataScope = assertScopeKind(input.dataScope);
    const departmentIds = await this.customDepartments(caller, dataScope, input.customDepartmentIds ?? []);
    const problem = grantProblem(caller, { name, permissions, dataScope });
    if (problem) throw forbidden(problem);
    if (await this.em.findOne(Role, { code })) throw conflict(`角色编码“${code}”已存在`, 'code');

    return this.em.transactional(async (tem) => {
      const now = new Date();
      const role = tem.create(Role, {
        code,
        name,
        description,
        permissions,
        dataScope,
        sortOrder: input.sortOrder ?? 0,
        status: EnableStatus.ACTIVE,
        createdAt: now,
        updatedAt: now,
      });
      role.customDepartments.set(departmentIds.map((id) => tem.getReference(Department, id)));
      tem.persist(role);
      return role;
    });
  }

  async update(caller: Caller, id: string, input: UpdateRoleInput): Promise<Role> {
    const role = await this.get(id);
    const current = grantProblem(caller, role);
    if (current) throw forbidden(`不能修改权限高于自己的角色：${current}`);
    const name = input.name != null ? assertText(input.name, 'name', '角色名称', 64) : role.name;
    const description =
      input.description == null
        ? undefined
        : input.description.trim() === ''
          ? null
          : assertText(input.description, 'description', '说明', 255);
    const permissions = input.permissions != null ? assertPermissions(input.permissions) : role.permissions;
    const dataScope = input.dataScope != null ? assertScopeKind(input.dataScope) : role.dataScope;
    let departmentIds: string[] | undefined;
    if (input.customDepartmentIds != null || input.dataScope != null) {
      const ids =
        input.customDepartmentIds ??
        (dataScope === 'CUSTOM'
          ? (await this.em.populate(role, ['customDepartments'])).customDepartments.getIdentifiers<string>()
          : []);
      departmentIds = await this.customDepartments(caller, dataScope, ids);
    }
    const problem = grantProblem(caller, { name, permissions, dataScope });
    if (problem) throw forbidden(problem);
    if (input.status != null && !Object.values(EnableStatus).includes(input.status))
      throw badInput('状态无效', 'status');

    return this.em.transactional(async (tem) => {
      const row = await tem.findOneOrFail(Role, role.id, { populate: ['customDepartments'] });
      row.name = name;
      if (description !== undefined) row.description = description;
      row.permissions = permissions;
      row.dataScope = dataScope;
      if (departmentIds) row.customDepartments.set(departmentIds.map((d) => tem.getReference(Department, d)));
      if (input.sortOrder != null) row.sortOrder = input.sortOrder;
      if (input.status != null) row.status = input.status;
      return row;
    });
  }

  /**
   * 删除角色: all or nothing. The built-in 超级管理员 never; a role the caller could not grant (so could
   * not edit either) is refused; a role someone still holds is refused with how many hold it — taking
   * it away from them silently would change what they may do. The check runs under a lock on the
   * roles, so an assignment made meanwhile either waits for the delete (and then fails) or is counted.
   */
  async deleteMany(caller: Caller, ids: readonly string[]): Promise<number> {
    const unique = batchIds(ids);
    return this.em.transactional(async (tem) => {
      const roles = await tem.find(Role, { id: { $in: unique } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (roles.length < unique.length) throw notFound('角色');
      for (const role of roles) {
        if (role.code === SUPER_ADMIN_ROLE_CODE) throw badInput(`系统内置角色“${role.name}”不能删除`, 'ids');
        const problem = grantProblem(caller, role);
        if (problem) throw forbidden(`不能删除权限高于自己的角色：${problem}`);
      }
      const holders = await tem.execute<{ role_id: string; refs: string }[]>(
        `select role_id, count(*) as refs from "identity"."user_role" where role_id = any(?::uuid[]) group by role_id`,
        [pgArray(unique)],
      );
      const dependents = new Map<string, Dependent[]>(
        holders.map((h) => [h.role_id, [{ label: '名用户', count: Number(h.refs) }]]),
      );
      refuseWhenReferenced('角色', new Map(roles.map((r) => [r.id, r.name])), dependents);
      return tem.nativeDelete(Role, { id: { $in: unique } });
    });
  }
}
