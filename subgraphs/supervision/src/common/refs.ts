import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The projects subgraph's Project, extended here with `supervisionInspections` (resolvable by id). */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID, { description: '唯一标识' })
  id!: string;
}
