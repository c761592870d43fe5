import type { FilterQuery } from '@mikro-orm/core';
import { notFound, Permission, requireCaller, type Caller } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertId } from '../common/validate.js';
import type { IdentityContext } from '../context.js';
import { userScopeWhere } from '../users/user.service.js';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

/** Sessions of the users the caller's data scope covers (no condition for city-wide scope). */
export function inScope(caller: Caller): FilterQuery<Session>[] {
  return caller.scope.kind === 'ALL' ? [] : [{ user: userScopeWhere(caller) as FilterQuery<User> }];
}

/** 强制下线 and the session's fields; the 在线用户 list and its export are in sessions/. */
@Resolver(() => Session)
export class SessionResolver {
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
