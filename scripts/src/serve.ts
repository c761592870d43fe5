/**
 * One service per process, for the production topology (docker-compose.yml):
 *   node scripts/dist/serve.js <subgraph>   e.g. identity, projects
 *   node scripts/dist/serve.js router
 * Configuration comes from the environment only (see README, Configuration).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createLogger, loadConfig, portSchema, runSubgraph } from '@hs/kit';
import { startRouter } from '@hs/router';
import { repoPath } from './paths.js';
import { SUBGRAPHS } from './subgraphs.js';

const name = process.argv[2];
const logger = createLogger(name ?? 'serve');
const stops: (() => Promise<void>)[] = [];

if (name === 'router') {
  const config = loadConfig({ PORT: portSchema(4000), HOST: z.string().default('0.0.0.0'), SUPERGRAPH_PATH: z.string().optional() });
  const supergraphSdl = await readFile(config.SUPERGRAPH_PATH ?? repoPath('schema', 'supergraph.graphql'), 'utf8');
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.flatMap((m) => {
      const url = process.env[`SUBGRAPH_${m.name.toUpperCase()}_URL`];
      return url ? [[m.name, url]] : [];
    }),
  );
  const router = await startRouter({
    port: config.PORT,
    host: config.HOST,
    supergraphSdl,
    subgraphUrls,
    signingKey: config.ROUTER_SIGNING_KEY,
    tokenSecret: config.AUTH_TOKEN_SECRET,
    logger,
  });
  stops.push(router.close);
} else {
  const module = SUBGRAPHS.find((m) => m.name === name);
  if (!module) {
    console.error(`用法: serve.js <${[...SUBGRAPHS.map((m) => m.name), 'router'].join('|')}>`);
    process.exit(2);
  }
  const config = loadConfig({ PORT: portSchema(module.defaultPort), HOST: z.string().default('0.0.0.0') });
  const running = await runSubgraph(module, { config, logger, port: config.PORT, host: config.HOST });
  stops.push(running.close);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    for (const stop of stops) await stop();
    process.exit(0);
  });
}
