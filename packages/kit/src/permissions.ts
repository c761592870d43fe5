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
  /** 1.1 施工图联合审查合格书: see them (and download their files) on the projects in scope. */
  PROJECT_CERTIFICATE_VIEW: 'project:certificate:view',
  /** Upload, re-issue and revoke them; see who viewed or downloaded them (1.1.2 share log). */
  PROJECT_CERTIFICATE_EDIT: 'project:certificate:edit',
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
  WORKFORCE_PERSON_VIEW: 'workforce:person:view',
  WORKFORCE_PERSON_EDIT: 'workforce:person:edit',
  /** See a worker's 身份证号 / 手机号 unmasked. */
  WORKFORCE_PERSON_SENSITIVE: 'workforce:person:sensitive',
  WORKFORCE_SITE_EDIT: 'workforce:site:edit',
  WORKFORCE_ATTENDANCE_VIEW: 'workforce:attendance:view',
  /** A worker checks in on the phone (own account, geofenced). */
  WORKFORCE_ATTENDANCE_CHECKIN: 'workforce:attendance:checkin',
  /** Attendance devices' gateway uploads batches (a service account, not a person). */
  WORKFORCE_ATTENDANCE_INGEST: 'workforce:attendance:ingest',
  WORKFORCE_ANALYTICS_VIEW: 'workforce:analytics:view',
  WORKFORCE_INSURANCE_VIEW: 'workforce:insurance:view',
  /** 3.2.1 质量安全监督: inspections, their problems and statistics, in the caller's scope. */
  SUPERVISION_VIEW: 'supervision:view',
  /** Configure the supervision dictionaries (the hazard levels' order of severity). */
  SUPERVISION_MANAGE: 'supervision:manage',
  /** 数据交换: connectors' state, runs, rejected records. */
  EXCHANGE_VIEW: 'exchange:view',
  /** 数据交换: 立即同步, 重试, connector settings. */
  EXCHANGE_MANAGE: 'exchange:manage',
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
  'project:certificate:view': '查看和下载施工图联合审查合格书',
  'project:certificate:edit': '上传、换发、撤销施工图联合审查合格书并查看共享记录',
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
  'workforce:person:view': '查看实名制人员及用工登记',
  'workforce:person:edit': '新增/修改实名制人员、用工登记和培训记录',
  'workforce:person:sensitive': '查看人员完整身份证号和手机号',
  'workforce:site:edit': '维护考勤围栏和考勤设备',
  'workforce:attendance:view': '查看考勤记录',
  'workforce:attendance:checkin': '手机定位打卡（本人）',
  'workforce:attendance:ingest': '考勤设备网关上传考勤数据',
  'workforce:analytics:view': '查看劳务用工数据分析',
  'workforce:insurance:view': '查询人员社保缴纳情况',
  'supervision:view': '查看质量安全监督检查记录及统计',
  'supervision:manage': '配置质量安全监督字典（隐患等级次序）',
  'exchange:view': '查看数据交换状态、运行记录和被拒记录',
  'exchange:manage': '数据交换立即同步、重试和连接配置',
};
