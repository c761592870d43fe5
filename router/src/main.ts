import { readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, stopOnSignals } from '@hs/kit';
import { readRouterEnv } from './env.js';
import { startRouter, type RunningRouter } from './router.js';

/**
 * The router as its own process (production topology). Reads the environment:
 *   PORT (4000), HOST (0.0.0.0), SUPERGRAPH_PATH (schema/supergraph.graphql from the repo root),
 *   DATABASE_URL (required; schema `router` migrated beforehand by `npm run migrate`),
 *   ROUTER_SIGNING_KEY, AUTH_TOKEN_SECRET (both required, ≥ 32 characters),
 *   SUBGRAPH_<NAME>_URL (overrides a subgraph's URL from the supergraph),
 *   ADMIN_DIST_DIR / DASHBOARD_DIST_DIR (default <repo>/admin/dist, <repo>/dashboard/dist when built),
 *   TRUST_PROXY, GRAPHQL_INTROSPECTION (true), LIMIT_MAX_DEPTH, LIMIT_MAX_COST, LIMIT_MAX_BODY_BYTES, LIMIT_MAX_UPLOAD_BYTES,
 *   LIMIT_RATE_PER_MINUTE_PER_USER, LIMIT_RATE_PER_MINUTE_PER_IP, LOG_LEVEL.
 * Stops cleanly on SIGINT / SIGTERM.
 */
export async function main(
  env: NodeJS.ProcessEnv = process.env,
  options: { handleSignals?: boolean } = {},
): Promise<RunningRouter> {
  const logger = createLogger('router', env.LOG_LEVEL || 'info');
  const config = readRouterEnv(env);
  const supergraphSdl = await readFile(config.SUPERGRAPH_PATH, 'utf8');
  const router = await startRouter({
    port: config.PORT,
    host: config.HOST,
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    signingKey: config.ROUTER_SIGNING_KEY,
    tokenSecret: config.AUTH_TOKEN_SECRET,
    databaseUrl: config.databaseUrl,
    staticApps: config.staticApps,
    limits: config.limits,
    trustProxy: config.TRUST_PROXY,
    introspection: config.GRAPHQL_INTROSPECTION,
    logger,
  });
  if (options.handleSignals === false) return router;
  stopOnSignals(logger, () => router.close());
  return router;
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
