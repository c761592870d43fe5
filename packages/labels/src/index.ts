/**
 * The Chinese names of the codes the logs store, one table for every reader: identity's exports and
 * its audit search by operation name, and the admin's log pages (issue #11: one thing written once).
 * Plain data and functions, no Node or browser API, so the Vite app and the Node service both import it.
 */

/** Operations in the audit log: root mutation fields and identity's own auth.* entries. */
export const OPERATION_LABELS: Readonly<Record<string, string>> = {
  applyProvincialProject: '从省平台获取并保存项目',
  applyProvincialEnterprise: '从省平台获取并保存企业',
  projectsExchangeSync: '数据交换立即同步（工程项目）',
  projectsExchangeRetry: '数据交换重试（工程项目）',
  projectsExchangeConfigure: '修改数据交换连接配置（工程项目）',
  projectsExchangeMarkRejectedHandled: '标记数据交换被拒记录已处理（工程项目）',
  supervisionExchangeSync: '数据交换立即同步（质量安全监督）',
  supervisionExchangeRetry: '数据交换重试（质量安全监督）',
  supervisionExchangeConfigure: '修改数据交换连接配置（质量安全监督）',
  supervisionExchangeMarkRejectedHandled: '标记数据交换被拒记录已处理（质量安全监督）',
  createDrawingReviewUploadTicket: '申请上传施工图审查合格书文件',
  addDrawingReviewCertificate: '上传施工图审查合格书',
  reissueDrawingReviewCertificate: '换发施工图审查合格书',
  revokeDrawingReviewCertificate: '撤销施工图审查合格书',
  downloadDrawingReviewCertificate: '下载施工图审查合格书',
  exportDrawingReviewCertificates: '导出施工图审查合格书',
  login: '登录',
  // Lists (ADR 0013): exports, imports, batch actions
  exportUsers: '导出用户',
  importUsers: '导入用户',
  deleteUsers: '删除用户',
  setUsersStatus: '批量启用/停用用户',
  exportRoles: '导出角色',
  deleteRoles: '删除角色',
  exportDepartments: '导出部门',
  deleteDepartments: '删除部门',
  exportAuditLogs: '导出操作日志',
  exportLoginLogs: '导出登录日志',
  exportSessions: '导出在线用户',
  exportDictTypes: '导出字典类型',
  exportEnterprises: '导出企业',
  importEnterprises: '导入企业',
  deleteEnterprises: '删除企业',
  exportProjects: '导出工程项目',
  importProjects: '导入工程项目',
  deleteProjects: '删除工程项目',
  exportFireInspections: '导出消防验收抽查项目',
  exportFireInspectionResults: '导出消防验收抽查结果',
  exportFireInspectionRecord: '导出消防验收抽查记录',
  exportWorkforcePeople: '导出实名制人员',
  importWorkforcePeople: '导入实名制人员',
  exportAttendanceRecords: '导出考勤记录',
  exportWorkforceSites: '导出考勤围栏',
  exportSupervisionInspections: '导出质量安全监督检查',
  setSupervisionHazardLevelOrder: '配置隐患等级次序',
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
  unlockUser: '解除锁定',
  createDepartment: '新增部门',
  updateDepartment: '修改部门',
  createRole: '新增角色',
  updateRole: '修改角色',
  revokeSession: '强制下线',
  createDictType: '新增字典类型',
  updateDictType: '修改字典类型',
  deleteDictType: '删除字典类型',
  createDictItem: '新增字典数据',
  updateDictItem: '修改字典数据',
  deleteDictItem: '删除字典数据',
  createProject: '新增工程项目',
  updateProject: '修改工程项目',
  setProjectUnits: '修改参建单位',
  createEnterprise: '新增企业',
  updateEnterprise: '修改企业',
  createDisplayLink: '创建大屏链接',
  revokeDisplayLink: '撤销大屏链接',
  displayLogin: '大屏登录',
  'display.createLink': '创建大屏链接',
  'display.revokeLink': '撤销大屏链接',
  'auth.displayLogin': '大屏登录',
  createFireInspection: '新增消防验收抽查项目',
  updateFireInspection: '修改消防验收抽查项目',
  deleteFireInspection: '删除消防验收抽查项目',
  addFireBuilding: '新增楼栋',
  updateFireBuilding: '修改楼栋',
  removeFireBuilding: '删除楼栋',
  updateFireFloor: '修改楼层',
  drawFirePlan: '生成抽查方案',
  signFirePlan: '抽查方案签名',
  recordFireResults: '记录抽查结果',
  addFireExtraLocation: '新增现场抽查部位',
  signFireResults: '抽查结果签名',
  openFireSiteVisit: '开始现场检查',
  uploadFirePhoto: '上传现场照片',
  createFireCatalogueDraft: '新建抽查库草稿',
  updateFireCatalogueItem: '修改抽查库条目',
  publishFireCatalogueVersion: '发布抽查库版本',
  saveFireSamplingRule: '保存抽查规则',
  createWorkforcePerson: '登记实名制人员',
  updateWorkforcePerson: '修改实名制人员',
  deleteWorkforcePerson: '删除实名制人员',
  assignWorkforcePerson: '进场登记（用工登记）',
  updateWorkforceEmployment: '修改用工登记',
  exitWorkforceEmployment: '退场登记',
  addWorkforceTraining: '新增培训记录',
  createWorkforceUploadTicket: '申请文件上传',
  setWorkforceFenceMargin: '设置围栏容差',
  registerAttendanceDevice: '登记考勤设备',
  setAttendanceDeviceEnabled: '启用/停用考勤设备',
  mobileCheckIn: '手机定位打卡',
  ingestAttendanceBatch: '考勤设备上传考勤',
};

