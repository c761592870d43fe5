import { gql } from '@apollo/client/core';
import { ref, watch, type Ref } from 'vue';
import { apolloClient } from '@/api/client';
import type { AttendanceRecord } from '@/graphql/workforce';

/**
 * An attendance record carries only the person and project ids (the API has no name fields on it).
 * The names of one page's distinct ids are fetched in a single aliased request and remembered.
 */
export function useRecordNames(rows: Ref<AttendanceRecord[]>) {
  const people = ref<Record<string, string>>({});
  const projects = ref<Record<string, string>>({});

  watch(
    rows,
    async (list) => {
      const personIds = [...new Set(list.map((r) => r.personId).filter((id): id is string => !!id))].filter(
        (id) => !(id in people.value),
      );
      const projectIds = [...new Set(list.map((r) => r.projectId).filter((id): id is string => !!id))].filter(
        (id) => !(id in projects.value),
      );
      if (personIds.length === 0 && projectIds.length === 0) return;
      const fields = [
        ...personIds.map((_, i) => `p${i}: workforcePerson(id: $p${i}) { id name }`),
        ...projectIds.map((_, i) => `j${i}: project(id: $j${i}) { id name }`),
      ];
      const params = [...personIds.map((_, i) => `$p${i}: ID!`), ...projectIds.map((_, i) => `$j${i}: ID!`)];
      const variables: Record<string, string> = {};
      personIds.forEach((id, i) => (variables[`p${i}`] = id));
      projectIds.forEach((id, i) => (variables[`j${i}`] = id));
      try {
        const { data } = await apolloClient.query<Record<string, { id: string; name: string } | null>>({
          query: gql(`query AttendanceNames(${params.join(', ')}) { ${fields.join('\n')} }`),
          variables,
          errorPolicy: 'all',
          fetchPolicy: 'network-only',
        });
        const nextPeople = { ...people.value };
        const nextProjects = { ...projects.value };
        personIds.forEach((id, i) => (nextPeople[id] = data?.[`p${i}`]?.name ?? id));
        projectIds.forEach((id, i) => (nextProjects[id] = data?.[`j${i}`]?.name ?? id));
        people.value = nextPeople;
        projects.value = nextProjects;
      } catch {
        // Ids stay shown; the list itself is unaffected.
      }
    },
    { immediate: true },
  );

  return {
    personName: (id: string | null) => (id ? (people.value[id] ?? '…') : '未识别'),
    projectName: (id: string | null) => (id ? (projects.value[id] ?? '…') : '—'),
  };
}
