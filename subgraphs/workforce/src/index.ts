import 'reflect-metadata';
import { buildFederatedSchema, mountFileRoutes, permissionAuthChecker, type SubgraphModule } from '@hs/kit';
import { AnalyticsResolver } from './analytics/analytics.resolver.js';
import { attendanceDownloads } from './attendance/attendance.lists.js';
import { WorkforceHomeResolver } from './home/home.resolver.js';
import { AttendanceResolver } from './attendance/attendance.resolver.js';
import { ensureAhead } from './attendance/partitions.js';
import { EnterpriseRef, ProjectRef } from './common/refs.js';
import { createWorkforceContext, workforceRuntime, type WorkforceContext } from './context.js';
import { EmploymentFileResolver, PersonFileResolver, UploadTicketResolver } from './files/file.resolver.js';
import { recordUpload, UPLOAD_POLICIES } from './files/file.service.js';
import { InsuranceResolver } from './insurance/insurance.resolver.js';
import { migrations } from './migrations/index.js';
import { Employment } from './people/employment.entity.js';
import { peopleDownloads } from './people/person.lists.js';
import { Person } from './people/person.entity.js';
import { EmploymentResolver, PersonResolver, ProjectWorkforceResolver } from './people/person.resolver.js';
import { Training } from './people/training.entity.js';
import { seedWorkforce } from './seed/seed.js';
import { Device } from './sites/device.entity.js';
import { siteDownloads } from './sites/site.lists.js';
import { SiteResolver } from './sites/site.resolver.js';
import { ProjectSite } from './sites/site.entity.js';
import { followProjectChanges } from './sites/site.service.js';

export type { WorkforceContext } from './context.js';
export { WorkforcePermission } from './permissions.js';
export { KEY_POSTS } from './people/key-posts.js';
export { idCardHash } from './people/person.service.js';
export { checkFence, type Polygon } from './geofence.js';
export { ATTENDANCE_CHANGED_TOPIC, type AttendanceChangedPayload } from './attendance/attendance.types.js';
export { ATTENDANCE_REFUSED } from './attendance/attendance.service.js';
export { ensureAhead, ensureMonths, partitionName } from './attendance/partitions.js';
export { DEMO_WORKER_USERNAME, DEVICE_GATEWAY_USERNAME, benchDevices } from './seed/seed.js';

const DAY = 86_400_000;

/**
 * The workforce subgraph (1.2.1–1.2.3 实名制人员、考勤、社保; 3.3 and 4.3 劳务 analytics). PostgreSQL
 * schema "workforce", port 4104. Extends the projects subgraph's `Project @key(fields: "id")` with
 * `workforce`, `workforceSite` and `personnel`; references `Enterprise` as the employer.
 */
export const workforce: SubgraphModule<WorkforceContext> = {
  name: 'workforce',
  dbSchema: 'workforce',
  defaultPort: 4104,
  entities: [Person, Employment, Training, ProjectSite, Device],
  migrations,

  // The compose script builds the schema without a database (no orm): background work only when serving.
  async buildSchema(deps) {
    if (deps.orm) {
      followProjectChanges(deps.orm, deps.pubSub, deps.logger);
      const ahead = () =>
        ensureAhead(deps.orm.em.fork()).catch((error) =>
          deps.logger.error({ err: error }, 'could not create attendance partitions ahead'),
        );
      void ahead();
      setInterval(ahead, DAY).unref();
    }
    return buildFederatedSchema({
      resolvers: [
        PersonResolver,
        EmploymentResolver,
        ProjectWorkforceResolver,
        SiteResolver,
        AttendanceResolver,
        AnalyticsResolver,
        InsuranceResolver,
        UploadTicketResolver,
        PersonFileResolver,
        EmploymentFileResolver,
        WorkforceHomeResolver,
      ],
      orphanedTypes: [ProjectRef, EnterpriseRef],
      pubSub: deps.pubSub,
      authChecker: permissionAuthChecker,
      references: {
        Project: (ref: { id: string }) => ({ __typename: 'Project', id: ref.id }),
      },
    });
  },

  createContext: (base, deps) => createWorkforceContext(base, deps, runtimeFor(deps)),

  // List exports and the people import template, through download links (ADR 0013).
  downloads: () => ({ ...peopleDownloads, ...attendanceDownloads, ...siteDownloads }),

  // Person photos and contract scans: signed downloads and uploads (ADR 0008).
  internalRoutes(app, _verify, deps) {
    const { fieldKey, files, now } = runtimeFor(deps);
    mountFileRoutes(app, {
      subgraph: 'workforce',
      fieldKey,
      files,
      now,
      logger: deps.logger,
      uploads: { policies: UPLOAD_POLICIES, record: recordUpload(deps.orm.em, files, now) },
    });
  },

  async seed(em, options) {
    const started = Date.now();
    await seedWorkforce(em, options);
    options.logger.info({ scale: options.scale, ms: Date.now() - started }, 'workforce seeded');
  },
};

// One runtime per running subgraph (settings read once at the first request).
const runtimes = new WeakMap<object, ReturnType<typeof workforceRuntime>>();
function runtimeFor(deps: Parameters<typeof workforceRuntime>[0]) {
  let runtime = runtimes.get(deps);
  if (!runtime) runtimes.set(deps, (runtime = workforceRuntime(deps)));
  return runtime;
}
