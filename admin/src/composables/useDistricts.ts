import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import type { District } from '@/api/types';
import { DISTRICT_BOUNDARIES, DISTRICTS } from '@/graphql/projects';

export const CITY_CODE = '420200';

/** The six districts of Huangshi (and the city itself), from the graph. */
export function useDistricts(options: { boundaries?: boolean } = {}) {
  const { result, loading, error } = useQuery<{ districts: District[] }>(
    options.boundaries ? DISTRICT_BOUNDARIES : DISTRICTS,
    {},
    { fetchPolicy: 'cache-first' },
  );
  const all = computed(() => result.value?.districts ?? []);
  const districts = computed(() => all.value.filter((d) => d.code !== CITY_CODE));
  const city = computed(() => all.value.find((d) => d.code === CITY_CODE) ?? null);
  const nameOf = (code: string | null | undefined) => all.value.find((d) => d.code === code)?.name ?? code ?? '';
  return { all, districts, city, nameOf, loading, error };
}
