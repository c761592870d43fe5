import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DEMO_ENTERPRISES,
  PERMISSION_LABELS,
  Permission,
  stableId,
  type DataScopeKind,
  type SeedOptions,
} from '@hs/kit';
import { hashPassword } from '../auth/passwords.js';
import { EnableStatus } from '../common/status.js';
import { Department, DepartmentKind } from '../departments/department.entity.js';
import { ensureBuiltInDictionaries } from '../dictionaries/dict.service.js';
import { Role } from '../roles/role.entity.js';
import { User } from '../users/user.entity.js';

/**
 * Demo organisation, roles and accounts. Ids are stableId(kind, key) so other subgraphs' seeds can
 * refer to them (stableId('user', 'expert'), stableId('department', '大冶市住建局'), …).
 *
 * Demo passwords (documented in docs; change them on any shared machine):
 *   admin, city_admin, dy_inspector, dy_station, ent_user, expert, display  ->  Huangshi@2025
 *   newcomer (must change at first login)                                  ->  Welcome@2025
 */
export const DEMO_PASSWORD = 'Huangshi@2025';
export const NEWCOMER_PASSWORD = 'Welcome@2025';

export const CITY_CODE = '420200';

export const departmentId = (key: string) => stableId('department', key);
export const enterpriseDepartmentId = (creditCode: string) => stableId('department', `enterprise:${creditCode}`);
export const roleId = (code: string) => stableId('role', code);
export const userId = (username: string) => stableId('user', username);

interface DepartmentSeed {
  id: string;
  name: string;
  kind: DepartmentKind;
  parentId: string | null;
  districtCode: string | null;
  enterpriseId?: string | null;
}

const BUREAU = '黄石市住房和城乡建设局';
const SECTIONS = ['建管科', '安监站', '质监站', '市场站', '消防审验科', '勘察设计科', '信息中心'];
const DISTRICT_BUREAUS: [string, string][] = [
  ['黄石港区住建局', '420202'],
  ['西塞山区住建局', '420203'],
  ['下陆区住建局', '420204'],
  ['铁山区住建局', '420205'],
  ['阳新县住建局', '420222'],
  ['大冶市住建局', '420281'],
];
/** A unit below 大冶市住建局, so 本部门及以下 has something below. */
const DAYE_STATION = '大冶市建设工程质量安全监督站';
/** Enterprises that get an account department (credit codes from DEMO_ENTERPRISES). */
const ENTERPRISE_ACCOUNTS = [
  '91420202TA4J35AF9G', // 黄石市鼎盛建设集团有限公司
  '914202039EKL266YR2', // 黄石华新市政工程有限公司
  '914202811HQEDF3EQD', // 大冶市楚天建筑工程有限公司
  '914202224WQ4PB7HJM', // 阳新县富河建设有限公司
  '91420204YJMXX6EWXK', // 黄石市团城山建设监理有限公司
  '914202024GX92YW263', // 湖北黄石建筑设计研究院有限公司
];

export function demoDepartments(): DepartmentSeed[] {
  const bureau = departmentId(BUREAU);
  const list: DepartmentSeed[] = [
    { id: bureau, name: BUREAU, kind: DepartmentKind.BUREAU, parentId: null, districtCode: CITY_CODE },
    ...SECTIONS.map((name) => ({
      id: departmentId(name),
      name,
      kind: DepartmentKind.SECTION,
      parentId: bureau,
      districtCode: CITY_CODE,
    })),
    ...DISTRICT_BUREAUS.map(([name, code]) => ({
      id: departmentId(name),
      name,
      kind: DepartmentKind.DISTRICT_BUREAU,
      parentId: bureau,
      districtCode: code,
    })),
    {
      id: departmentId(DAYE_STATION),
      name: DAYE_STATION,
      kind: DepartmentKind.SECTION,
      parentId: departmentId('大冶市住建局'),
      districtCode: '420281',
    },
    {
      id: departmentId('黄石市勘察设计协会'),
      name: '黄石市勘察设计协会',
      kind: DepartmentKind.ASSOCIATION,
      parentId: null,
      districtCode: null,
    },
    { id: departmentId('专家组'), name: '专家组', kind: DepartmentKind.EXPERTS, parentId: null, districtCode: null },
    { id: departmentId('企业'), name: '企业', kind: DepartmentKind.ENTERPRISE, parentId: null, districtCode: null },
  ];
  for (const code of ENTERPRISE_ACCOUNTS) {
    const enterprise = DEMO_ENTERPRISES.find((e) => e.creditCode === code);
    if (!enterprise) throw new Error(`seed: ${code} is not in DEMO_ENTERPRISES`);
    list.push({
      id: enterpriseDepartmentId(code),
      name: enterprise.name,
      kind: DepartmentKind.ENTERPRISE,
      parentId: departmentId('企业'),
      districtCode: null,
      enterpriseId: stableId('enterprise', code),
    });
  }
  return list;
}

