/** Calendar-month windows for 4.2.2 (pure). Months are 'YYYY-MM'; days 'YYYY-MM-DD' (China dates). */

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The `n` months ending with the month of `asOf`, oldest first. */
export function lastMonths(asOf: string, n: number): string[] {
  const current = asOf.slice(0, 7);
  return Array.from({ length: n }, (_, i) => addMonths(current, i - (n - 1)));
}

/**
 * “近 N 月”: from the first day of the month N−1 months before asOf's month, to asOf inclusive; so
 * the counts of the last 3/6/12 months are the sums of the last 3/6/12 bars of the monthly trend.
 */
export function windowOf(asOf: string, n: number): { from: string; to: string } {
  return { from: `${lastMonths(asOf, n)[0]}-01`, to: asOf };
}
