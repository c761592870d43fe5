import type { Directive } from 'vue';
import { useAuthStore } from '@/stores/auth';

/**
 * `v-permission="'project:edit'"` or `v-permission="['system:user:edit', '…']"`: the element is
 * removed from the page unless the caller holds one of the codes. Only a convenience for people:
 * every operation is checked again by the graph.
 */
export const vPermission: Directive<HTMLElement, string | string[]> = {
  mounted(el, binding) {
    if (!useAuthStore().can(binding.value)) el.remove();
  },
  updated(el, binding) {
    if (!useAuthStore().can(binding.value)) el.remove();
  },
};
