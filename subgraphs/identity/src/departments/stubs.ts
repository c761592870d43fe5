import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** 行政区划, owned by the projects subgraph; identity only points at it by code. */
@ObjectType('District')
@Directive('@key(fields: "code", resolvable: false)')
export class DistrictRef {
  @Field(() => ID)
  code!: string;
}

/** 企业, owned by the projects subgraph; enterprise departments point at it by id. */
@ObjectType('Enterprise')
@Directive('@key(fields: "id", resolvable: false)')
export class EnterpriseRef {
  @Field(() => ID)
  id!: string;
}
