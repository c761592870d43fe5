import {
  badInput,
  DeleteResult,
  DownloadLink,
  exportLink,
  FieldCryptoError,
  forbidden,
  hasPermission,
  ImportFileInput,
  ImportReport,
  issueDownloadLink,
  PageInput,
  PageOf,
  Permission,
  requireCaller,
  runImport,
  type Sort,
  unauthenticated,
} from '@hs/kit';
import { assertPasswordComplexity } from '../auth/password-policy.js';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { lockStatus } from '../auth/lockout.js';
import { EnableStatus } from '../common/status.js';
import type { IdentityContext } from '../context.js';
import { Department } from '../departments/department.entity.js';
import { Role } from '../roles/role.entity.js';
import { unionPermissions } from '../auth/caller-builder.js';
import { PersonalData, presentIdCard, presentPhone } from './personal-data.js';
import { CreateUserInput, UpdateUserInput, UserFilter, UserSort, type UserSortField } from './user.inputs.js';
import { type UserListArgs, USERS_EXPORT, USERS_TEMPLATE, userImport, userService as service } from './user.lists.js';
import { User } from './user.entity.js';

const UserPage = PageOf(User, 'User');

/** Subgraphs whose records refer to users (created by, linked accounts): checked before a delete. */
const USER_REFERENCE_SCHEMAS = ['projects', 'fire', 'workforce'];

const linkOptions = (ctx: IdentityContext) => ({
  fieldKey: ctx.deps.config.FIELD_ENCRYPTION_KEY,
  subgraph: 'identity',
  now: new Date(),
});

/** Account details beyond name and department: for the person themselves and for user administrators. */
function assertSelfOrViewer(ctx: IdentityContext, user: User): void {
  if (!ctx.caller) throw unauthenticated();
  if (ctx.caller.userId === user.id || hasPermission(ctx.caller, Permission.USER_VIEW)) return;
  throw forbidden('只有本人或有“查看用户”权限的管理员可以查看此信息');
}

