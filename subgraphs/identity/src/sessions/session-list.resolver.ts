import { DownloadLink, PageInput, PageOf, pageWindow, Permission, requireCaller, type Sort } from '@hs/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Session } from '../auth/session.entity.js';
import { identityExportLink } from '../common/export-link.js';
import type { IdentityContext } from '../context.js';
import { SessionFilter, UserSessionSort, type UserSessionSortField } from './session.inputs.js';
import { type SessionListArgs, SESSIONS_EXPORT, sessionOrder, sessionWhere } from './session.lists.js';

const SessionPage = PageOf(Session, 'UserSession');

/** 在线用户: live sessions (not revoked, not expired, active within the idle timeout) and their export. */
@Resolver(() => Session)
export class SessionListResolver {
  @Authorized(Permission.SESSION_MANAGE)
  @Query(() => SessionPage, { description: '在线会话（数据权限范围内的用户），默认最近活动在前' })
  async sessions(
    @Arg('filter', () => SessionFilter, { nullable: true }) filter: SessionFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => UserSessionSort, { nullable: true }) sort: Sort<UserSessionSortField> | null,
    @Ctx() ctx: IdentityContext,
  ) {
    const window = pageWindow(page);
    const [items, total] = await ctx.em.findAndCount(Session, sessionWhere(ctx, requireCaller(ctx), filter), {
      orderBy: sessionOrder(sort) as never,
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  @Authorized(Permission.SESSION_MANAGE)
  @Mutation(() => DownloadLink, {
    description: '导出在线用户（当前筛选与排序，或所选的会话）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportSessions(
    @Arg('filter', () => SessionFilter, { nullable: true }) filter: SessionFilter | null,
    @Arg('sort', () => UserSessionSort, { nullable: true }) sort: Sort<UserSessionSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些会话（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(Session, sessionWhere(ctx, caller, filter, ids));
    const args: SessionListArgs = { filter, sort, ids };
    return identityExportLink(ctx, { kind: SESSIONS_EXPORT, title: '在线用户', caller, args }, count);
  }
}
