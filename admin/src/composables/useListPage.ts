import { useQuery } from '@vue/apollo-composable';
import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, onActivated, reactive, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { apolloClient } from '@/api/client';
import { errorCode, errorMessage } from '@/api/errors';
import type { Page } from '@/api/types';
import {
  filterOf,
  initialForm,
  keysOf,
  queryFromState,
  sameQuery,
  stateFromQuery,
  type ListState,
} from '@/components/list/query-state';
import { loadSettings, saveSettings, settingsKey, type ListSettings } from '@/components/list/settings';
import type {
  BatchAction,
  DownloadLink,
  FilterForm,
  ListColumn,
  ListDelete,
  ListExport,
  ListFilter,
  ListImport,
  Operation,
  Sort,
} from '@/components/list/types';
import { useAuthStore } from '@/stores/auth';
import { openDownload } from '@/utils/download';

export interface ListPageOptions<Row> {
  /** Names the list's column settings in the browser (with the user's id). */
  key: string;
  /** The list query; its field answers a page ({ items total }), or an array when `paged` is false. */
  query: Operation;
  filters?: ListFilter[];
  columns: ListColumn<Row>[];
  rowKey?: string;
  paged?: boolean;
  /** The query's arguments from the filter, when they are not `filter: <Name>Filter`. */
  variables?: (filter: Record<string, string | boolean>) => Record<string, unknown>;
  /**
   * An unpaged list the server sends whole and the page filters (the department tree, which keeps a
   * matching node's ancestors). Its export still sends the filter: the server applies it to the file.
   */
  clientFilter?: (rows: Row[], form: FilterForm) => Row[];
  exports?: ListExport[];
  import?: ListImport;
  remove?: ListDelete<Row>;
  batch?: BatchAction<Row>[];
  /** 序号 column. */
  index?: boolean;
}

/** Filter values are strings and Booleans: a shallow copy is a copy (and works on reactive proxies). */
const copy = (form: FilterForm): FilterForm => ({ ...form });

/** The rows of an unpaged list, a tree's nodes at every level included. */
const countOf = (rows: readonly object[]): number =>
  rows.reduce<number>((n, row) => n + 1 + countOf((row as { children?: object[] }).children ?? []), 0);

/** A refusal the person must read (a referenced record, an export too large): a box, not a toast. */
function showRefusal(error: unknown, title: string, fallback: string): void {
  const code = errorCode(error);
  const message = errorMessage(error, fallback);
  if (code === 'IN_USE' || code === 'EXPORT_TOO_LARGE') {
    void ElMessageBox.alert(message, title, { type: 'warning', confirmButtonText: '知道了' }).catch(() => {});
  } else ElMessage.error(message);
}

async function confirmed(title: string, message: string, button: string, danger = false): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: button,
      cancelButtonText: '取消',
      confirmButtonClass: danger ? 'el-button--danger' : undefined,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * One list page (ADR 0013): filters applied on 搜索 and kept in the URL query with the page, page
 * size and sort; the query with server-side sort; selection; 列设置 and 密度 per user; export of
 * the filter or the selection through a download link; delete and batch actions with confirmation.
 * The page declares what it has; ListPage draws it.
 */
