import type { FilterQuery } from '@mikro-orm/core';
import { PageInput, PageOf, pageWindow, Permission, requireCaller, type Caller } from '@hs/kit';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { isUuid, likeEscape } from '../common/validate.js';
import type { IdentityContext } from '../context.js';
import { userScopeWhere } from '../users/user.service.js';
import { User } from '../users/user.entity.js';
import { AuditLog } from './audit-log.entity.js';
import { AuditService } from './audit.service.js';
import { LoginLog, LoginResult } from './login-log.entity.js';

const AuditLogPage = PageOf(AuditLog, 'AuditLog');
const LoginLogPage = PageOf(LoginLog, 'LoginLog');

@InputType('AuditLogFilter', { description: '操作日志查询条件' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: '操作人：用户名包含，或用户 ID' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: '操作名包含' })
  operation?: string | null;

  @Field(() => String, { nullable: true, description: 'SUCCESS / FAILURE' })
  result?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@InputType('LoginLogFilter', { description: '登录日志查询条件' })
export class LoginLogFilter {
  @Field(() => String, { nullable: true, description: '用户名包含' })
  username?: string | null;

  @Field(() => LoginResult, { nullable: true })
  result?: LoginResult | null;

  @Field(() => String, { nullable: true })
  ip?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@ObjectType('AuditChainVerification', { description: '审计日志哈希链校验结果' })
export class AuditChainVerification {
  @Field(() => Boolean, { description: '整条链完整' })
  ok!: boolean;

  @Field(() => Int, { description: '已校验通过的记录数' })
  checked!: number;

  @Field(() => ID, { nullable: true, description: '第一条校验失败的记录序号' })
  brokenAtSeq!: string | null;

  @Field(() => ID, { description: '校验时链头的序号' })
  headSeq!: string;
}

/** Callers without city-wide scope see entries of the users their scope covers only. */
async function actorIdsInScope(ctx: IdentityContext, caller: Caller): Promise<string[] | null> {
  if (caller.scope.kind === 'ALL') return null;
  const users = await ctx.em.find(User, userScopeWhere(caller), { fields: ['id'] });
  return users.map((u) => u.id);
}

/** `at` between from and to (both optional, inclusive). */
function period<T extends { at: Date }>(from: Date | null | undefined, to: Date | null | undefined): FilterQuery<T>[] {
  const parts: FilterQuery<{ at: Date }>[] = [];
  if (from) parts.push({ at: { $gte: from } });
  if (to) parts.push({ at: { $lte: to } });
  return parts as FilterQuery<T>[];
}

@Resolver()
export class AuditResolver {
  @Authorized(Permission.LOG_VIEW)
  @Query(() => AuditLogPage, { description: '操作审计日志，最新在前' })
  async auditLogs(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: IdentityContext,
  ) {
    const caller = requireCaller(ctx);
    const window = pageWindow(page);
    const and: FilterQuery<AuditLog>[] = period<AuditLog>(filter?.from, filter?.to);
    const actor = filter?.actor?.trim();
    if (actor)
      and.push(isUuid(actor) ? { actorId: actor.toLowerCase() } : { actorName: { $ilike: `%${likeEscape(actor)}%` } });
    const operation = filter?.operation?.trim();
    if (operation) and.push({ operationName: { $ilike: `%${likeEscape(operation)}%` } });
    if (filter?.result?.trim()) and.push({ result: filter.result.trim().toUpperCase() });
    const scoped = await actorIdsInScope(ctx, caller);
    if (scoped) and.push({ actorId: { $in: scoped } });
    const [items, total] = await ctx.em.findAndCount(AuditLog, and.length ? { $and: and } : {}, {
      orderBy: { seq: 'desc' },
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  @Authorized(Permission.LOG_VIEW)
  @Query(() => LoginLogPage, { description: '登录日志，最新在前' })
  async loginLogs(
    @Arg('filter', () => LoginLogFilter, { nullable: true }) filter: LoginLogFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: IdentityContext,
  ) {
    const caller = requireCaller(ctx);
    const window = pageWindow(page);
    const and: FilterQuery<LoginLog>[] = period<LoginLog>(filter?.from, filter?.to);
    const username = filter?.username?.trim();
    if (username) and.push({ username: { $ilike: `%${likeEscape(username.toLowerCase())}%` } });
    if (filter?.result) and.push({ result: filter.result });
    if (filter?.ip?.trim()) and.push({ ip: filter.ip.trim() });
    const scoped = await actorIdsInScope(ctx, caller);
    if (scoped) and.push({ userId: { $in: scoped } });
    const [items, total] = await ctx.em.findAndCount(LoginLog, and.length ? { $and: and } : {}, {
      orderBy: { id: 'desc' },
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  @Authorized(Permission.LOG_VIEW)
  @Query(() => AuditChainVerification, { description: '重新计算审计日志哈希链，报告第一处被篡改的位置' })
  verifyAuditChain(@Ctx() ctx: IdentityContext): Promise<AuditChainVerification> {
    return new AuditService(ctx.em).verify();
  }
}