/** 操作 as the page shows it: the operation's name, else its fields' names, else what was recorded. */
export function operationLabel(operationName: string | null, fields: readonly string[]): string {
  const byName = operationName ? OPERATION_LABELS[operationName] : undefined;
  if (byName) return byName;
  if (fields.length > 0) return fields.map((f) => OPERATION_LABELS[f] ?? f).join('、');
  return operationName ?? '';
}

/** Why a login attempt failed (or OK): the login log's stable reason codes. */
const LOGIN_REASONS = {
  OK: '登录成功',
  BAD_CREDENTIALS: '用户名或密码错误',
  LOCKED: '账号已锁定',
  LOCKED_NOW: '连续失败次数过多，账号被锁定',
  DISABLED: '账号已停用',
  BAD_INPUT: '请求参数错误',
  CAPTCHA_REQUIRED: '未提供图形验证码',
  CAPTCHA_INVALID: '图形验证码错误或已过期',
  DISPLAY_LINK_INVALID: '大屏链接无效',
  DISPLAY_LINK_REVOKED: '大屏链接已撤销',
  DISPLAY_LINK_EXPIRED: '大屏链接已过期',
} as const;
export type LoginReason = keyof typeof LOGIN_REASONS;
export const LOGIN_REASON_LABELS: Readonly<Record<string, string>> = LOGIN_REASONS;

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
  NOTHING_TO_RETRY: '无可重试内容',
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

// ------------------------------------------------------------------ 3.1.1 a project filled from the province

/**
 * The project form's fields whose edits are carried over when a project looked up in the
 * province is saved (the rest stay the province's): the success message names them, and the
 * server's "must not be emptied" messages use the same words.
 */
export const PROVINCIAL_PROJECT_EDIT_LABELS = {
  name: '项目名称',
  type: '项目类别',
  status: '项目状态',
  districtCode: '所在区县',
  address: '工程地址',
  location: '项目位置',
  startDate: '开工日期',
  plannedEndDate: '计划竣工日期',
  completedDate: '实际竣工日期',
  area: '建筑面积',
} as const;

// ------------------------------------------------------------------ 同步计划 (5-field cron, Beijing time)

