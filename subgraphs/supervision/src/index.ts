import 'reflect-metadata';
import {
  buildFederatedSchema,
  exchangeAdminResolver,
  exchangeJobsSchema,
  permissionAuthChecker,
  type SubgraphModule,
} from '@hs/kit';
import { ProjectRef } from './common/refs.js';
import { createSupervisionContext, type SupervisionContext } from './context.js';
import { supervisionExchange } from './exchange/connector.js';
import { HazardLevel, InspectionOutcome } from './inspections/dictionary.entity.js';
import { SupervisionInspection, SupervisionProblem } from './inspections/inspection.entity.js';
import { inspectionDownloads } from './inspections/inspection.lists.js';
import { InspectionResolver, ProblemResolver, ProjectSupervisionResolver } from './inspections/inspection.resolver.js';
import { migrations } from './migrations/index.js';
import { ProjectCodes } from './projects/project-ref.entity.js';
import { followProjectChanges } from './projects/replica.js';
import { seedSupervision } from './seed.js';

export type { SupervisionContext } from './context.js';
export { SupervisionPermission } from './permissions.js';
export {
  SUPERVISION_CONNECTOR,
  SUPERVISION_SYSTEM,
  supervisionExchangeOf,
  inspectionId,
} from './exchange/connector.js';
export { applyProjectChange } from './projects/replica.js';

/**
 * The supervision subgraph (3.2.1 质量安全监督): inspections and their problems pulled from the
 * province's 工程质量安全监督系统, linked to the projects subgraph's projects by code, with
 * analytics and the `inspection_metrics_v` view. PostgreSQL schema "supervision", port 4105.
 * Extends `Project @key(fields: "id")` with `supervisionInspections`.
 */
export const supervision: SubgraphModule<SupervisionContext> = {
  name: 'supervision',
  dbSchema: 'supervision',
  defaultPort: 4105,
  // pg-boss of the inspection pull (ADR 0014).
  jobsSchema: exchangeJobsSchema('supervision'),
  entities: [HazardLevel, InspectionOutcome, ProjectCodes, SupervisionInspection, SupervisionProblem],
  migrations,

  // Compose builds it without a database or event bus: the exchange service then only lends its admin API its types.
  async buildSchema(deps) {
    const exchange = await supervisionExchange(deps);
    if (deps.orm) followProjectChanges(deps.orm, deps.pubSub, deps.logger);
    return buildFederatedSchema({
      resolvers: [
        InspectionResolver,
        ProblemResolver,
        ProjectSupervisionResolver,
        exchangeAdminResolver('supervision', exchange),
      ],
      orphanedTypes: [ProjectRef],
      pubSub: deps.pubSub,
      authChecker: permissionAuthChecker,
      references: {
        Project: (ref: { id: string }) => ({ __typename: 'Project', id: ref.id }),
      },
    });
  },

  createContext: createSupervisionContext,
  downloads: () => inspectionDownloads,

  async seed(em, options) {
    const projects = await seedSupervision(em);
    options.logger.info({ projects }, 'supervision seeded (project code replica)');
  },
};
