import {
  type AreaGeometry,
  type BaseContext,
  byIdLoader,
  type ExchangeService,
  groupLoader,
  isUuid,
  outboxOfEntities,
  type ExchangeOutboxView,
  pgArray,
  type SubgraphDeps,
} from '@hs/kit';
import { DRAWING_REVIEW_ENTITY } from './provincial/drawing-review-push.js';
import { exchangeOf } from './provincial/exchange.js';
import DataLoader from 'dataloader';
import { type CertificateLoaders, certificateLoaders } from './certificates/certificate.service.js';
import { District } from './districts/district.entity.js';
import { loadBoundaries } from './districts/district.service.js';
import { Enterprise } from './enterprises/enterprise.entity.js';
import { EnterpriseQualification } from './enterprises/qualification.entity.js';
import { ProjectUnit } from './projects/project-unit.entity.js';
import type { UnitRole } from './projects/project.enums.js';
import type { Project } from './projects/project.entity.js';
import { visibleProjectLoader } from './projects/project.service.js';

export interface ProjectsLoaders {
  districtByCode: DataLoader<string, District | null>;
  /** `district.boundary` is lazy (large): fetched only when a query asks for it. */
  districtBoundary: DataLoader<string, AreaGeometry | null>;
  enterpriseById: DataLoader<string, Enterprise | null>;
  qualificationsByEnterprise: DataLoader<string, EnterpriseQualification[]>;
  /** The units of each project, ordered by role then position. */
  unitsByProject: DataLoader<string, ProjectUnit[]>;
  /**
   * The first enterprise of each role of each project (the list's 建设单位, 施工总包 … columns):
   * ids read in one query, without hydrating the units (five per project) as entities.
   */
  leadEnterpriseIds: DataLoader<string, Map<UnitRole, string>>;
  /** Projects by id *within the caller's data scope*: out-of-scope ids come back null. */
  projectById: DataLoader<string, Project | null>;
  /** The push outbox messages of certificate versions (上报省平台), by version id. */
  provincialReports: DataLoader<string, ExchangeOutboxView[]>;
}

export interface ProjectsContext extends BaseContext {
  loaders: ProjectsLoaders;
  /** 施工图联合审查合格书 (1.1): its own loaders, kept apart from the project ones. */
  certificates: CertificateLoaders;
  deps: SubgraphDeps;
  /** The connectors to the provincial systems (3.1.1, 3.1.2). */
  exchange: ExchangeService;
}

/** Fresh loaders per request (and per subscription event): nothing cached outlives one of them. */
export function createProjectsContext(base: BaseContext, deps: SubgraphDeps): ProjectsContext {
  const { em } = base;
  const exchange = exchangeOf(deps.orm);
  return {
    ...base,
    deps,
    certificates: certificateLoaders(em, base.caller),
    exchange,
    loaders: {
      districtByCode: byIdLoader(em, District, 'code'),
      districtBoundary: new DataLoader((codes: readonly string[]) => loadBoundaries(em, codes)),
      // Ids come from clients and other subgraphs: a malformed one must read as "not found", not as a uuid cast error.
      enterpriseById: new DataLoader(async (ids: readonly string[]) => {
        const valid = [...new Set(ids.filter(isUuid))];
        const rows = valid.length ? await em.find(Enterprise, { id: { $in: valid } }) : [];
        const byId = new Map(rows.map((e) => [e.id, e]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      qualificationsByEnterprise: groupLoader(em, EnterpriseQualification, 'enterprise', { position: 'asc' }),
      unitsByProject: groupLoader(em, ProjectUnit, 'project', { role: 'asc', position: 'asc' }),
      leadEnterpriseIds: new DataLoader(async (projectIds: readonly string[]) => {
        const rows = await em.getConnection().execute<{ project_id: string; role: UnitRole; enterprise_id: string }[]>(
          `select distinct on (project_id, role) project_id, role, enterprise_id from projects.project_unit
            where project_id = any(?::uuid[]) order by project_id, role, position`,
          [pgArray(projectIds.filter(isUuid))],
        );
        const byProject = new Map(projectIds.map((id) => [id, new Map<UnitRole, string>()]));
        for (const row of rows) byProject.get(row.project_id)?.set(row.role, row.enterprise_id);
        return projectIds.map((id) => byProject.get(id)!);
      }),
      projectById: visibleProjectLoader(em, base.caller),
      provincialReports: new DataLoader((ids: readonly string[]) =>
        outboxOfEntities(exchange, DRAWING_REVIEW_ENTITY, ids),
      ),
    },
  };
}
