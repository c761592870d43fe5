import { DownloadLink, PageInput, PageOf, Permission, requireCaller, type Sort } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { identityExportLink } from '../common/export-link.js';
import type { IdentityContext } from '../context.js';
import { DictItem, DictType } from './dict.entity.js';
import {
  CreateDictItemInput,
  CreateDictTypeInput,
  DictTypeFilter,
  DictTypeSort,
  type DictTypeSortField,
  UpdateDictItemInput,
  UpdateDictTypeInput,
} from './dict.inputs.js';
import { DICT_TYPES_EXPORT, type DictTypeListArgs } from './dict.lists.js';
import { DictService, dictTypeWhere } from './dict.service.js';

const DictTypePage = PageOf(DictType, 'DictType');
const service = (ctx: IdentityContext) => new DictService(ctx.em);

@Resolver(() => DictType)
export class DictTypeResolver {
  @Authorized(Permission.DICT_VIEW)
  @Query(() => DictTypePage, { description: '字典类型列表' })
  dictTypes(
    @Arg('filter', () => DictTypeFilter, { nullable: true }) filter: DictTypeFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => DictTypeSort, { nullable: true }) sort: Sort<DictTypeSortField> | null,
    @Ctx() ctx: IdentityContext,
  ) {
    return service(ctx).listTypes(filter, page, sort);
  }

  @Authorized(Permission.DICT_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出字典类型（当前筛选与排序，或所选的类型）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportDictTypes(
    @Arg('filter', () => DictTypeFilter, { nullable: true }) filter: DictTypeFilter | null,
    @Arg('sort', () => DictTypeSort, { nullable: true }) sort: Sort<DictTypeSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些字典类型（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(DictType, dictTypeWhere(filter, ids));
    const args: DictTypeListArgs = { filter, sort, ids };
    return identityExportLink(ctx, { kind: DICT_TYPES_EXPORT, title: '字典类型', caller, args }, count);
  }

  @Authorized(Permission.DICT_VIEW)
  @Query(() => DictType, { description: '单个字典类型' })
  dictType(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<DictType> {
    return service(ctx).getType(id);
  }

  @Authorized()
  @Query(() => [DictItem], {
    description: '按字典编码取字典数据（含停用项，status 标明；下拉选项只用启用的项），供各页面的下拉框和标签使用',
  })
  dictItems(@Arg('typeCodes', () => [String]) typeCodes: string[], @Ctx() ctx: IdentityContext): Promise<DictItem[]> {
    return service(ctx).itemsOf(typeCodes);
  }

  @Authorized(Permission.DICT_EDIT)
  @Mutation(() => DictType, { description: '新增字典类型' })
  createDictType(@Arg('input', () => CreateDictTypeInput) input: CreateDictTypeInput, @Ctx() ctx: IdentityContext) {
    return service(ctx).createType(input);
  }

  @Authorized(Permission.DICT_EDIT)
  @Mutation(() => DictType, { description: '修改字典类型' })
  updateDictType(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDictTypeInput) input: UpdateDictTypeInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return service(ctx).updateType(id, input);
  }

  @Authorized(Permission.DICT_EDIT)
  @Mutation(() => Boolean, { description: '删除字典类型及其全部数据项（内置字典不可删除）' })
  deleteDictType(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return service(ctx).deleteType(id);
  }

  @Authorized(Permission.DICT_EDIT)
  @Mutation(() => DictItem, { description: '新增字典数据项' })
  createDictItem(@Arg('input', () => CreateDictItemInput) input: CreateDictItemInput, @Ctx() ctx: IdentityContext) {
    return service(ctx).createItem(input);
  }

  @Authorized(Permission.DICT_EDIT)
  @Mutation(() => DictItem, { description: '修改字典数据项' })
  updateDictItem(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDictItemInput) input: UpdateDictItemInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return service(ctx).updateItem(id, input);
  }

  @Authorized(Permission.DICT_EDIT)
  @Mutation(() => Boolean, { description: '删除字典数据项（内置项不可删除）' })
  deleteDictItem(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return service(ctx).deleteItem(id);
  }

  @FieldResolver(() => [DictItem], { description: '数据项（含停用项），按排序号' })
  items(@Root() type: DictType, @Ctx() ctx: IdentityContext): Promise<DictItem[]> {
    return service(ctx).itemsOfType(type.id);
  }
}

@Resolver(() => DictItem)
export class DictItemResolver {
  @FieldResolver(() => ID)
  typeId(@Root() item: DictItem): string {
    return item.type.id;
  }

  @FieldResolver(() => String, { description: '所属字典编码' })
  async typeCode(@Root() item: DictItem, @Ctx() ctx: IdentityContext): Promise<string> {
    if (item.type.code) return item.type.code;
    return (await ctx.em.findOneOrFail(DictType, item.type.id)).code;
  }
}
