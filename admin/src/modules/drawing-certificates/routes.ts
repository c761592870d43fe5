import type { RouteRecordRaw } from 'vue-router';
import { P } from '@/auth/permissions';

/** 1.1 施工图联合审查合格书: merged into the admin pages by router/routes.ts. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/projects/drawing-certificates',
    name: 'DrawingCertificates',
    component: () => import('./CertificateList.vue'),
    meta: {
      title: '施工图审查合格书',
      permission: P.PROJECT_CERTIFICATE_VIEW,
      keepAlive: true,
      componentName: 'DrawingCertificateList',
    },
  },
];
