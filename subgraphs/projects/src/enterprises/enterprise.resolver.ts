import {
  DeleteResult,
  DownloadLink,
  exportLink,
  ImportFileInput,
  ImportReport,
  issueDownloadLink,
  PageInput,
  PageOf,
  Permission,
  requireCaller,
  runImport,
  type Page,
  type Sort,
} from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { linkOptions } from '../common/download-links.js';
import type { ProjectsContext } from '../context.js';
import { District } from '../districts/district.entity.js';
import { listProjects } from '../projects/project.service.js';
import type { Project } from '../projects/project.entity.js';
import { ProjectPage } from '../projects/project.types.js';
import { Enterprise } from './enterprise.entity.js';
import {
  chinaToday,
  EnterpriseQualification,
  qualificationStatus,
  QualificationStatus,
  worstStatus,
} from './qualification.entity.js';
import {
  CreateEnterpriseInput,
  EnterpriseFilter,
  EnterpriseSort,
  type EnterpriseSortField,
  UpdateEnterpriseInput,
} from './enterprise.inputs.js';
import {
  ENTERPRISE_IMPORT_TITLE,
  ENTERPRISE_LIST_TITLE,
  enterpriseImport,
  type EnterpriseListArgs,
  ENTERPRISES_EXPORT,
  ENTERPRISES_TEMPLATE,
} from './enterprise.lists.js';
import {
  asConflict,
  createEnterprise,
  deleteEnterprises,
  enterpriseWhere,
  findEnterprise,
  findEnterpriseByCreditCode,
  listEnterprises,
  updateEnterprise,
} from './enterprise.service.js';

export const EnterprisePage = PageOf(Enterprise);

/** Subgraphs whose records refer to enterprises (workforce employments): checked before a delete. */
const ENTERPRISE_REFERENCE_SCHEMAS = ['workforce', 'identity'];

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Authorized(Permission.ENTERPRISE_VIEW)
  @Query(() => EnterprisePage, { description: '企业列表' })
  enterprises(
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => EnterpriseSort, { nullable: true }) sort: Sort<EnterpriseSortField> | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Page<Enterprise>> {
    return listEnterprises(ctx.em, filter, page, sort);
  }

  @Authorized(Permission.ENTERPRISE_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出企业列表（当前筛选与排序，或所选的企业）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportEnterprises(
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg('sort', () => EnterpriseSort, { nullable: true }) sort: Sort<EnterpriseSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些企业（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(Enterprise, enterpriseWhere(filter, ids));
    const args: EnterpriseListArgs = { filter, sort, ids };
    return exportLink(
      linkOptions(ctx),
      { kind: ENTERPRISES_EXPORT, title: ENTERPRISE_LIST_TITLE, caller, args: { ...args } },
      count,
    );
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Query(() => DownloadLink, { description: '企业导入模板（Excel）的下载地址' })
  enterpriseImportTemplate(@Ctx() ctx: ProjectsContext): DownloadLink {
    const options = linkOptions(ctx);
    return issueDownloadLink(
      options.fieldKey,
      options.subgraph,
      {
        kind: ENTERPRISES_TEMPLATE,
        args: {},
        caller: requireCaller(ctx),
        fileName: `${ENTERPRISE_IMPORT_TITLE}模板.xlsx`,
      },
      0,
      options.now,
    );
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Mutation(() => ImportReport, {
    description: '从 Excel 导入企业：dryRun 只检查并逐行报告问题；任何一行有误时一条也不导入',
  })
  importEnterprises(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Arg('dryRun', () => Boolean) dryRun: boolean,
    @Ctx() ctx: ProjectsContext,
  ): Promise<ImportReport> {
    requireCaller(ctx);
    return runImport(ctx, enterpriseImport, file, dryRun).catch(asConflict);
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Mutation(() => DeleteResult, {
    description:
      '删除企业（一次最多 100 家）：仍是工程项目参建单位或仍有实名制用工记录的企业不能删除，有一家不能删除时一家也不删除',
  })
  async deleteEnterprises(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: ProjectsContext): Promise<DeleteResult> {
    requireCaller(ctx);
    return { deleted: await deleteEnterprises(ctx.em, ids, ENTERPRISE_REFERENCE_SCHEMAS) };
  }

  @Authorized(Permission.ENTERPRISE_VIEW)
  @Query(() => Enterprise, { nullable: true })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: ProjectsContext): Promise<Enterprise> {
    return findEnterprise(ctx.em, id);
  }

  @Authorized(Permission.ENTERPRISE_VIEW)
  @Query(() => Enterprise, { nullable: true, description: '3.1.2 按统一社会信用代码识别企业（名称、注册地址等）' })
  enterpriseByCreditCode(
    @Arg('creditCode', () => String) creditCode: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Enterprise> {
    return findEnterpriseByCreditCode(ctx.em, creditCode);
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Mutation(() => Enterprise, { description: '新增企业' })
  createEnterprise(
    @Arg('input', () => CreateEnterpriseInput) input: CreateEnterpriseInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Enterprise> {
    return createEnterprise(ctx.em, input);
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Mutation(() => Enterprise, { description: '修改企业（只修改传入的字段）' })
  updateEnterprise(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEnterpriseInput) input: UpdateEnterpriseInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Enterprise> {
    return updateEnterprise(ctx.em, id, input);
  }

  @FieldResolver(() => [EnterpriseQualification], { description: '资质' })
  qualifications(@Root() enterprise: Enterprise, @Ctx() ctx: ProjectsContext): Promise<EnterpriseQualification[]> {
    return ctx.loaders.qualificationsByEnterprise.load(enterprise.id);
  }

  @FieldResolver(() => QualificationStatus, {
    nullable: true,
    description: '资质状态：各项资质中最差的（有已过期的为已过期，其次即将到期）；没有资质时为空',
  })
  async qualificationStatus(
    @Root() enterprise: Enterprise,
    @Ctx() ctx: ProjectsContext,
  ): Promise<QualificationStatus | null> {
    const today = chinaToday();
    const list = await ctx.loaders.qualificationsByEnterprise.load(enterprise.id);
    return worstStatus(list.map((q) => qualificationStatus(q.validUntil, today)));
  }

  @FieldResolver(() => District, { nullable: true, description: '注册地区县（黄石市外的企业为空）' })
  district(@Root() enterprise: Enterprise, @Ctx() ctx: ProjectsContext): Promise<District | null> {
    return ctx.loaders.districtByCode.load(enterprise.districtCode);
  }

  /** Two queries per enterprise: meant for one enterprise's page, not for a list of enterprises. */
  @Authorized(Permission.PROJECT_VIEW)
  @FieldResolver(() => ProjectPage, { description: '参建的工程项目（按数据权限）' })
  projects(
    @Root() enterprise: Enterprise,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Page<Project>> {
    return listProjects(ctx.em, ctx.caller, { enterpriseId: enterprise.id }, page);
  }
}

@Resolver(() => EnterpriseQualification)
export class QualificationResolver {
  @FieldResolver(() => QualificationStatus, { description: '资质状态（有效 / 即将到期 / 已过期）' })
  status(@Root() q: EnterpriseQualification): QualificationStatus {
    return qualificationStatus(q.validUntil, chinaToday());
  }
}
