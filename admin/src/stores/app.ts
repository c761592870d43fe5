import { defineStore } from 'pinia';
import { ref } from 'vue';

const COLLAPSED = 'hs.admin.sidebarCollapsed';

export const useAppStore = defineStore('app', () => {
  const collapsed = ref(localStorage.getItem(COLLAPSED) === '1');
  function toggleSidebar(): void {
    collapsed.value = !collapsed.value;
    localStorage.setItem(COLLAPSED, collapsed.value ? '1' : '0');
  }
  return { collapsed, toggleSidebar };
});
