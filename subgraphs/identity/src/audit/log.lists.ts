import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput,
  batchesOf,
  listDownload,
  MAX_BATCH,
  SortDirection,
  type Caller,
  type DownloadDefinition,
  type Sort,
} from '@hs/kit';
import { AUDIT_RESULT_LABELS, errorLabels, LOGIN_REASON_LABELS, operationLabel, shortUserAgent } from '@hs/labels';
import { isUuid, likeEscape } from '../common/validate.js';
import type { IdentityContext } from '../context.js';
import { User } from '../users/user.entity.js';
import { userScopeWhere } from '../users/user.service.js';
import { AuditLog } from './audit-log.entity.js';
import { operationNamesMatching } from './audit-labels.js';
import { type AuditLogFilter, AuditLogSortField, type LoginLogFilter, LoginLogSortField } from './log.inputs.js';
import { LoginLog } from './login-log.entity.js';

export const AUDIT_LOGS_EXPORT = 'audit-logs';
export const LOGIN_LOGS_EXPORT = 'login-logs';

export interface AuditLogListArgs {
  filter?: AuditLogFilter | null;
  sort?: Sort<AuditLogSortField> | null;
  ids?: string[] | null;
}

export interface LoginLogListArgs {
  filter?: LoginLogFilter | null;
  sort?: Sort<LoginLogSortField> | null;
  ids?: string[] | null;
}

/** The selected entries of a batch export: 1–100 sequence numbers. */
function batchSeqs(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw badInput('请至少选择一条记录', 'ids');
  if (unique.length > MAX_BATCH) throw badInput(`一次最多操作 ${MAX_BATCH} 条记录`, 'ids');
  if (!unique.every((id) => /^[1-9]\d{0,17}$/.test(id))) throw badInput('记录编号格式不正确', 'ids');
  return unique;
}

/** A date argument, also as it comes back from a download link (JSON: an ISO string). */
const dateOf = (value: Date | string | null | undefined) => (value == null ? null : new Date(value));

function period<T extends { at: Date }>(
  from: Date | string | null | undefined,
  to: Date | string | null | undefined,
): FilterQuery<T>[] {
  const parts: FilterQuery<{ at: Date }>[] = [];
  if (from) parts.push({ at: { $gte: dateOf(from)! } });
  if (to) parts.push({ at: { $lte: dateOf(to)! } });
  return parts as FilterQuery<T>[];
}

/** Callers without city-wide scope see entries of the users their scope covers only. */
async function userIdsInScope(ctx: IdentityContext, caller: Caller): Promise<string[] | null> {
  if (caller.scope.kind === 'ALL') return null;
  const users = await ctx.em.find(User, userScopeWhere(caller), { fields: ['id'] });
  return users.map((u) => u.id);
}

/**
 * The accounts a person means by a name: a user id, or users whose login or name contains it. Looked
 * up in the (small) user table, so the log itself is searched by its user-id index, not scanned.
 */
async function usersNamed(ctx: IdentityContext, text: string): Promise<string[]> {
  if (isUuid(text)) return [text.toLowerCase()];
  const pattern = `%${likeEscape(text)}%`;
  const users = await ctx.em.find(
    User,
    { $or: [{ username: { $ilike: pattern } }, { displayName: { $ilike: pattern } }] },
    { fields: ['id'] },
  );
  return users.map((u) => u.id);
}

/** The audit entries the list shows for `filter` under the caller's scope (and, for a batch, only `ids`). */
export async function auditLogWhere(
  ctx: IdentityContext,
  caller: Caller,
  filter: AuditLogFilter | null | undefined,
  ids?: readonly string[] | null,
): Promise<FilterQuery<AuditLog>> {
  const and: FilterQuery<AuditLog>[] = period<AuditLog>(filter?.from, filter?.to);
  const actor = filter?.actor?.normalize('NFC').trim();
  if (actor) and.push({ actorId: { $in: await usersNamed(ctx, actor) } });
  const operation = filter?.operation?.normalize('NFC').trim();
  if (operation) and.push({ operationName: { $in: operationNamesMatching(operation) } });
  if (filter?.result?.trim()) and.push({ result: filter.result.trim().toUpperCase() });
  const scoped = await userIdsInScope(ctx, caller);
  if (scoped) and.push({ actorId: { $in: scoped } });
  if (ids) and.push({ seq: { $in: batchSeqs(ids) } });
  return and.length ? { $and: and } : {};
}

/** The login attempts the list shows for `filter` under the caller's scope (and, for a batch, only `ids`). */
export async function loginLogWhere(
  ctx: IdentityContext,
  caller: Caller,
  filter: LoginLogFilter | null | undefined,
  ids?: readonly string[] | null,
): Promise<FilterQuery<LoginLog>> {
  const and: FilterQuery<LoginLog>[] = period<LoginLog>(filter?.from, filter?.to);
  const username = filter?.username?.normalize('NFC').trim();
  if (username) {
    // Attempts with a name no account has are found by that name as typed (logins are lower case).
    and.push({ $or: [{ userId: { $in: await usersNamed(ctx, username) } }, { username: username.toLowerCase() }] });
  }
  if (filter?.result) and.push({ result: filter.result });
  if (filter?.ip?.trim()) and.push({ ip: filter.ip.trim() });
  const scoped = await userIdsInScope(ctx, caller);
  if (scoped) and.push({ userId: { $in: scoped } });
  if (ids) and.push({ id: { $in: batchSeqs(ids) } });
  return and.length ? { $and: and } : {};
}

