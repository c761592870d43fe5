import { PERMISSION_LABELS, Permission, requireCaller } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../context.js';
import { Department } from '../departments/department.entity.js';
import { Role } from './role.entity.js';
import { CreateRoleInput, PermissionInfo, UpdateRoleInput } from './role.inputs.js';
import { RoleService } from './role.service.js';

@Resolver(() => Role)
export class RoleResolver {
  @Authorized(Permission.ROLE_VIEW)
  @Query(() => [Role], { description: '全部角色' })
  roles(@Ctx() ctx: IdentityContext): Promise<Role[]> {
    return new RoleService(ctx.em).list();
  }

  @Authorized(Permission.ROLE_VIEW)
  @Query(() => Role)
  role(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Role> {
    return new RoleService(ctx.em).get(id);
  }

  @Authorized(Permission.ROLE_VIEW)
  @Query(() => [PermissionInfo], { description: '全部权限代码（`*` 为超级管理员）' })
  permissionCatalog(): PermissionInfo[] {
    return [
      { code: Permission.ALL, label: '全部权限（超级管理员）' },
      ...Object.entries(PERMISSION_LABELS).map(([code, label]) => ({ code, label })),
    ];
  }

  @Authorized(Permission.ROLE_EDIT)
  @Mutation(() => Role, { description: '新增角色' })
  createRole(@Arg('input', () => CreateRoleInput) input: CreateRoleInput, @Ctx() ctx: IdentityContext): Promise<Role> {
    return new RoleService(ctx.em).create(requireCaller(ctx), input);
  }

  @Authorized(Permission.ROLE_EDIT)
  @Mutation(() => Role, { description: '修改角色' })
  updateRole(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateRoleInput) input: UpdateRoleInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<Role> {
    return new RoleService(ctx.em).update(requireCaller(ctx), id, input);
  }

  @FieldResolver(() => [Department], { description: '自定义数据权限的部门（仅 CUSTOM）' })
  customDepartments(@Root() role: Role, @Ctx() ctx: IdentityContext): Promise<Department[]> {
    return ctx.loaders.customDepartmentsByRole.load(role.id);
  }
}
