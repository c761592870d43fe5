import type { RouteRecordRaw } from 'vue-router';
import { P } from '@/auth/permissions';
import { SUPERVISION_INSPECTIONS_PATH } from './paths';

/** 3.2.1 质量安全监督: merged into the admin pages by router/routes.ts. */
export const routes: RouteRecordRaw[] = [
  {
    path: SUPERVISION_INSPECTIONS_PATH,
    name: 'SupervisionInspections',
    component: () => import('./InspectionList.vue'),
    meta: {
      title: '质量安全监督',
      permission: P.SUPERVISION_VIEW,
      keepAlive: true,
      componentName: 'SupervisionInspectionList',
    },
  },
];
