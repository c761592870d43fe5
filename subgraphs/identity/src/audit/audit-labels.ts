/**
 * The Chinese names the log pages show for what the logs store as codes (the admin has the same
 * tables in admin/src/utils/labels.ts): used by the exports, and by the audit filter to find an
 * operation by its Chinese name.
 */

/** Operations in the audit log: root mutation fields and identity's own auth.* entries. */
export const OPERATION_LABELS: Readonly<Record<string, string>> = {
  login: '登录',
  logout: '退出登录',
  refreshToken: '刷新令牌',
  changePassword: '修改密码',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'auth.changePassword': '修改密码',
  'auth.revokeSession': '强制下线',
  'auth.refreshTokenReuse': '刷新令牌重放（已失效）',
  'auth.sessionExpired': '会话过期',
  createUser: '新增用户',
  updateUser: '修改用户',
  resetUserPassword: '重置密码',
  setUserStatus: '启用/停用用户',
  setUsersStatus: '批量启用/停用用户',
  unlockUser: '解除锁定',
  exportUsers: '导出用户',
  importUsers: '导入用户',
  deleteUsers: '删除用户',
  createDepartment: '新增部门',
  updateDepartment: '修改部门',
  exportDepartments: '导出部门',
  deleteDepartments: '删除部门',
  createRole: '新增角色',
  updateRole: '修改角色',
  exportRoles: '导出角色',
  deleteRoles: '删除角色',
  revokeSession: '强制下线',
  exportSessions: '导出在线用户',
  exportAuditLogs: '导出操作日志',
  exportLoginLogs: '导出登录日志',
  createDictType: '新增字典类型',
  updateDictType: '修改字典类型',
  deleteDictType: '删除字典类型',
  exportDictTypes: '导出字典类型',
  createDictItem: '新增字典数据',
  updateDictItem: '修改字典数据',
  deleteDictItem: '删除字典数据',
  createProject: '新增工程项目',
  updateProject: '修改工程项目',
  setProjectUnits: '修改参建单位',
  exportProjects: '导出工程项目',
  importProjects: '导入工程项目',
  deleteProjects: '删除工程项目',
  createEnterprise: '新增企业',
  updateEnterprise: '修改企业',
  exportEnterprises: '导出企业',
  importEnterprises: '导入企业',
  deleteEnterprises: '删除企业',
  exportFireInspections: '导出消防验收抽查',
  exportFireInspectionResults: '导出消防验收抽查结果',
  exportWorkforcePeople: '导出实名制人员',
  importWorkforcePeople: '导入实名制人员',
  exportAttendanceRecords: '导出考勤记录',
  exportWorkforceSites: '导出项目考勤点',
};

/** 操作 as the page shows it: the operation's name, else its fields' names, else what was recorded. */
export function operationLabel(operationName: string | null, fields: readonly string[]): string {
  const byName = operationName ? OPERATION_LABELS[operationName] : undefined;
  if (byName) return byName;
  if (fields.length > 0) return fields.map((f) => OPERATION_LABELS[f] ?? f).join('、');
  return operationName ?? '';
}

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const uncapitalised = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * The operation names a search for `keyword` means: those whose Chinese name contains it, and the
 * keyword itself as an operation name — each as a field name (createUser) and as the admin names its
 * operations (CreateUser), so that the search is an index lookup instead of a scan of the log. An
 * operation sent without a name (scripts) is not found this way: matching the called fields as well
 * would need an array index the planner misjudges, and a scan of the whole log for a rare operation.
 */
export function operationNamesMatching(keyword: string): string[] {
  const names = new Set<string>([keyword, capitalised(keyword), uncapitalised(keyword)]);
  for (const [name, label] of Object.entries(OPERATION_LABELS)) {
    if (!label.includes(keyword)) continue;
    names.add(name);
    if (!name.includes('.')) names.add(capitalised(name));
  }
  return [...names];
}

export const AUDIT_RESULT_LABELS: Readonly<Record<string, string>> = {
  SUCCESS: '成功',
  FAILURE: '失败',
  PARTIAL: '部分成功',
  UNKNOWN: '结果未知',
};

export const ERROR_CODE_LABELS: Readonly<Record<string, string>> = {
  BAD_USER_INPUT: '输入有误',
  BAD_REQUEST: '请求有误',
  UNAUTHENTICATED: '未登录',
  FORBIDDEN: '无权限',
  NOT_FOUND: '不存在',
  CONFLICT: '数据冲突',
  IN_USE: '仍被引用',
  EXPORT_TOO_LARGE: '导出条数超限',
  ACCOUNT_LOCKED: '账号锁定',
  PASSWORD_CHANGE_REQUIRED: '须修改密码',
  SESSION_EXPIRED: '会话失效',
  CAPTCHA_REQUIRED: '需验证码',
  CAPTCHA_INVALID: '验证码错误',
  RATE_LIMITED: '请求过于频繁',
  UPSTREAM_UNAVAILABLE: '子系统不可用',
  UPSTREAM_INVALID: '外部系统返回数据有误',
  DATABASE_UNAVAILABLE: '数据库不可用',
  RESULTS_SEALED: '结果已签名锁定',
  PHOTO_NOT_ON_SITE: '非现场照片',
  INTERNAL_SERVER_ERROR: '服务器错误',
};

export const errorLabels = (codes: readonly string[]) => codes.map((c) => ERROR_CODE_LABELS[c] ?? c).join('、');

const version = (pattern: RegExp, ua: string) => pattern.exec(ua)?.[1];

/** 浏览器 / 系统 as the pages show it: "Chrome 120 / Windows", "程序调用" for scripts. */
export function shortUserAgent(ua: string | null | undefined): string {
  if (!ua) return '';
  const edge = version(/Edg\/(\d+)/, ua);
  const firefox = version(/Firefox\/(\d+)/, ua);
  const chrome = version(/(?:Chrome|Chromium)\/(\d+)/, ua);
  const safari = /Version\/(\d+).*Safari/.test(ua) ? version(/Version\/(\d+)/, ua) : undefined;
  const browser = edge
    ? `Edge ${edge}`
    : firefox
      ? `Firefox ${firefox}`
      : chrome
        ? `Chrome ${chrome}`
        : safari
          ? `Safari ${safari}`
          : /node|undici|curl/i.test(ua)
            ? '程序调用'
            : '其他浏览器';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} / ${os}` : browser;
}
