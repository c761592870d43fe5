import type { FilterQuery } from '@mikro-orm/core';
import { batchesOf, batchIds, listDownload, orderByOf, type Caller, type DownloadDefinition, type Sort } from '@hs/kit';
import { shortUserAgent } from '@hs/labels';
import { Session } from '../auth/session.entity.js';
import { inScope as sessionsInScope } from '../auth/session.resolver.js';
import { assertId } from '../common/validate.js';
import type { IdentityContext } from '../context.js';
import { type SessionFilter, UserSessionSortField } from './session.inputs.js';

export const SESSIONS_EXPORT = 'sessions';

export interface SessionListArgs {
  filter?: SessionFilter | null;
  sort?: Sort<UserSessionSortField> | null;
  ids?: string[] | null;
}

/** Live sessions (not revoked, not expired, active within the idle timeout) of the users in the caller's scope. */
export function sessionWhere(
  ctx: IdentityContext,
  caller: Caller,
  filter: SessionFilter | null | undefined,
  ids?: readonly string[] | null,
): FilterQuery<Session> {
  const now = new Date();
  const and: FilterQuery<Session>[] = [
    { revokedAt: null },
    { expiresAt: { $gt: now } },
    { lastActiveAt: { $gt: new Date(now.getTime() - ctx.settings.sessionIdleMinutes * 60_000) } },
    ...sessionsInScope(caller),
  ];
  if (filter?.userId) and.push({ user: assertId(filter.userId, 'userId', '用户') });
  if (ids) and.push({ id: { $in: batchIds(ids) } });
  return { $and: and };
}

/** Most recently active first unless sorted otherwise; each column has an index. */
export const sessionOrder = (sort: Sort<UserSessionSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [UserSessionSortField.CREATED_AT]: (d) => ({ createdAt: d }),
      [UserSessionSortField.LAST_ACTIVE_AT]: (d) => ({ lastActiveAt: d }),
      [UserSessionSortField.EXPIRES_AT]: (d) => ({ expiresAt: d }),
    },
    [{ lastActiveAt: 'desc' }],
  );

interface SessionRow {
  session: Session;
  user: string;
  department: string;
}

/** 在线用户 as the page shows it. */
export const sessionsExport: DownloadDefinition<IdentityContext> = listDownload<
  IdentityContext,
  SessionRow,
  SessionListArgs
>({
  sheet: () => ({
    title: '在线用户',
    columns: [
      { header: '用户', value: (r) => r.user },
      { header: '部门', value: (r) => r.department },
      { header: 'IP 地址', value: (r) => r.session.ip },
      { header: '浏览器 / 系统', value: (r) => shortUserAgent(r.session.userAgent) },
      { header: '登录时间', value: (r) => r.session.createdAt },
      { header: '最近活动', value: (r) => r.session.lastActiveAt },
      { header: '最长有效至', value: (r) => r.session.expiresAt },
    ],
  }),
  async *batches(ctx, args) {
    const where = sessionWhere(ctx, ctx.caller!, args.filter, args.ids);
    const batches = batchesOf(ctx, (offset, limit) =>
      ctx.em.find(Session, where, { orderBy: sessionOrder(args.sort) as never, offset, limit }),
    );
    for await (const sessions of batches) {
      const users = await Promise.all(sessions.map((s) => ctx.loaders.userById.load(s.user.id)));
      const departments = await Promise.all(
        users.map((u) => (u ? ctx.loaders.departmentById.load(u.department.id) : null)),
      );
      yield sessions.map((session, i) => ({
        session,
        user: users[i] ? `${users[i].displayName}（${users[i].username}）` : '',
        department: departments[i]?.name ?? '',
      }));
    }
  },
});
