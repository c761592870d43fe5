import type { RouteRecordRaw } from 'vue-router';
import { P } from '@/auth/permissions';

declare module 'vue-router' {
  interface RouteMeta {
    /** Tab and breadcrumb title. */
    title?: string;
    /** Needed to open the page (any one of them). */
    permission?: string | string[];
    /** No login needed (login pages). */
    public?: boolean;
    /** The tab cannot be closed. */
    affix?: boolean;
    /** Keep the page alive while its tab is open (component name in componentName). */
    keepAlive?: boolean;
    componentName?: string;
    /** Menu entry to highlight for pages that are not in the menu (detail, edit). */
    activeMenu?: string;
    /** Phone layout. */
    mobile?: boolean;
    /** Not shown as a tab. */
    noTab?: boolean;
  }
}

/** Public and always-present routes; the admin pages are added after login (see guard.ts). */
export const staticRoutes: RouteRecordRaw[] = [
  { path: '/', redirect: '/home' },
  {
    path: '/login',
    name: 'Login',
    component: () => import('@/views/login/LoginPage.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/change-password',
    name: 'ChangePassword',
    component: () => import('@/views/login/ChangePasswordPage.vue'),
    meta: { title: '修改初始密码', noTab: true },
  },
  {
    path: '/m',
    redirect: '/m/home',
  },
  {
    path: '/m/login',
    name: 'MobileLogin',
    component: () => import('@/views/mobile/MobileLogin.vue'),
    meta: { title: '登录', public: true, mobile: true },
  },
  {
    path: '/m/home',
    name: 'MobileHome',
    component: () => import('@/views/mobile/MobileHome.vue'),
    meta: { title: '工作台', mobile: true, noTab: true },
  },
  {
    path: '/m/fire',
    name: 'MobileFireList',
    component: () => import('@/views/mobile/fire/MobileFireList.vue'),
    meta: { title: '现场检查', mobile: true, noTab: true, permission: P.FIRE_RESULT_RECORD },
  },
  {
    path: '/m/fire/:id',
    name: 'MobileFireInspection',
    component: () => import('@/views/mobile/fire/MobileFireInspection.vue'),
    meta: { title: '现场检查', mobile: true, noTab: true, permission: P.FIRE_RESULT_RECORD },
  },
  {
    path: '/m/fire/:id/items/:code',
    name: 'MobileFireItem',
    component: () => import('@/views/mobile/fire/MobileFireItem.vue'),
    meta: { title: '检查项目', mobile: true, noTab: true, permission: P.FIRE_RESULT_RECORD },
  },
  {
    path: '/m/attendance',
    name: 'MobileAttendance',
    component: () => import('@/views/mobile/attendance/MobileAttendance.vue'),
    meta: { title: '考勤打卡', mobile: true, noTab: true, permission: P.WORKFORCE_ATTENDANCE_CHECKIN },
  },
  {
    path: '/403',
    name: 'Forbidden',
    component: () => import('@/views/error/ForbiddenPage.vue'),
    meta: { title: '无权访问', noTab: true },
  },
];

/** The layout with the admin pages; each page is added only when the caller may open it. */
export const layoutRoute: RouteRecordRaw = {
  path: '/',
  name: 'Layout',
  component: () => import('@/layout/AdminLayout.vue'),
  children: [],
};

/** Feature modules (DESIGN.md: admin/src/modules/<feature>/) bring their own routes. */
const moduleRoutes = Object.values(
  import.meta.glob<{ routes: RouteRecordRaw[] }>('../modules/*/routes.ts', { eager: true }),
).flatMap((module) => module.routes);

export const adminPages: RouteRecordRaw[] = [
  ...moduleRoutes,
  {
    path: '/home',
    name: 'Home',
    component: () => import('@/views/home/HomePage.vue'),
    meta: { title: '首页', affix: true, keepAlive: true, componentName: 'HomePage' },
  },
  {
    path: '/profile',
    name: 'Profile',
    component: () => import('@/views/home/ProfilePage.vue'),
    meta: { title: '个人中心' },
  },
  {
    path: '/projects',
    name: 'Projects',
    component: () => import('@/views/projects/ProjectList.vue'),
    meta: { title: '工程项目', permission: P.PROJECT_VIEW, keepAlive: true, componentName: 'ProjectList' },
  },
  {
    path: '/projects/create',
    name: 'ProjectCreate',
    component: () => import('@/views/projects/ProjectForm.vue'),
    meta: { title: '新增工程项目', permission: P.PROJECT_EDIT, activeMenu: '/projects' },
  },
  {
    path: '/projects/:id',
    name: 'ProjectDetail',
    component: () => import('@/views/projects/ProjectDetail.vue'),
    meta: { title: '项目详情', permission: P.PROJECT_VIEW, activeMenu: '/projects' },
  },
  {
    path: '/projects/:id/edit',
    name: 'ProjectEdit',
    component: () => import('@/views/projects/ProjectForm.vue'),
    meta: { title: '编辑工程项目', permission: P.PROJECT_EDIT, activeMenu: '/projects' },
  },
  {
    path: '/enterprises',
    name: 'Enterprises',
    component: () => import('@/views/enterprises/EnterpriseList.vue'),
    meta: { title: '企业信息', permission: P.ENTERPRISE_VIEW, keepAlive: true, componentName: 'EnterpriseList' },
  },
  {
    path: '/enterprises/create',
    name: 'EnterpriseCreate',
    component: () => import('@/views/enterprises/EnterpriseForm.vue'),
    meta: { title: '新增企业', permission: P.ENTERPRISE_EDIT, activeMenu: '/enterprises' },
  },
  {
    path: '/enterprises/:id',
    name: 'EnterpriseDetail',
    component: () => import('@/views/enterprises/EnterpriseDetail.vue'),
    meta: { title: '企业详情', permission: P.ENTERPRISE_VIEW, activeMenu: '/enterprises' },
  },
  {
    path: '/enterprises/:id/edit',
    name: 'EnterpriseEdit',
    component: () => import('@/views/enterprises/EnterpriseForm.vue'),
    meta: { title: '编辑企业', permission: P.ENTERPRISE_EDIT, activeMenu: '/enterprises' },
  },
  {
    path: '/fire/inspections',
    name: 'FireInspections',
    component: () => import('@/views/fire/FireInspectionList.vue'),
    meta: {
      title: '抽查项目',
      permission: P.FIRE_INSPECTION_VIEW,
      keepAlive: true,
      componentName: 'FireInspectionList',
    },
  },
  {
    path: '/fire/inspections/create',
    name: 'FireInspectionCreate',
    component: () => import('@/views/fire/FireInspectionForm.vue'),
    meta: { title: '新增抽查项目', permission: P.FIRE_INSPECTION_EDIT, activeMenu: '/fire/inspections' },
  },
  {
    path: '/fire/inspections/:id',
    name: 'FireInspectionDetail',
    component: () => import('@/views/fire/FireInspectionDetail.vue'),
    meta: { title: '抽查详情', permission: P.FIRE_INSPECTION_VIEW, activeMenu: '/fire/inspections' },
  },
  {
    path: '/fire/inspections/:id/edit',
    name: 'FireInspectionEdit',
    component: () => import('@/views/fire/FireInspectionForm.vue'),
    meta: { title: '编辑抽查项目', permission: P.FIRE_INSPECTION_EDIT, activeMenu: '/fire/inspections' },
  },
  {
    path: '/fire/catalogue',
    name: 'FireCatalogue',
    component: () => import('@/views/fire/FireCatalogue.vue'),
    meta: {
      title: '抽查库',
      permission: [P.FIRE_INSPECTION_VIEW, P.FIRE_CATALOGUE_EDIT],
      keepAlive: true,
      componentName: 'FireCatalogue',
    },
  },
  {
    path: '/fire/analytics',
    name: 'FireAnalytics',
    component: () => import('@/views/fire/FireAnalytics.vue'),
    meta: { title: '数据分析', permission: P.FIRE_ANALYTICS_VIEW, keepAlive: true, componentName: 'FireAnalytics' },
  },
  {
    path: '/workforce/people',
    name: 'WorkforcePeople',
    component: () => import('@/views/workforce/PersonList.vue'),
    meta: { title: '人员管理', permission: P.WORKFORCE_PERSON_VIEW, keepAlive: true, componentName: 'PersonList' },
  },
  {
    path: '/workforce/people/create',
    name: 'WorkforcePersonCreate',
    component: () => import('@/views/workforce/PersonForm.vue'),
    meta: { title: '登记人员', permission: P.WORKFORCE_PERSON_EDIT, activeMenu: '/workforce/people' },
  },
  {
    path: '/workforce/people/:id',
    name: 'WorkforcePersonDetail',
    component: () => import('@/views/workforce/PersonDetail.vue'),
    meta: { title: '人员详情', permission: P.WORKFORCE_PERSON_VIEW, activeMenu: '/workforce/people' },
  },
  {
    path: '/workforce/people/:id/edit',
    name: 'WorkforcePersonEdit',
    component: () => import('@/views/workforce/PersonForm.vue'),
    meta: { title: '编辑人员', permission: P.WORKFORCE_PERSON_EDIT, activeMenu: '/workforce/people' },
  },
  {
    path: '/workforce/attendance',
    name: 'WorkforceAttendance',
    component: () => import('@/views/workforce/AttendanceList.vue'),
    meta: {
      title: '考勤记录',
      permission: P.WORKFORCE_ATTENDANCE_VIEW,
      keepAlive: true,
      componentName: 'AttendanceList',
    },
  },
  {
    path: '/workforce/sites',
    name: 'WorkforceSites',
    component: () => import('@/views/workforce/SiteList.vue'),
    meta: {
      title: '考勤围栏与设备',
      permission: [P.WORKFORCE_SITE_EDIT, P.WORKFORCE_ATTENDANCE_VIEW],
      keepAlive: true,
      componentName: 'SiteList',
    },
  },
  {
    path: '/workforce/analytics',
    name: 'WorkforceAnalytics',
    component: () => import('@/views/workforce/WorkforceAnalytics.vue'),
    meta: {
      title: '考勤分析',
      permission: P.WORKFORCE_ANALYTICS_VIEW,
      keepAlive: true,
      componentName: 'WorkforceAnalytics',
    },
  },
  {
    path: '/system/users',
    name: 'SystemUsers',
    component: () => import('@/views/system/UserList.vue'),
    meta: { title: '用户管理', permission: P.USER_VIEW, keepAlive: true, componentName: 'UserList' },
  },
  {
    path: '/system/depts',
    name: 'SystemDepts',
    component: () => import('@/views/system/DeptList.vue'),
    meta: { title: '部门管理', permission: P.DEPT_VIEW, keepAlive: true, componentName: 'DeptList' },
  },
  {
    path: '/system/roles',
    name: 'SystemRoles',
    component: () => import('@/views/system/RoleList.vue'),
    meta: { title: '角色管理', permission: P.ROLE_VIEW, keepAlive: true, componentName: 'RoleList' },
  },
  {
    path: '/system/dicts',
    name: 'SystemDicts',
    component: () => import('@/views/system/DictList.vue'),
    meta: { title: '字典管理', permission: P.DICT_VIEW, keepAlive: true, componentName: 'DictList' },
  },
  {
    path: '/system/online',
    name: 'SystemOnline',
    component: () => import('@/views/system/OnlineSessions.vue'),
    meta: { title: '在线用户', permission: P.SESSION_MANAGE, keepAlive: true, componentName: 'OnlineSessions' },
  },
  {
    path: '/system/login-logs',
    name: 'SystemLoginLogs',
    component: () => import('@/views/system/LoginLogList.vue'),
    meta: { title: '登录日志', permission: P.LOG_VIEW, keepAlive: true, componentName: 'LoginLogList' },
  },
  {
    path: '/system/audit-logs',
    name: 'SystemAuditLogs',
    component: () => import('@/views/system/AuditLogList.vue'),
    meta: { title: '操作日志', permission: P.LOG_VIEW, keepAlive: true, componentName: 'AuditLogList' },
  },
];

export const notFoundRoute: RouteRecordRaw = {
  path: '/:pathMatch(.*)*',
  name: 'NotFound',
  component: () => import('@/views/error/NotFoundPage.vue'),
  meta: { title: '页面不存在', noTab: true },
};
