export { startRouter, GRAPHQL_PATH, type StartRouterOptions, type RunningRouter } from './router.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export type { RouterContext } from './auth.js';
export {
  createAuditWriter,
  redactVariables,
  SENSITIVE_KEY,
  type AuditRecord,
  type AuditResult,
  type AuditWriter,
} from './audit.js';
export { checkReadiness, type Readiness } from './health.js';
export { parseSupergraph, serviceBaseUrl, type SubgraphEndpoint } from './supergraph.js';
export { FORBIDDEN_CLOSE_CODE, FORBIDDEN_CLOSE_REASON } from './subscriptions/server.js';
export { readRouterEnv, type RouterEnv } from './env.js';
export { main } from './main.js';
