import {
  decryptField,
  hasPermission,
  HUANGSHI_DIVISIONS,
  maskIdCard,
  maskPhone,
  notFound,
  PageInput,
  type Page,
  requireCaller,
} from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Building } from '../buildings/building.entity.js';
import type { FireContext } from '../context.js';
import { FirePermission } from '../permissions.js';
import { ExtraLocation } from '../results/extra-location.entity.js';
import { InspectionResult } from '../results/result.entity.js';
import { stateOf } from '../results/result.service.js';
import { PlanStatus, SamplingPlan } from '../sampling/plan.entity.js';
import { ItemProgressType, SignatureBoxType } from '../sampling/plan.types.js';
import { SignatureStage } from '../signatures/signature.entity.js';
import { Inspection } from './inspection.entity.js';
import { CATEGORY_LABELS, STATUS_LABELS } from './inspection.enums.js';
import { CreateFireInspectionInput, FireInspectionFilter, UpdateFireInspectionInput } from './inspection.inputs.js';
import { createInspection, deleteInspection, listInspections, updateInspection } from './inspection.service.js';
import { FireInspectionSort, type FireInspectionSortInput } from './inspection.sort.js';
import { InspectionPage, ProjectRef } from './inspection.types.js';

const DISTRICT_NAMES = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));

