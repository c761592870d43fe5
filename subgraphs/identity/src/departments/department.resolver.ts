import { Permission, requireCaller } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { scopeOf } from '../common/scope.js';
import type { IdentityContext } from '../context.js';
import { scopeCoversDepartment } from '../roles/data-scope.js';
import { Department } from './department.entity.js';
import { CreateDepartmentInput, UpdateDepartmentInput } from './department.inputs.js';
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
