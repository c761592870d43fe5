import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { SamplingRuleConfig } from './rule-config.js';

/**
 * A version of the sampling rule configuration (1.3.4, 1.3.6, 1.3.7). The active one is used for
 * new plans; a plan copies the config it was drawn with. v1 is DEFAULT_RULE_CONFIG (migration).
 */
@Entity({ tableName: 'sampling_rule' })
@ObjectType('FireSamplingRule', { description: '抽查规则版本' })
export class SamplingRuleVersion {
  [OptionalProps]?: 'active' | 'note' | 'createdById' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int)
  @Unique({ name: 'sampling_rule_version_key' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => Boolean, { description: '是否为现行规则' })
  @Property({ type: 'boolean' })
  active: boolean = false;

  @Field(() => GraphQLJSON, { description: '规则配置（SamplingRuleConfig）' })
  @Property({ type: 'json' })
  config!: SamplingRuleConfig;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  note: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
