import {
  DeleteResult,
  DownloadLink,
  exportLink,
  ImportFileInput,
  ImportReport,
  issueDownloadLink,
  notFound,
  PageInput,
  Permission,
  requireCaller,
  runImport,
  type Page,
  type Sort,
} from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscriptionHandlerData,
} from 'type-graphql';
import { linkOptions } from '../common/download-links.js';
import type { ProjectsContext } from '../context.js';
import { District } from '../districts/district.entity.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { ProjectUnit } from './project-unit.entity.js';
import { Project } from './project.entity.js';
import { ProjectChangeKind, UnitRole } from './project.enums.js';
import {
  CreateProjectInput,
  ProjectFilter,
  ProjectSort,
  type ProjectSortField,
  ProjectUnitInput,
  UpdateProjectInput,
} from './project.inputs.js';
import {
  PROJECT_IMPORT_TITLE,
  PROJECT_LIST_TITLE,
  projectImport,
  type ProjectListArgs,
  PROJECTS_EXPORT,
  PROJECTS_TEMPLATE,
} from './project.lists.js';
import {
  asConflict,
  createProject,
  deleteProjects,
  findProjectByCode,
  isProjectVisible,
  listProjects,
  PROJECT_CHANGED_TOPIC,
  type ProjectChangedPayload,
  projectListWhere,
  projectStats,
  publishChange,
  setProjectUnits,
  sortUnits,
  updateProject,
} from './project.service.js';
import { DistrictProjectCount, ProjectChangedEvent, ProjectPage, ProjectStats, UserRef } from './project.types.js';

/** Schemas whose records refer to projects (fire inspections, workforce sites and employments, drawing-review certificates): checked before a delete. */
const PROJECT_REFERENCE_SCHEMAS = ['fire', 'workforce', 'projects'];

@Resolver(() => Project)
export class ProjectResolver {
  @Authorized(Permission.PROJECT_VIEW)
  @Query(() => ProjectPage, { description: '工程项目列表（按数据权限过滤）' })
  projects(
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => ProjectSort, { nullable: true }) sort: Sort<ProjectSortField> | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Page<Project>> {
    return listProjects(ctx.em, ctx.caller, filter, page, sort);
  }

