import { type BaseContext, isUuid, pgArray, type SubgraphDeps } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { HazardLevel, InspectionOutcome } from './inspections/dictionary.entity.js';
import { SupervisionInspection, SupervisionProblem } from './inspections/inspection.entity.js';
import { visibleInspections } from './inspections/inspection.service.js';
import { inspectionScopeSql } from './common/scope.js';

export interface SupervisionLoaders {
  /** Inspections by id within the caller's scope: out-of-scope ids come back null. */
  inspectionById: DataLoader<string, SupervisionInspection | null>;
  /** Problems of each inspection, by 序号. */
  problemsByInspection: DataLoader<string, SupervisionProblem[]>;
  /** Project.supervisionInspections: the project's inspections in scope, newest first (at most `PROJECT_INSPECTIONS`). */
  inspectionsByProject: DataLoader<string, SupervisionInspection[]>;
  /** The dictionaries, read once per request. */
  outcomeByCode: DataLoader<string, InspectionOutcome | null>;
  levelByNumber: DataLoader<number, HazardLevel | null>;
}

export interface SupervisionContext extends BaseContext {
  deps: SubgraphDeps;
  now: () => Date;
  loaders: SupervisionLoaders;
}

/** How many of a project's inspections Project.supervisionInspections lists (the newest). */
export const PROJECT_INSPECTIONS = 20;

function grouped<T>(ids: readonly string[], rows: T[], key: (r: T) => string): T[][] {
  const m = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) m.get(key(r))?.push(r);
  return ids.map((id) => m.get(id) ?? []);
}

/** Fresh loaders per request. */
export function createSupervisionContext(base: BaseContext, deps: SubgraphDeps): SupervisionContext {
  const em: EntityManager = base.em;
  return {
    ...base,
    deps,
    now: () => new Date(),
    loaders: {
      inspectionById: new DataLoader(async (ids) => {
        const rows = await visibleInspections(em, base.caller, ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      problemsByInspection: new DataLoader(async (ids) => {
        const rows = await em.find(
          SupervisionProblem,
          { inspection: { $in: ids.filter(isUuid) } },
          { orderBy: { seq: 'asc' } },
        );
        return grouped(ids, rows, (r) => r.inspection.id);
      }),
      inspectionsByProject: new DataLoader(async (ids) => {
        const valid = [...new Set(ids.filter(isUuid))];
        const scope = inspectionScopeSql(base.caller, 'i');
        // The newest of each project, one query for the batch (the project index serves each lateral).
        const found = valid.length
          ? await em.execute<{ id: string }[]>(
              `select x.id from unnest(?::uuid[]) p(id)
                 cross join lateral (select i.id from supervision.inspection i
                   where i.project_id = p.id and ${scope.sql}
                   order by i.inspected_on desc, i.id desc limit ${PROJECT_INSPECTIONS}) x`,
              [pgArray(valid), ...scope.params],
            )
          : [];
        const rows = found.length
          ? await em.find(
              SupervisionInspection,
              { id: { $in: found.map((r) => r.id) } },
              { orderBy: { inspectedOn: 'desc', id: 'desc' } },
            )
          : [];
        return grouped(ids, rows, (r) => r.projectId ?? '');
      }),
      outcomeByCode: new DataLoader(async (codes) => {
        const rows = await em.find(InspectionOutcome, {});
        const byCode = new Map(rows.map((r) => [r.code, r]));
        return codes.map((c) => byCode.get(c) ?? null);
      }),
      levelByNumber: new DataLoader(async (levels) => {
        const rows = await em.find(HazardLevel, {});
        const byLevel = new Map(rows.map((r) => [r.level, r]));
        return levels.map((l) => byLevel.get(l) ?? null);
      }),
    },
  };
}
