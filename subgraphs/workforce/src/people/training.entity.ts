import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Person } from './person.entity.js';

/** 培训记录 (1.2.1): safety and skills training a person attended. */
@Entity({ tableName: 'training' })
@ObjectType('WorkforceTraining', { description: '培训记录' })
export class Training {
  [OptionalProps]?: 'provider' | 'certificateNo' | 'createdAt';

  @Field(() => ID, { description: '唯一标识' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { deleteRule: 'cascade', updateRule: 'cascade', index: false })
  person!: Person;

  @Field(() => String, { description: '培训名称（如 三级安全教育）' })
  @Property({ type: 'string', length: 100 })
  title!: string;

  @Field(() => String, { description: '培训日期（YYYY-MM-DD）' })
  @Property({ type: 'date' })
  trainedOn!: string;

  @Field(() => Float, { description: '学时' })
  @Property({ type: 'decimal', precision: 6, scale: 1, runtimeType: 'number' })
  hours!: number;

  @Field(() => String, { nullable: true, description: '培训机构' })
  @Property({ type: 'string', length: 100, nullable: true })
  provider: string | null = null;

  @Field(() => String, { nullable: true, description: '证书编号' })
  @Property({ type: 'string', length: 50, nullable: true })
  certificateNo: string | null = null;

  @Field(() => Date, { description: '创建时间' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
