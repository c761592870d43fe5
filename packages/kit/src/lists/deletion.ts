import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { AppError, badInput, ErrorCode } from '../errors.js';
import { pgArray } from '../pg-array.js';
import { isUuid } from '../rules.js';

export const MAX_BATCH = 100;

@Directive('@shareable')
@ObjectType('DeleteResult', { description: '删除结果：全部删除，或因被引用而一条也不删除' })
export class DeleteResult {
  @Field(() => Int, { description: '删除的条数' })
  deleted!: number;
}

/** The ids of a batch action: 1–100 distinct UUIDs. */
export function batchIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw badInput('请至少选择一条记录', 'ids');
  if (unique.length > MAX_BATCH) throw badInput(`一次最多操作 ${MAX_BATCH} 条记录`, 'ids');
  if (!unique.every(isUuid)) throw badInput('记录编号格式不正确', 'ids');
  return unique;
}

/** What refers to one record: 「3 个工程项目（参建单位）」. */
export interface Dependent {
  label: string;
  count: number;
}

/**
 * Records that other subgraphs refer to are counted through each referring subgraph's published
 * `<schema>.reference_metrics_v (entity, entity_id, label, refs)` view — a metrics view, the one
 * cross-schema read the design allows — because the references live in tables we must not read.
 * A view that is missing (that subgraph not migrated) refuses the delete rather than guess.
 */
export async function externalDependents(
  em: EntityManager,
  schemas: readonly string[],
  entity: string,
  ids: readonly string[],
): Promise<Map<string, Dependent[]>> {
  const found = new Map<string, Dependent[]>();
  for (const schema of schemas) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`externalDependents: bad schema ${schema}`);
    let rows: { entity_id: string; label: string; refs: string | number }[];
    try {
      rows = await em
        .getConnection()
        .execute(
          `select entity_id, label, refs from "${schema}"."reference_metrics_v" where entity = ? and entity_id = any(?::uuid[])`,
          [entity, pgArray(ids)],
        );
    } catch (error) {
      if ((error as { code?: string }).code === '42P01' || /does not exist/.test(String((error as Error).message))) {
        throw new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, '无法确认该记录是否仍被其他子系统引用，暂不能删除', {
          details: { subsystem: schema },
        });
      }
      throw error;
    }
    for (const row of rows) {
      const list = found.get(row.entity_id) ?? [];
      list.push({ label: row.label, count: Number(row.refs) });
      found.set(row.entity_id, list);
    }
  }
  return found;
}

/**
 * Refuses the whole batch when any record is still referred to: 「企业“某建设公司”仍被 3 个工程项目（参建单位）引用，不能删除」,
 * every blocked record in `details.blocked`, so the page can say which ones to deal with first.
 */
export function refuseWhenReferenced(
  kind: string,
  names: ReadonlyMap<string, string>,
  dependents: ReadonlyMap<string, Dependent[]>,
): void {
  const blocked = [...dependents.entries()]
    .map(([id, list]) => ({ id, name: names.get(id) ?? id, dependents: list.filter((d) => d.count > 0) }))
    .filter((b) => b.dependents.length > 0);
  if (blocked.length === 0) return;
  const [first] = blocked;
  const what = first.dependents.map((d) => `${d.count} ${d.label}`).join('、');
  const more = blocked.length > 1 ? `等 ${blocked.length} 条记录` : '';
  throw new AppError(ErrorCode.IN_USE, `${kind}“${first.name}”${more}仍被 ${what}引用，不能删除`, {
    details: { blocked },
  });
}

/** Merges dependents found by several checks (own tables and other subgraphs'). */
export function mergeDependents(...maps: ReadonlyMap<string, Dependent[]>[]): Map<string, Dependent[]> {
  const merged = new Map<string, Dependent[]>();
  for (const map of maps) for (const [id, list] of map) merged.set(id, [...(merged.get(id) ?? []), ...list]);
  return merged;
}
