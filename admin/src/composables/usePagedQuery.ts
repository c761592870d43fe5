import type { DocumentNode } from 'graphql';
import { useQuery } from '@vue/apollo-composable';
import { computed, reactive, ref, toRaw, watch } from 'vue';
import { errorMessage } from '@/api/errors';
import type { Page } from '@/api/types';

/** Drops empty strings, nulls and empty arrays, so "no filter" is sent as nothing. */
export function cleanFilter<T extends object>(filter: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === '' || value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out as Partial<T>;
}

/**
 * A list page: filters people edit, applied when they press 搜索 (or change page), paging,
 * and the query through @vue/apollo-composable. `toFilter` turns the form into the API filter.
 */
export function usePagedQuery<Row, Form extends object, Filter extends object = Form>(options: {
  query: DocumentNode;
  field: string;
  initial: Form;
  toFilter?: (form: Form) => Filter;
  pageSize?: number;
  enabled?: () => boolean;
}) {
  const initial = structuredClone(toRaw(options.initial));
  const form = reactive(structuredClone(initial)) as Form;
  const applied = ref(structuredClone(initial)) as { value: Form };
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 20);
  const toFilter = options.toFilter ?? ((f: Form) => f as unknown as Filter);

  const variables = computed(() => ({
    filter: cleanFilter(toFilter(applied.value) as object),
    page: { page: page.value, pageSize: pageSize.value },
  }));

  const { result, loading, error, refetch } = useQuery<Record<string, Page<Row>>>(options.query, variables, () => ({
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
    enabled: options.enabled ? options.enabled() : true,
  }));

  const rows = computed<Row[]>(() => result.value?.[options.field]?.items ?? []);
  const total = computed(() => result.value?.[options.field]?.total ?? 0);
  const errorText = computed(() => (error.value ? errorMessage(error.value, '数据加载失败') : null));

  function search(): void {
    applied.value = structuredClone(toRaw(form)) as Form;
    page.value = 1;
  }

  function reset(): void {
    Object.assign(form, structuredClone(initial));
    search();
  }

  function reload(): Promise<unknown> | undefined {
    return refetch();
  }

  watch(pageSize, () => {
    page.value = 1;
  });

  return { form, applied, page, pageSize, rows, total, loading, error, errorText, search, reset, reload, variables };
}
