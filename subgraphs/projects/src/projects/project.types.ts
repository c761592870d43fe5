import { PageOf } from '@hs/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { District } from '../districts/district.entity.js';
import { ProjectChangeKind, ProjectStatus } from './project.enums.js';
import { Project } from './project.entity.js';

export const ProjectPage = PageOf(Project);

/** identity's User, referenced only: the router fetches its fields from identity. */
@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('ProjectStatusCount', { description: '按项目状态计数' })
export class ProjectStatusCount {
  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType('DistrictProjectCount', { description: '按区县计数' })
export class DistrictProjectCount {
  @Field(() => String)
  districtCode!: string;

  @Field(() => District, { nullable: true })
  district?: District | null;

  @Field(() => Int)
  count!: number;

  @Field(() => [ProjectStatusCount])
  byStatus!: ProjectStatusCount[];
}

@ObjectType('ProjectStats', { description: '工程项目统计（按当前用户的数据权限）' })
export class ProjectStats {
  @Field(() => Int)
  total!: number;

  @Field(() => [DistrictProjectCount])
  byDistrict!: DistrictProjectCount[];

  @Field(() => [ProjectStatusCount])
  byStatus!: ProjectStatusCount[];
}

@ObjectType('ProjectChangedEvent', { description: '工程项目变更事件' })
export class ProjectChangedEvent {
  @Field(() => ProjectChangeKind)
  kind!: ProjectChangeKind;

  @Field(() => Project)
  project!: Project;

  @Field(() => Date)
  at!: Date;
}
