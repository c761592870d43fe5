import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import { permits } from '@/auth/permissions';
import { tokens } from '@/auth/tokens';
import { useAuthStore } from '@/stores/auth';
import { adminPages, layoutRoute, notFoundRoute, staticRoutes } from './routes';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: staticRoutes,
  scrollBehavior: () => ({ top: 0 }),
});

const PAGE_TITLE = '黄石市建筑业一体化监管平台';
let removers: (() => void)[] = [];

export const isMobilePath = (path: string) => path === '/m' || path.startsWith('/m/');
export const loginPathFor = (path: string) => (isMobilePath(path) ? '/m/login' : '/login');

/** Adds the layout with the pages the caller may open, and the catch-all "not found" page. */
function installRoutes(permissions: readonly string[]): void {
  removeRoutes();
  const layout: RouteRecordRaw = {
    ...layoutRoute,
    // "Not found" inside the layout, so the menu stays at hand.
    children: [...adminPages.filter((page) => permits(permissions, page.meta?.permission)), notFoundRoute],
  };
  removers.push(router.addRoute(layout));
}

/** Logout: the pages go with the person. */
export function removeRoutes(): void {
  removers.forEach((remove) => remove());
  removers = [];
}

export const routesInstalled = () => removers.length > 0;

router.beforeEach(async (to: RouteLocationNormalized) => {
  const auth = useAuthStore();
  if (to.meta.public) {
    if (tokens.has() && auth.me && !auth.me.mustChangePassword) return isMobilePath(to.path) ? '/m/home' : '/home';
    return true;
  }
  if (!tokens.has()) {
    return {
      path: loginPathFor(to.path),
      query: to.fullPath !== '/' && to.fullPath !== '/home' ? { redirect: to.fullPath } : {},
    };
  }
  if (!auth.me) {
    try {
      await auth.fetchMe();
    } catch {
      auth.clearLocal();
      return { path: loginPathFor(to.path), query: { redirect: to.fullPath } };
    }
  }
  if (auth.me!.mustChangePassword) {
    return to.name === 'ChangePassword' ? true : { name: 'ChangePassword', query: { redirect: to.fullPath } };
  }
  if (!routesInstalled()) {
    installRoutes(auth.permissions);
    // The path may belong to a page that exists only now: resolve it again.
    return { path: to.path, query: to.query, hash: to.hash, replace: true };
  }
  if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'Forbidden' };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${PAGE_TITLE}` : PAGE_TITLE;
});
