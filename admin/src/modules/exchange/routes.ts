import type { RouteRecordRaw } from 'vue-router';
import { P } from '@/auth/permissions';
import { EXCHANGE_PATH, EXCHANGE_SOURCES, exchangePath, outboxPath, rejectedPath } from './paths';

/** The route names of the first source stay as they were ('Exchange' …); the others carry their prefix. */
const named = (name: string, prefix: string) => (prefix === EXCHANGE_SOURCES[0].prefix ? name : `${name}-${prefix}`);

/** A page's title: the other sources' pages name their source, so two open tabs are told apart. */
const titled = (title: string, prefix: string, source: string) =>
  prefix === EXCHANGE_SOURCES[0].prefix ? title : `${title} · ${source}`;

/** 数据交换 (issue #12), one set of pages per source: merged into the admin pages by router/routes.ts. */
export const routes: RouteRecordRaw[] = EXCHANGE_SOURCES.flatMap(({ prefix, title: source }) => [
  {
    path: exchangePath(prefix),
    name: named('Exchange', prefix),
    component: () => import('./ExchangePage.vue'),
    props: { prefix },
    meta: {
      title: titled('数据交换', prefix, source),
      permission: P.EXCHANGE_VIEW,
      ...(exchangePath(prefix) === EXCHANGE_PATH ? {} : { activeMenu: EXCHANGE_PATH }),
      keepAlive: true,
      componentName: 'ExchangePage',
    },
  },
  {
    path: rejectedPath(prefix),
    name: named('ExchangeRejected', prefix),
    component: () => import('./RejectedList.vue'),
    props: { prefix },
    meta: {
      title: titled('被拒记录', prefix, source),
      permission: P.EXCHANGE_VIEW,
      activeMenu: EXCHANGE_PATH,
      keepAlive: true,
      componentName: 'ExchangeRejectedList',
    },
  },
  {
    path: outboxPath(prefix),
    name: named('ExchangeOutbox', prefix),
    component: () => import('./OutboxList.vue'),
    props: { prefix },
    meta: {
      title: titled('推送发件箱', prefix, source),
      permission: P.EXCHANGE_VIEW,
      activeMenu: EXCHANGE_PATH,
      keepAlive: true,
      componentName: 'ExchangeOutboxList',
    },
  },
]);
