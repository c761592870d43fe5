/** `npm run migrate`: applies pending migrations of every subgraph and of the router (production deploys run this once). */
import { createLogger, loadConfig, migrateSubgraph } from '@hs/kit';
import { migrateRouter } from '@hs/router';
import { SUBGRAPHS } from './subgraphs.js';

const logger = createLogger('migrate');
const url = loadConfig().DATABASE_URL;
for (const module of SUBGRAPHS) {
  await migrateSubgraph(module, url);
  logger.info(`${module.name}: migrations applied`);
}
await migrateRouter(url);
logger.info('router: migrations applied');
