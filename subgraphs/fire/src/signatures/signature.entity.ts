import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { StoredFile } from '../files/stored-file.entity.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { SamplingPlan } from '../sampling/plan.entity.js';

export enum SignatureStage {
  PLAN = 'PLAN',
  RESULT = 'RESULT',
}

registerEnumType(SignatureStage, {
  name: 'FireSignatureStage',
  description: '签名环节',
  valuesConfig: {
    PLAN: { description: '抽查方案确认（1.3.6，三方按顺序）' },
    RESULT: { description: '抽查结果确认（1.3.7，五方）' },
  },
});

/**
 * One signature box filled in. Append-only (a trigger refuses UPDATE and DELETE). `contentHash` is
 * the SM3 of the canonical JSON of what was signed: the plan's content for PLAN, the results for
 * RESULT. `recordHash` is the SM3 of this record's own canonical JSON (who, which box, agreed or
 * not, the opinion, the image's SHA-256, when), so the row cannot be edited unnoticed either.
 */
@Entity({ tableName: 'signature' })
@Unique({ name: 'signature_plan_stage_slot_key', properties: ['plan', 'stage', 'slot'] })
@Unique({ name: 'signature_plan_stage_party_key', properties: ['plan', 'stage', 'party'] })
@Index({ name: 'signature_inspection_stage_idx', properties: ['inspection', 'stage'] })
@ObjectType('FireSignature', { description: '签名' })
export class Signature {
  [OptionalProps]?: 'opinion' | 'image' | 'signedById' | 'signedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { deleteRule: 'cascade' })
  inspection!: Inspection;

  @ManyToOne(() => SamplingPlan, { deleteRule: 'cascade' })
  plan!: SamplingPlan;

  @Field(() => SignatureStage)
  @Enum({ items: () => SignatureStage })
  stage!: SignatureStage;

  @Field(() => Int, { description: '签名框序号（方案签名须按序）' })
  @Property({ type: 'smallint' })
  slot!: number;

  @Field(() => String, { description: '签名方标识，如 PROJECT_LEADER、BUILDER' })
  @Property({ type: 'string', length: 32 })
  party!: string;

  @Field(() => String, { description: '签名框名称，如 项目负责人、建设单位' })
  @Property({ type: 'string', length: 50 })
  partyLabel!: string;

  @Field(() => String, { description: '签名人姓名' })
  @Property({ type: 'string', length: 50 })
  signerName!: string;

  @Field(() => Boolean, { description: '是否同意' })
  @Property({ type: 'boolean' })
  agree!: boolean;

  @Field(() => String, { nullable: true, description: '确认内容或不同意的意见' })
  @Property({ type: 'string', length: 500, nullable: true })
  opinion: string | null = null;

  /** GraphQL `imageSha256` / `imageDataUrl` are field resolvers. */
  @ManyToOne(() => StoredFile, { fieldName: 'image_sha256', nullable: true, deleteRule: 'no action' })
  image: StoredFile | null = null;

  @Field(() => String, { description: '所签内容（规范化 JSON）的 SM3 摘要' })
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Field(() => String, { description: '本签名记录的 SM3 摘要' })
  @Property({ type: 'string', length: 64 })
  recordHash!: string;

  @Field(() => ID, { nullable: true, description: '提交签名的账号' })
  @Property({ type: 'uuid', nullable: true })
  signedById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  signedAt: Date = new Date();
}
