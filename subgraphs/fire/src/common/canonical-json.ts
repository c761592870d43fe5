/**
 * Canonical JSON (the RFC 8785 idea, restricted to what we store): object keys sorted by code
 * unit, no whitespace, `undefined` members dropped, numbers as JavaScript prints them (we only
 * hash integers and short decimals). What is hashed and signed is always this text, so the same
 * content gives the same SM3 digest on any machine and after a jsonb round trip (jsonb reorders
 * keys, which is why the order must not matter).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      throw new Error(`canonicalJson: unsupported ${typeof value}`);
    }
    return JSON.stringify(value ?? null);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
