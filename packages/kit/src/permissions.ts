/**
 * Permission codes, one list for the whole graph: subgraphs check them with `@Authorized(...)`,
 * identity grants them through roles, the admin builds menus and buttons from them.
 * `*` (super administrator) passes every check.
 */
export const Permission = {
  ALL: '*',
  USER_VIEW: 'system:user:view',
  USER_EDIT: 'system:user:edit',
  /** See 身份证号 / 手机号 unmasked. */
  USER_SENSITIVE: 'system:user:sensitive',
  DEPT_VIEW: 'system:dept:view',
  DEPT_EDIT: 'system:dept:edit',
  ROLE_VIEW: 'system:role:view',
  ROLE_EDIT: 'system:role:edit',
  LOG_VIEW: 'system:log:view',
  SESSION_MANAGE: 'system:session:manage',
  PROJECT_VIEW: 'project:view',
  PROJECT_EDIT: 'project:edit',
  ENTERPRISE_VIEW: 'enterprise:view',
  ENTERPRISE_EDIT: 'enterprise:edit',
  DASHBOARD_VIEW: 'dashboard:view',
  DICT_VIEW: 'system:dict:view',
  DICT_EDIT: 'system:dict:edit',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const PERMISSION_LABELS: Record<Exclude<Permission, '*'>, string> = {
  'system:user:view': '查看用户',
  'system:user:edit': '新增/修改用户',
  'system:user:sensitive': '查看完整身份证号和手机号',
  'system:dept:view': '查看部门',
  'system:dept:edit': '新增/修改部门',
  'system:role:view': '查看角色',
  'system:role:edit': '新增/修改角色',
  'system:log:view': '查看登录日志和操作日志',
  'system:session:manage': '在线会话管理（强制下线）',
  'project:view': '查看工程项目',
  'project:edit': '新增/修改工程项目',
  'enterprise:view': '查看企业',
  'enterprise:edit': '新增/修改企业',
  'dashboard:view': '查看数据指挥中心大屏',
  'system:dict:view': '查看字典',
  'system:dict:edit': '新增/修改/删除字典',
};
