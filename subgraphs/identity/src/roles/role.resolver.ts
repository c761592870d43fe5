import { DeleteResult, DownloadLink, PERMISSION_LABELS, Permission, requireCaller, type Sort } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { identityExportLink } from '../common/export-link.js';
import type { IdentityContext } from '../context.js';
import { Department } from '../departments/department.entity.js';
import { Role } from './role.entity.js';
import {
  CreateRoleInput,
  PermissionInfo,
  RoleFilter,
  RoleSort,
  type RoleSortField,
  UpdateRoleInput,
} from './role.inputs.js';
import { type RoleListArgs, ROLES_EXPORT } from './role.lists.js';
import { RoleService } from './role.service.js';

@Resolver(() => Role)
export class RoleResolver {
  @Authorized(Permission.ROLE_VIEW)
  @Query(() => [Role], { description: '角色列表（不分页：角色只有几十个）' })
  roles(
    @Arg('filter', () => RoleFilter, { nullable: true }) filter: RoleFilter | null,
    @Arg('sort', () => RoleSort, { nullable: true }) sort: Sort<RoleSortField> | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<Role[]> {
    return new RoleService(ctx.em).list(filter, sort);
  }

  @Authorized(Permission.ROLE_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出角色列表（当前筛选与排序，或所选的角色）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportRoles(
    @Arg('filter', () => RoleFilter, { nullable: true }) filter: RoleFilter | null,
    @Arg('sort', () => RoleSort, { nullable: true }) sort: Sort<RoleSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些角色（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(Role, new RoleService(ctx.em).whereOf(filter, ids));
    const args: RoleListArgs = { filter, sort, ids };
    return identityExportLink(ctx, { kind: ROLES_EXPORT, title: '角色列表', caller, args }, count);
  }

  @Authorized(Permission.ROLE_EDIT)
  @Mutation(() => DeleteResult, {
    description:
      '删除角色（一次最多 100 个）：仍有用户拥有的角色不能删除（请先调整这些用户的角色，或停用角色），超级管理员角色不能删除；有一个不能删除时一个也不删除',
  })
  async deleteRoles(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: IdentityContext): Promise<DeleteResult> {
    return { deleted: await new RoleService(ctx.em).deleteMany(requireCaller(ctx), ids) };
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
