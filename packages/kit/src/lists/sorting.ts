import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: '排序方向',
  valuesConfig: { ASC: { description: '升序' }, DESC: { description: '降序' } },
});

export interface Sort<F extends string> {
  field: F;
  direction: SortDirection;
}

/**
 * The sort argument of one list: `<Name>Sort { field: <Name>SortField!, direction: SortDirection = ASC }`.
 * One column at a time, as the table header offers it; the enum names exactly the columns that have
 * an index behind them, so a client cannot ask for a sort the database would do by scanning.
 */
export function SortOf<E extends Record<string, string>>(name: string, fields: E, labels: Record<E[keyof E], string>) {
  registerEnumType(fields, {
    name: `${name}SortField`,
    description: `${name} 可排序的列`,
    valuesConfig: Object.fromEntries(
      Object.keys(fields).map((k) => [k, { description: labels[fields[k] as E[keyof E]] }]),
    ) as Partial<Record<keyof E, { description: string }>>,
  });

  @InputType(`${name}Sort`, { description: '按一列排序（服务端排序）' })
  class SortInput implements Sort<E[keyof E]> {
    @Field(() => fields)
    field!: E[keyof E];

    @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
    direction: SortDirection = SortDirection.ASC;
  }
  return SortInput as ClassType<Sort<E[keyof E]>>;
}

type Order = Record<string, unknown>;

/**
 * MikroORM `orderBy` for a list: the chosen column (mapped by `columns`, which may nest through
 * relations or name several properties), then `tieBreak` so that pages never overlap or skip a row
 * when the column has equal values; without a sort, `defaultOrder`.
 */
export function orderByOf<F extends string>(
  sort: Sort<F> | null | undefined,
  columns: Record<F, (direction: 'asc' | 'desc') => Order | Order[]>,
  defaultOrder: Order[],
  tieBreak: Order = { id: 'asc' },
): Order[] {
  if (!sort) return [...defaultOrder, tieBreak];
  const toOrder = columns[sort.field];
  // Plain ASC/DESC: a b-tree index on the column serves both (NULLS LAST on DESC would not).
  const chosen = toOrder(sort.direction === SortDirection.DESC ? 'desc' : 'asc');
  return [...(Array.isArray(chosen) ? chosen : [chosen]), tieBreak];
}
