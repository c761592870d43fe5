/**
 * One service per process, for the production topology (docker-compose.yml):
 *   node scripts/dist/serve.js <subgraph>   e.g. identity, projects
 * (the router runs as `node router/dist/main.js`). Configuration comes from the environment only.
 */
import { z } from 'zod';
import { createLogger, loadConfig, portSchema, runSubgraph, stopOnSignals, type RunningSubgraph } from '@hs/kit';
import { SUBGRAPHS } from './subgraphs.js';

const name = process.argv[2];
const logger = createLogger(name ?? 'serve');
const module = SUBGRAPHS.find((m) => m.name === name);
if (!module) {
  console.error(`用法: serve.js <${SUBGRAPHS.map((m) => m.name).join('|')}>`);
  process.exit(2);
}
const config = loadConfig({ PORT: portSchema(module.defaultPort), HOST: z.string().default('0.0.0.0') });
const starting: Promise<RunningSubgraph> = runSubgraph(module, {
  config,
  logger,
  port: config.PORT,
  host: config.HOST,
});
stopOnSignals(logger, async () => {
  const running = await starting.catch(() => null);
  await running?.close();
});
await starting;
