import type { RouteRecordRaw } from 'vue-router';
import { P } from '@/auth/permissions';
import { EXCHANGE_PATH, OUTBOX_PATH, REJECTED_PATH } from './paths';

/** 数据交换 (issue #12): merged into the admin pages by router/routes.ts. */
export const routes: RouteRecordRaw[] = [
  {
    path: EXCHANGE_PATH,
    name: 'Exchange',
    component: () => import('./ExchangePage.vue'),
    props: { prefix: 'projects' },
    meta: { title: '数据交换', permission: P.EXCHANGE_VIEW, keepAlive: true, componentName: 'ExchangePage' },
  },
  {
    path: REJECTED_PATH,
    name: 'ExchangeRejected',
    component: () => import('./RejectedList.vue'),
    props: { prefix: 'projects' },
    meta: {
      title: '被拒记录',
      permission: P.EXCHANGE_VIEW,
      activeMenu: EXCHANGE_PATH,
      keepAlive: true,
      componentName: 'ExchangeRejectedList',
    },
  },
  {
    path: OUTBOX_PATH,
    name: 'ExchangeOutbox',
    component: () => import('./OutboxList.vue'),
    props: { prefix: 'projects' },
    meta: {
      title: '推送发件箱',
      permission: P.EXCHANGE_VIEW,
      activeMenu: EXCHANGE_PATH,
      keepAlive: true,
      componentName: 'ExchangeOutboxList',
    },
  },
];