const CRON_FIELDS = [
  { name: '分', min: 0, max: 59 },
  { name: '时', min: 0, max: 23 },
  { name: '日', min: 1, max: 31 },
  { name: '月', min: 1, max: 12 },
  { name: '周', min: 0, max: 7 },
] as const;
const CRON_PART = /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?$/;
export const CRON_FORMAT_MESSAGE = '定时同步应为 5 段 cron 表达式（分 时 日 月 周），例如 0 2 * * * 表示每天 2:00';

/**
 * What is wrong with a 5-field cron (分 时 日 月 周, numbers, `*`, ranges, steps and lists), in
 * Chinese, or null when it is well-formed. The server checks the same before storing a schedule.
 */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') return CRON_FORMAT_MESSAGE;
  for (const [i, text] of fields.entries()) {
    const { name, min, max } = CRON_FIELDS[i];
    for (const part of text.split(',')) {
      const wrong = `定时同步的“${name}”应为 ${min}～${max} 的数字、范围（如 1-5）、间隔（如 */15）或逗号分隔的列表：${text}`;
      if (!CRON_PART.test(part)) return wrong;
      const [range, step] = part.split('/');
      if (step !== undefined && Number(step) < 1) return wrong;
      if (range === '*') continue;
      const [from, to = from] = range.split('-').map(Number);
      if (from < min || to > max || from > to) return wrong;
    }
  }
  return null;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六', '日'];
const pad = (n: number) => String(n).padStart(2, '0');
const isNumber = (text: string, min: number, max: number) => /^\d{1,2}$/.test(text) && +text >= min && +text <= max;

function weekdays(text: string): string | null {
  const range = /^(\d)-(\d)$/.exec(text);
  if (range && +range[1] < +range[2] && +range[2] <= 7) return `周${WEEKDAYS[+range[1]]}至周${WEEKDAYS[+range[2]]}`;
  const days = text.split(',');
  if (!days.every((d) => isNumber(d, 0, 7))) return null;
  return `周${days.map((d) => WEEKDAYS[+d]).join('、')}`;
}

/**
 * A 5-field cron in words (Beijing time is the caller's to add): 每天 02:00, 每小时第 15 分,
 * 每周一 03:00, 每月 1 日 04:30, 每 15 分钟 …; the cron text itself for shapes not described here.
 */
export function cronLabel(expression: string): string {
  const text = expression.trim().split(/\s+/).join(' ');
  if (cronProblem(text)) return text;
  const [m, h, dom, mon, dow] = text.split(' ');
  const minuteStep = /^\*\/(\d+)$/.exec(m);
  const hourStep = /^\*\/(\d+)$/.exec(h);
  const atMinute = isNumber(m, 0, 59);
  const time = atMinute && isNumber(h, 0, 23) ? `${pad(+h)}:${pad(+m)}` : null;
  const everyDay = dom === '*' && mon === '*';
  if (text === '* * * * *') return '每分钟';
  if (minuteStep && h === '*' && everyDay && dow === '*') return `每 ${minuteStep[1]} 分钟`;
  if (atMinute && h === '*' && everyDay && dow === '*') return +m === 0 ? '每小时整点' : `每小时第 ${+m} 分`;
  if (atMinute && hourStep && everyDay && dow === '*')
    return `每 ${hourStep[1]} 小时${+m === 0 ? '整点' : `的第 ${+m} 分`}`;
  if (!time) return text;
  if (everyDay && dow === '*') return `每天 ${time}`;
  if (everyDay) {
    const days = weekdays(dow);
    return days ? `每${days} ${time}` : text;
  }
  if (dow !== '*') return text;
  if (isNumber(dom, 1, 31) && mon === '*') return `每月 ${+dom} 日 ${time}`;
  if (isNumber(dom, 1, 31) && isNumber(mon, 1, 12)) return `每年 ${+mon} 月 ${+dom} 日 ${time}`;
  return text;
}