function open(ctx: IdentityContext, cipher: string | null): string | null {
  try {
    return new PersonalData(ctx.deps.config.FIELD_ENCRYPTION_KEY).open(cipher);
  } catch (error) {
    if (error instanceof FieldCryptoError) {
      ctx.deps.logger.error({ err: error }, 'stored personal data cannot be decrypted (wrong FIELD_ENCRYPTION_KEY?)');
      return null;
    }
    throw error;
  }
}

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { description: '当前登录用户（必须修改密码期间也可用）' })
  async me(@Ctx() ctx: IdentityContext): Promise<User> {
    const user = await ctx.loaders.userById.load(requireCaller(ctx).userId);
    if (!user) throw unauthenticated();
    return user;
  }

  @Authorized(Permission.USER_VIEW)
  @Query(() => UserPage, { description: '用户列表（按数据权限过滤）' })
  users(
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => UserSort, { nullable: true }) sort: Sort<UserSortField> | null,
    @Ctx() ctx: IdentityContext,
  ) {
    return service(ctx).list(requireCaller(ctx), filter, page, sort);
  }

  @Authorized(Permission.USER_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出用户列表（当前筛选与排序，或所选的用户）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportUsers(
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg('sort', () => UserSort, { nullable: true }) sort: Sort<UserSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些用户（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const users = service(ctx);
    const count = await ctx.em.count(User, await users.whereOf(caller, filter, ids));
    const args: UserListArgs = { filter, sort, ids };
    return exportLink(linkOptions(ctx), { kind: USERS_EXPORT, title: '用户列表', caller, args: { ...args } }, count);
  }

  @Authorized(Permission.USER_EDIT)
  @Query(() => DownloadLink, { description: '用户导入模板（Excel）的下载地址' })
  userImportTemplate(@Ctx() ctx: IdentityContext): DownloadLink {
    const options = linkOptions(ctx);
    return issueDownloadLink(
      options.fieldKey,
      options.subgraph,
      { kind: USERS_TEMPLATE, args: {}, caller: requireCaller(ctx), fileName: '用户导入模板.xlsx' },
      0,
      options.now,
    );
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => ImportReport, {
    description:
      '从 Excel 导入用户：dryRun 只检查并逐行报告问题；任何一行有误时一条也不导入。导入的用户首次登录必须修改初始密码',
  })
  async importUsers(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Arg('dryRun', () => Boolean) dryRun: boolean,
    @Arg('initialPassword', () => String, { nullable: true, description: '导入用户的初始密码（正式导入时必填）' })
    initialPassword: string | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<ImportReport> {
    requireCaller(ctx);
    if (!dryRun && !initialPassword) throw badInput('请填写导入用户的初始密码', 'initialPassword');
    if (initialPassword) assertPasswordComplexity(initialPassword, { username: '' }, 'initialPassword');
    return runImport(ctx, userImport(initialPassword ?? null), file, dryRun);
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => DeleteResult, {
    description:
      '删除用户（一次最多 100 个）：登录使用过或被其他记录引用的用户不能删除（请停用），有一个不能删除时一个也不删除',
  })
  async deleteUsers(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: IdentityContext): Promise<DeleteResult> {
    return { deleted: await service(ctx).deleteMany(requireCaller(ctx), ids, USER_REFERENCE_SCHEMAS) };
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => [User], { description: '批量启用 / 停用用户；停用后其登录会话全部失效' })
  setUsersStatus(
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('status', () => EnableStatus) status: EnableStatus,
    @Ctx() ctx: IdentityContext,
  ): Promise<User[]> {
    return service(ctx).setStatusMany(requireCaller(ctx), ids, status);
  }

  @Authorized(Permission.USER_VIEW)
  @Query(() => User, { description: '单个用户（数据权限范围内）' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<User> {
    return service(ctx).get(requireCaller(ctx), id);
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => User, { description: '新增用户：初始密码在首次登录后必须修改' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: IdentityContext): Promise<User> {
    return service(ctx).create(requireCaller(ctx), input);
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => User, { description: '修改用户' })
  updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<User> {
    return service(ctx).update(requireCaller(ctx), id, input);
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => User, { description: '重置密码：设为新的初始密码，用户下次登录必须修改；其登录会话全部失效' })
  resetUserPassword(
    @Arg('id', () => ID) id: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<User> {
    return service(ctx).resetPassword(requireCaller(ctx), id, newPassword);
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => User, { description: '启用 / 停用用户；停用后其登录会话全部失效' })
  setUserStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => EnableStatus) status: EnableStatus,
    @Ctx() ctx: IdentityContext,
  ): Promise<User> {
    return service(ctx).setStatus(requireCaller(ctx), id, status);
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => User, { description: '解除登录锁定' })
  unlockUser(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<User> {
    return service(ctx).unlock(requireCaller(ctx), id);
  }

  // ---------------------------------------------------------------- fields

  @FieldResolver(() => ID)
  departmentId(@Root() user: User): string {
    return user.department.id;
  }

  @FieldResolver(() => Department)
  async department(@Root() user: User, @Ctx() ctx: IdentityContext): Promise<Department> {
    return (await ctx.loaders.departmentById.load(user.department.id))!;
  }

  @FieldResolver(() => [Role])
  roles(@Root() user: User, @Ctx() ctx: IdentityContext): Promise<Role[]> {
    return ctx.loaders.rolesByUser.load(user.id);
  }

  @FieldResolver(() => [String], { description: '角色授予的权限（并集）；本人或用户管理员可见' })
  async permissions(@Root() user: User, @Ctx() ctx: IdentityContext): Promise<string[]> {
    assertSelfOrViewer(ctx, user);
    return unionPermissions(await ctx.loaders.rolesByUser.load(user.id));
  }

  @FieldResolver(() => String, { nullable: true, description: '手机号；无“查看完整身份证号和手机号”权限时脱敏' })
  phone(@Root() user: User, @Ctx() ctx: IdentityContext): string | null {
    assertSelfOrViewer(ctx, user);
    return presentPhone(open(ctx, user.phoneCipher), ctx.caller);
  }

  @FieldResolver(() => String, { nullable: true, description: '身份证号；无“查看完整身份证号和手机号”权限时脱敏' })
  idCardNo(@Root() user: User, @Ctx() ctx: IdentityContext): string | null {
    assertSelfOrViewer(ctx, user);
    return presentIdCard(open(ctx, user.idCardCipher), ctx.caller);
  }

  @FieldResolver(() => Boolean, { description: '当前是否因登录失败被锁定' })
  locked(@Root() user: User, @Ctx() ctx: IdentityContext): boolean {
    assertSelfOrViewer(ctx, user);
    return lockStatus({ failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil }, new Date()).locked;
  }

  @FieldResolver(() => Date, { nullable: true })
  lockedUntil(@Root() user: User, @Ctx() ctx: IdentityContext): Date | null {
    assertSelfOrViewer(ctx, user);
    return user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil : null;
  }

  @FieldResolver(() => Int, { description: '连续登录失败次数' })
  failedLoginCount(@Root() user: User, @Ctx() ctx: IdentityContext): number {
    assertSelfOrViewer(ctx, user);
    return user.failedLoginCount;
  }

  @FieldResolver(() => Date, { nullable: true })
  passwordChangedAt(@Root() user: User, @Ctx() ctx: IdentityContext): Date | null {
    assertSelfOrViewer(ctx, user);
    return user.passwordChangedAt;
  }

  @FieldResolver(() => Date, { nullable: true })
  lastLoginAt(@Root() user: User, @Ctx() ctx: IdentityContext): Date | null {
    assertSelfOrViewer(ctx, user);
    return user.lastLoginAt;
  }

  @FieldResolver(() => String, { nullable: true })
  lastLoginIp(@Root() user: User, @Ctx() ctx: IdentityContext): string | null {
    assertSelfOrViewer(ctx, user);
    return user.lastLoginIp;
  }
}
