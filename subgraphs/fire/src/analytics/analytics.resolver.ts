import { chinaDate, Permission } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { FireContext } from '../context.js';
import { UnitRole } from '../inspections/inspection.enums.js';
import { FirePermission } from '../permissions.js';
import {
  breakdown,
  checkAnalyticsFilter,
  itemRates,
  monthlyTrend,
  recentCounts,
  subItemRates,
  totals,
} from './analytics.service.js';
import {
  Analytics,
  AnalyticsFilter,
  AnalyticsTotals,
  BreakdownDimension,
  BreakdownRow,
  MonthCount,
  PeriodCount,
  RateRow,
} from './analytics.types.js';

@Resolver(() => Analytics)
export class AnalyticsResolver {
  @Authorized(FirePermission.ANALYTICS_VIEW, Permission.DASHBOARD_VIEW)
  @Query(() => Analytics, { description: '消防验收抽查数据分析（4.2；按数据权限）' })
  fireAnalytics(
    @Arg('filter', () => AnalyticsFilter, { nullable: true }) filter: AnalyticsFilter | null,
    @Arg('asOf', () => String, { nullable: true, description: '统计截止日 YYYY-MM-DD（默认今天，中国时间）' })
    asOf: string | null,
    @Ctx() ctx: FireContext,
  ): Analytics {
    const day = asOf ?? chinaDate(ctx.runtime.now());
    checkAnalyticsFilter(filter, day);
    return Object.assign(new Analytics(), { filter, asOf: day, asOfDate: day });
  }

  @FieldResolver(() => AnalyticsTotals, { description: '合计' })
  totals(@Root() a: Analytics, @Ctx() ctx: FireContext): Promise<AnalyticsTotals> {
    return totals(ctx.em, ctx.caller, a.filter);
  }

  @FieldResolver(() => [RateRow], { description: '4.2.1 十八项的合格率与不合格率' })
  itemRates(@Root() a: Analytics, @Ctx() ctx: FireContext): Promise<RateRow[]> {
    return itemRates(ctx.em, ctx.caller, a.filter);
  }

  @FieldResolver(() => [RateRow], { description: '4.2.1 子项的合格率与不合格率' })
  subItemRates(
    @Root() a: Analytics,
    @Arg('itemCode', () => String, { nullable: true, description: '只看该检查项目的子项' }) itemCode: string | null,
    @Ctx() ctx: FireContext,
  ): Promise<RateRow[]> {
    return subItemRates(ctx.em, ctx.caller, a.filter, itemCode);
  }

  @FieldResolver(() => [PeriodCount], { description: '4.2.2 近 3、6、12 月累计抽查次数' })
  recentCounts(@Root() a: Analytics, @Ctx() ctx: FireContext): Promise<PeriodCount[]> {
    return recentCounts(ctx.em, ctx.caller, a.filter, a.asOf);
  }

  @FieldResolver(() => [MonthCount], { description: '4.2.2 各月抽查次数趋势（旧到新）' })
  monthlyTrend(
    @Root() a: Analytics,
    @Arg('months', () => Int, { defaultValue: 12, description: '月数 1–36' }) months: number,
    @Ctx() ctx: FireContext,
  ): Promise<MonthCount[]> {
    return monthlyTrend(ctx.em, ctx.caller, a.filter, a.asOf, Math.min(36, Math.max(1, months)));
  }

  @FieldResolver(() => [BreakdownRow], { description: '4.2.3 分组统计：按区县、项目类别或参建单位' })
  breakdown(
    @Root() a: Analytics,
    @Arg('by', () => BreakdownDimension) by: BreakdownDimension,
    @Arg('unitRole', () => UnitRole, { nullable: true, description: '按单位分组时的单位类型（默认施工总包单位）' })
    unitRole: UnitRole | null,
    @Ctx() ctx: FireContext,
  ): Promise<BreakdownRow[]> {
    return breakdown(ctx.em, ctx.caller, a.filter, by, unitRole ?? UnitRole.GENERAL_CONTRACTOR);
  }
}
