import { orderByOf, type Sort, SortDirection } from '@hs/kit';

type Direction = 'asc' | 'desc';

/**
 * ORDER BY for a list read in SQL, from the list's `sort` (ADR 0013): `columns` maps each sort
 * field to SQL column expressions of our own (never client text), `defaultOrder` applies without a
 * sort, and `tieBreak` (the primary key) ends it so pages never overlap. The tie-break runs in the
 * sort's direction (in the default order's, without one): a b-tree on (column, id) then serves the
 * whole ORDER BY in either direction, which matters where a column has many equal values (sex,
 * trade, the seed's one registration time).
 */
export function orderSql<F extends string>(
  sort: Sort<F> | null | undefined,
  columns: Record<F, (direction: Direction) => Record<string, Direction> | Record<string, Direction>[]>,
  defaultOrder: Record<string, Direction>[],
  tieBreak: string,
): string {
  const direction: Direction = sort
    ? sort.direction === SortDirection.DESC
      ? 'desc'
      : 'asc'
    : (Object.values(defaultOrder[0] ?? {})[0] ?? 'asc');
  const orders = orderByOf(sort, columns, defaultOrder, { [tieBreak]: direction });
  return orders
    .flatMap((order) => Object.entries(order))
    .map(([column, dir]) => {
      if (dir !== 'asc' && dir !== 'desc') throw new Error(`orderSql: bad direction for ${column}`);
      return `${column} ${dir}`;
    })
    .join(', ');
}
