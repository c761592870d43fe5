import 'reflect-metadata';
import { buildFederatedSchema, permissionAuthChecker, type SubgraphModule } from '@hs/kit';
import { AuditChainHead, AuditLog } from './audit/audit-log.entity.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { AUDIT_LOGS_EXPORT, auditLogsExport, LOGIN_LOGS_EXPORT, loginLogsExport } from './audit/log.lists.js';
import { mountAuditRoute } from './audit/audit.routes.js';
import { LoginLog } from './audit/login-log.entity.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { LoginThrottle } from './auth/login-throttle.entity.js';
import { LoginCaptcha } from './auth/captcha.entity.js';
import { Session } from './auth/session.entity.js';
import { SessionResolver } from './auth/session.resolver.js';
import { createIdentityContext, settingsOf, type IdentityContext } from './context.js';
import { Department } from './departments/department.entity.js';
import { DEPARTMENTS_EXPORT, departmentsExport } from './departments/department.lists.js';
import { DepartmentResolver } from './departments/department.resolver.js';
import { DistrictRef, EnterpriseRef } from './departments/stubs.js';
import { DictItem, DictType } from './dictionaries/dict.entity.js';
import { DICT_TYPES_EXPORT, dictTypesExport } from './dictionaries/dict.lists.js';
import { DictItemResolver, DictTypeResolver } from './dictionaries/dict.resolver.js';
import { displayFeature } from './display/index.js';
import { migrations } from './migrations/index.js';
import { ROLES_EXPORT, rolesExport } from './roles/role.lists.js';
import { RoleResolver } from './roles/role.resolver.js';
import { syncBuiltInRoles } from './roles/built-in-sync.js';
import { Role } from './roles/role.entity.js';
import { seedIdentity } from './seed/seed.js';
import { SessionListResolver } from './sessions/session-list.resolver.js';
import { SESSIONS_EXPORT, sessionsExport } from './sessions/session.lists.js';
import { User } from './users/user.entity.js';
import { userDownloads } from './users/user.lists.js';
import { UserResolver } from './users/user.resolver.js';

export type { IdentityContext } from './context.js';
export { resolveDataScope } from './roles/data-scope.js';
export {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  NEWCOMER_PASSWORD,
  DEMO_USERS,
  DEMO_ROLES,
  departmentId,
  roleId,
  userId,
} from './seed/seed.js';

/**
 * The identity subgraph (1.4.8, 2.1, 六.3–4): departments, users, roles and data scope, login with
 * lockout / refresh rotation / idle timeout / forced password change, login log and the
 * hash-chained audit log (which the router feeds through POST /internal/audit).
 */
export const identity: SubgraphModule<IdentityContext> = {
  name: 'identity',
  dbSchema: 'identity',
  appendOnlyTables: ['audit_log', 'login_log'],
  // Before a user is deleted: what other subgraphs' records say about them (ADR 0013).
  reads: ['projects.reference_metrics_v', 'fire.reference_metrics_v', 'workforce.reference_metrics_v'],
  defaultPort: 4101,
  entities: [
    Department,
    Role,
    User,
    Session,
    LoginThrottle,
    LoginCaptcha,
    LoginLog,
    AuditLog,
    AuditChainHead,
    DictType,
    DictItem,
    ...displayFeature.entities,
  ],
  migrations: [...migrations, ...displayFeature.migrations],
  async buildSchema(deps) {
    settingsOf(deps); // a bad IDENTITY_* setting stops the start, not the first request
    return buildFederatedSchema({
      resolvers: [
        AuthResolver,
        UserResolver,
        DepartmentResolver,
        RoleResolver,
        SessionResolver,
        SessionListResolver,
        AuditResolver,
        DictTypeResolver,
        DictItemResolver,
        ...displayFeature.resolvers,
      ],
      orphanedTypes: [DistrictRef, EnterpriseRef],
      authChecker: permissionAuthChecker,
      references: {
        User: (reference: { id: string }, context: IdentityContext) => context.loaders.userById.load(reference.id),
        Department: (reference: { id: string }, context: IdentityContext) =>
          context.loaders.departmentById.load(reference.id),
      },
    });
  },
  createContext: createIdentityContext,
  downloads: () => ({
    ...userDownloads,
    [ROLES_EXPORT]: rolesExport,
    [DEPARTMENTS_EXPORT]: departmentsExport,
    [AUDIT_LOGS_EXPORT]: auditLogsExport,
    [LOGIN_LOGS_EXPORT]: loginLogsExport,
    [SESSIONS_EXPORT]: sessionsExport,
    [DICT_TYPES_EXPORT]: dictTypesExport,
  }),
  internalRoutes(app, verify, deps) {
    mountAuditRoute(app, verify, deps);
  },
  reconcile: syncBuiltInRoles,
  seed: seedIdentity,
};
