/**
 * What is left of the old list composable (list pages use useListPage): the analytics pages'
 * filter cleaning, until they import it from elsewhere.
 */
export function cleanFilter<T extends object>(filter: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === '' || value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out as Partial<T>;
}
