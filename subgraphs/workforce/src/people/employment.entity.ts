import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Person } from './person.entity.js';

export enum WageType {
  MONTHLY = 'MONTHLY',
  DAILY = 'DAILY',
  PIECE = 'PIECE',
}
registerEnumType(WageType, {
  name: 'WorkforceWageType',
  description: '工资计算方式',
  valuesConfig: { MONTHLY: { description: '按月' }, DAILY: { description: '按日' }, PIECE: { description: '计件' } },
});

/**
 * 用工登记 (1.2.1): a person on a project (projects subgraph, by id) for an employer (Enterprise,
 * by id), in a post, from entry to exit, with the 劳动合同 terms. `districtCode` is copied from the
 * project when assigned: data scope and district statistics read it without another subgraph.
 * At most one open (no exit date) assignment per person and project (partial unique index).
 */
@Entity({ tableName: 'employment' })
@ObjectType('WorkforceEmployment', { description: '用工登记（人员在项目上的岗位、进退场及劳动合同）' })
export class Employment {
  [OptionalProps]?:
    | 'enterpriseId'
    | 'enterpriseName'
    | 'isKeyPost'
    | 'exitDate'
    | 'contractNo'
    | 'contractStart'
    | 'contractEnd'
    | 'wageType'
    | 'wageAmount'
    | 'contractFileSha256'
    | 'createdById'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID, { description: '唯一标识' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { deleteRule: 'cascade', updateRule: 'cascade', index: 'employment_person_id_idx' })
  person!: Person;

  @Field(() => ID, { description: '工程项目 id（projects 子图）' })
  @Index({ name: 'employment_project_id_idx' })
  @Property({ type: 'uuid' })
  projectId!: string;

  @Field(() => String, { description: '项目所在区县行政区划代码（登记时从项目复制）' })
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Field(() => ID, { nullable: true, description: '用工单位 id（projects 子图的 Enterprise）' })
  @Index({ name: 'employment_enterprise_id_idx' })
  @Property({ type: 'uuid', nullable: true })
  enterpriseId: string | null = null;

  @Field(() => String, { nullable: true, description: '用工单位名称（登记时填写）' })
  @Property({ type: 'string', length: 100, nullable: true })
  enterpriseName: string | null = null;

  @Field(() => String, { description: '岗位' })
  @Index({ name: 'employment_post_idx' })
  @Property({ type: 'string', length: 30 })
  post!: string;

  @Field(() => Boolean, { description: '是否关键岗位（项目经理、总监理工程师等）' })
  @Property({ type: 'boolean' })
  isKeyPost: boolean = false;

  @Field(() => String, { description: '进场日期（YYYY-MM-DD）' })
  @Property({ type: 'date' })
  entryDate!: string;

  @Field(() => String, { nullable: true, description: '退场日期（YYYY-MM-DD）；为空表示在场' })
  @Property({ type: 'date', nullable: true })
  exitDate: string | null = null;

  @Field(() => String, { nullable: true, description: '劳动合同编号' })
  @Property({ type: 'string', length: 50, nullable: true })
  contractNo: string | null = null;

  @Field(() => String, { nullable: true, description: '合同开始日期' })
  @Property({ type: 'date', nullable: true })
  contractStart: string | null = null;

  @Field(() => String, { nullable: true, description: '合同结束日期' })
  @Property({ type: 'date', nullable: true })
  contractEnd: string | null = null;

  @Field(() => WageType, { nullable: true, description: '工资计算方式' })
  @Enum({ items: () => WageType, nullable: true })
  wageType: WageType | null = null;

  @Field(() => Float, { nullable: true, description: '工资标准（元，按计算方式）' })
  @Property({ type: 'decimal', precision: 12, scale: 2, runtimeType: 'number', nullable: true })
  wageAmount: number | null = null;

  @Field(() => String, { nullable: true, description: '劳动合同扫描件 SHA-256（可选）' })
  @Property({ type: 'string', length: 64, nullable: true })
  contractFileSha256: string | null = null;

  @Field(() => ID, { nullable: true, description: '登记人' })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date, { description: '创建时间' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: '最后修改时间' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
