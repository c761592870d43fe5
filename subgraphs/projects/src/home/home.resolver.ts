import { Permission } from '@hs/kit';
import { Arg, Authorized, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import { Project } from '../projects/project.entity.js';
import { projectStats } from '../projects/project.service.js';
import { ProjectStats } from '../projects/project.types.js';
import { recentProjects } from './home.service.js';

@ObjectType('ProjectsHome', { description: '首页：工程项目概况（按数据权限）' })
export class ProjectsHome {
  @Field(() => ProjectStats, {
    description: '按区县、按状态统计（区县只含本人负责的；与项目列表按状态、区县筛选的总数一致）',
  })
  stats!: ProjectStats;
}

const MAX_RECENT = 20;

/** `projectsHome`: the projects part of a person's home page, in their data scope. */
@Resolver(() => ProjectsHome)
export class ProjectsHomeResolver {
  @Authorized(Permission.PROJECT_VIEW)
  @Query(() => ProjectsHome, { description: '首页：本人数据权限内的工程项目概况' })
  async projectsHome(@Ctx() ctx: ProjectsContext): Promise<ProjectsHome> {
    return { stats: await projectStats(ctx.em, ctx.caller) };
  }

  @FieldResolver(() => [Project], { description: '最近更新的工程项目（默认 5 个，最多 20 个）' })
  recent(
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project[]> {
    return recentProjects(ctx.em, ctx.caller, Math.min(Math.max(limit ?? 5, 1), MAX_RECENT));
  }
}
