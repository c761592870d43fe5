import { DeleteResult, DownloadLink, Permission, requireCaller } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { identityExportLink } from '../common/export-link.js';
import { scopeOf } from '../common/scope.js';
import type { IdentityContext } from '../context.js';
import { scopeCoversDepartment } from '../roles/data-scope.js';
import { Department } from './department.entity.js';
import { CreateDepartmentInput, DepartmentFilter, UpdateDepartmentInput } from './department.inputs.js';
import { type DepartmentListArgs, DEPARTMENTS_EXPORT } from './department.lists.js';
import { DepartmentService } from './department.service.js';
import { DistrictRef, EnterpriseRef } from './stubs.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized(Permission.DEPT_VIEW)
  @Query(() => [Department], { description: '部门树：数据权限范围内的顶层部门，下级通过 children 展开' })
  departments(@Ctx() ctx: IdentityContext): Promise<Department[]> {
    return new DepartmentService(ctx.em).roots(requireCaller(ctx));
  }

  @Authorized(Permission.DEPT_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '导出部门列表（树形顺序，名称按层级缩进并列出上级部门；当前筛选，或所选的部门）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportDepartments(
    @Arg('filter', () => DepartmentFilter, { nullable: true }) filter: DepartmentFilter | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些部门（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const rows = await new DepartmentService(ctx.em).tree(caller, filter, ids);
    const args: DepartmentListArgs = { filter, ids };
    return identityExportLink(ctx, { kind: DEPARTMENTS_EXPORT, title: '部门列表', caller, args }, rows.length);
  }

  @Authorized(Permission.DEPT_EDIT)
  @Mutation(() => DeleteResult, {
    description:
      '删除部门（一次最多 100 个）：仍有用户、下级部门或被角色的自定义数据权限引用的部门不能删除（可停用）；有一个不能删除时一个也不删除',
  })
  async deleteDepartments(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: IdentityContext): Promise<DeleteResult> {
    return { deleted: await new DepartmentService(ctx.em).deleteMany(requireCaller(ctx), ids) };
  }

  @Authorized(Permission.DEPT_VIEW)
  @Query(() => Department, { description: '单个部门' })
  department(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Department> {
    return new DepartmentService(ctx.em).get(requireCaller(ctx), id);
  }

  @Authorized(Permission.DEPT_EDIT)
  @Mutation(() => Department, { description: '新增部门' })
  createDepartment(
    @Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return new DepartmentService(ctx.em).create(requireCaller(ctx), input);
  }

  @Authorized(Permission.DEPT_EDIT)
  @Mutation(() => Department, { description: '修改部门' })
  updateDepartment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDepartmentInput) input: UpdateDepartmentInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return new DepartmentService(ctx.em).update(requireCaller(ctx), id, input);
  }

  @FieldResolver(() => ID, { nullable: true, description: '上级部门 ID' })
  parentId(@Root() department: Department): string | null {
    return department.parent?.id ?? null;
  }

  @FieldResolver(() => Department, { nullable: true, description: '上级部门' })
  parent(@Root() department: Department, @Ctx() ctx: IdentityContext): Promise<Department | null> | null {
    return department.parent ? ctx.loaders.departmentById.load(department.parent.id) : null;
  }

  @FieldResolver(() => [Department], { description: '下级部门（限数据权限范围内）' })
  async children(@Root() department: Department, @Ctx() ctx: IdentityContext): Promise<Department[]> {
    const children = await ctx.loaders.childrenByDepartment.load(department.id);
    const scope = scopeOf(ctx);
    return children.filter((d) => scopeCoversDepartment(scope, d.id));
  }

  @FieldResolver(() => DistrictRef, { nullable: true, description: '所辖行政区划（由 projects 子图提供详情）' })
  district(@Root() department: Department): DistrictRef | null {
    return department.districtCode ? { code: department.districtCode } : null;
  }

  @FieldResolver(() => EnterpriseRef, { nullable: true, description: '对应企业（由 projects 子图提供详情）' })
  enterprise(@Root() department: Department): EnterpriseRef | null {
    return department.enterpriseId ? { id: department.enterpriseId } : null;
  }
}
