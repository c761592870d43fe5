import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RouteLocationNormalizedLoaded } from 'vue-router';

export interface VisitedView {
  path: string;
  fullPath: string;
  name: string;
  title: string;
  affix: boolean;
  keepAlive: boolean;
}

/** 标签页 (tags view): the pages opened in this session, and which are kept alive. */
export const useTabsStore = defineStore('tabs', () => {
  const views = ref<VisitedView[]>([]);
  const refreshing = ref<string | null>(null);
  const cachedNames = computed(() => [...new Set(views.value.filter((v) => v.keepAlive && v.name).map((v) => v.name))]);

  function titleOf(route: Pick<RouteLocationNormalizedLoaded, 'meta'>): string {
    return route.meta.title ?? '未命名页面';
  }

  function add(route: Pick<RouteLocationNormalizedLoaded, 'path' | 'fullPath' | 'meta'>): void {
    if (!route.meta.title || route.meta.public || route.meta.noTab) return;
    const existing = views.value.find((v) => v.path === route.path);
    if (existing) {
      existing.fullPath = route.fullPath;
      existing.title = titleOf(route);
      return;
    }
    const view: VisitedView = {
      path: route.path,
      fullPath: route.fullPath,
      name: String(route.meta.componentName ?? ''),
      title: titleOf(route),
      affix: Boolean(route.meta.affix),
      keepAlive: Boolean(route.meta.keepAlive),
    };
    // Fixed tabs (首页) stay in front.
    if (view.affix) views.value.splice(views.value.filter((v) => v.affix).length, 0, view);
    else views.value.push(view);
  }

  function setTitle(path: string, title: string): void {
    const view = views.value.find((v) => v.path === path);
    if (view) view.title = title;
  }

  /** Closes one; returns the view to show next when it was the active one. */
  function close(path: string): VisitedView | null {
    const index = views.value.findIndex((v) => v.path === path);
    if (index < 0 || views.value[index].affix) return null;
    views.value.splice(index, 1);
    return views.value[index] ?? views.value[index - 1] ?? null;
  }

  function closeOthers(path: string): void {
    views.value = views.value.filter((v) => v.affix || v.path === path);
  }

  function closeLeft(path: string): void {
    const index = views.value.findIndex((v) => v.path === path);
    views.value = views.value.filter((v, i) => v.affix || i >= index);
  }

  function closeRight(path: string): void {
    const index = views.value.findIndex((v) => v.path === path);
    views.value = views.value.filter((v, i) => v.affix || i <= index);
  }

  function closeAll(): void {
    views.value = views.value.filter((v) => v.affix);
  }

  function reset(): void {
    views.value = [];
  }

  return { views, cachedNames, refreshing, add, setTitle, close, closeOthers, closeLeft, closeRight, closeAll, reset };
});
