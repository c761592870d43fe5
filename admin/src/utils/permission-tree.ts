import type { PermissionInfo } from '@/api/types';

export interface PermissionTreeNode {
  id: string;
  label: string;
  children?: PermissionTreeNode[];
}

const MODULES: Record<string, string> = {
  system: '系统管理',
  project: '工程项目',
  enterprise: '企业信息',
  dashboard: '数据指挥中心',
};

const SYSTEM_GROUPS: Record<string, string> = {
  user: '用户管理',
  dept: '部门管理',
  role: '角色管理',
  dict: '字典管理',
  log: '日志管理',
  session: '在线用户',
};

/**
 * permissionCatalog as a tree: module (system, project, …) → page (system:user …) → codes.
 * Group ids start with "group:" so they never collide with permission codes; `*` is left out
 * (the form shows it as its own switch).
 */
export function buildPermissionTree(catalog: PermissionInfo[]): PermissionTreeNode[] {
  const modules = new Map<string, PermissionTreeNode>();
  for (const { code, label } of catalog) {
    if (code === '*') continue;
    const [module, group] = code.split(':');
    let moduleNode = modules.get(module);
    if (!moduleNode) {
      moduleNode = { id: `group:${module}`, label: MODULES[module] ?? module, children: [] };
      modules.set(module, moduleNode);
    }
    const leaf = { id: code, label: `${label}（${code}）` };
    if (module === 'system' && group) {
      let groupNode = moduleNode.children!.find((c) => c.id === `group:${module}:${group}`);
      if (!groupNode) {
        groupNode = { id: `group:${module}:${group}`, label: SYSTEM_GROUPS[group] ?? group, children: [] };
        moduleNode.children!.push(groupNode);
      }
      groupNode.children!.push(leaf);
    } else {
      moduleNode.children!.push(leaf);
    }
  }
  return [...modules.values()];
}
