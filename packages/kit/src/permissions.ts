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
  FIRE_INSPECTION_VIEW: 'fire:inspection:view',
  FIRE_INSPECTION_EDIT: 'fire:inspection:edit',
  /** See the project leader's 身份证号 / 联系电话 unmasked. */
  FIRE_INSPECTION_SENSITIVE: 'fire:inspection:sensitive',
  FIRE_CATALOGUE_EDIT: 'fire:catalogue:edit',
  FIRE_PLAN_SIGN: 'fire:plan:sign',
  FIRE_RESULT_RECORD: 'fire:result:record',
  FIRE_ANALYTICS_VIEW: 'fire:analytics:view',
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
  'fire:inspection:view': '查看消防验收抽查项目',
  'fire:inspection:edit': '新增/修改消防验收抽查项目及楼栋楼层',
  'fire:inspection:sensitive': '查看项目负责人完整身份证号和联系电话',
  'fire:catalogue:edit': '维护消防验收抽查库和抽查规则',
  'fire:plan:sign': '生成并签名确认消防验收抽查方案',
  'fire:result:record': '记录消防验收抽查结果并签名确认',
  'fire:analytics:view': '查看消防验收抽查数据分析',
};
