import { chinaDate, PageInput } from '@hs/kit';
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { WorkforceContext } from '../context.js';
import { WorkforcePermission } from '../permissions.js';
import { attendanceRates, daySummary, personnelStats, projectAttendanceOn } from './analytics.service.js';
import {
  AttendanceRatePage,
  PersonnelStats,
  ProjectAttendancePage,
  RateFilter,
  RateGroup,
  SortOrder,
  TodaySummary,
} from './analytics.types.js';

const MAX_RANKING = 100;

@Resolver()
export class AnalyticsResolver {
  @Authorized(WorkforcePermission.ANALYTICS_VIEW)
  @Query(() => TodaySummary, { description: '今日实时出勤合计及各区县（4.3.1；按数据权限）' })
  workforceToday(
    @Arg('districtCode', () => String, { nullable: true, description: '区县代码（空为全市）' })
    districtCode: string | null,
    @Arg('date', () => String, { nullable: true, description: '日期（默认今天，北京时间）' }) date: string | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<TodaySummary> {
    return daySummary(ctx.em, ctx.caller, date ?? chinaDate(ctx.runtime.now()), districtCode);
  }

  @Authorized(WorkforcePermission.ANALYTICS_VIEW)
  @Query(() => ProjectAttendancePage, { description: '各项目今日出勤（4.3.1、4.3.2；分页，按在场人数排序）' })
  workforceProjectsToday(
    @Arg('districtCode', () => String, { nullable: true }) districtCode: string | null,
    @Arg('date', () => String, { nullable: true, description: '日期（默认今天）' }) date: string | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<ProjectAttendancePage> {
    const day = date ?? chinaDate(ctx.runtime.now());
    return projectAttendanceOn(ctx.em, ctx.caller, day, districtCode, 'onSite', SortOrder.DESC, page);
  }

  @Authorized(WorkforcePermission.ANALYTICS_VIEW)
  @Query(() => ProjectAttendancePage, { description: '项目在场人数排名（4.3.3；前 N 名）' })
  workforceOnSiteRanking(
    @Arg('districtCode', () => String, { nullable: true }) districtCode: string | null,
    @Arg('limit', () => Int, { defaultValue: 10, description: `名次数，最多 ${MAX_RANKING}` }) limit: number,
    @Ctx() ctx: WorkforceContext,
  ): Promise<ProjectAttendancePage> {
    const day = chinaDate(ctx.runtime.now());
    return projectAttendanceOn(ctx.em, ctx.caller, day, districtCode, 'onSite', SortOrder.DESC, {
      page: 1,
      pageSize: Math.max(1, Math.min(MAX_RANKING, limit)),
    });
  }

  @Authorized(WorkforcePermission.ANALYTICS_VIEW)
  @Query(() => ProjectAttendancePage, { description: '关键岗位今日出勤排名（4.3.2；默认出勤率从低到高）' })
  workforceKeyPostRanking(
    @Arg('districtCode', () => String, { nullable: true }) districtCode: string | null,
    @Arg('order', () => SortOrder, { defaultValue: SortOrder.ASC }) order: SortOrder,
    @Arg('limit', () => Int, { defaultValue: 10, description: `名次数，最多 ${MAX_RANKING}` }) limit: number,
    @Ctx() ctx: WorkforceContext,
  ): Promise<ProjectAttendancePage> {
    const day = chinaDate(ctx.runtime.now());
    return projectAttendanceOn(ctx.em, ctx.caller, day, districtCode, 'keyPostRate', order, {
      page: 1,
      pageSize: Math.max(1, Math.min(MAX_RANKING, limit)),
    });
  }

  @Authorized(WorkforcePermission.ANALYTICS_VIEW)
  @Query(() => AttendanceRatePage, {
    description: '一段时间的工人/关键岗位出勤率，按项目或区县（4.3.2、4.3.4；人·日口径；可按关键岗位出勤率排名）',
  })
  workforceAttendanceRates(
    @Arg('filter', () => RateFilter) filter: RateFilter,
    @Arg('groupBy', () => RateGroup, { defaultValue: RateGroup.PROJECT }) groupBy: RateGroup,
    @Arg('orderByKeyPost', () => Boolean, { defaultValue: false, description: '按关键岗位出勤率排序' })
    orderByKeyPost: boolean,
    @Arg('order', () => SortOrder, { defaultValue: SortOrder.DESC }) order: SortOrder,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<AttendanceRatePage> {
    return attendanceRates(ctx.em, ctx.caller, filter, groupBy, order, orderByKeyPost, page);
  }

  @Authorized(WorkforcePermission.ANALYTICS_VIEW)
  @Query(() => PersonnelStats, { description: '在场人员统计：工种、岗位、区县分布、年龄段、性别（3.3、4.3.5、4.3.6）' })
  workforcePersonnelStats(
    @Arg('districtCode', () => String, { nullable: true }) districtCode: string | null,
    @Arg('projectId', () => ID, { nullable: true }) projectId: string | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<PersonnelStats> {
    return personnelStats(ctx.em, ctx.caller, districtCode, projectId, chinaDate(ctx.runtime.now()));
  }
}
