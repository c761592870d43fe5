import { Permission, requireCaller } from '@hs/kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FireContext } from '../context.js';
import { FirePermission } from '../permissions.js';
import type { SamplingRuleConfig } from '../sampling/rule-config.js';
import { activeRule, listRules, saveRule } from '../sampling/rule.service.js';
import { SamplingRuleVersion } from '../sampling/sampling-rule.entity.js';
import { CatalogueVersion } from './catalogue.entity.js';
import {
  createCatalogueDraft,
  findCatalogueVersion,
  listCatalogueVersions,
  publishCatalogueVersion,
  updateCatalogueItem,
} from './catalogue.service.js';
import { CatalogueItemInput, CatalogueItemType } from './catalogue.types.js';

const VIEW = [
  FirePermission.INSPECTION_VIEW,
  FirePermission.CATALOGUE_EDIT,
  FirePermission.ANALYTICS_VIEW,
  Permission.DASHBOARD_VIEW,
];

@Resolver(() => CatalogueVersion)
export class CatalogueResolver {
  @Authorized(...VIEW)
  @Query(() => CatalogueVersion, { description: '抽查库（默认现行版本；1.3.2 十八项）' })
  fireCatalogue(
    @Arg('version', () => Int, { nullable: true, description: '版本号；不填为现行版本' }) version: number | null,
    @Ctx() ctx: FireContext,
  ): Promise<CatalogueVersion> {
    return findCatalogueVersion(ctx.em, version);
  }

  @Authorized(...VIEW)
  @Query(() => [CatalogueVersion], { description: '抽查库全部版本（新到旧）' })
  fireCatalogueVersions(@Ctx() ctx: FireContext): Promise<CatalogueVersion[]> {
    return listCatalogueVersions(ctx.em);
  }

  @Authorized(...VIEW)
  @Query(() => SamplingRuleVersion, { description: '现行抽查规则（1.3.4）及签名方配置' })
  fireSamplingRule(@Ctx() ctx: FireContext): Promise<SamplingRuleVersion> {
    return activeRule(ctx.em);
  }

  @Authorized(FirePermission.CATALOGUE_EDIT)
  @Query(() => [SamplingRuleVersion], { description: '抽查规则全部版本（新到旧）' })
  fireSamplingRules(@Ctx() ctx: FireContext): Promise<SamplingRuleVersion[]> {
    return listRules(ctx.em);
  }

  @Authorized(FirePermission.CATALOGUE_EDIT)
  @Mutation(() => CatalogueVersion, { description: '新建抽查库草稿版本（复制现行版本或指定版本）' })
  createFireCatalogueDraft(
    @Arg('fromVersion', () => Int, { nullable: true }) fromVersion: number | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: FireContext,
  ): Promise<CatalogueVersion> {
    return createCatalogueDraft(ctx.em, requireCaller(ctx), fromVersion, note);
  }

  @Authorized(FirePermission.CATALOGUE_EDIT)
  @Mutation(() => CatalogueVersion, { description: '修改草稿版本中的一个检查项目（名称、子项、检查内容及重要程度）' })
  updateFireCatalogueItem(
    @Arg('versionId', () => ID) versionId: string,
    @Arg('itemCode', () => String) itemCode: string,
    @Arg('input', () => CatalogueItemInput) input: CatalogueItemInput,
    @Ctx() ctx: FireContext,
  ): Promise<CatalogueVersion> {
    return updateCatalogueItem(ctx.em, versionId, itemCode, input);
  }

  @Authorized(FirePermission.CATALOGUE_EDIT)
  @Mutation(() => CatalogueVersion, {
    description: '发布草稿版本：成为现行版本，原现行版本归档（已有方案仍引用原版本）',
  })
  publishFireCatalogueVersion(
    @Arg('versionId', () => ID) versionId: string,
    @Ctx() ctx: FireContext,
  ): Promise<CatalogueVersion> {
    return publishCatalogueVersion(ctx.em, versionId, ctx.runtime.now());
  }

  @Authorized(FirePermission.CATALOGUE_EDIT)
  @Mutation(() => SamplingRuleVersion, { description: '保存新的抽查规则版本并设为现行（配置须与现行抽查库相符）' })
  saveFireSamplingRule(
    @Arg('config', () => GraphQLJSON) config: SamplingRuleConfig,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: FireContext,
  ): Promise<SamplingRuleVersion> {
    return saveRule(ctx.em, requireCaller(ctx), config, note, ctx.runtime.now());
  }

  @FieldResolver(() => [CatalogueItemType], { description: '十八个检查项目' })
  items(@Root() version: CatalogueVersion): CatalogueItemType[] {
    return version.content.items as unknown as CatalogueItemType[];
  }
}
