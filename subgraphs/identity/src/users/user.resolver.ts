import {
  FieldCryptoError,
  forbidden,
  hasPermission,
  PageInput,
  PageOf,
  Permission,
  requireCaller,
  unauthenticated,
} from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { lockStatus } from '../auth/lockout.js';
import { EnableStatus } from '../common/status.js';
import type { IdentityContext } from '../context.js';
import { Department } from '../departments/department.entity.js';
import { Role } from '../roles/role.entity.js';
import { unionPermissions } from '../auth/caller-builder.js';
import { PersonalData, presentIdCard, presentPhone } from './personal-data.js';
import { CreateUserInput, UpdateUserInput, UserFilter } from './user.inputs.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

const UserPage = PageOf(User, 'User');

const service = (ctx: IdentityContext) =>
  new UserService(ctx.em, ctx.deps.config.FIELD_ENCRYPTION_KEY, ctx.deps.config.AUTH_TOKEN_SECRET, ctx.settings);

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
    @Ctx() ctx: IdentityContext,
  ) {
    return service(ctx).list(requireCaller(ctx), filter, page);
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
