import { Embeddable, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Where a pulled record came from (issue #12): embedded in every entity a connector fills, so a
 * person sees which system said so and when. Columns: `<prefix>_source_system`, `_source_id`, `_fetched_at`.
 */
@Embeddable()
@ObjectType('Provenance', { description: '数据来源：来源系统、来源记录标识、获取时间' })
@Directive('@shareable')
export class Provenance {
  @Property({ type: 'text' })
  @Field({ description: '来源系统' })
  sourceSystem!: string;

  @Property({ type: 'text' })
  @Field({ description: '来源系统中的记录标识' })
  sourceId!: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: '获取时间' })
  fetchedAt!: Date;

  constructor(sourceSystem: string, sourceId: string, fetchedAt: Date) {
    this.sourceSystem = sourceSystem;
    this.sourceId = sourceId;
    this.fetchedAt = fetchedAt;
  }
}
