import 'reflect-metadata';
import { buildFederatedSchema, mountFileRoutes, permissionAuthChecker, type SubgraphModule } from '@hs/kit';
import { AnalyticsResolver } from './analytics/analytics.resolver.js';
import { Building } from './buildings/building.entity.js';
import { BuildingResolver } from './buildings/building.resolver.js';
import { Floor } from './buildings/floor.entity.js';
import { CatalogueVersion } from './catalogue/catalogue.entity.js';
import { CatalogueResolver } from './catalogue/catalogue.resolver.js';
import { createFireContext, type FireContext, fireRuntime } from './context.js';
import { ExportResolver } from './exports/export.resolver.js';
import { FIRE_DOWNLOADS } from './exports/export.service.js';
import { FireHomeResolver } from './home/home.resolver.js';
import { StoredFile } from './files/stored-file.entity.js';
import { Inspection } from './inspections/inspection.entity.js';
import { InspectionResolver, ProjectRefResolver } from './inspections/inspection.resolver.js';
import { ProjectRef } from './inspections/inspection.types.js';
import { InspectionSearchToken } from './inspections/search-token.entity.js';
import { migrations } from './migrations/index.js';
import { InspectionOnsiteResolver, SitePhotoResolver, SiteVisitResolver } from './onsite/onsite.resolver.js';
import { SitePhoto } from './onsite/photo.entity.js';
import { SiteVisit } from './onsite/site-visit.entity.js';
import { ExtraLocation } from './results/extra-location.entity.js';
import { InspectionResult } from './results/result.entity.js';
import { ResultResolver } from './results/result.resolver.js';
import { SamplingPlan } from './sampling/plan.entity.js';
import { PlanResolver } from './sampling/plan.resolver.js';
import { SamplingRuleVersion } from './sampling/sampling-rule.entity.js';
import { seedFire } from './seed/seed.js';
import { Signature } from './signatures/signature.entity.js';
import { SignatureResolver } from './signatures/signature.resolver.js';

export type { FireContext } from './context.js';
export { FirePermission } from './permissions.js';
export { FireErrorCode } from './common/errors.js';
export { RESULT_SIGNED_TOPIC, type ResultSignedPayload } from './signatures/signature.service.js';
export { DEFAULT_RULE_CONFIG, type SamplingRuleConfig } from './sampling/rule-config.js';
export { drawPlan, plannedChecks, type Layout, type PlanDraw } from './sampling/sampling-rule.js';
export { CATALOGUE_V1 } from './catalogue/catalogue-data.js';
export { DEMO_INSPECTION_PROJECTS } from './seed/demo-projects.js';

/**
 * The fire subgraph (1.3 消防验收现场评定随机抽查, 4.2 数据分析): catalogue, inspections,
 * buildings/floors, random plans, signatures, results, exports and analytics. PostgreSQL schema
 * "fire", port 4103. Extends the projects subgraph's `Project @key(fields: "id")` with `fireInspections`.
 */
export const fire: SubgraphModule<FireContext> = {
  name: 'fire',
  dbSchema: 'fire',
  appendOnlyTables: ['signature'],
  defaultPort: 4103,
  entities: [
    CatalogueVersion,
    SamplingRuleVersion,
    Inspection,
    InspectionSearchToken,
    Building,
    Floor,
    SamplingPlan,
    StoredFile,
    Signature,
    InspectionResult,
    ExtraLocation,
    SiteVisit,
    SitePhoto,
  ],
  migrations,

  // Touches neither the database nor the event bus (the compose script builds it without either).
  async buildSchema(deps) {
    return buildFederatedSchema({
      resolvers: [
        CatalogueResolver,
        InspectionResolver,
        ProjectRefResolver,
        BuildingResolver,
        PlanResolver,
        SignatureResolver,
        ResultResolver,
        ExportResolver,
        AnalyticsResolver,
        FireHomeResolver,
        SiteVisitResolver,
        SitePhotoResolver,
        InspectionOnsiteResolver,
      ],
      orphanedTypes: [ProjectRef],
      pubSub: deps.pubSub,
      authChecker: permissionAuthChecker,
      references: {
        // Project is owned by projects; this subgraph only adds fields to it, and needs nothing but the id.
        Project: (ref: { id: string }) => ({ __typename: 'Project', id: ref.id }),
      },
    });
  },

  createContext: (base, deps) => createFireContext(base, deps),

  // 1.3.9 exports behind download links (ADR 0013): lists streamed, records built per request.
  downloads: () => FIRE_DOWNLOADS,

  internalRoutes(app, _verify, deps) {
    const { fieldKey, files, now } = fireRuntime(deps);
    mountFileRoutes(app, { subgraph: 'fire', fieldKey, files, now, logger: deps.logger });
  },

  async seed(em, options) {
    await seedFire(em, options);
    options.logger.info({ scale: options.scale }, 'fire seeded');
  },
};
