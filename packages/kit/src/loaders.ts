import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import DataLoader from 'dataloader';

/**
 * One SQL `IN` query per tick for all the ids asked for: the router's batched `_entities` call and
 * nested list fields become one query instead of one per row. Create per request, never share.
 */
export function byIdLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  key = 'id',
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { [key]: { $in: [...ids] } } as never);
    const byKey = new Map(rows.map((row) => [String((row as Record<string, unknown>)[key]), row]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/** All rows whose `foreignKey` is one of the asked ids, grouped per id. */
export function groupLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  foreignKey: string,
  orderBy?: Record<string, 'asc' | 'desc'>,
): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(
      entity,
      { [foreignKey]: { $in: [...ids] } } as never,
      orderBy ? { orderBy: orderBy as never } : {},
    );
    const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) {
      const value = (row as Record<string, unknown>)[foreignKey];
      const fk = typeof value === 'object' && value !== null ? String((value as { id: unknown }).id) : String(value);
      groups.get(fk)?.push(row);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}
