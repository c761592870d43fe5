import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The projects subgraph's Project, extended here with workforce fields (resolvable by id: this
 * subgraph needs nothing but the key). `name` is the projects subgraph's, provided here only
 * through `WorkforceEmployment.project` (@provides), from the site replica.
 */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID, { description: '唯一标识' })
  id!: string;

  @Field(() => String, { description: '工程项目名称' })
  @Directive('@external')
  name?: string;
}

/** The projects subgraph's Enterprise, referenced as an assignment's employer. */
@ObjectType('Enterprise')
@Directive('@key(fields: "id", resolvable: false)')
export class EnterpriseRef {
  @Field(() => ID, { description: '唯一标识' })
  id!: string;
}