  @Authorized(Permission.PROJECT_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出工程项目列表（当前筛选与排序，或所选的项目；按数据权限）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportProjects(
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Arg('sort', () => ProjectSort, { nullable: true }) sort: Sort<ProjectSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些项目（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(Project, projectListWhere(ctx.em, caller, filter, ids));
    const args: ProjectListArgs = { filter, sort, ids };
    return exportLink(
      linkOptions(ctx),
      { kind: PROJECTS_EXPORT, title: PROJECT_LIST_TITLE, caller, args: { ...args } },
      count,
    );
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Query(() => DownloadLink, { description: '工程项目导入模板（Excel）的下载地址' })
  projectImportTemplate(@Ctx() ctx: ProjectsContext): DownloadLink {
    const options = linkOptions(ctx);
    return issueDownloadLink(
      options.fieldKey,
      options.subgraph,
      { kind: PROJECTS_TEMPLATE, args: {}, caller: requireCaller(ctx), fileName: `${PROJECT_IMPORT_TITLE}模板.xlsx` },
      0,
      options.now,
    );
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Mutation(() => ImportReport, {
    description:
      '从 Excel 导入工程项目（含参建单位）：dryRun 只检查并逐行报告问题；任何一行有误时一条也不导入。参建单位须已在企业库中登记',
  })
  async importProjects(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Arg('dryRun', () => Boolean) dryRun: boolean,
    @Ctx() ctx: ProjectsContext,
  ): Promise<ImportReport> {
    requireCaller(ctx);
    const created: Project[] = [];
    const report = await runImport(ctx, projectImport(created), file, dryRun).catch(asConflict);
    for (const project of created) await publishChange(ctx.deps, ProjectChangeKind.CREATED, project);
    return report;
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Mutation(() => DeleteResult, {
    description:
      '删除工程项目（一次最多 100 个，参建单位随之删除）：仍有消防验收抽查、实名制用工等记录的项目不能删除，有一个不能删除时一个也不删除',
  })
  async deleteProjects(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: ProjectsContext): Promise<DeleteResult> {
    return {
      deleted: await deleteProjects(ctx.em, requireCaller(ctx), ids, PROJECT_REFERENCE_SCHEMAS, ctx.deps),
    };
  }

  @Authorized(Permission.PROJECT_VIEW)
  @Query(() => Project, { nullable: true, description: '按 id 查询工程项目；无权查看时与不存在一样返回 NOT_FOUND' })
  async project(@Arg('id', () => ID) id: string, @Ctx() ctx: ProjectsContext): Promise<Project> {
    const project = await ctx.loaders.projectById.load(id);
    if (!project) throw notFound('工程项目');
    return project;
  }

  @Authorized(Permission.PROJECT_VIEW)
  @Query(() => Project, {
    nullable: true,
    description: '3.1.1 按湖北省工建码或施工许可证编码识别工程项目，并带出参建单位',
  })
  projectByCode(@Arg('code', () => String) code: string, @Ctx() ctx: ProjectsContext): Promise<Project> {
    return findProjectByCode(ctx.em, ctx.caller, code);
  }

  @Authorized(Permission.PROJECT_VIEW, Permission.DASHBOARD_VIEW)
  @Query(() => ProjectStats, { description: '按区县、按状态统计工程项目（数据指挥中心；按数据权限）' })
  projectStats(@Ctx() ctx: ProjectsContext): Promise<ProjectStats> {
    return projectStats(ctx.em, ctx.caller);
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Mutation(() => Project, { description: '新增工程项目（含参建单位）' })
  createProject(
    @Arg('input', () => CreateProjectInput) input: CreateProjectInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project> {
    return createProject(ctx.em, requireCaller(ctx), input, ctx.deps);
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Mutation(() => Project, { description: '修改工程项目（只修改传入的字段）' })
  updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project> {
    return updateProject(ctx.em, requireCaller(ctx), id, input, ctx.deps);
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Mutation(() => Project, { description: '整体替换工程项目的参建单位' })
  setProjectUnits(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('units', () => [ProjectUnitInput]) units: ProjectUnitInput[],
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project> {
    return setProjectUnits(ctx.em, requireCaller(ctx), projectId, units, ctx.deps);
  }

  @Authorized(Permission.PROJECT_VIEW)
  @Subscription(() => ProjectChangedEvent, {
    topics: PROJECT_CHANGED_TOPIC,
    description: '工程项目新增或修改时推送（按订阅者的数据权限过滤；可按区县订阅）',
    filter: async ({
      payload,
      args,
      context,
    }: SubscriptionHandlerData<ProjectChangedPayload, { districtCode?: string | null }, ProjectsContext>) => {
      if (args.districtCode && payload.districtCode !== args.districtCode) return false;
      // The subscribe-time context lives as long as the subscription: a fresh fork per event.
      return isProjectVisible(context.em.fork(), context.caller, payload.projectId);
    },
  })
  async projectChanged(
    @Root() payload: ProjectChangedPayload,
    @Arg('districtCode', () => String, { nullable: true, description: '只接收该区县的项目变更' })
    _districtCode: string | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<ProjectChangedEvent> {
    const project = await ctx.loaders.projectById.load(payload.projectId);
    if (!project) throw notFound('工程项目');
    return { kind: payload.kind, project, at: new Date(payload.at) };
  }

  // --- fields ---------------------------------------------------------------------------------

  @FieldResolver(() => String, { description: '所在区县行政区划代码' })
  districtCode(@Root() project: Project): string {
    return project.district.code;
  }

  @FieldResolver(() => District, { description: '所在区县' })
  async district(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<District> {
    const district = await ctx.loaders.districtByCode.load(project.district.code);
    if (!district) throw notFound('行政区划');
    return district;
  }

  @FieldResolver(() => [ProjectUnit], { description: '参建单位（按 建设、施工总包、监理、勘察、设计 排序）' })
  async units(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<ProjectUnit[]> {
    return sortUnits(await ctx.loaders.unitsByProject.load(project.id));
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '建设单位' })
  builder(@Root() project: Project, @Ctx() ctx: ProjectsContext) {
    return unitEnterprise(project, UnitRole.BUILDER, ctx);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '施工总包单位' })
  generalContractor(@Root() project: Project, @Ctx() ctx: ProjectsContext) {
    return unitEnterprise(project, UnitRole.GENERAL_CONTRACTOR, ctx);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '监理单位' })
  supervisor(@Root() project: Project, @Ctx() ctx: ProjectsContext) {
    return unitEnterprise(project, UnitRole.SUPERVISOR, ctx);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '勘察单位' })
  surveyor(@Root() project: Project, @Ctx() ctx: ProjectsContext) {
    return unitEnterprise(project, UnitRole.SURVEYOR, ctx);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '设计单位' })
  designer(@Root() project: Project, @Ctx() ctx: ProjectsContext) {
    return unitEnterprise(project, UnitRole.DESIGNER, ctx);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: '登记人（identity 的 User）' })
  createdBy(@Root() project: Project): UserRef | null {
    return project.createdById ? ({ __typename: 'User', id: project.createdById } as UserRef) : null;
  }
}

/** The first enterprise of that role (a 联合体 lists more; `units` has them all). */
async function unitEnterprise(project: Project, role: UnitRole, ctx: ProjectsContext): Promise<Enterprise | null> {
  const enterpriseId = (await ctx.loaders.leadEnterpriseIds.load(project.id)).get(role);
  return enterpriseId ? ctx.loaders.enterpriseById.load(enterpriseId) : null;
}

@Resolver(() => ProjectUnit)
export class ProjectUnitResolver {
  @FieldResolver(() => Enterprise, { description: '参建企业' })
  async enterprise(@Root() unit: ProjectUnit, @Ctx() ctx: ProjectsContext): Promise<Enterprise> {
    const enterprise = await ctx.loaders.enterpriseById.load(unit.enterprise.id);
    if (!enterprise) throw notFound('企业');
    return enterprise;
  }
}

@Resolver(() => DistrictProjectCount)
export class DistrictProjectCountResolver {
  @FieldResolver(() => District, { nullable: true })
  district(@Root() row: DistrictProjectCount, @Ctx() ctx: ProjectsContext): Promise<District | null> {
    return ctx.loaders.districtByCode.load(row.districtCode);
  }
}
