import {
  batchesOf,
  type DownloadDefinition,
  type ImportDefinition,
  importTemplateDownload,
  listDownload,
  type RowProblem,
  type Sort,
} from '@hs/kit';
import { GraphQLError } from 'graphql';
import { hashPassword } from '../auth/passwords.js';
import { EnableStatus } from '../common/status.js';
import { assertText } from '../common/validate.js';
import type { IdentityContext } from '../context.js';
import { Department } from '../departments/department.entity.js';
import { scopeCoversDepartment } from '../roles/data-scope.js';
import { grantProblem } from '../roles/role-grants.js';
import { Role } from '../roles/role.entity.js';
import { presentPhone, PersonalData } from './personal-data.js';
import { User } from './user.entity.js';
import type { UserFilter, UserSortField } from './user.inputs.js';
import { assertUsername, userOrder, UserService } from './user.service.js';

export const USERS_EXPORT = 'users';
export const USERS_TEMPLATE = 'users-template';

export const userService = (ctx: IdentityContext) =>
  new UserService(ctx.em, ctx.deps.config.FIELD_ENCRYPTION_KEY, ctx.deps.config.AUTH_TOKEN_SECRET, ctx.settings);

export interface UserListArgs {
  filter?: UserFilter | null;
  sort?: Sort<UserSortField> | null;
  ids?: string[] | null;
}

interface UserRow {
  user: User;
  department: string;
  roles: string;
  phone: string | null;
}

const STATUS_LABELS: Record<EnableStatus, string> = { [EnableStatus.ACTIVE]: '正常', [EnableStatus.DISABLED]: '停用' };

/** 用户列表 as the list shows it, phone masked unless the caller may see it in full. */
const usersExport = listDownload<IdentityContext, UserRow, UserListArgs>({
  sheet: () => ({
    title: '用户列表',
    columns: [
      { header: '登录名', value: (r) => r.user.username },
      { header: '姓名', value: (r) => r.user.displayName },
      { header: '部门', value: (r) => r.department },
      { header: '角色', value: (r) => r.roles },
      { header: '手机号', value: (r) => r.phone },
      { header: '状态', value: (r) => STATUS_LABELS[r.user.status] },
      { header: '最后登录时间', value: (r) => r.user.lastLoginAt },
      { header: '创建时间', value: (r) => r.user.createdAt },
    ],
  }),
  async *batches(ctx, args) {
    const caller = ctx.caller!;
    const service = userService(ctx);
    const where = await service.whereOf(caller, args.filter, args.ids);
    const personal = new PersonalData(ctx.deps.config.FIELD_ENCRYPTION_KEY);
    const batches = batchesOf(ctx, (offset, limit) =>
      ctx.em.find(User, where, { orderBy: userOrder(args.sort) as never, offset, limit }),
    );
    for await (const users of batches) {
      const [departments, roles] = await Promise.all([
        Promise.all(users.map((u) => ctx.loaders.departmentById.load(u.department.id))),
        Promise.all(users.map((u) => ctx.loaders.rolesByUser.load(u.id))),
      ]);
      yield users.map((user, i) => ({
        user,
        department: departments[i]?.name ?? '',
        roles: roles[i].map((r) => r.name).join('、'),
        phone: presentPhone(user.phoneCipher ? personal.open(user.phoneCipher) : null, caller),
      }));
    }
  },
});

export const USER_IMPORT_COLUMNS = [
  {
    key: 'username',
    header: '登录名',
    required: true,
    example: 'zhangsan',
    note: '字母开头，3–32 位字母、数字、下划线、点或短横线',
  },
  { key: 'displayName', header: '姓名', required: true, example: '张三' },
  {
    key: 'department',
    header: '部门',
    required: true,
    example: '黄石市住房和城乡建设局/质量安全监督科',
    note: '部门名称；重名时写完整路径，用“/”分隔',
  },
  { key: 'roles', header: '角色', example: '普通用户', note: '角色名称或编码，多个用“、”或“,”分隔' },
  { key: 'phone', header: '手机号', example: '13800000000' },
  { key: 'idCardNo', header: '身份证号', example: '', note: '18 位；请把该列设为文本格式' },
] as const;

