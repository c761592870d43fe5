import { Permission, requireCaller } from '@hs/kit';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { Project } from '../projects/project.entity.js';
import { applyProvincialEnterprise, lookupProvincialEnterprise } from './enterprise-sync.js';
import { applyProvincialProject, lookupProvincialProject } from './project-proposal.js';
import { ProvincialEnterpriseProposal, ProvincialProjectEdits, ProvincialProjectProposal } from './provincial.types.js';

/**
 * 3.1.1 / 3.1.2: lookups in the provincial systems answer a proposal and store nothing; the apply
 * mutations store it once the user confirmed (conflicts need `confirmConflicts`).
 */
@Resolver()
export class ProvincialResolver {
  @Authorized(Permission.PROJECT_EDIT)
  @Query(() => ProvincialProjectProposal, {
    description:
      '3.1.1 按项目代码、湖北省工建码或施工许可证编号从省工程建设项目审批管理系统获取项目及参建单位（不保存），并列出与已登记数据的不一致',
  })
  provincialProjectLookup(
    @Arg('code', () => String) code: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<ProvincialProjectProposal> {
    return lookupProvincialProject(ctx.em, ctx.exchange, requireCaller(ctx), code);
  }

  @Authorized(Permission.PROJECT_EDIT)
  @Mutation(() => Project, {
    description:
      '3.1.1 确认并保存从省平台获取的项目：新建或关联参建企业、新建或更新项目及其参建单位（一个事务）；用户在表单中的修改（edits）优先于省平台数据；有不一致时须 confirmConflicts',
  })
  applyProvincialProject(
    @Arg('code', () => String) code: string,
    @Arg('digest', () => String, { description: '获取时返回的 digest' }) digest: string,
    @Arg('confirmConflicts', () => Boolean, { defaultValue: false }) confirmConflicts: boolean,
    @Arg('edits', () => ProvincialProjectEdits, { nullable: true, description: '用户在表单中修改过的字段' })
    edits: ProvincialProjectEdits | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project> {
    return applyProvincialProject(
      ctx.em,
      ctx.exchange,
      requireCaller(ctx),
      code,
      digest,
      confirmConflicts,
      ctx.deps,
      edits,
    );
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Query(() => ProvincialEnterpriseProposal, {
    description:
      '3.1.2 按统一社会信用代码从省建筑市场监督与诚信一体化平台获取企业及资质（不保存），并列出与企业库的不一致',
  })
  provincialEnterpriseLookup(
    @Arg('creditCode', () => String) creditCode: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<ProvincialEnterpriseProposal> {
    return lookupProvincialEnterprise(ctx.em, ctx.exchange, creditCode);
  }

  @Authorized(Permission.ENTERPRISE_EDIT)
  @Mutation(() => Enterprise, {
    description: '3.1.2 确认并保存从省平台获取的企业及资质（新建或更新）；与企业库不一致时须 confirmConflicts',
  })
  applyProvincialEnterprise(
    @Arg('creditCode', () => String) creditCode: string,
    @Arg('digest', () => String) digest: string,
    @Arg('confirmConflicts', () => Boolean, { defaultValue: false }) confirmConflicts: boolean,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Enterprise> {
    requireCaller(ctx);
    return applyProvincialEnterprise(ctx.em, ctx.exchange, creditCode, digest, confirmConflicts);
  }
}
