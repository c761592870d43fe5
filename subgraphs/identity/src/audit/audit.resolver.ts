import { DownloadLink, PageInput, PageOf, pageWindow, Permission, requireCaller, type Sort } from '@hs/kit';
import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { identityExportLink } from '../common/export-link.js';
import type { IdentityContext } from '../context.js';
import { AuditLog } from './audit-log.entity.js';
import { AuditService } from './audit.service.js';
import {
  AuditLogFilter,
  AuditLogSort,
  type AuditLogSortField,
  LoginLogFilter,
  LoginLogSort,
  type LoginLogSortField,
} from './log.inputs.js';
import {
  AUDIT_LOGS_EXPORT,
  type AuditLogListArgs,
  auditLogOrder,
  auditLogWhere,
  LOGIN_LOGS_EXPORT,
  type LoginLogListArgs,
  loginLogOrder,
  loginLogWhere,
} from './log.lists.js';
import { LoginLog } from './login-log.entity.js';

const AuditLogPage = PageOf(AuditLog, 'AuditLog');
const LoginLogPage = PageOf(LoginLog, 'LoginLog');

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

@Resolver()
export class AuditResolver {
  @Authorized(Permission.LOG_VIEW)
  @Query(() => AuditLogPage, { description: '操作审计日志，默认最新在前' })
  async auditLogs(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => AuditLogSort, { nullable: true }) sort: Sort<AuditLogSortField> | null,
    @Ctx() ctx: IdentityContext,
  ) {
    const window = pageWindow(page);
    const [items, total] = await ctx.em.findAndCount(AuditLog, await auditLogWhere(ctx, requireCaller(ctx), filter), {
      orderBy: auditLogOrder(sort) as never,
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  @Authorized(Permission.LOG_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出操作日志（当前筛选与排序，或所选的记录）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportAuditLogs(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('sort', () => AuditLogSort, { nullable: true }) sort: Sort<AuditLogSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些记录（序号）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(AuditLog, await auditLogWhere(ctx, caller, filter, ids));
    const args: AuditLogListArgs = { filter, sort, ids };
    return identityExportLink(ctx, { kind: AUDIT_LOGS_EXPORT, title: '操作日志', caller, args }, count);
  }

  @Authorized(Permission.LOG_VIEW)
  @Query(() => LoginLogPage, { description: '登录日志，默认最新在前' })
  async loginLogs(
    @Arg('filter', () => LoginLogFilter, { nullable: true }) filter: LoginLogFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => LoginLogSort, { nullable: true }) sort: Sort<LoginLogSortField> | null,
    @Ctx() ctx: IdentityContext,
  ) {
    const window = pageWindow(page);
    const [items, total] = await ctx.em.findAndCount(LoginLog, await loginLogWhere(ctx, requireCaller(ctx), filter), {
      orderBy: loginLogOrder(sort) as never,
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  @Authorized(Permission.LOG_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出登录日志（当前筛选与排序，或所选的记录）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportLoginLogs(
    @Arg('filter', () => LoginLogFilter, { nullable: true }) filter: LoginLogFilter | null,
    @Arg('sort', () => LoginLogSort, { nullable: true }) sort: Sort<LoginLogSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些记录（编号）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(LoginLog, await loginLogWhere(ctx, caller, filter, ids));
    const args: LoginLogListArgs = { filter, sort, ids };
    return identityExportLink(ctx, { kind: LOGIN_LOGS_EXPORT, title: '登录日志', caller, args }, count);
  }

  @Authorized(Permission.LOG_VIEW)
  @Query(() => AuditChainVerification, { description: '重新计算审计日志哈希链，报告第一处被篡改的位置' })
  verifyAuditChain(@Ctx() ctx: IdentityContext): Promise<AuditChainVerification> {
    return new AuditService(ctx.em).verify();
  }
}
