import type { BaseContext, SubgraphDeps } from '@hs/kit';
import { dataDirOf, FileStore, groupLoader, isUuid } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Building } from './buildings/building.entity.js';
import { Floor } from './buildings/floor.entity.js';
import { CatalogueVersion } from './catalogue/catalogue.entity.js';
import { Inspection } from './inspections/inspection.entity.js';
import { withInspectionScope } from './inspections/inspection.scope.js';
import { SitePhoto } from './onsite/photo.entity.js';
import { SiteVisit } from './onsite/site-visit.entity.js';
import { ExtraLocation } from './results/extra-location.entity.js';
import { InspectionResult } from './results/result.entity.js';
import { SamplingPlan } from './sampling/plan.entity.js';
import { activeRule } from './sampling/rule.service.js';
import type { SamplingRuleVersion } from './sampling/sampling-rule.entity.js';
import { Signature } from './signatures/signature.entity.js';

export interface FireLoaders {
  /** Inspections by id *within the caller's data scope*: out-of-scope ids come back null. */
  inspectionById: DataLoader<string, Inspection | null>;
  /** Inspections linked to each project id, within scope, newest inspection date first. */
  inspectionsByProject: DataLoader<string, Inspection[]>;
  buildingsByInspection: DataLoader<string, Building[]>;
  floorsByBuilding: DataLoader<string, Floor[]>;
  plansByInspection: DataLoader<string, SamplingPlan[]>;
  signaturesByPlan: DataLoader<string, Signature[]>;
  extrasByPlan: DataLoader<string, ExtraLocation[]>;
  resultsByPlan: DataLoader<string, InspectionResult[]>;
  resultsByInspection: DataLoader<string, InspectionResult[]>;
  catalogueVersionById: DataLoader<string, CatalogueVersion | null>;
  photosByInspection: DataLoader<string, SitePhoto[]>;
  visitsByInspection: DataLoader<string, SiteVisit[]>;
  /** The active sampling rule, read once per request (key: 'active'). */
  activeRule: DataLoader<'active', SamplingRuleVersion>;
}

/** What services need besides the EntityManager and the caller. */
export interface FireRuntime {
  /** FIELD_ENCRYPTION_KEY: SM4 for 身份证号/手机号, and the master of the plan MAC key. */
  fieldKey: string;
  files: FileStore;
  /** The clock (the seed passes its own so demo dates spread over a year). */
  now: () => Date;
}

export interface FireContext extends BaseContext {
  deps: SubgraphDeps;
  runtime: FireRuntime;
  loaders: FireLoaders;
}

export function fireRuntime(deps: SubgraphDeps): FireRuntime {
  return {
    fieldKey: deps.config.FIELD_ENCRYPTION_KEY,
    files: new FileStore(dataDirOf(deps.config)),
    now: () => new Date(),
  };
}

function scopedInspectionLoader(em: EntityManager, base: BaseContext) {
  return new DataLoader<string, Inspection | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length
      ? await em.find(Inspection, withInspectionScope(base.caller, { id: { $in: valid } }))
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Fresh loaders per request (and per subscription event): nothing cached outlives one of them. */
export function createFireContext(base: BaseContext, deps: SubgraphDeps, runtime = fireRuntime(deps)): FireContext {
  const { em } = base;
  return {
    ...base,
    deps,
    runtime,
    loaders: {
      inspectionById: scopedInspectionLoader(em, base),
      inspectionsByProject: new DataLoader(async (projectIds: readonly string[]) => {
        const valid = [...new Set(projectIds.filter(isUuid))];
        const rows = valid.length
          ? await em.find(Inspection, withInspectionScope(base.caller, { projectId: { $in: valid } }), {
              orderBy: [{ inspectionDate: 'desc nulls last' }, { createdAt: 'desc' }] as never,
            })
          : [];
        return projectIds.map((id) => rows.filter((r) => r.projectId === id));
      }),
      buildingsByInspection: groupLoader(em, Building, 'inspection', { position: 'asc', name: 'asc' }),
      floorsByBuilding: groupLoader(em, Floor, 'building', { kind: 'asc', level: 'asc' }),
      plansByInspection: groupLoader(em, SamplingPlan, 'inspection', { seq: 'asc' }),
      signaturesByPlan: groupLoader(em, Signature, 'plan', { stage: 'asc', slot: 'asc' }),
      extrasByPlan: groupLoader(em, ExtraLocation, 'plan', { createdAt: 'asc' }),
      resultsByPlan: groupLoader(em, InspectionResult, 'plan'),
      resultsByInspection: groupLoader(em, InspectionResult, 'inspection', { lineCode: 'asc', locationLabel: 'asc' }),
      photosByInspection: groupLoader(em, SitePhoto, 'inspection', { capturedAt: 'asc' }),
      visitsByInspection: groupLoader(em, SiteVisit, 'inspection', { openedAt: 'asc' }),
      activeRule: new DataLoader(async (keys: readonly 'active'[]) => {
        const rule = await activeRule(em);
        return keys.map(() => rule);
      }),
      catalogueVersionById: new DataLoader(async (ids: readonly string[]) => {
        const rows = await em.find(CatalogueVersion, { id: { $in: ids.filter(isUuid) } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    },
  };
}
