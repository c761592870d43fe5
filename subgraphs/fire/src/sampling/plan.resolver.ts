import { MultiLine, requireCaller } from '@hs/kit';
import { GraphQLJSON } from 'graphql-scalars';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  InputType,
  Field,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { FireContext } from '../context.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { FirePermission } from '../permissions.js';
import { ExtraLocation } from '../results/extra-location.entity.js';
import { Signature, SignatureStage } from '../signatures/signature.entity.js';
import { signPlan, type PlanSignOutcome } from '../signatures/signature.service.js';
import { SamplingPlan } from './plan.entity.js';
import { createPlan, findPlan, verifyPlan, type PlanVerification } from './plan.service.js';
import { PlanItemType, PlanSignOutcomeType, PlanVerificationType, SignatureBoxType } from './plan.types.js';
import { describePlan } from './plan-view.js';
import { describeRule, hasRandomDraw, noRandomDrawNote } from './rule-text.js';

@InputType('FirePlanSignatureInput', { description: '方案签名（1.3.6）' })
export class PlanSignatureInput {
  @Field(() => Int, { description: '签名框序号 1、2、3，须按顺序' })
  slot!: number;

  @Field(() => String, { description: '签名人姓名' })
  signerName!: string;

  @Field(() => Boolean, { description: '是否同意；不同意时方案作废并重新随机生成' })
  agree!: boolean;

  @MultiLine()
  @Field(() => String, {
    nullable: true,
    description: '同意时默认为“上述抽查部位与数量，由系统随机生成，我已见证，确认无误”；不同意时必填理由',
  })
  opinion?: string | null;

  @Field(() => String, { nullable: true, description: '手写签名 PNG 图片的 data URL（同意时必填）' })
  imageDataUrl?: string | null;
}

@Resolver(() => SamplingPlan)
export class PlanResolver {
  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => SamplingPlan, { description: '按 id 查询抽查方案' })
  firePlan(@Arg('id', () => ID) id: string, @Ctx() ctx: FireContext): Promise<SamplingPlan> {
    return findPlan(ctx.em, ctx.caller, id);
  }

  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => PlanVerificationType, {
    description: '重新计算并校验抽查方案：按随机种子重放抽取、SM3 摘要、HMAC-SM3 校验码、抽查库摘要和签名所确认的摘要',
  })
  verifyPlan(@Arg('planId', () => ID) planId: string, @Ctx() ctx: FireContext): Promise<PlanVerification> {
    return verifyPlan(ctx.em, ctx.caller, planId, ctx.runtime.fieldKey);
  }

  @Authorized(FirePermission.PLAN_SIGN)
  @Mutation(() => SamplingPlan, { description: '按抽查规则随机生成抽查方案（1.3.4）' })
  drawFirePlan(@Arg('inspectionId', () => ID) inspectionId: string, @Ctx() ctx: FireContext): Promise<SamplingPlan> {
    return createPlan(ctx.em, requireCaller(ctx), inspectionId, ctx.runtime);
  }

  @Authorized(FirePermission.PLAN_SIGN)
  @Mutation(() => PlanSignOutcomeType, {
    description: '在方案的签名框中签名（1.3.6：按顺序；任一方不同意则方案作废并重新生成）',
  })
  signFirePlan(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => PlanSignatureInput) input: PlanSignatureInput,
    @Ctx() ctx: FireContext,
  ): Promise<PlanSignOutcome> {
    return signPlan(ctx.em, requireCaller(ctx), planId, input, {
      ...ctx.runtime,
      pubSub: ctx.deps.pubSub,
      logger: ctx.deps.logger,
    });
  }

  // --- fields ---------------------------------------------------------------------------------

  @FieldResolver(() => Inspection)
  async inspection(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<Inspection | null> {
    return ctx.loaders.inspectionById.load(plan.inspection.id);
  }

  @FieldResolver(() => Int, { description: '抽查库版本号' })
  async catalogueVersion(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<number> {
    return (await ctx.loaders.catalogueVersionById.load(plan.catalogueVersion.id))!.version;
  }

  @FieldResolver(() => GraphQLJSON, { description: '生成时使用的抽查规则配置' })
  ruleConfig(@Root() plan: SamplingPlan): unknown {
    return plan.ruleConfig;
  }

  @FieldResolver(() => GraphQLJSON, { description: '生成时的楼栋楼层快照（含各部位适用的检查项目）' })
  layout(@Root() plan: SamplingPlan): unknown {
    return plan.layout;
  }

  @FieldResolver(() => [PlanItemType], { description: '十八项及其抽查部位、检查内容' })
  async items(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<PlanItemType[]> {
    const catalogue = (await ctx.loaders.catalogueVersionById.load(plan.catalogueVersion.id))!;
    const extras = await ctx.loaders.extrasByPlan.load(plan.id);
    return describePlan(plan.draw, plan.layout, catalogue.content, extras) as unknown as PlanItemType[];
  }

  @FieldResolver(() => [String], {
    description: '生成时所用抽查规则的文字说明（含“其余部位在全项目范围内合并计算”的解读）',
  })
  async ruleDescription(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<string[]> {
    const catalogue = (await ctx.loaders.catalogueVersionById.load(plan.catalogueVersion.id))!;
    return describeRule(plan.ruleConfig, catalogue.content);
  }

  @FieldResolver(() => Boolean, { description: '是否有随机抽取的部位；没有时重新生成的方案部位相同' })
  hasRandomDraw(@Root() plan: SamplingPlan): boolean {
    return hasRandomDraw(plan.draw);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '没有随机抽取的部位时的说明（不同意后重新生成的方案部位不会改变）；有随机抽取时为 null',
  })
  redrawNote(@Root() plan: SamplingPlan): string | null {
    return hasRandomDraw(plan.draw) ? null : noRandomDrawNote(plan.ruleConfig);
  }

  @FieldResolver(() => [Signature], { description: '方案签名（按签名框顺序）' })
  async signatures(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<Signature[]> {
    return (await ctx.loaders.signaturesByPlan.load(plan.id)).filter((s) => s.stage === SignatureStage.PLAN);
  }

  @FieldResolver(() => [SignatureBoxType], { description: '三个方案签名框（1.3.6），按顺序' })
  async signatureBoxes(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<SignatureBoxType[]> {
    const signatures = (await ctx.loaders.signaturesByPlan.load(plan.id)).filter(
      (s) => s.stage === SignatureStage.PLAN,
    );
    return plan.ruleConfig.planSigners.map((s, i) => ({
      slot: i + 1,
      party: s.party,
      label: s.label,
      confirmationText: plan.ruleConfig.planConfirmationText,
      signature: signatures.find((x) => x.slot === i + 1) ?? null,
    }));
  }

  @FieldResolver(() => [ExtraLocation], { description: '现场新增部位' })
  extraLocations(@Root() plan: SamplingPlan, @Ctx() ctx: FireContext): Promise<ExtraLocation[]> {
    return ctx.loaders.extrasByPlan.load(plan.id);
  }
}
