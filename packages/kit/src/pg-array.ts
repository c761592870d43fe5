/**
 * A JS array as one PostgreSQL array literal ('{"a","b",NULL}'), for `?::type[]` parameters:
 * MikroORM expands array parameters into lists, so arrays go over as a single text value and the
 * cast in the SQL gives them their element type. Dates become ISO strings, null stays NULL.
 */
export function pgArray(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const text = v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** Array parameters turned into literals (see pgArray); everything else passed as is. */
export const pgParams = (params: readonly unknown[]): unknown[] =>
  params.map((p) => (Array.isArray(p) ? pgArray(p) : p));
