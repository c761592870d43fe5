import { PageInput, PageOf, Permission, type Page } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import { District } from '../districts/district.entity.js';
import { listProjects } from '../projects/project.service.js';
import type { Project } from '../projects/project.entity.js';
import { ProjectPage } from '../projects/project.types.js';
import { Enterprise } from './enterprise.entity.js';
import { CreateEnterpriseInput, EnterpriseFilter, UpdateEnterpriseInput } from './enterprise.inputs.js';
import {
  createEnterprise,
  findEnterprise,
  findEnterpriseByCreditCode,
  listEnterprises,
  updateEnterprise,
} from './enterprise.service.js';

export const EnterprisePage = PageOf(Enterprise);

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Authorized(Permission.ENTERPRISE_VIEW)
  @Query(() => EnterprisePage, { description: '企业列表' })
  enterprises(
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Page<Enterprise>> {
    return listEnterprises(ctx.em, filter, page);
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
