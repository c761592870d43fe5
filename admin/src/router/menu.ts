import { P } from '@/auth/permissions';
import { EXCHANGE_PATH } from '@/modules/exchange/paths';
import { SUPERVISION_INSPECTIONS_PATH } from '@/modules/supervision/paths';

/** The side menu (and the breadcrumbs): leaves are pages, shown when the caller holds `permission`. */
export interface MenuNode {
  title: string;
  icon?: string;
  path?: string;
  permission?: string | string[];
  children?: MenuNode[];
}

export const MENU: MenuNode[] = [
  { title: '首页', icon: 'HomeFilled', path: '/home' },
  {
    title: '工程建设',
    icon: 'OfficeBuilding',
    children: [
      { title: '工程项目', icon: 'Tickets', path: '/projects', permission: P.PROJECT_VIEW },
      {
        title: '施工图审查合格书',
        icon: 'DocumentChecked',
        path: '/projects/drawing-certificates',
        permission: P.PROJECT_CERTIFICATE_VIEW,
      },
      { title: '企业信息', icon: 'School', path: '/enterprises', permission: P.ENTERPRISE_VIEW },
    ],
  },
  {
    title: '消防验收抽查',
    icon: 'Aim',
    children: [
      { title: '抽查项目', icon: 'List', path: '/fire/inspections', permission: P.FIRE_INSPECTION_VIEW },
      {
        title: '抽查库',
        icon: 'Collection',
        path: '/fire/catalogue',
        permission: [P.FIRE_INSPECTION_VIEW, P.FIRE_CATALOGUE_EDIT],
      },
      { title: '数据分析', icon: 'DataAnalysis', path: '/fire/analytics', permission: P.FIRE_ANALYTICS_VIEW },
    ],
  },
  {
    title: '实名制与考勤',
    icon: 'UserFilled',
    children: [
      { title: '人员管理', icon: 'User', path: '/workforce/people', permission: P.WORKFORCE_PERSON_VIEW },
      { title: '考勤记录', icon: 'Calendar', path: '/workforce/attendance', permission: P.WORKFORCE_ATTENDANCE_VIEW },
      {
        title: '考勤围栏与设备',
        icon: 'Location',
        path: '/workforce/sites',
        permission: [P.WORKFORCE_SITE_EDIT, P.WORKFORCE_ATTENDANCE_VIEW],
      },
      { title: '考勤分析', icon: 'DataLine', path: '/workforce/analytics', permission: P.WORKFORCE_ANALYTICS_VIEW },
    ],
  },
  {
    title: '质量安全监督',
    icon: 'Warning',
    children: [
      {
        title: '监督检查记录',
        icon: 'DocumentChecked',
        path: SUPERVISION_INSPECTIONS_PATH,
        permission: P.SUPERVISION_VIEW,
      },
    ],
  },
  {
    title: '系统管理',
    icon: 'Setting',
    children: [
      { title: '用户管理', icon: 'User', path: '/system/users', permission: P.USER_VIEW },
      { title: '部门管理', icon: 'Share', path: '/system/depts', permission: P.DEPT_VIEW },
      { title: '角色管理', icon: 'Avatar', path: '/system/roles', permission: P.ROLE_VIEW },
      { title: '字典管理', icon: 'Notebook', path: '/system/dicts', permission: P.DICT_VIEW },
      { title: '在线用户', icon: 'Monitor', path: '/system/online', permission: P.SESSION_MANAGE },
      { title: '登录日志', icon: 'Key', path: '/system/login-logs', permission: P.LOG_VIEW },
      { title: '操作日志', icon: 'Document', path: '/system/audit-logs', permission: P.LOG_VIEW },
      { title: '数据交换', icon: 'Connection', path: EXCHANGE_PATH, permission: P.EXCHANGE_VIEW },
    ],
  },
];

/** The menu the caller may see: leaves they are permitted, groups with at least one such leaf. */
export function visibleMenu(
  can: (code: string | string[] | undefined) => boolean,
  nodes: MenuNode[] = MENU,
): MenuNode[] {
  const out: MenuNode[] = [];
  for (const node of nodes) {
    if (node.children) {
      const children = visibleMenu(can, node.children);
      if (children.length > 0) out.push({ ...node, children });
    } else if (can(node.permission)) {
      out.push(node);
    }
  }
  return out;
}

/** Titles from the menu root down to the leaf with this path (breadcrumbs). */
export function menuTrail(path: string, nodes: MenuNode[] = MENU, trail: MenuNode[] = []): MenuNode[] | null {
  for (const node of nodes) {
    if (node.path === path) return [...trail, node];
    if (node.children) {
      const found = menuTrail(path, node.children, [...trail, node]);
      if (found) return found;
    }
  }
  return null;
}
