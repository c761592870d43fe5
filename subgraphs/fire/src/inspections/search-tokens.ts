/**
 * Tokens for the substring index (pure): NFKC, lower case, whitespace removed; every code point
 * (so a one-character filter is indexed too) and every adjacent pair.
 */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function searchTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  const chars = Array.from(normaliseForSearch(text));
  const out = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** What a query needs to find: its one character, or all of its bigrams. */
export function queryTokens(query: string): string[] {
  const chars = Array.from(normaliseForSearch(query));
  if (chars.length <= 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** The text fields of 1.3.8 that the token index covers, with their columns. */
export const SEARCH_FIELDS = {
  projectName: 'project_name',
  builderUnit: 'builder_unit',
  designUnit: 'design_unit',
  generalContractorUnit: 'general_contractor_unit',
  fireContractorUnit: 'fire_contractor_unit',
  supervisorUnit: 'supervisor_unit',
  fireTestingUnit: 'fire_testing_unit',
  leaderName: 'leader_name',
  address: 'address',
} as const;
export type SearchField = keyof typeof SEARCH_FIELDS;