interface UserRecord {
  username: string;
  displayName: string;
  departmentId: string;
  roleIds: string[];
  phone: { cipher: string; index: string } | null;
  idCard: { cipher: string; index: string } | null;
}

/** The message of a refusal our validators threw, for a per-row report; anything else is a bug and rethrown. */
function refusalMessage(error: unknown): string {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error.message;
  throw error;
}

function departmentPaths(departments: Department[]): Map<string, Department[]> {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const pathOf = (d: Department): string => {
    const parent = d.parent ? byId.get(d.parent.id) : undefined;
    return parent ? `${pathOf(parent)}/${d.name}` : d.name;
  };
  const found = new Map<string, Department[]>();
  for (const d of departments) {
    for (const key of [d.name, pathOf(d)]) found.set(key, [...(found.get(key) ?? []), d]);
  }
  return found;
}

/**
 * 用户导入: every row checked as 新增用户 checks one user (name rules, department in the caller's
 * scope and enabled, roles the caller may grant, phone and 身份证号 valid and unused — in the file
 * and in the database); all created with the one initial password the importer typed, which each
 * person must change at first login.
 */
export function userImport(initialPassword: string | null): ImportDefinition<IdentityContext, UserRecord> {
  return {
    title: '用户导入',
    columns: USER_IMPORT_COLUMNS,
    async check(ctx, rows) {
      const caller = ctx.caller!;
      const service = userService(ctx);
      const problems: RowProblem[] = [];
      const [departments, roles] = await Promise.all([ctx.em.find(Department, {}), ctx.em.find(Role, {})]);
      const departmentsByPath = departmentPaths(departments);
      const rolesByKey = new Map<string, Role>();
      for (const role of roles) rolesByKey.set(role.name, role).set(role.code, role);
      const seen = new Map<string, number>();
      const records: UserRecord[] = [];
      const candidates: { row: number; record: UserRecord }[] = [];
      for (const { row, values } of rows) {
        const rowProblems: RowProblem[] = [];
        const attempt = <T>(column: string, check: () => T): T | null => {
          try {
            return check();
          } catch (error) {
            rowProblems.push({ row, column, message: refusalMessage(error) });
            return null;
          }
        };
        const username = attempt('登录名', () => assertUsername(values.username));
        if (initialPassword && username && initialPassword.toLowerCase().includes(username)) {
          rowProblems.push({ row, column: '登录名', message: '初始密码不能包含该用户的登录名，请换一个初始密码' });
        }
        const displayName = attempt('姓名', () => assertText(values.displayName, 'displayName', '姓名', 64));
        const matches = departmentsByPath.get(values.department.replace(/\s*\/\s*/g, '/')) ?? [];
        let departmentId: string | null = null;
        if (matches.length === 0)
          rowProblems.push({ row, column: '部门', message: `部门“${values.department}”不存在` });
        else if (matches.length > 1) {
          rowProblems.push({
            row,
            column: '部门',
            message: `部门名称“${values.department}”不唯一，请写完整路径，用“/”分隔`,
          });
        } else if (matches[0].status !== EnableStatus.ACTIVE) {
          rowProblems.push({ row, column: '部门', message: `部门“${matches[0].name}”已停用` });
        } else if (!scopeCoversDepartment(caller.scope, matches[0].id)) {
          rowProblems.push({ row, column: '部门', message: `部门“${matches[0].name}”不在您的数据权限范围内` });
        } else departmentId = matches[0].id;
        const roleIds: string[] = [];
        for (const key of values.roles
          .split(/[、,，;；]/)
          .map((k) => k.trim())
          .filter(Boolean)) {
          const role = rolesByKey.get(key);
          const problem = !role
            ? `角色“${key}”不存在`
            : role.status !== EnableStatus.ACTIVE
              ? `角色“${role.name}”已停用`
              : grantProblem(caller, role);
          if (problem) rowProblems.push({ row, column: '角色', message: problem });
          else if (!roleIds.includes(role!.id)) roleIds.push(role!.id);
        }
        const phone = values.phone ? attempt('手机号', () => service.personal.sealPhone(values.phone)) : null;
        const idCard = values.idCardNo ? attempt('身份证号', () => service.personal.sealIdCard(values.idCardNo)) : null;
        for (const [column, key] of [
          ['登录名', username && `u:${username}`],
          ['手机号', phone && `p:${phone.index}`],
          ['身份证号', idCard && `i:${idCard.index}`],
        ] as const) {
          if (!key) continue;
          const earlier = seen.get(key);
          if (earlier) rowProblems.push({ row, column, message: `与第 ${earlier} 行重复` });
          else seen.set(key, row);
        }
        problems.push(...rowProblems);
        if (rowProblems.length === 0) {
          candidates.push({
            row,
            record: {
              username: username!,
              displayName: displayName!,
              departmentId: departmentId!,
              roleIds,
              phone,
              idCard,
            },
          });
        }
      }
      if (candidates.length) {
        const existing = await ctx.em.find(
          User,
          {
            $or: [
              { username: { $in: candidates.map((c) => c.record.username) } },
              { phoneIndex: { $in: candidates.flatMap((c) => (c.record.phone ? [c.record.phone.index] : [])) } },
              { idCardIndex: { $in: candidates.flatMap((c) => (c.record.idCard ? [c.record.idCard.index] : [])) } },
            ],
          },
          { fields: ['username', 'phoneIndex', 'idCardIndex'] },
        );
        const taken = new Set(existing.flatMap((u) => [`u:${u.username}`, `p:${u.phoneIndex}`, `i:${u.idCardIndex}`]));
        for (const { row, record } of candidates) {
          const clashes: RowProblem[] = [];
          if (taken.has(`u:${record.username}`))
            clashes.push({ row, column: '登录名', message: `登录名“${record.username}”已被使用` });
          if (record.phone && taken.has(`p:${record.phone.index}`))
            clashes.push({ row, column: '手机号', message: '该手机号已被其他用户使用' });
          if (record.idCard && taken.has(`i:${record.idCard.index}`))
            clashes.push({ row, column: '身份证号', message: '该身份证号已被其他用户使用' });
          if (clashes.length) problems.push(...clashes);
          else records.push(record);
        }
      }
      return { records, problems };
    },
    async apply(ctx, records) {
      if (initialPassword === null) throw new Error('userImport.apply without an initial password');
      // One hash for the batch: the password is the importer's initial one, replaced at each first login.
      const passwordHash = await hashPassword(initialPassword);
      const now = new Date();
      for (const record of records) {
        const user = ctx.em.create(User, {
          username: record.username,
          displayName: record.displayName,
          department: ctx.em.getReference(Department, record.departmentId),
          status: EnableStatus.ACTIVE,
          phoneCipher: record.phone?.cipher ?? null,
          phoneIndex: record.phone?.index ?? null,
          idCardCipher: record.idCard?.cipher ?? null,
          idCardIndex: record.idCard?.index ?? null,
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
        user.roles.set(record.roleIds.map((id) => ctx.em.getReference(Role, id)));
        ctx.em.persist(user);
      }
      await ctx.em.flush();
      return { created: records.length, updated: 0 };
    },
  };
}

export const userDownloads: Record<string, DownloadDefinition<IdentityContext>> = {
  [USERS_EXPORT]: usersExport,
  [USERS_TEMPLATE]: importTemplateDownload({ title: '用户导入', columns: USER_IMPORT_COLUMNS }),
};
