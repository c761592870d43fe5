import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CatalogueVersion } from '../catalogue/catalogue.entity.js';
import { Inspection } from '../inspections/inspection.entity.js';
import type { SamplingRuleConfig } from './rule-config.js';
import type { Layout, PlanDraw } from './sampling-rule.js';

export enum PlanStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  VOID = 'VOID',
}

registerEnumType(PlanStatus, {
  name: 'FirePlanStatus',
  description: '抽查方案状态',
  valuesConfig: {
    PENDING: { description: '待签名确认' },
    CONFIRMED: { description: '三方已签名确认' },
    VOID: { description: '已作废（有人不同意或楼栋楼层变更；保留在历史中）' },
  },
});

/**
 * A random sampling plan (1.3.4, 1.3.6). Everything needed to replay and verify it is stored with
 * it: the seed (32 bytes from crypto.randomBytes), the rule config and its version, the catalogue
 * version and its digest, the layout snapshot, and the draw. `contentHash` is SM3 of the canonical
 * JSON of all that (what the signers sign); `mac` is HMAC-SM3 of the hash under a key derived from
 * FIELD_ENCRYPTION_KEY, so the plan cannot be rewritten consistently without the server's key.
 * A void plan stays; the inspection's next plan gets the next `seq`.
 */
@Entity({ tableName: 'sampling_plan' })
@Unique({ name: 'sampling_plan_inspection_seq_key', properties: ['inspection', 'seq'] })
@Index({ name: 'sampling_plan_status_idx', properties: ['status'] })
@ObjectType('FireSamplingPlan', { description: '随机抽查方案' })
export class SamplingPlan {
  [OptionalProps]?: 'status' | 'mac' | 'createdById' | 'createdAt' | 'confirmedAt' | 'voidedAt' | 'voidReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { deleteRule: 'cascade' })
  inspection!: Inspection;

  @Field(() => Int, { description: '该项目的第几次生成' })
  @Property({ type: 'smallint' })
  seq!: number;

  @Field(() => PlanStatus)
  @Enum({ items: () => PlanStatus })
  status: PlanStatus = PlanStatus.PENDING;

  @Field(() => String, { description: '随机种子（32 字节，十六进制；由 crypto.randomBytes 生成）' })
  @Property({ type: 'string', length: 64 })
  seed!: string;

  @Field(() => Int, { description: '抽查规则版本' })
  @Property({ type: 'integer' })
  ruleVersion!: number;

  @Property({ type: 'json' })
  ruleConfig!: SamplingRuleConfig;

  @ManyToOne(() => CatalogueVersion, { deleteRule: 'no action' })
  catalogueVersion!: CatalogueVersion;

  @Field(() => String, { description: '生成时抽查库内容的 SM3 摘要' })
  @Property({ type: 'string', length: 64 })
  catalogueDigest!: string;

  @Property({ type: 'json' })
  layout!: Layout;

  @Property({ type: 'json' })
  draw!: PlanDraw;

  @Field(() => String, { description: '方案内容（规范化 JSON）的 SM3 摘要：签名所确认的内容' })
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Field(() => String, { nullable: true, description: 'HMAC-SM3 校验码（服务器密钥）' })
  @Property({ type: 'string', length: 64, nullable: true })
  mac: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  voidedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: '作废原因' })
  @Property({ type: 'string', length: 500, nullable: true })
  voidReason: string | null = null;
}