interface RoleSeed {
  code: string;
  name: string;
  description: string;
  permissions: string[];
  dataScope: DataScopeKind;
}

const ALL_CODES = Object.keys(PERMISSION_LABELS);

export const DEMO_ROLES: RoleSeed[] = [
  {
    code: 'super_admin',
    name: '超级管理员',
    description: '全部权限、全部数据',
    permissions: [Permission.ALL],
    dataScope: 'ALL',
  },
  {
    code: 'city_admin',
    name: '市局管理员',
    description: '市局业务与系统管理（不含查看完整身份证号和手机号）',
    permissions: ALL_CODES.filter(
      (c) =>
        ![
          Permission.USER_SENSITIVE,
          Permission.WORKFORCE_PERSON_SENSITIVE,
          Permission.WORKFORCE_ATTENDANCE_INGEST,
          Permission.WORKFORCE_ATTENDANCE_CHECKIN,
        ].includes(c as never),
    ),
    dataScope: 'ALL',
  },
  {
    code: 'district_inspector',
    name: '区县监管员',
    description: '本区县（本部门及以下）的项目、企业与人员',
    permissions: [
      Permission.PROJECT_VIEW,
      Permission.PROJECT_EDIT,
      Permission.PROJECT_CERTIFICATE_VIEW,
      Permission.PROJECT_CERTIFICATE_EDIT,
      Permission.ENTERPRISE_VIEW,
      Permission.DASHBOARD_VIEW,
      Permission.USER_VIEW,
      Permission.DEPT_VIEW,
      Permission.FIRE_INSPECTION_VIEW,
      Permission.FIRE_INSPECTION_EDIT,
      Permission.FIRE_PLAN_SIGN,
      Permission.FIRE_RESULT_RECORD,
      Permission.FIRE_ANALYTICS_VIEW,
      Permission.WORKFORCE_PERSON_VIEW,
      Permission.WORKFORCE_PERSON_EDIT,
      Permission.WORKFORCE_SITE_EDIT,
      Permission.WORKFORCE_ATTENDANCE_VIEW,
      Permission.WORKFORCE_ANALYTICS_VIEW,
      Permission.WORKFORCE_INSURANCE_VIEW,
      Permission.SUPERVISION_VIEW,
    ],
    dataScope: 'DEPT_AND_CHILDREN',
  },
  {
    code: 'enterprise_user',
    name: '企业用户',
    description: '本企业的项目与企业信息',
    permissions: [
      Permission.PROJECT_VIEW,
      Permission.PROJECT_CERTIFICATE_VIEW,
      Permission.ENTERPRISE_VIEW,
      Permission.WORKFORCE_PERSON_VIEW,
      Permission.WORKFORCE_PERSON_EDIT,
      Permission.WORKFORCE_ATTENDANCE_VIEW,
      Permission.WORKFORCE_ANALYTICS_VIEW,
      Permission.WORKFORCE_INSURANCE_VIEW,
    ],
    dataScope: 'DEPT',
  },
  {
    code: 'expert',
    name: '专家',
    description: '仅本人相关数据',
    permissions: [Permission.PROJECT_VIEW],
    dataScope: 'SELF',
  },
  {
    code: 'display',
    name: '大屏展示',
    description: '数据指挥中心大屏（只读）',
    permissions: [
      Permission.DASHBOARD_VIEW,
      Permission.PROJECT_VIEW,
      Permission.ENTERPRISE_VIEW,
      Permission.WORKFORCE_ATTENDANCE_VIEW,
      Permission.WORKFORCE_ANALYTICS_VIEW,
    ],
    dataScope: 'ALL',
  },
  {
    code: 'worker',
    name: '劳务人员',
    description: '手机定位打卡（本人）',
    permissions: [Permission.WORKFORCE_ATTENDANCE_CHECKIN],
    dataScope: 'SELF',
  },
  {
    code: 'device_gateway',
    name: '考勤设备网关',
    description: '服务账号：考勤设备批量上传考勤数据，无其他权限',
    permissions: [Permission.WORKFORCE_ATTENDANCE_INGEST],
    dataScope: 'SELF',
  },
];

