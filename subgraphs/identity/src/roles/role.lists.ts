import { batchesOf, listDownload, Permission, PERMISSION_LABELS, type DownloadDefinition, type Sort } from '@hs/kit';
import { ENABLE_STATUS_LABELS } from '../common/status.js';
import type { IdentityContext } from '../context.js';
import { DATA_SCOPE_LABELS, Role } from './role.entity.js';
import type { RoleFilter, RoleSortField } from './role.inputs.js';
import { roleOrder, RoleService } from './role.service.js';

export const ROLES_EXPORT = 'roles';

export interface RoleListArgs {
  filter?: RoleFilter | null;
  sort?: Sort<RoleSortField> | null;
  ids?: string[] | null;
}

const permissionLabel = (code: string) =>
  code === Permission.ALL ? '全部权限' : (PERMISSION_LABELS[code as keyof typeof PERMISSION_LABELS] ?? code);

interface RoleRow {
  role: Role;
  customDepartments: string[];
}

/** 角色列表 as the table shows it: scope and permissions by their Chinese names, a custom scope with its departments. */
export const rolesExport: DownloadDefinition<IdentityContext> = listDownload<IdentityContext, RoleRow, RoleListArgs>({
  sheet: () => ({
    title: '角色列表',
    columns: [
      { header: '排序', value: (r) => r.role.sortOrder, numeric: true },
      { header: '角色名称', value: (r) => r.role.name },
      { header: '角色编码', value: (r) => r.role.code },
      {
        header: '数据权限',
        value: (r) =>
          DATA_SCOPE_LABELS[r.role.dataScope] +
          (r.role.dataScope === 'CUSTOM' ? `：${r.customDepartments.join('、')}` : ''),
      },
      { header: '权限', value: (r) => r.role.permissions.map(permissionLabel).join('、') },
      { header: '说明', value: (r) => r.role.description },
      { header: '状态', value: (r) => ENABLE_STATUS_LABELS[r.role.status] },
      { header: '创建时间', value: (r) => r.role.createdAt },
    ],
  }),
  async *batches(ctx, args) {
    const where = new RoleService(ctx.em).whereOf(args.filter, args.ids);
    const batches = batchesOf(ctx, (offset, limit) =>
      ctx.em.find(Role, where, { orderBy: roleOrder(args.sort) as never, offset, limit }),
    );
    for await (const roles of batches) {
      const departments = await Promise.all(roles.map((r) => ctx.loaders.customDepartmentsByRole.load(r.id)));
      yield roles.map((role, i) => ({ role, customDepartments: departments[i].map((d) => d.name) }));
    }
  },
});
