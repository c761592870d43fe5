import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Monthly partitions of workforce.attendance (Beijing-time months). The migration creates a window
 * around its own run; the service creates months ahead at start and on a daily timer, and any
 * missing month an event falls into before inserting it (an offline device may upload late, a
 * server may have been down over a month change). Months known to exist are remembered per process.
 */
const known = new Set<string>();

/** 'YYYY-MM' of the Beijing-time month of an instant. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export function partitionName(month: string): string {
  return `attendance_${month.replace('-', '')}`;
}

/** Creates the partitions of the given months that do not exist yet; returns how many were created. */
export async function ensureMonths(em: EntityManager, months: Iterable<string>): Promise<number> {
  let created = 0;
  for (const month of new Set(months)) {
    if (known.has(month)) continue;
    const [row] = await em
      .getConnection()
      .execute(`select workforce.ensure_attendance_partitions(?::date, 1) as created`, [`${month}-01`], 'all');
    created += Number(row.created);
    known.add(month);
  }
  return created;
}

/** This month and the next `ahead` months. */
export async function ensureAhead(em: EntityManager, now = new Date(), ahead = 2): Promise<number> {
  const months: string[] = [];
  const d = new Date(Date.UTC(Number(monthOf(now).slice(0, 4)), Number(monthOf(now).slice(5, 7)) - 1, 1));
  for (let i = 0; i <= ahead; i++) {
    months.push(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1)).toISOString().slice(0, 7));
  }
  return ensureMonths(em, months);
}

/** For tests: forget what this process knows (after dropping a partition behind its back). */
export function forgetKnownPartitions(): void {
  known.clear();
}
