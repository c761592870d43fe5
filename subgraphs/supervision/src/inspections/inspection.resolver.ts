import {
  AppError,
  badInput,
  chinaDate,
  DownloadLink,
  ErrorCode,
  exportLink,
  hasPermission,
  type Page,
  PageInput,
  PageOf,
  requireCaller,
  type Sort,
} from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ProjectRef } from '../common/refs.js';
import type { SupervisionContext } from '../context.js';
import { SupervisionPermission } from '../permissions.js';
import { HazardLevel, InspectionOutcome } from './dictionary.entity.js';
import { SupervisionInspection, SupervisionProblem } from './inspection.entity.js';
import {
  InspectionFilter,
  SupervisionInspectionSort,
  type SupervisionInspectionSortField,
} from './inspection.inputs.js';
import { INSPECTIONS_EXPORT, INSPECTIONS_TITLE, type InspectionListArgs } from './inspection.lists.js';
import { countInspections, inspectionsWhere, listInspections } from './inspection.service.js';
import { SupervisionStats, supervisionStats } from '../analytics/stats.js';

export const InspectionPage = PageOf(SupervisionInspection, 'SupervisionInspection');

const linkOptions = (ctx: SupervisionContext) => ({
  fieldKey: ctx.deps.config.FIELD_ENCRYPTION_KEY,
  subgraph: 'supervision',
  now: ctx.now(),
});

@Resolver(() => SupervisionInspection)
export class InspectionResolver {
  @Authorized(SupervisionPermission.VIEW)
  @Query(() => InspectionPage, { description: '质量安全监督检查列表（按数据权限；默认按检查日期从新到旧）' })
  supervisionInspections(
    @Arg('filter', () => InspectionFilter, { nullable: true }) filter: InspectionFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => SupervisionInspectionSort, { nullable: true }) sort: Sort<SupervisionInspectionSortField> | null,
    @Ctx() ctx: SupervisionContext,
  ): Promise<Page<SupervisionInspection>> {
    return listInspections(ctx.em, ctx.caller, filter, page, sort, ctx.now());
  }

  @Authorized(SupervisionPermission.VIEW)
  @Query(() => SupervisionInspection, { nullable: true, description: '一条质量安全监督检查记录（无权查看时为空）' })
  supervisionInspection(@Arg('id', () => ID) id: string, @Ctx() ctx: SupervisionContext) {
    return ctx.loaders.inspectionById.load(id);
  }

  @Authorized(SupervisionPermission.VIEW)
  @Query(() => SupervisionStats, {
    description: '质量安全监督统计：每日检查数、处理结果、各级隐患、未完成与逾期整改、各区县（默认最近 30 天）',
  })
  supervisionStats(
    @Arg('filter', () => InspectionFilter, { nullable: true }) filter: InspectionFilter | null,
    @Ctx() ctx: SupervisionContext,
  ): Promise<SupervisionStats> {
    return supervisionStats(ctx.em, ctx.caller, filter, ctx.now());
  }

  @Authorized(SupervisionPermission.VIEW)
  @Query(() => [InspectionOutcome], { description: '处理结果字典（按严重程度）' })
  supervisionOutcomes(@Ctx() ctx: SupervisionContext): Promise<InspectionOutcome[]> {
    return ctx.em.find(InspectionOutcome, {}, { orderBy: { sortOrder: 'asc' } });
  }

  @Authorized(SupervisionPermission.VIEW)
  @Query(() => [HazardLevel], { description: '隐患等级字典（按严重程度，最严重的在前）' })
  supervisionHazardLevels(@Ctx() ctx: SupervisionContext): Promise<HazardLevel[]> {
    return ctx.em.find(HazardLevel, {}, { orderBy: { severity: 'asc' } });
  }

  @Authorized(SupervisionPermission.MANAGE)
  @Mutation(() => [HazardLevel], {
    description: '配置隐患等级的严重程度次序：按从最严重到最轻列出全部等级编号（默认 一级 最严重）',
  })
  async setSupervisionHazardLevelOrder(
    @Arg('levels', () => [Int]) levels: number[],
    @Ctx() ctx: SupervisionContext,
  ): Promise<HazardLevel[]> {
    const known = await ctx.em.find(HazardLevel, {});
    const wanted = new Set(levels);
    if (wanted.size !== levels.length || known.length !== levels.length || known.some((k) => !wanted.has(k.level)))
      throw badInput(`应按严重程度列出全部 ${known.length} 个隐患等级编号，每个一次`, 'levels');
    await ctx.em.transactional(async (tx) => {
      await tx.execute(`update supervision.hazard_level set severity = severity + 100`);
      for (const [k, level] of levels.entries())
        await tx.execute(`update supervision.hazard_level set severity = ? where level = ?`, [k + 1, level]);
    });
    return ctx.em.fork().find(HazardLevel, {}, { orderBy: { severity: 'asc' } });
  }

  @Authorized(SupervisionPermission.VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '导出质量安全监督检查列表（Excel）：与列表相同的筛选、排序和数据权限，或只导出所选；返回 5 分钟内有效的下载地址',
  })
  async exportSupervisionInspections(
    @Arg('filter', () => InspectionFilter, { nullable: true }) filter: InspectionFilter | null,
    @Arg('sort', () => SupervisionInspectionSort, { nullable: true }) sort: Sort<SupervisionInspectionSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些记录（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: SupervisionContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await countInspections(ctx.em, inspectionsWhere(caller, filter, chinaDate(ctx.now()), ids));
    const args: InspectionListArgs = { filter, sort, ids };
    return exportLink(
      linkOptions(ctx),
      { kind: INSPECTIONS_EXPORT, title: INSPECTIONS_TITLE, caller, args: { ...args } },
      count,
    );
  }

  @FieldResolver(() => [SupervisionProblem], { description: '发现的问题（按序号）' })
  problems(@Root() inspection: SupervisionInspection, @Ctx() ctx: SupervisionContext) {
    return ctx.loaders.problemsByInspection.load(inspection.id);
  }

  @FieldResolver(() => InspectionOutcome, { description: '处理结果' })
  async outcome(@Root() inspection: SupervisionInspection, @Ctx() ctx: SupervisionContext) {
    const outcome = await ctx.loaders.outcomeByCode.load(inspection.outcome);
    if (!outcome) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `处理结果“${inspection.outcome}”不在字典中`);
    return outcome;
  }

  @FieldResolver(() => HazardLevel, { nullable: true, description: '最严重的隐患等级（无问题时为空）' })
  maxRiskLevelInfo(@Root() inspection: SupervisionInspection, @Ctx() ctx: SupervisionContext) {
    return inspection.maxRiskLevel === null ? null : ctx.loaders.levelByNumber.load(inspection.maxRiskLevel);
  }

  @FieldResolver(() => Boolean, { description: '是否已关联到本市工程项目（否：未关联项目，保留来源所载编码）' })
  linked(@Root() inspection: SupervisionInspection): boolean {
    return inspection.projectId !== null;
  }

  @FieldResolver(() => Boolean, { description: '是否有已过整改期限仍未整改的问题' })
  overdue(@Root() inspection: SupervisionInspection, @Ctx() ctx: SupervisionContext): boolean {
    return (
      inspection.openCount > 0 && inspection.openDeadline !== null && inspection.openDeadline < chinaDate(ctx.now())
    );
  }

  @FieldResolver(() => ProjectRef, { nullable: true, description: '关联的工程项目（未关联时为空）' })
  project(@Root() inspection: SupervisionInspection): ProjectRef | null {
    return inspection.projectId ? { id: inspection.projectId } : null;
  }
}

