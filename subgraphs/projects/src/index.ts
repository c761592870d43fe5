import 'reflect-metadata';
import {
  buildFederatedSchema,
  dataDirOf,
  exchangeAdminResolver,
  exchangeJobsSchema,
  FileStore,
  mountFileRoutes,
  permissionAuthChecker,
  type SubgraphModule,
} from '@hs/kit';
import {
  DrawingReviewCertificate,
  DrawingReviewCertificateNumber,
  DrawingReviewCertificateShare,
} from './certificates/certificate.entity.js';
import { recordUpload, UPLOAD_POLICIES } from './certificates/certificate.files.js';
import { certificateDownloads } from './certificates/certificate.lists.js';
import { seedCertificates } from './certificates/certificate.seed.js';
import {
  DrawingReviewCertificateResolver,
  DrawingReviewCertificateShareResolver,
  ProjectCertificatesResolver,
} from './certificates/certificate.resolver.js';
import { DepartmentRef } from './certificates/certificate.types.js';
import { StoredFile } from './certificates/stored-file.entity.js';
import { GeoPoint } from './common/geo-point.js';
import { createProjectsContext, type ProjectsContext } from './context.js';
import { District } from './districts/district.entity.js';
import { DistrictResolver } from './districts/district.resolver.js';
import { Enterprise } from './enterprises/enterprise.entity.js';
import { EnterpriseQualification } from './enterprises/qualification.entity.js';
import { enterpriseDownloads } from './enterprises/enterprise.lists.js';
import { EnterpriseResolver, QualificationResolver } from './enterprises/enterprise.resolver.js';
import { ProjectsHomeResolver } from './home/home.resolver.js';
import { migrations } from './migrations/index.js';
import { ProjectUnit } from './projects/project-unit.entity.js';
import { Project } from './projects/project.entity.js';
import { projectDownloads } from './projects/project.lists.js';
import { DistrictProjectCountResolver, ProjectResolver, ProjectUnitResolver } from './projects/project.resolver.js';
import { UserRef } from './projects/project.types.js';
import { projectsExchange } from './provincial/exchange.js';
import { DrawingReviewReportResolver } from './provincial/drawing-review-report.js';
import { ProvincialResolver } from './provincial/provincial.resolver.js';
import { seedProjects } from './seed/seed.js';

export type { ProjectsContext } from './context.js';
export { District, DistrictKind } from './districts/district.entity.js';
export { Enterprise } from './enterprises/enterprise.entity.js';
export { Project } from './projects/project.entity.js';
export { ProjectUnit } from './projects/project-unit.entity.js';
export { ProjectStatus, ProjectType, UnitRole, ProjectChangeKind } from './projects/project.enums.js';
export { PROJECT_CHANGED_TOPIC, type ProjectChangedPayload } from './projects/project.service.js';
export { SEED_ADMIN_ID, SEED_SIZES } from './seed/seed.js';
export { APPROVAL_CONNECTOR, DRAWING_REVIEW_CONNECTOR, exchangeOf, MARKET_CONNECTOR } from './provincial/exchange.js';

/**
 * The projects subgraph (3.1, 1.1): districts, enterprises (参建单位), projects (工建码 /
 * 施工许可证编码) and their participating units. PostgreSQL schema "projects", port 4102.
 */
export const projects: SubgraphModule<ProjectsContext> = {
  name: 'projects',
  dbSchema: 'projects',
  // pg-boss of the provincial connectors (ADR 0014).
  jobsSchema: exchangeJobsSchema('projects'),
  // Before a project or an enterprise is deleted: what other subgraphs' records say about it (ADR 0013).
  reads: ['fire.reference_metrics_v', 'workforce.reference_metrics_v', 'identity.reference_metrics_v'],
  defaultPort: 4102,
  // 1.1.2: who viewed or downloaded a certificate is never rewritten.
  appendOnlyTables: ['drawing_review_certificate_share'],
  entities: [
    District,
    Enterprise,
    EnterpriseQualification,
    Project,
    ProjectUnit,
    GeoPoint,
    StoredFile,
    DrawingReviewCertificate,
    DrawingReviewCertificateNumber,
    DrawingReviewCertificateShare,
  ],
  migrations,

  // Compose builds it without a database or event bus: the exchange service then only lends its admin API its types.
  async buildSchema(deps) {
    const exchange = await projectsExchange(deps);
    return buildFederatedSchema({
      resolvers: [
        DistrictResolver,
        EnterpriseResolver,
        QualificationResolver,
        ProjectResolver,
        ProjectUnitResolver,
        DistrictProjectCountResolver,
        ProjectsHomeResolver,
        DrawingReviewCertificateResolver,
        DrawingReviewCertificateShareResolver,
        ProjectCertificatesResolver,
        DrawingReviewReportResolver,
        ProvincialResolver,
        exchangeAdminResolver('projects', exchange),
      ],
      orphanedTypes: [UserRef, DepartmentRef],
      pubSub: deps.pubSub,
      authChecker: permissionAuthChecker,
      references: {
        // Scoped: a project outside the caller's data scope resolves to null, like one that does not exist.
        Project: (ref: { id: string }, ctx: ProjectsContext) => ctx.loaders.projectById.load(ref.id),
        Enterprise: (ref: { id: string }, ctx: ProjectsContext) =>
          ctx.caller ? ctx.loaders.enterpriseById.load(ref.id) : null,
        District: (ref: { code: string }, ctx: ProjectsContext) =>
          ctx.caller ? ctx.loaders.districtByCode.load(ref.code) : null,
      },
    });
  },

  createContext: createProjectsContext,
  downloads: (deps) => ({ ...projectDownloads, ...enterpriseDownloads, ...certificateDownloads(deps) }),

  // 施工图联合审查合格书 files: signed uploads (ADR 0008); downloads go through download links.
  internalRoutes(app, _verify, deps) {
    const files = new FileStore(dataDirOf(deps.config));
    const now = () => new Date();
    mountFileRoutes(app, {
      subgraph: 'projects',
      fieldKey: deps.config.FIELD_ENCRYPTION_KEY,
      files,
      now,
      logger: deps.logger,
      uploads: { policies: UPLOAD_POLICIES, record: recordUpload(deps.orm.em, files, now) },
    });
  },

  async seed(em, options) {
    await seedProjects(em, options);
    await seedCertificates(em, options);
    options.logger.info({ scale: options.scale }, 'projects seeded');
  },
};
