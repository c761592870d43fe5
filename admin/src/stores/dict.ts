import { defineStore } from 'pinia';
import { ref } from 'vue';
import { apolloClient } from '@/api/client';
import type { DictItem } from '@/api/types';
import { DICT_ITEMS } from '@/graphql/system';

/** Labels when a dictionary cannot be loaded (values are the graph's enum values). */
const FALLBACK: Record<string, Record<string, string>> = {
  project_type: {
    HOUSING: '房屋建筑',
    MUNICIPAL: '市政基础设施',
    INDUSTRIAL: '工业建筑',
    TRANSPORT: '交通',
    WATER: '水利',
    OTHER: '其他',
  },
  project_status: { PLANNED: '未开工', UNDER_CONSTRUCTION: '在建', SUSPENDED: '停工', COMPLETED: '竣工' },
  unit_role: {
    BUILDER: '建设单位',
    GENERAL_CONTRACTOR: '施工总包单位',
    SUPERVISOR: '监理单位',
    SURVEYOR: '勘察单位',
    DESIGNER: '设计单位',
  },
  department_kind: {
    BUREAU: '市局',
    SECTION: '科室',
    DISTRICT_BUREAU: '区县住建局',
    ASSOCIATION: '协会',
    ENTERPRISE: '企业',
    EXPERTS: '专家',
  },
  enable_status: { ACTIVE: '启用', DISABLED: '停用' },
};

export interface DictOption {
  value: string;
  label: string;
  tagType: string | null;
}

/** 字典: items by dictionary code, loaded once per login (dropdowns use the enabled ones). */
export const useDictStore = defineStore('dict', () => {
  const items = ref<Record<string, DictItem[]>>({});
  const pending = new Map<string, Promise<void>>();

  async function load(codes: string[], force = false): Promise<void> {
    const wanted = codes.filter((c) => force || (!items.value[c] && !pending.has(c)));
    if (wanted.length > 0) {
      const job = apolloClient
        .query<{ dictItems: DictItem[] }>({
          query: DICT_ITEMS,
          variables: { typeCodes: wanted },
          fetchPolicy: 'network-only',
        })
        .then(({ data }) => {
          const next = { ...items.value };
          for (const code of wanted) next[code] = [];
          for (const item of data.dictItems) (next[item.typeCode] ??= []).push(item);
          items.value = next;
        })
        .catch(() => {
          // Labels fall back to the built-in ones; dropdowns stay usable.
        })
        .finally(() => wanted.forEach((c) => pending.delete(c)));
      wanted.forEach((c) => pending.set(c, job));
    }
    await Promise.all(codes.map((c) => pending.get(c)).filter(Boolean));
  }

  function options(code: string): DictOption[] {
    const list = items.value[code];
    if (list && list.length > 0) {
      return list
        .filter((i) => i.status === 'ACTIVE')
        .map((i) => ({ value: i.value, label: i.label, tagType: i.tagType }));
    }
    return Object.entries(FALLBACK[code] ?? {}).map(([value, label]) => ({ value, label, tagType: null }));
  }

  function label(code: string, value: string | null | undefined): string {
    if (value == null || value === '') return '';
    return items.value[code]?.find((i) => i.value === value)?.label ?? FALLBACK[code]?.[value] ?? value;
  }

  function tagType(code: string, value: string | null | undefined): string | undefined {
    const tag = items.value[code]?.find((i) => i.value === value)?.tagType;
    return tag || undefined;
  }

  function reset(): void {
    items.value = {};
  }

  return { items, load, options, label, tagType, reset };
});