interface UserSeed {
  username: string;
  displayName: string;
  departmentId: string;
  roles: string[];
  mustChangePassword?: boolean;
}

export const DEMO_USERS: UserSeed[] = [
  { username: 'admin', displayName: '系统管理员', departmentId: departmentId('信息中心'), roles: ['super_admin'] },
  { username: 'city_admin', displayName: '王建华', departmentId: departmentId('建管科'), roles: ['city_admin'] },
  {
    username: 'dy_inspector',
    displayName: '刘志明',
    departmentId: departmentId('大冶市住建局'),
    roles: ['district_inspector'],
  },
  { username: 'dy_station', displayName: '陈晓燕', departmentId: departmentId(DAYE_STATION), roles: [] },
  {
    username: 'ent_user',
    displayName: '李强',
    departmentId: enterpriseDepartmentId('91420202TA4J35AF9G'),
    roles: ['enterprise_user'],
  },
  { username: 'expert', displayName: '赵文博', departmentId: departmentId('专家组'), roles: ['expert'] },
  { username: 'display', displayName: '指挥中心大屏', departmentId: departmentId('信息中心'), roles: ['display'] },
  {
    username: 'worker',
    displayName: '劳务人员（演示）',
    departmentId: enterpriseDepartmentId('91420202TA4J35AF9G'),
    roles: ['worker'],
  },
  {
    username: 'device_gateway',
    displayName: '考勤设备网关',
    departmentId: departmentId('信息中心'),
    roles: ['device_gateway'],
  },
  {
    username: 'newcomer',
    displayName: '孙悦',
    departmentId: departmentId('阳新县住建局'),
    roles: ['district_inspector'],
    mustChangePassword: true,
  },
];

/** What `npm start` prints and the tests log in with: each demo user, its password and role name. */
export const DEMO_ACCOUNTS: readonly { username: string; password: string; role: string }[] = DEMO_USERS.map((u) => ({
  username: u.username,
  password: u.mustChangePassword ? NEWCOMER_PASSWORD : DEMO_PASSWORD,
  role:
    [
      ...u.roles.map((code) => DEMO_ROLES.find((r) => r.code === code)!.name),
      ...(u.mustChangePassword ? ['首次登录须修改密码'] : []),
    ].join('、') || '无角色（仅本人）',
}));

export async function seedIdentity(em: EntityManager, options: SeedOptions): Promise<void> {
  const now = new Date();
  const departments = demoDepartments();
  departments.forEach((d, index) => {
    em.create(Department, {
      id: d.id,
      name: d.name,
      kind: d.kind,
      parent: d.parentId ? em.getReference(Department, d.parentId) : null,
      districtCode: d.districtCode,
      enterpriseId: d.enterpriseId ?? null,
      sortOrder: index,
      status: EnableStatus.ACTIVE,
      createdAt: now,
      updatedAt: now,
    });
  });
  DEMO_ROLES.forEach((r, index) => {
    em.create(Role, {
      id: roleId(r.code),
      code: r.code,
      name: r.name,
      description: r.description,
      permissions: r.permissions,
      builtInPermissions: r.permissions,
      dataScope: r.dataScope,
      sortOrder: index,
      status: EnableStatus.ACTIVE,
      createdAt: now,
      updatedAt: now,
    });
  });
  for (const u of DEMO_USERS) {
    const user = em.create(User, {
      id: userId(u.username),
      username: u.username,
      displayName: u.displayName,
      department: em.getReference(Department, u.departmentId),
      status: EnableStatus.ACTIVE,
      passwordHash: await hashPassword(u.mustChangePassword ? NEWCOMER_PASSWORD : DEMO_PASSWORD),
      failedLoginCount: 0,
      lockedUntil: null,
      mustChangePassword: u.mustChangePassword ?? false,
      passwordChangedAt: now,
      lastLoginAt: null,
      lastLoginIp: null,
      phoneCipher: null,
      phoneIndex: null,
      idCardCipher: null,
      idCardIndex: null,
      createdAt: now,
      updatedAt: now,
    });
    user.roles.set(u.roles.map((code) => em.getReference(Role, roleId(code))));
  }
  await em.flush();
  await ensureBuiltInDictionaries(em);
  options.logger.info(
    { departments: departments.length, roles: DEMO_ROLES.length, users: DEMO_USERS.length, scale: options.scale },
    'identity demo data loaded',
  );
}
