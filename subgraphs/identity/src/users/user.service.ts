import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  batchIds,
  type Caller,
  type Dependent,
  externalDependents,
  forbidden,
  mergeDependents,
  notFound,
  orderByOf,
  type Page,
  type PageInput,
  pageWindow,
  pgArray,
  refuseWhenReferenced,
  type Sort,
} from '@hs/kit';
import { AuthService, normaliseUsername } from '../auth/auth.service.js';
import { assertPasswordComplexity } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { EnableStatus } from '../common/status.js';
import { assertId, assertText, conflict, likeEscape } from '../common/validate.js';
import { Department } from '../departments/department.entity.js';
import { descendantsAndSelf, scopeCoversDepartment } from '../roles/data-scope.js';
import { grantProblem } from '../roles/role-grants.js';
import { Role } from '../roles/role.entity.js';
import type { IdentitySettings } from '../settings.js';
import { PersonalData } from './personal-data.js';
import { type CreateUserInput, type UpdateUserInput, type UserFilter, UserSortField } from './user.inputs.js';
import { User } from './user.entity.js';

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;

/** Users the caller's data scope covers: all (ALL), their departments' users (DEPT…/CUSTOM), or themselves. */
export function userScopeWhere(caller: Caller): FilterQuery<User> {
  const { scope } = caller;
  if (scope.kind === 'ALL') return {};
  if (scope.kind === 'SELF' || scope.departmentIds.length === 0) return { id: caller.userId };
  return { $or: [{ department: { $in: scope.departmentIds } }, { id: caller.userId }] };
}

/** Each sortable column has an index (Migration20261202000300ListIndexes); the default is the order users were created in. */
export const userOrder = (sort: Sort<UserSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [UserSortField.USERNAME]: (d) => ({ username: d }),
      [UserSortField.DISPLAY_NAME]: (d) => ({ displayName: d }),
      [UserSortField.STATUS]: (d) => ({ status: d }),
      [UserSortField.CREATED_AT]: (d) => ({ createdAt: d }),
      [UserSortField.LAST_LOGIN_AT]: (d) => ({ lastLoginAt: d }),
    },
    [{ createdAt: 'asc' }, { username: 'asc' }],
  );

export function assertUsername(value: unknown): string {
  const username = typeof value === 'string' ? normaliseUsername(value) : '';
  if (!USERNAME_PATTERN.test(username)) {
    throw badInput('登录名须以字母开头，由 3–32 位字母、数字、下划线、点或短横线组成', 'username');
  }
  return username;
}

/**
 * 用户管理 (admin side). Every write validates all of its input before touching the database and
 * runs in one transaction, so a refused request changes nothing. The caller's data scope limits
 * which users they see and administer, and role grants obey role-grants.ts.
 */
export class UserService {
  readonly personal: PersonalData;

  constructor(
    private readonly em: EntityManager,
    fieldKey: string,
    private readonly tokenSecret: string,
    private readonly settings: IdentitySettings,
  ) {
    this.personal = new PersonalData(fieldKey);
  }

  /** The users the list shows for `filter` under the caller's scope (and, for a batch, only `ids`). */
  async whereOf(caller: Caller, filter: UserFilter | null | undefined, ids?: readonly string[] | null) {
    const and: FilterQuery<User>[] = [userScopeWhere(caller)];
    const keyword = filter?.keyword?.normalize('NFC').trim();
    if (keyword) {
      const pattern = `%${likeEscape(keyword)}%`;
      const or: FilterQuery<User>[] = [{ username: { $ilike: pattern } }, { displayName: { $ilike: pattern } }];
      const phoneIndex = this.personal.phoneIndexOf(keyword);
      if (phoneIndex) or.push({ phoneIndex });
      const idCardIndex = this.personal.idCardIndexOf(keyword);
      if (idCardIndex) or.push({ idCardIndex });
      and.push({ $or: or });
    }
    if (filter?.departmentId) {
      const id = assertId(filter.departmentId, 'departmentId', '部门');
      const all = await this.em.find(Department, {});
      const tree = all.map((d) => ({
        id: d.id,
        parentId: d.parent?.id ?? null,
        districtCode: null,
        enterpriseId: null,
      }));
      and.push({ department: { $in: descendantsAndSelf(tree, id) } });
    }
    if (filter?.status) and.push({ status: filter.status });
    if (filter?.roleId) and.push({ roles: assertId(filter.roleId, 'roleId', '角色') });
    if (ids) and.push({ id: { $in: batchIds(ids) } });
    return { $and: and } as FilterQuery<User>;
  }

