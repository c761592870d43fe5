import type { FilterQuery } from '@mikro-orm/core';
import { notFound, PageInput, PageOf, pageWindow, Permission, requireCaller, type Caller } from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { assertId } from '../common/validate.js';
import type { IdentityContext } from '../context.js';
import { userScopeWhere } from '../users/user.service.js';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

const SessionPage = PageOf(Session, 'UserSession');

/** Sessions of the users the caller's data scope covers (no condition for city-wide scope). */
function inScope(caller: Caller): FilterQuery<Session>[] {
  return caller.scope.kind === 'ALL' ? [] : [{ user: userScopeWhere(caller) as FilterQuery<User> }];
}

@InputType('SessionFilter', { description: '在线会话查询条件' })
export class SessionFilter {
  @Field(() => ID, { nullable: true })
  userId?: string | null;
}

/** 在线用户: live sessions (not revoked, not expired, active within the idle timeout), force logout. */
@Resolver(() => Session)
export class SessionResolver {
  @Authorized(Permission.SESSION_MANAGE)
  @Query(() => SessionPage, { description: '在线会话（数据权限范围内的用户），最近活动在前' })
  async sessions(
    @Arg('filter', () => SessionFilter, { nullable: true }) filter: SessionFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: IdentityContext,
  ) {
    const caller = requireCaller(ctx);
    const window = pageWindow(page);
    const now = new Date();
    const and: FilterQuery<Session>[] = [
      { revokedAt: null },
      { expiresAt: { $gt: now } },
      { lastActiveAt: { $gt: new Date(now.getTime() - ctx.settings.sessionIdleMinutes * 60_000) } },
      ...inScope(caller),
    ];
    if (filter?.userId) and.push({ user: assertId(filter.userId, 'userId', '用户') });
    const [items, total] = await ctx.em.findAndCount(
      Session,
      { $and: and },
      {
        orderBy: { lastActiveAt: 'desc' },
        limit: window.limit,
        offset: window.offset,
      },
    );
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  @Authorized(Permission.SESSION_MANAGE)
  @Mutation(() => Boolean, { description: '强制下线：该会话的刷新令牌立即失效，访问令牌到期后不能再续' })
  async revokeSession(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const caller = requireCaller(ctx);
    const sessionId = assertId(id, 'id', '会话');
    const session = await ctx.em.findOne(Session, { $and: [{ id: sessionId }, ...inScope(caller)] });
    if (!session) throw notFound('会话');
    const changed = await ctx.em
      .fork()
      .nativeUpdate(Session, { id: session.id, revokedAt: null }, { revokedAt: new Date(), revokedReason: 'FORCED' });
    return changed > 0;
  }

  @FieldResolver(() => User)
  async user(@Root() session: Session, @Ctx() ctx: IdentityContext): Promise<User> {
    return (await ctx.loaders.userById.load(session.user.id))!;
  }

  @FieldResolver(() => Boolean, { description: '是否为当前请求所用的会话' })
  current(@Root() session: Session, @Ctx() ctx: IdentityContext): boolean {
    return ctx.caller?.sessionId === session.id;
  }
}
