import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The projects subgraph's Project, extended here with workforce fields (resolvable by id: this
 * subgraph needs nothing but the key).
 */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID, { description: '唯一标识' })
  id!: string;
}

/** The projects subgraph's Enterprise, referenced as an assignment's employer. */
@ObjectType('Enterprise')
@Directive('@key(fields: "id", resolvable: false)')
export class EnterpriseRef {
  @Field(() => ID, { description: '唯一标识' })
  id!: string;
}
