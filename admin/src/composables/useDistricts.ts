import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import type { District } from '@/api/types';
import { DISTRICT_BOUNDARIES, DISTRICTS } from '@/graphql/projects';
import { useAuthStore } from '@/stores/auth';

export const CITY_CODE = '420200';

/**
 * The six districts of Huangshi (and the city itself), from the graph.
 *  - `districts`: the ones the caller oversees, for district filters and per-district charts: all six
 *    for city-wide staff (and for enterprise or personal accounts, whose projects may lie anywhere),
 *    only their own for a district's staff (scope from the token; the server filters the data anyway);
 *  - `everyDistrict`: all six, for maps and for forms that place something anywhere in the city;
 *  - `scopeName`: what "everything I may see" is called where 全市 would be written: 全市, the
 *    district's name (大冶市; empty until the names arrive), or 全部 for an enterprise's or a person's own data.
 */
export function useDistricts(options: { boundaries?: boolean } = {}) {
  const auth = useAuthStore();
  const { result, loading, error } = useQuery<{ districts: District[] }>(
    options.boundaries ? DISTRICT_BOUNDARIES : DISTRICTS,
    {},
    { fetchPolicy: 'cache-first' },
  );
  const all = computed(() => result.value?.districts ?? []);
  const everyDistrict = computed(() => all.value.filter((d) => d.code !== CITY_CODE));
  /** The district codes the caller oversees; null for the whole city or for no district at all. */
  const overseen = computed<string[] | null>(() => {
    const scope = auth.scope;
    if (!scope || scope.kind === 'ALL' || scope.districtCodes.includes(CITY_CODE)) return null;
    return scope.districtCodes.length ? scope.districtCodes : null;
  });
  const districts = computed(() =>
    overseen.value ? everyDistrict.value.filter((d) => overseen.value!.includes(d.code)) : everyDistrict.value,
  );
  const city = computed(() => all.value.find((d) => d.code === CITY_CODE) ?? null);
  const nameOf = (code: string | null | undefined) => all.value.find((d) => d.code === code)?.name ?? code ?? '';
  const scopeName = computed(() => {
    // Empty until the names arrive: a district's code is no name for people.
    if (overseen.value) return districts.value.map((d) => d.name).join('、');
    const scope = auth.scope;
    return !scope || scope.kind === 'ALL' || scope.districtCodes.includes(CITY_CODE) ? '全市' : '全部';
  });
  /** Heading of a per-district chart: 各区县 for several, the district's name for one. */
  const districtsHeading = computed(() => (districts.value.length === 1 ? districts.value[0].name : '各区县'));
  return { all, districts, everyDistrict, overseen, city, nameOf, scopeName, districtsHeading, loading, error };
}