type Direction = 'asc' | 'desc';
const directionOf = (sort: Sort<string> | null | undefined): Direction =>
  !sort || sort.direction === SortDirection.DESC ? 'desc' : 'asc';

/**
 * Newest first unless sorted otherwise; ties by the sequence number in the same direction, so that a
 * b-tree index on the column serves the whole order (Migration20261202000400IdentityListIndexes).
 */
export function auditLogOrder(sort: Sort<AuditLogSortField> | null | undefined) {
  const d = directionOf(sort);
  return sort?.field === AuditLogSortField.AT ? [{ at: d }, { seq: d }] : [{ seq: d }];
}

const LOGIN_LOG_COLUMNS: Record<LoginLogSortField, 'id' | 'username' | 'ip' | 'at'> = {
  [LoginLogSortField.ID]: 'id',
  [LoginLogSortField.USERNAME]: 'username',
  [LoginLogSortField.IP]: 'ip',
  [LoginLogSortField.AT]: 'at',
};

export function loginLogOrder(sort: Sort<LoginLogSortField> | null | undefined) {
  const d = directionOf(sort);
  const column = sort ? LOGIN_LOG_COLUMNS[sort.field] : 'id';
  return column === 'id' ? [{ id: d }] : [{ [column]: d }, { id: d }];
}

/** Entries after `last` in the export's order: the next batch by key, not by offset, however long the log. */
function auditLogAfter(sort: Sort<AuditLogSortField> | null | undefined, last: AuditLog): FilterQuery<AuditLog> {
  const desc = directionOf(sort) === 'desc';
  const beyond = desc ? '$lt' : '$gt';
  if (sort?.field === AuditLogSortField.AT) {
    // The first condition is the time index's range; the second is exact for entries of the same time.
    return {
      at: { [desc ? '$lte' : '$gte']: last.at },
      $or: [{ at: { [beyond]: last.at } }, { seq: { [beyond]: last.seq } }],
    };
  }
  return { seq: { [beyond]: last.seq } };
}

/** 操作人 as the page shows it: a login is recorded before anyone is signed in, so the name that was tried. */
const actorOf = (row: AuditLog) =>
  row.actorName ?? ((row.variables as { username?: unknown } | null)?.username as string | undefined) ?? '匿名';

/** 操作日志 as the page shows it, streamed by key from one snapshot: the log may be long. */
export const auditLogsExport: DownloadDefinition<IdentityContext> = listDownload<
  IdentityContext,
  AuditLog,
  AuditLogListArgs
>({
  sheet: () => ({
    title: '操作日志',
    columns: [
      { header: '序号', value: (r) => Number(r.seq), numeric: true },
      { header: '时间', value: (r) => r.at },
      { header: '操作人', value: actorOf },
      { header: '操作', value: (r) => operationLabel(r.operationName, r.fields) },
      { header: '操作名', value: (r) => r.operationName },
      { header: '结果', value: (r) => AUDIT_RESULT_LABELS[r.result] ?? r.result },
      { header: '错误', value: (r) => errorLabels(r.errorCodes) },
      { header: 'IP 地址', value: (r) => r.ip },
      { header: '浏览器', value: (r) => shortUserAgent(r.userAgent) },
    ],
  }),
  async *batches(ctx, args) {
    const where = await auditLogWhere(ctx, ctx.caller!, args.filter, args.ids);
    const orderBy = auditLogOrder(args.sort);
    let last: AuditLog | null = null;
    const batches = batchesOf(ctx, async (_offset, limit) => {
      const rows: AuditLog[] = await ctx.em.find(
        AuditLog,
        last ? { $and: [where, auditLogAfter(args.sort, last)] } : where,
        { orderBy: orderBy as never, limit },
      );
      last = rows.at(-1) ?? last;
      return rows;
    });
    yield* batches;
  },
});

/** 登录日志 as the page shows it. */
export const loginLogsExport: DownloadDefinition<IdentityContext> = listDownload<
  IdentityContext,
  LoginLog,
  LoginLogListArgs
>({
  sheet: () => ({
    title: '登录日志',
    columns: [
      { header: '编号', value: (r) => Number(r.id), numeric: true },
      { header: '用户名', value: (r) => r.username },
      { header: '结果', value: (r) => (r.result === 'SUCCESS' ? '成功' : '失败') },
      { header: '说明', value: (r) => LOGIN_REASON_LABELS[r.reason] ?? r.reason },
      { header: 'IP 地址', value: (r) => r.ip },
      { header: '浏览器 / 系统', value: (r) => shortUserAgent(r.userAgent) },
      { header: '时间', value: (r) => r.at },
    ],
  }),
  async *batches(ctx, args) {
    const where = await loginLogWhere(ctx, ctx.caller!, args.filter, args.ids);
    const orderBy = loginLogOrder(args.sort);
    yield* batchesOf(ctx, (offset, limit) =>
      ctx.em.find(LoginLog, where, { orderBy: orderBy as never, offset, limit }),
    );
  },
});
