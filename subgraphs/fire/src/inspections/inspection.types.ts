import { PageOf } from '@hs/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Inspection } from './inspection.entity.js';

export const InspectionPage = PageOf(Inspection, 'FireInspection');

/**
 * The projects subgraph's Project, extended here with `fireInspections` (resolvable by id: this
 * subgraph needs nothing but the key). `id` is a key field, so it is shareable by federation 2.
 */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('FireInspectionSealedEvent', { description: '抽查结果五方签名完成（封存）事件' })
export class InspectionSealedEvent {
  @Field(() => Inspection)
  inspection!: Inspection;

  @Field(() => Int, { description: '不合格结果数' })
  failed!: number;

  @Field(() => Date)
  at!: Date;
}
