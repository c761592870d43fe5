export { startRouter, GRAPHQL_PATH, type StartRouterOptions, type RunningRouter } from './router.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export type { RouterContext } from './auth.js';
export {
  fitVariables,
  redactVariables,
  SENSITIVE_KEY,
  type AuditRecord,
  type AuditResult,
  type TruncatedValue,
} from './audit.js';
export { createRouterPool, migrateRouter, ROUTER_SCHEMA } from './db.js';
export { PgRateLimitStore } from './ratelimit.js';
export { REVOKED_CHANNEL } from './revocations.js';
export { checkReadiness, type Readiness } from './health.js';
export { parseSupergraph, serviceBaseUrl, type SubgraphEndpoint } from './supergraph.js';
export { FORBIDDEN_CLOSE_CODE, FORBIDDEN_CLOSE_REASON } from './subscriptions/server.js';
export { readRouterEnv, routerDatabaseUrl, type RouterEnv } from './env.js';
export { main } from './main.js';
