import { MultiLine, notFound, Permission, requireCaller } from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  Subscription,
  type SubscriptionHandlerData,
} from 'type-graphql';
import type { FireContext } from '../context.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { withInspectionScope } from '../inspections/inspection.scope.js';
import { InspectionSealedEvent } from '../inspections/inspection.types.js';
import { FirePermission } from '../permissions.js';
import { ItemProgressType } from '../sampling/plan.types.js';
import { Signature } from '../signatures/signature.entity.js';
import {
  RESULT_SIGNED_TOPIC,
  type ResultSignedPayload,
  type ResultSignOutcome,
  signResults,
} from '../signatures/signature.service.js';
import { ExtraLocation } from './extra-location.entity.js';
import { InspectionResult, Verdict } from './result.entity.js';
import { addExtraLocation, recordResults } from './result.service.js';

@InputType('FireResultInput', { description: '一条抽查结果：检查内容 × 部位' })
export class ResultInput {
  @Field(() => String, { description: '检查内容编码 NN.SS.LL' })
  lineCode!: string;

  @Field(() => ID, { description: '部位标识（方案中的楼栋/楼层 id，或现场新增部位的 locationKey）' })
  locationKey!: string;

  @Field(() => Verdict)
  verdict!: Verdict;

  @MultiLine()
  @Field(() => String, { nullable: true, description: '情况说明' })
  note?: string | null;
}

@InputType('FireExtraLocationInput', { description: '现场新增抽查部位' })
export class ExtraLocationInput {
  @Field(() => String, { description: '检查项目编码 01–18' })
  itemCode!: string;

  @Field(() => ID, { nullable: true, description: '方案楼栋楼层中的楼栋' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: '方案楼栋楼层中的楼层' })
  floorId?: string | null;

  @Field(() => String, { nullable: true, description: '部位名称（不选楼栋楼层时必填）' })
  label?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: '自定义部位的标识（UUID，由手机端生成）：离线记录时结果可先引用它，重复提交返回同一部位',
  })
  locationKey?: string | null;

  @MultiLine()
  @Field(() => String, { nullable: true, description: '详细抽查情况说明' })
  note?: string | null;
}

@InputType('FireResultSignatureInput', { description: '结果签名（1.3.7）' })
export class ResultSignatureInput {
  @Field(() => String, {
    description: '签名方：BUILDER、DESIGNER、GENERAL_CONTRACTOR、SUPERVISOR、FIRE_CONTRACTOR（按规则配置）',
  })
  party!: string;

  @Field(() => String)
  signerName!: string;

  @Field(() => String, { description: '手写签名 PNG 图片的 data URL' })
  imageDataUrl!: string;
}

@ObjectType('FireRecordResultsPayload')
export class RecordResultsPayload {
  @Field(() => Inspection)
  inspection!: Inspection;

  @Field(() => [InspectionResult], { description: '本次保存的结果' })
  results!: InspectionResult[];

  @Field(() => [ItemProgressType])
  progress!: ItemProgressType[];
}

@ObjectType('FireResultSignOutcome')
export class ResultSignOutcomeType {
  @Field(() => Signature)
  signature!: Signature;

  @Field(() => Inspection)
  inspection!: Inspection;

  @Field(() => Boolean, { description: '各方已全部签名，结果封存' })
  sealed!: boolean;
}

@Resolver(() => InspectionResult)
export class ResultResolver {
  @Authorized(FirePermission.RESULT_RECORD)
  @Mutation(() => RecordResultsPayload, {
    description: '记录（或修改）抽查结果：合格/不合格，只能针对方案中的部位；五方签名开始后不可更改（RESULTS_SEALED）',
  })
  recordFireResults(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('results', () => [ResultInput]) results: ResultInput[],
    @Ctx() ctx: FireContext,
  ): Promise<RecordResultsPayload> {
    return recordResults(
      ctx.em,
      requireCaller(ctx),
      inspectionId,
      results,
      ctx.runtime.now,
    ) as Promise<RecordResultsPayload>;
  }

  @Authorized(FirePermission.RESULT_RECORD)
  @Mutation(() => ExtraLocation, { description: '现场新增抽查部位（1.3.5）；该项目的每条检查内容都要在此部位记录' })
  addFireExtraLocation(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('input', () => ExtraLocationInput) input: ExtraLocationInput,
    @Ctx() ctx: FireContext,
  ): Promise<ExtraLocation> {
    return addExtraLocation(ctx.em, requireCaller(ctx), inspectionId, input, ctx.runtime.now);
  }

  @Authorized(FirePermission.RESULT_RECORD)
  @Mutation(() => ResultSignOutcomeType, {
    description: '五方签名确认抽查结果（1.3.7）：十八项全部记录后才可签；第一方签名起结果锁定，五方签完即封存',
  })
  signFireResults(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('input', () => ResultSignatureInput) input: ResultSignatureInput,
    @Ctx() ctx: FireContext,
  ): Promise<ResultSignOutcome> {
    return signResults(ctx.em, requireCaller(ctx), inspectionId, input, {
      ...ctx.runtime,
      pubSub: ctx.deps.pubSub,
      logger: ctx.deps.logger,
    });
  }

  @Authorized(FirePermission.INSPECTION_VIEW, FirePermission.ANALYTICS_VIEW, Permission.DASHBOARD_VIEW)
  @Subscription(() => InspectionSealedEvent, {
    topics: RESULT_SIGNED_TOPIC,
    description: '抽查结果五方签名完成时推送（数据指挥中心；按订阅者的数据权限过滤；可按区县订阅）',
    filter: async ({
      payload,
      args,
      context,
    }: SubscriptionHandlerData<ResultSignedPayload, { districtCode?: string | null }, FireContext>) => {
      if (args.districtCode && payload.districtCode !== args.districtCode) return false;
      // The subscribe-time context lives as long as the subscription: a fresh fork per event.
      const em = context.em.fork();
      return (await em.count(Inspection, withInspectionScope(context.caller, { id: payload.inspectionId }))) > 0;
    },
  })
  async fireInspectionSealed(
    @Root() payload: ResultSignedPayload,
    @Arg('districtCode', () => String, { nullable: true, description: '只接收该区县的事件' })
    _districtCode: string | null,
    @Ctx() ctx: FireContext,
  ): Promise<InspectionSealedEvent> {
    const inspection = await ctx.loaders.inspectionById.load(payload.inspectionId);
    if (!inspection) throw notFound('消防验收抽查项目');
    return { inspection, failed: payload.failed, at: new Date(payload.sealedAt) };
  }
}