  async list(
    caller: Caller,
    filter: UserFilter | null | undefined,
    page: PageInput | null | undefined,
    sort?: Sort<UserSortField> | null,
  ): Promise<Page<User>> {
    const window = pageWindow(page);
    const [items, total] = await this.em.findAndCount(User, await this.whereOf(caller, filter), {
      orderBy: userOrder(sort) as never,
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  /** A user inside the caller's scope, or NOT_FOUND (the same answer as for an id that does not exist). */
  async get(caller: Caller, id: string): Promise<User> {
    const userId = assertId(id, 'id', '用户');
    const user = await this.em.findOne(User, { $and: [{ id: userId }, userScopeWhere(caller)] } as FilterQuery<User>);
    if (!user) throw notFound('用户');
    return user;
  }

  private async department(caller: Caller, id: unknown, field = 'departmentId'): Promise<Department> {
    const departmentId = assertId(id, field, '部门');
    const department = await this.em.findOne(Department, departmentId);
    if (!department) throw badInput('部门不存在', field);
    if (department.status !== EnableStatus.ACTIVE)
      throw badInput(`部门“${department.name}”已停用，不能添加用户`, field);
    if (!scopeCoversDepartment(caller.scope, department.id))
      throw forbidden(`部门“${department.name}”不在您的数据权限范围内`);
    return department;
  }

  async grantableRoles(caller: Caller, ids: readonly unknown[], field = 'roleIds'): Promise<Role[]> {
    const unique = [...new Set(ids.map((id) => assertId(id, field, '角色')))];
    if (unique.length > 50) throw badInput('一次最多分配 50 个角色', field);
    const roles = unique.length ? await this.em.find(Role, { id: { $in: unique } }) : [];
    const missing = unique.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length > 0) throw badInput(`角色不存在：${missing.join('、')}`, field);
    for (const role of roles) {
      if (role.status !== EnableStatus.ACTIVE) throw badInput(`角色“${role.name}”已停用，不能分配`, field);
      const problem = grantProblem(caller, role);
      if (problem) throw forbidden(problem);
    }
    return roles;
  }

  /** The caller may administer `user`: inside their scope, and holding no role the caller could not grant. */
  private async administrable(caller: Caller, id: string): Promise<User> {
    const user = await this.get(caller, id);
    const roles = await this.em.find(Role, { id: { $in: await this.roleIdsOf(user.id) } });
    for (const role of roles) {
      const problem = grantProblem(caller, role);
      if (problem) throw forbidden(`不能管理权限高于自己的用户：${problem}`);
    }
    return user;
  }

  private async roleIdsOf(userId: string): Promise<string[]> {
    const rows = await this.em.execute<{ role_id: string }[]>(
      'select "role_id" from "identity"."user_role" where "user_id" = ?',
      [userId],
    );
    return rows.map((r) => r.role_id);
  }

  private async assertUnique(where: FilterQuery<User>, exceptId: string | null, message: string, field: string) {
    const other = await this.em.findOne(User, where, { fields: ['id'] });
    if (other && other.id !== exceptId) throw conflict(message, field);
  }

  async create(caller: Caller, input: CreateUserInput): Promise<User> {
    const username = assertUsername(input.username);
    const displayName = assertText(input.displayName, 'displayName', '姓名', 64);
    const department = await this.department(caller, input.departmentId);
    const roles = await this.grantableRoles(caller, input.roleIds ?? []);
    const phone = input.phone?.trim() ? this.personal.sealPhone(input.phone) : null;
    const idCard = input.idCardNo?.trim() ? this.personal.sealIdCard(input.idCardNo) : null;
    assertPasswordComplexity(input.initialPassword, { username }, 'initialPassword');
    await this.assertUnique({ username }, null, `登录名“${username}”已被使用`, 'username');
    if (phone) await this.assertUnique({ phoneIndex: phone.index }, null, '该手机号已被其他用户使用', 'phone');
    if (idCard) await this.assertUnique({ idCardIndex: idCard.index }, null, '该身份证号已被其他用户使用', 'idCardNo');
    const passwordHash = await hashPassword(input.initialPassword);

    return this.writing(() =>
      this.em.transactional(async (tem) => {
        const now = new Date();
        const user = tem.create(User, {
          username,
          displayName,
          department: tem.getReference(Department, department.id),
          status: EnableStatus.ACTIVE,
          phoneCipher: phone?.cipher ?? null,
          phoneIndex: phone?.index ?? null,
          idCardCipher: idCard?.cipher ?? null,
          idCardIndex: idCard?.index ?? null,
          passwordHash,
          failedLoginCount: 0,
          lockedUntil: null,
          mustChangePassword: true,
          passwordChangedAt: null,
          lastLoginAt: null,
          lastLoginIp: null,
          createdAt: now,
          updatedAt: now,
        });
        user.roles.set(roles.map((r) => tem.getReference(Role, r.id)));
        tem.persist(user);
        return user;
      }),
    );
  }

  async update(caller: Caller, id: string, input: UpdateUserInput): Promise<User> {
    const user = await this.administrable(caller, id);
    const displayName =
      input.displayName != null ? assertText(input.displayName, 'displayName', '姓名', 64) : undefined;
    const department = input.departmentId != null ? await this.department(caller, input.departmentId) : undefined;
    const roles = input.roleIds != null ? await this.grantableRoles(caller, input.roleIds) : undefined;
    const phone =
      input.phone == null ? undefined : input.phone.trim() === '' ? null : this.personal.sealPhone(input.phone);
    const idCard =
      input.idCardNo == null
        ? undefined
        : input.idCardNo.trim() === ''
          ? null
          : this.personal.sealIdCard(input.idCardNo);
    if (phone) await this.assertUnique({ phoneIndex: phone.index }, user.id, '该手机号已被其他用户使用', 'phone');
    if (idCard)
      await this.assertUnique({ idCardIndex: idCard.index }, user.id, '该身份证号已被其他用户使用', 'idCardNo');

    return this.writing(() =>
      this.em.transactional(async (tem) => {
        const row = await tem.findOneOrFail(User, user.id, { populate: ['roles'] });
        if (displayName !== undefined) row.displayName = displayName;
        if (department) row.department = tem.getReference(Department, department.id);
        if (roles) row.roles.set(roles.map((r) => tem.getReference(Role, r.id)));
        if (phone !== undefined) {
          row.phoneCipher = phone?.cipher ?? null;
          row.phoneIndex = phone?.index ?? null;
        }
        if (idCard !== undefined) {
          row.idCardCipher = idCard?.cipher ?? null;
          row.idCardIndex = idCard?.index ?? null;
        }
        return row;
      }),
    );
  }

  /** Sets a new initial password: the person must change it at the next login; their sessions end. */
  async resetPassword(caller: Caller, id: string, newPassword: string): Promise<User> {
    const user = await this.administrable(caller, id);
    assertPasswordComplexity(newPassword, { username: user.username }, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const row = await this.em.transactional(async (tem) => {
      const row = await tem.findOneOrFail(User, user.id);
      row.passwordHash = passwordHash;
      row.mustChangePassword = true;
      row.passwordChangedAt = new Date();
      row.failedLoginCount = 0;
      row.lockedUntil = null;
      return row;
    });
    await this.auth().revokeSessions({ user: user.id }, 'PASSWORD_RESET');
    return row;
  }

  async setStatus(caller: Caller, id: string, status: EnableStatus): Promise<User> {
    const user = await this.administrable(caller, id);
    if (user.id === caller.userId && status === EnableStatus.DISABLED) throw badInput('不能停用自己的账号', 'status');
    const row = await this.em.transactional(async (tem) => {
      const row = await tem.findOneOrFail(User, user.id);
      row.status = status;
      return row;
    });
    if (status === EnableStatus.DISABLED) await this.auth().revokeSessions({ user: user.id }, 'USER_DISABLED');
    return row;
  }

  /** Lifts a login lock before it runs out (the person called the help desk). */
  async unlock(caller: Caller, id: string): Promise<User> {
    const user = await this.administrable(caller, id);
    return this.em.transactional(async (tem) => {
      const row = await tem.findOneOrFail(User, user.id);
      row.failedLoginCount = 0;
      row.lockedUntil = null;
      return row;
    });
  }

  /** 批量启用 / 停用: every user must be administrable by the caller, or none changes. */
  async setStatusMany(caller: Caller, ids: readonly string[], status: EnableStatus): Promise<User[]> {
    const unique = batchIds(ids);
    if (status === EnableStatus.DISABLED && unique.includes(caller.userId)) {
      throw badInput('不能停用自己的账号', 'ids');
    }
    for (const id of unique) await this.administrable(caller, id);
    const rows = await this.em.transactional(async (tem) => {
      const rows = await tem.find(User, { id: { $in: unique } });
      for (const row of rows) row.status = status;
      return rows;
    });
    if (status === EnableStatus.DISABLED) {
      for (const id of unique) await this.auth().revokeSessions({ user: id }, 'USER_DISABLED');
    }
    return rows;
  }

  /**
   * Deletes users nobody and nothing depends on: an account that has logged in has login and audit
   * rows that name it, and records other subgraphs keep (created by, linked person) refer to it; those
   * are refused with the reason — 停用 is the way to retire them.
   */
  async deleteMany(caller: Caller, ids: readonly string[], referenceSchemas: readonly string[]): Promise<number> {
    const unique = batchIds(ids);
    if (unique.includes(caller.userId)) throw badInput('不能删除自己的账号', 'ids');
    const users = [];
    for (const id of unique) users.push(await this.administrable(caller, id));
    const own = await this.em.execute<{ user_id: string; label: string; refs: string }[]>(
      `select user_id, '条登录日志' as label, count(*) as refs from "identity"."login_log"
         where user_id = any(?::uuid[]) group by user_id
       union all
       select actor_id, '条操作日志', count(*) from "identity"."audit_log"
         where actor_id = any(?::uuid[]) group by actor_id`,
      [pgArray(unique), pgArray(unique)],
    );
    const ownDependents = new Map<string, Dependent[]>();
    for (const row of own) {
      ownDependents.set(row.user_id, [
        ...(ownDependents.get(row.user_id) ?? []),
        { label: row.label, count: Number(row.refs) },
      ]);
    }
    const external = await externalDependents(this.em, referenceSchemas, 'user', unique);
    refuseWhenReferenced(
      '用户',
      new Map(users.map((u) => [u.id, `${u.displayName}（${u.username}）`])),
      mergeDependents(ownDependents, external),
    );
    return this.em.transactional(async (tem) => tem.nativeDelete(User, { id: { $in: unique } }));
  }

  private auth(): AuthService {
    return new AuthService(this.em, this.tokenSecret, this.settings);
  }

  /** A unique index refusing a row another request inserted between our check and our write. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        const message = String(error.message);
        if (message.includes('phone_index')) throw conflict('该手机号已被其他用户使用', 'phone');
        if (message.includes('id_card_index')) throw conflict('该身份证号已被其他用户使用', 'idCardNo');
        throw conflict('登录名已被使用', 'username');
      }
      throw error;
    }
  }
}
