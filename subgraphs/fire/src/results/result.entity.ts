import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Inspection } from '../inspections/inspection.entity.js';
import { SamplingPlan } from '../sampling/plan.entity.js';

export enum Verdict {
  PASS = 'PASS',
  FAIL = 'FAIL',
}

registerEnumType(Verdict, {
  name: 'FireVerdict',
  description: '抽查结果',
  valuesConfig: { PASS: { description: '合格' }, FAIL: { description: '不合格' } },
});

/**
 * 合格 / 不合格 for one check line at one location of the confirmed plan (1.3.5, 1.3.7). Item,
 * sub-item and importance are copied from the plan's catalogue version for analytics. Once the
 * first party has signed the results, a trigger refuses INSERT, UPDATE and DELETE here.
 */
@Entity({ tableName: 'inspection_result' })
@Unique({ name: 'inspection_result_plan_line_location_key', properties: ['plan', 'lineCode', 'locationKey'] })
@Index({ name: 'inspection_result_inspection_item_idx', properties: ['inspection', 'itemCode'] })
@ObjectType('FireResult', { description: '抽查结果' })
export class InspectionResult {
  [OptionalProps]?: 'note' | 'extra' | 'recordedById' | 'recordedAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { deleteRule: 'cascade' })
  inspection!: Inspection;

  @ManyToOne(() => SamplingPlan, { deleteRule: 'cascade' })
  plan!: SamplingPlan;

  @Field(() => String, { description: '检查项目编码' })
  @Property({ type: 'string', length: 8 })
  itemCode!: string;

  @Field(() => String, { description: '子项编码' })
  @Property({ type: 'string', length: 16 })
  subItemCode!: string;

  @Field(() => String, { description: '检查内容编码' })
  @Property({ type: 'string', length: 24 })
  lineCode!: string;

  @Field(() => String, { description: '重要程度 A/B/C' })
  @Property({ type: 'string', length: 1 })
  importance!: string;

  @Field(() => ID, { description: '部位（楼栋或楼层 id，或现场新增部位 id）' })
  @Property({ type: 'uuid' })
  locationKey!: string;

  @Field(() => String, { description: '部位名称' })
  @Property({ type: 'string', length: 100 })
  locationLabel!: string;

  @Field(() => Boolean, { description: '是否现场新增部位' })
  @Property({ type: 'boolean' })
  extra: boolean = false;

  @Field(() => Verdict)
  @Enum({ items: () => Verdict })
  verdict!: Verdict;

  @Field(() => String, { nullable: true, description: '情况说明' })
  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  recordedById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  recordedAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