@Resolver(() => SupervisionProblem)
export class ProblemResolver {
  @FieldResolver(() => InspectionOutcome, { description: '处理结果' })
  async outcome(@Root() problem: SupervisionProblem, @Ctx() ctx: SupervisionContext) {
    const outcome = await ctx.loaders.outcomeByCode.load(problem.outcome);
    if (!outcome) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `处理结果“${problem.outcome}”不在字典中`);
    return outcome;
  }

  @FieldResolver(() => HazardLevel, { description: '隐患等级' })
  async level(@Root() problem: SupervisionProblem, @Ctx() ctx: SupervisionContext) {
    const level = await ctx.loaders.levelByNumber.load(problem.riskLevel);
    if (!level) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `隐患等级 ${problem.riskLevel} 不在字典中`);
    return level;
  }
}

@Resolver(() => ProjectRef)
export class ProjectSupervisionResolver {
  // Nullable: with the supervision subgraph down, a Project query still answers.
  @FieldResolver(() => [SupervisionInspection], {
    nullable: true,
    description: '该项目最近的质量安全监督检查（最多 20 条，按数据权限；无 supervision:view 权限时为空列表）',
  })
  supervisionInspections(@Root() project: ProjectRef, @Ctx() ctx: SupervisionContext) {
    if (!hasPermission(ctx.caller, SupervisionPermission.VIEW)) return [];
    return ctx.loaders.inspectionsByProject.load(project.id);
  }
}