@Resolver(() => Inspection)
export class InspectionResolver {
  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => InspectionPage, { description: '消防验收抽查项目列表（1.3.8 筛选；按数据权限；可按一列排序）' })
  fireInspections(
    @Arg('filter', () => FireInspectionFilter, { nullable: true }) filter: FireInspectionFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => FireInspectionSort, { nullable: true, description: '排序（一列）；不传时按检查日期从新到旧' })
    sort: FireInspectionSortInput | null,
    @Ctx() ctx: FireContext,
  ): Promise<Page<Inspection>> {
    return listInspections(ctx.em, ctx.caller, filter, page, ctx.runtime.fieldKey, sort);
  }

  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => Inspection, { description: '按 id 查询；无权查看时与不存在一样返回 NOT_FOUND' })
  async fireInspection(@Arg('id', () => ID) id: string, @Ctx() ctx: FireContext): Promise<Inspection> {
    const inspection = await ctx.loaders.inspectionById.load(id);
    if (!inspection) throw notFound('消防验收抽查项目');
    return inspection;
  }

  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Inspection, { description: '新增消防验收抽查项目（1.3.1）' })
  createFireInspection(
    @Arg('input', () => CreateFireInspectionInput) input: CreateFireInspectionInput,
    @Ctx() ctx: FireContext,
  ): Promise<Inspection> {
    return createInspection(ctx.em, requireCaller(ctx), input, ctx.runtime);
  }

  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Inspection, { description: '修改抽查项目基本信息（只修改传入的字段；结果签名后不可改）' })
  updateFireInspection(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateFireInspectionInput) input: UpdateFireInspectionInput,
    @Ctx() ctx: FireContext,
  ): Promise<Inspection> {
    return updateInspection(ctx.em, requireCaller(ctx), id, input, ctx.runtime);
  }

  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Boolean, { description: '删除尚未生成过抽查方案的项目' })
  deleteFireInspection(@Arg('id', () => ID) id: string, @Ctx() ctx: FireContext): Promise<boolean> {
    return deleteInspection(ctx.em, requireCaller(ctx), id);
  }

  // --- fields ---------------------------------------------------------------------------------

  @FieldResolver(() => ProjectRef, { nullable: true, description: '关联的工程项目（projects 子图）' })
  project(@Root() inspection: Inspection): ProjectRef | null {
    return inspection.projectId ? ({ __typename: 'Project', id: inspection.projectId } as ProjectRef) : null;
  }

  @FieldResolver(() => String, { description: '区县名称' })
  districtName(@Root() inspection: Inspection): string {
    return DISTRICT_NAMES.get(inspection.districtCode) ?? inspection.districtCode;
  }

  @FieldResolver(() => String, { description: '项目类别名称' })
  categoryLabel(@Root() inspection: Inspection): string {
    return CATEGORY_LABELS[inspection.category];
  }

  @FieldResolver(() => String, { description: '进度说明' })
  statusLabel(@Root() inspection: Inspection): string {
    return STATUS_LABELS[inspection.status];
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '项目负责人联系电话（无 fire:inspection:sensitive 权限时脱敏）',
  })
  leaderPhone(@Root() inspection: Inspection, @Ctx() ctx: FireContext): string | null {
    return reveal(inspection.leaderPhoneCipher, ctx, maskPhone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '项目负责人身份证号（无 fire:inspection:sensitive 权限时脱敏）',
  })
  leaderIdCard(@Root() inspection: Inspection, @Ctx() ctx: FireContext): string | null {
    return reveal(inspection.leaderIdCardCipher, ctx, maskIdCard);
  }

  @FieldResolver(() => [Building], { description: '楼栋（1.3.3）' })
  buildings(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<Building[]> {
    return ctx.loaders.buildingsByInspection.load(inspection.id);
  }

  @FieldResolver(() => [SamplingPlan], { description: '全部抽查方案（含已作废的），按生成顺序' })
  plans(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<SamplingPlan[]> {
    return ctx.loaders.plansByInspection.load(inspection.id);
  }

  @FieldResolver(() => SamplingPlan, { nullable: true, description: '当前方案：已确认或待签名的方案' })
  async currentPlan(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<SamplingPlan | null> {
    const plans = await ctx.loaders.plansByInspection.load(inspection.id);
    return (
      plans.find((p) => p.status === PlanStatus.CONFIRMED) ?? plans.find((p) => p.status === PlanStatus.PENDING) ?? null
    );
  }

  @FieldResolver(() => [ItemProgressType], { description: '十八项的记录进度（方案确认后）' })
  async progress(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<ItemProgressType[]> {
    const plan = (await ctx.loaders.plansByInspection.load(inspection.id)).find(
      (p) => p.status === PlanStatus.CONFIRMED,
    );
    if (!plan) return [];
    // Through the request's loaders: a list of inspections asking for progress costs three queries, not three per row.
    const [catalogue, extras, results] = await Promise.all([
      ctx.loaders.catalogueVersionById.load(plan.catalogueVersion.id),
      ctx.loaders.extrasByPlan.load(plan.id),
      ctx.loaders.resultsByPlan.load(plan.id),
    ]);
    if (!catalogue) return [];
    return stateOf(plan, catalogue, extras, results).progress;
  }

  @FieldResolver(() => [InspectionResult], { description: '抽查结果（可按检查项目筛选）' })
  async results(
    @Root() inspection: Inspection,
    @Arg('itemCode', () => String, { nullable: true }) itemCode: string | null,
    @Ctx() ctx: FireContext,
  ): Promise<InspectionResult[]> {
    const results = await ctx.loaders.resultsByInspection.load(inspection.id);
    return itemCode ? results.filter((r) => r.itemCode === itemCode) : results;
  }

  @FieldResolver(() => [ExtraLocation], { description: '现场新增部位' })
  extraLocations(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<ExtraLocation[]> {
    return ctx.em.find(ExtraLocation, { inspection: inspection.id }, { orderBy: { createdAt: 'asc' } });
  }

  @FieldResolver(() => [SignatureBoxType], { description: '结果签名框（1.3.7：五方同时显示）；方案确认后才有' })
  async resultSignatureBoxes(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<SignatureBoxType[]> {
    const plan = (await ctx.loaders.plansByInspection.load(inspection.id)).find(
      (p) => p.status === PlanStatus.CONFIRMED,
    );
    if (!plan) return [];
    const signatures = (await ctx.loaders.signaturesByPlan.load(plan.id)).filter(
      (s) => s.stage === SignatureStage.RESULT,
    );
    return plan.ruleConfig.resultSigners.map((s, i) => ({
      slot: i + 1,
      party: s.party,
      label: s.label,
      confirmationText: plan.ruleConfig.resultConfirmationText,
      signature: signatures.find((x) => x.party === s.party) ?? null,
    }));
  }
}

function reveal(cipher: string | null, ctx: FireContext, mask: (v: string) => string): string | null {
  if (!cipher) return null;
  let plain: string;
  try {
    plain = decryptField(cipher, ctx.runtime.fieldKey);
  } catch (error) {
    ctx.deps.logger.error({ err: error }, 'stored personal data cannot be decrypted (wrong FIELD_ENCRYPTION_KEY?)');
    return null;
  }
  return hasPermission(ctx.caller, FirePermission.INSPECTION_SENSITIVE) ? plain : mask(plain);
}

/** Project (owned by the projects subgraph) gains `fireInspections` here. */
@Resolver(() => ProjectRef)
export class ProjectRefResolver {
  // Nullable: with the fire subgraph down, a Project query still answers (null here plus an error).
  @FieldResolver(() => [Inspection], {
    nullable: true,
    description:
      '该工程项目的消防验收抽查（按数据权限；无 fire:inspection:view 权限时为空；消防子系统不可用时为 null）',
  })
  async fireInspections(@Root() project: ProjectRef, @Ctx() ctx: FireContext): Promise<Inspection[]> {
    if (!hasPermission(ctx.caller, FirePermission.INSPECTION_VIEW)) return [];
    return ctx.loaders.inspectionsByProject.load(project.id);
  }
}