export function useListPage<Row extends object>(options: ListPageOptions<Row>) {
  const filters = options.filters ?? [];
  const rowKey = options.rowKey ?? 'id';
  const paged = options.paged ?? true;
  const sortFields = options.columns.flatMap((c) => (c.sortField ? [c.sortField] : []));
  const idOf = (row: Row) => String((row as Record<string, unknown>)[rowKey]);

  // ------------------------------------------------------------------ state ⇄ URL
  const route = useRoute();
  const router = useRouter();
  const ownPath = route.path;
  const state = ref<ListState>(stateFromQuery(filters, sortFields, route.query));
  const form = reactive<FilterForm>(copy(state.value.form));
  const hasValue = (filter: ListFilter, values: FilterForm) =>
    keysOf(filter).some((k) => values[k] !== '' && values[k] !== null);
  const advancedOpen = ref(filters.some((f) => f.advanced && hasValue(f, state.value.form)));

  function commit(next: ListState): void {
    state.value = next;
    const query = queryFromState(filters, next);
    if (!sameQuery(query, route.query)) void router.replace({ path: ownPath, query });
  }

  // A link to this list with other filters (the home page's figures, a bookmark, back/forward)
  // while the page is kept alive in its tab: the URL wins.
  watch(
    () => route.query,
    (query) => {
      if (route.path !== ownPath || sameQuery(query, queryFromState(filters, state.value))) return;
      state.value = stateFromQuery(filters, sortFields, query);
      Object.assign(form, copy(state.value.form));
      if (filters.some((f) => f.advanced && hasValue(f, state.value.form))) advancedOpen.value = true;
    },
  );

  const appliedFilter = computed(() => filterOf(state.value.form));
  const filterVariables = (filter: Record<string, string | boolean>) =>
    options.variables ? options.variables(filter) : Object.keys(filter).length ? { filter } : {};

  const variables = computed(() => {
    const { page, pageSize, sort } = state.value;
    return {
      ...(options.clientFilter ? {} : filterVariables(appliedFilter.value)),
      ...(paged ? { page: { page, pageSize } } : {}),
      ...(sort ? { sort } : {}),
    };
  });

  // ------------------------------------------------------------------ the query
  const { result, loading, error, refetch } = useQuery<Record<string, Page<Row> | Row[] | null>>(
    options.query.document,
    variables,
    { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true },
  );
  const answer = computed(() => result.value?.[options.query.field] ?? null);
  const rows = computed<Row[]>(() => {
    const value = answer.value;
    if (!value) return [];
    if (Array.isArray(value)) return options.clientFilter ? options.clientFilter(value, state.value.form) : value;
    return value.items;
  });
  const total = computed(() => {
    const value = answer.value;
    if (!value) return 0;
    return Array.isArray(value) ? countOf(rows.value) : value.total;
  });
  const errorText = computed(() => (error.value ? errorMessage(error.value, '数据加载失败') : null));

  const reload = () => refetch();

  // Kept alive in its tab: coming back shows what changed meanwhile (a record edited in its own page).
  let activatedOnce = false;
  onActivated(() => {
    if (activatedOnce) void reload();
    activatedOnce = true;
  });

  // ------------------------------------------------------------------ search, pages, sort
  function search(): void {
    commit({ ...state.value, form: copy(form), page: 1 });
  }

  function reset(): void {
    Object.assign(form, initialForm(filters));
    commit({ ...state.value, form: initialForm(filters), page: 1, sort: null });
  }

  const setPage = (page: number) => commit({ ...state.value, page });
  const setPageSize = (pageSize: number) => commit({ ...state.value, pageSize, page: 1 });
  function setSort(sort: Sort | null): void {
    const current = state.value.sort;
    if (current?.field === sort?.field && current?.direction === sort?.direction) return;
    commit({ ...state.value, sort, page: 1 });
  }

  // ------------------------------------------------------------------ selection
  const selected = shallowRef<Row[]>([]);
  const selectedIds = computed(() => selected.value.map(idOf));

  // ------------------------------------------------------------------ column settings, density
  const auth = useAuthStore();
  const storageKey = computed(() => settingsKey(auth.me?.id ?? 'anonymous', options.key));
  const settings = ref<ListSettings>(loadSettings(storageKey.value, options.columns));
  watch(storageKey, (key) => (settings.value = loadSettings(key, options.columns)));
  function updateSettings(next: ListSettings): void {
    settings.value = next;
    saveSettings(storageKey.value, next);
  }
  const columnsByKey = new Map(options.columns.map((c) => [c.key, c]));
  const visibleColumns = computed(() =>
    settings.value.columns.flatMap((s) => {
      const column = columnsByKey.get(s.key);
      return s.visible && column ? [column] : [];
    }),
  );

  // ------------------------------------------------------------------ export
  const exporting = shallowRef<ListExport | null>(null);
  async function exportRows(spec: ListExport, ids: string[] | null): Promise<void> {
    if (exporting.value) return;
    exporting.value = spec;
    try {
      const { data } = await apolloClient.mutate<Record<string, DownloadLink>>({
        mutation: spec.document,
        variables: {
          ...spec.variables,
          ...filterVariables(appliedFilter.value),
          ...(state.value.sort ? { sort: state.value.sort } : {}),
          ...(ids ? { ids } : {}),
        },
      });
      const link = data?.[spec.field];
      if (!link) throw new Error('导出失败');
      openDownload(link);
      ElMessage.success(`已导出 ${link.rowCount} 条记录：${link.fileName}`);
    } catch (e) {
      showRefusal(e, '无法导出', '导出失败');
    } finally {
      exporting.value = null;
    }
  }

  // ------------------------------------------------------------------ delete, batch actions
  const remove = options.remove;
  const canRemove = (row: Row) => !!remove && auth.can(remove.permission) && (remove.allowed?.(row) ?? true);
  const working = ref(false);

  async function removeRows(targets: Row[]): Promise<void> {
    if (!remove || targets.length === 0) return;
    const measure = remove.measure ?? '个';
    const what =
      targets.length === 1
        ? `${remove.noun}“${remove.nameOf(targets[0])}”`
        : `选中的 ${targets.length} ${measure}${remove.noun}`;
    if (!(await confirmed(`删除${remove.noun}`, `确定删除${what}吗？删除后不可恢复。`, '删除', true))) return;
    working.value = true;
    try {
      const { data } = await apolloClient.mutate<Record<string, { deleted: number }>>({
        mutation: remove.document,
        variables: { ids: targets.map(idOf) },
      });
      const deleted = data?.[remove.field]?.deleted ?? 0;
      ElMessage.success(`已删除 ${deleted} ${measure}${remove.noun}`);
      selected.value = [];
      // The last rows of a page gone: show the page before rather than an empty one.
      if (paged && deleted >= rows.value.length && state.value.page > 1) setPage(state.value.page - 1);
      else await reload();
    } catch (e) {
      showRefusal(e, '无法删除', '删除失败');
    } finally {
      working.value = false;
    }
  }

  async function runBatch(action: BatchAction<Row>): Promise<void> {
    const targets = selected.value;
    if (targets.length === 0) return;
    const { title, message, button } = action.confirm(targets.length);
    if (!(await confirmed(title, message, button, action.type === 'danger'))) return;
    working.value = true;
    try {
      ElMessage.success(await action.run(targets.map(idOf), targets));
      await reload();
    } catch (e) {
      showRefusal(e, `无法${action.label}`, '操作失败');
    } finally {
      working.value = false;
    }
  }

  return {
    options,
    filters,
    rowKey,
    paged,
    form,
    state,
    advancedOpen,
    rows,
    total,
    loading,
    error,
    errorText,
    search,
    reset,
    reload,
    setPage,
    setPageSize,
    setSort,
    selected,
    selectedIds,
    settings,
    updateSettings,
    visibleColumns,
    exporting,
    exportRows,
    canRemove,
    removeRows,
    runBatch,
    working,
  };
}

export type ListPageModel<Row extends object> = ReturnType<typeof useListPage<Row>>;
