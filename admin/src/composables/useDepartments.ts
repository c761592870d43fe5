import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import type { DepartmentNode } from '@/api/types';
import { P } from '@/auth/permissions';
import { DEPARTMENTS } from '@/graphql/system';
import { useAuthStore } from '@/stores/auth';

/** The department tree within the caller's data scope (needs system:dept:view). */
export function useDepartments() {
  const auth = useAuthStore();
  const enabled = computed(() => auth.can(P.DEPT_VIEW));
  const { result, loading, error, refetch } = useQuery<{ departments: DepartmentNode[] }>(DEPARTMENTS, {}, () => ({
    enabled: enabled.value,
    fetchPolicy: 'cache-and-network',
  }));
  // Deep copies: el-tree marks the nodes it is given, and Apollo's results are frozen.
  const tree = computed<DepartmentNode[]>(() => JSON.parse(JSON.stringify(result.value?.departments ?? [])));
  const flat = computed(() => {
    const out: DepartmentNode[] = [];
    const walk = (nodes: DepartmentNode[]) => nodes.forEach((n) => (out.push(n), walk(n.children ?? [])));
    walk(tree.value);
    return out;
  });
  const nameOf = (id: string | null | undefined) => flat.value.find((d) => d.id === id)?.name ?? '';
  return { tree, flat, nameOf, loading, error, refetch, enabled };
}
