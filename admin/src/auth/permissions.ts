/** Permission codes the admin checks (the full list lives in packages/kit/src/permissions.ts). */
export const P = {
  ALL: '*',
  USER_VIEW: 'system:user:view',
  USER_EDIT: 'system:user:edit',
  USER_SENSITIVE: 'system:user:sensitive',
  DEPT_VIEW: 'system:dept:view',
  DEPT_EDIT: 'system:dept:edit',
  ROLE_VIEW: 'system:role:view',
  ROLE_EDIT: 'system:role:edit',
  LOG_VIEW: 'system:log:view',
  SESSION_MANAGE: 'system:session:manage',
  DICT_VIEW: 'system:dict:view',
  DICT_EDIT: 'system:dict:edit',
  PROJECT_VIEW: 'project:view',
  PROJECT_EDIT: 'project:edit',
  PROJECT_CERTIFICATE_VIEW: 'project:certificate:view',
  PROJECT_CERTIFICATE_EDIT: 'project:certificate:edit',
  ENTERPRISE_VIEW: 'enterprise:view',
  ENTERPRISE_EDIT: 'enterprise:edit',
  DASHBOARD_VIEW: 'dashboard:view',
  FIRE_INSPECTION_VIEW: 'fire:inspection:view',
  FIRE_INSPECTION_EDIT: 'fire:inspection:edit',
  FIRE_INSPECTION_SENSITIVE: 'fire:inspection:sensitive',
  FIRE_CATALOGUE_EDIT: 'fire:catalogue:edit',
  FIRE_PLAN_SIGN: 'fire:plan:sign',
  FIRE_RESULT_RECORD: 'fire:result:record',
  FIRE_ANALYTICS_VIEW: 'fire:analytics:view',
  WORKFORCE_PERSON_VIEW: 'workforce:person:view',
  WORKFORCE_PERSON_EDIT: 'workforce:person:edit',
  WORKFORCE_PERSON_SENSITIVE: 'workforce:person:sensitive',
  WORKFORCE_SITE_EDIT: 'workforce:site:edit',
  WORKFORCE_ATTENDANCE_VIEW: 'workforce:attendance:view',
  WORKFORCE_ATTENDANCE_CHECKIN: 'workforce:attendance:checkin',
  WORKFORCE_ANALYTICS_VIEW: 'workforce:analytics:view',
  WORKFORCE_INSURANCE_VIEW: 'workforce:insurance:view',
  SUPERVISION_VIEW: 'supervision:view',
  SUPERVISION_MANAGE: 'supervision:manage',
  EXCHANGE_VIEW: 'exchange:view',
  EXCHANGE_MANAGE: 'exchange:manage',
} as const;

/** `*` passes every check; a list passes when any one of its codes is held. */
export function permits(held: readonly string[], wanted: string | readonly string[] | undefined | null): boolean {
  if (!wanted || (Array.isArray(wanted) && wanted.length === 0)) return true;
  if (held.includes('*')) return true;
  const list = typeof wanted === 'string' ? [wanted] : wanted;
  return list.some((code) => held.includes(code));
}
