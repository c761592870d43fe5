/** Chinese names for codes the graph returns. */
export const DATA_SCOPE_LABELS: Record<string, string> = {
  ALL: '全部数据',
  CUSTOM: '自定义部门数据',
  DEPT: '本部门数据',
  DEPT_AND_CHILDREN: '本部门及以下数据',
  SELF: '仅本人数据',
};

export const LOGIN_REASON_LABELS: Record<string, string> = {
  OK: '登录成功',
  BAD_CREDENTIALS: '用户名或密码错误',
  LOCKED: '账号已锁定',
  LOCKED_NOW: '连续失败次数过多，账号被锁定',
  DISABLED: '账号已停用',
  BAD_INPUT: '请求参数错误',
  CAPTCHA_REQUIRED: '未提供图形验证码',
  CAPTCHA_INVALID: '图形验证码错误或已过期',
};

/** Operations in the audit log: root mutation fields and identity's own auth.* entries. */
export const OPERATION_LABELS: Record<string, string> = {
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

export function operationLabel(operationName: string | null, fields: string[]): string {
  const byName = operationName ? OPERATION_LABELS[operationName] : undefined;
  if (byName) return byName;
  const labels = fields.map((f) => OPERATION_LABELS[f] ?? f);
  if (labels.length > 0) return labels.join('、');
  return operationName ?? '';
}

export const ERROR_CODE_LABELS: Record<string, string> = {
  BAD_USER_INPUT: '输入有误',
  UNAUTHENTICATED: '未登录',
  FORBIDDEN: '无权限',
  NOT_FOUND: '不存在',
  CONFLICT: '数据冲突',
  ACCOUNT_LOCKED: '账号锁定',
  SESSION_EXPIRED: '会话失效',
  CAPTCHA_REQUIRED: '需验证码',
  CAPTCHA_INVALID: '验证码错误',
  RATE_LIMITED: '请求过于频繁',
  INTERNAL_SERVER_ERROR: '服务器错误',
};

export const DEPARTMENT_KIND_OPTIONS = [
  { value: 'BUREAU', label: '市局' },
  { value: 'SECTION', label: '科室' },
  { value: 'DISTRICT_BUREAU', label: '区县住建局' },
  { value: 'ASSOCIATION', label: '协会' },
  { value: 'ENTERPRISE', label: '企业' },
  { value: 'EXPERTS', label: '专家' },
];

export const TAG_TYPE_OPTIONS = [
  { value: '', label: '默认' },
  { value: 'primary', label: '主要（蓝）' },
  { value: 'success', label: '成功（绿）' },
  { value: 'info', label: '信息（灰）' },
  { value: 'warning', label: '警告（橙）' },
  { value: 'danger', label: '危险（红）' },
];
