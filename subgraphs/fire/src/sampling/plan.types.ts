import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ImportanceClass } from '../catalogue/catalogue.types.js';
import { Signature } from '../signatures/signature.entity.js';
import { SamplingPlan } from './plan.entity.js';
import { REASON_LABELS } from './plan-view.js';

export enum LocationReasonEnum {
  MANDATORY = 'MANDATORY',
  ALL_REMAINING = 'ALL_REMAINING',
  RANDOM = 'RANDOM',
  ALWAYS = 'ALWAYS',
  EXTRA = 'EXTRA',
}

registerEnumType(LocationReasonEnum, {
  name: 'FireLocationReason',
  description: '抽查部位的来由',
  valuesConfig: Object.fromEntries(Object.entries(REASON_LABELS).map(([k, v]) => [k, { description: v }])),
});

@ObjectType('FirePlanLocation', { description: '抽查部位（楼栋或楼层）' })
export class PlanLocationType {
  @Field(() => ID, { description: '部位标识：楼栋 id 或楼层 id（现场新增部位另有 id）' })
  key!: string;

  @Field(() => ID, { nullable: true })
  buildingId!: string | null;

  @Field(() => String)
  buildingName!: string;

  @Field(() => ID, { nullable: true })
  floorId!: string | null;

  @Field(() => String, { nullable: true })
  floorName!: string | null;

  @Field(() => String, { description: 'BUILDING（整栋）、BASEMENT、ABOVE、ROOF' })
  kind!: string;

  @Field(() => Int, { nullable: true })
  level!: number | null;

  @Field(() => String, { description: '如 1#楼 地下1层' })
  label!: string;

  @Field(() => [String], { description: '该楼层属于哪类必查楼层：BASEMENT、FIRST、TOP、ROOF' })
  mandatoryKinds!: string[];

  @Field(() => LocationReasonEnum)
  reason!: LocationReasonEnum;
}

@ObjectType('FirePlanTarget', { description: '全部检查的子项或检查内容' })
export class PlanTargetType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [PlanLocationType])
  locations!: PlanLocationType[];
}

@ObjectType('FirePlanCheck', { description: '一条检查内容及其抽查部位' })
export class PlanCheckType {
  @Field(() => String)
  subItemCode!: string;

  @Field(() => String)
  subItemName!: string;

  @Field(() => String)
  lineCode!: string;

  @Field(() => String)
  content!: string;

  @Field(() => ImportanceClass)
  importance!: ImportanceClass;

  @Field(() => Boolean, { description: '是否全部检查（不抽样）' })
  everywhere!: boolean;

  @Field(() => [PlanLocationType])
  locations!: PlanLocationType[];
}

@ObjectType('FirePlanItem', { description: '方案中的一个检查项目' })
export class PlanItemType {
  @Field(() => String)
  code!: string;

  @Field(() => Int)
  no!: number;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'false 表示“不涉及”' })
  applicable!: boolean;

  @Field(() => String, { description: '抽查粒度：BUILDING（楼栋）或 FLOOR（楼层）' })
  granularity!: string;

  @Field(() => Int, { description: '适用部位总数' })
  candidateCount!: number;

  @Field(() => Int, { description: '必查部位数' })
  mandatoryCount!: number;

  @Field(() => Int, { description: '其余部位数' })
  remainderCount!: number;

  @Field(() => Boolean, { description: '其余部位是否随机抽取' })
  randomDraw!: boolean;

  @Field(() => [PlanLocationType], { description: '本项抽查部位（必查 + 抽取 + 现场新增）' })
  locations!: PlanLocationType[];

  @Field(() => [PlanTargetType], { description: '本项中全部检查的子项或检查内容' })
  always!: PlanTargetType[];

  @Field(() => [PlanCheckType])
  checks!: PlanCheckType[];
}

@ObjectType('FireSignatureBox', { description: '签名框' })
export class SignatureBoxType {
  @Field(() => Int)
  slot!: number;

  @Field(() => String)
  party!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String, { description: '默认确认内容' })
  confirmationText!: string;

  @Field(() => Signature, { nullable: true })
  signature!: Signature | null;
}

@ObjectType('FireVerificationCheck')
export class VerificationCheckType {
  @Field(() => String, { description: 'SEED、REPLAY、CONTENT_HASH、MAC、CATALOGUE、SIGNATURES' })
  name!: string;

  @Field(() => String, { description: 'PASS 或 FAIL' })
  outcome!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType('FirePlanVerification', { description: '抽查方案校验结果' })
export class PlanVerificationType {
  @Field(() => ID)
  planId!: string;

  @Field(() => Boolean, { description: '全部校验通过' })
  valid!: boolean;

  @Field(() => String)
  contentHash!: string;

  @Field(() => String, { description: '按记录内容重新计算的 SM3 摘要' })
  recomputedHash!: string;

  @Field(() => [VerificationCheckType])
  checks!: VerificationCheckType[];
}

@ObjectType('FirePlanSignOutcome', { description: '方案签名结果' })
export class PlanSignOutcomeType {
  @Field(() => Signature)
  signature!: Signature;

  @Field(() => SamplingPlan, { description: '所签的方案（不同意时已作废）' })
  plan!: SamplingPlan;

  @Field(() => SamplingPlan, { nullable: true, description: '不同意时重新随机生成的方案' })
  redrawnPlan!: SamplingPlan | null;
}

@ObjectType('FireItemProgress', { description: '检查项目的记录进度' })
export class ItemProgressType {
  @Field(() => String)
  itemCode!: string;

  @Field(() => Int)
  itemNo!: number;

  @Field(() => String)
  itemName!: string;

  @Field(() => Boolean)
  applicable!: boolean;

  @Field(() => Int, { description: '应记录的（检查内容 × 部位）数' })
  required!: number;

  @Field(() => Int)
  recorded!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Boolean)
  complete!: boolean;
}
