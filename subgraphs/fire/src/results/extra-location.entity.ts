import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Inspection } from '../inspections/inspection.entity.js';
import { SamplingPlan } from '../sampling/plan.entity.js';

/**
 * A location added on site for one item (1.3.5 “自定义新增添加楼栋楼层详细抽查情况说明”): a
 * building or floor of the plan's layout that was not drawn, or a free-text place. It does not
 * change the random draw (which stays verifiable); every check line of the item is then recorded
 * there too. Guarded by the same trigger as the results.
 */
@Entity({ tableName: 'plan_extra_location' })
@Unique({ name: 'plan_extra_location_plan_item_location_key', properties: ['plan', 'itemCode', 'locationKey'] })
@ObjectType('FireExtraLocation', { description: '现场新增抽查部位' })
export class ExtraLocation {
  [OptionalProps]?: 'buildingId' | 'floorId' | 'note' | 'createdById' | 'createdAt';

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

  @Field(() => ID, { description: '部位标识（结果记录时使用）' })
  @Property({ type: 'uuid' })
  locationKey!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  buildingId: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  floorId: string | null = null;

  @Field(() => String, { description: '部位名称' })
  @Property({ type: 'string', length: 100 })
  label!: string;

  @Field(() => String, { nullable: true, description: '详细抽查情况说明' })
  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
