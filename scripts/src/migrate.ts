/**
 * `npm run migrate`: applies pending migrations of every subgraph and of the router as the owner role
 * (MIGRATION_DATABASE_URL), then grants the services' roles what they need (issue #10).
 * Production deploys run this once per release, after `npm run db:roles` created the roles.
 */
import { createLogger, migrateSubgraph } from '@hs/kit';
import { migrateRouter } from '@hs/router';
import { grantServices } from './roles.js';
import { SUBGRAPHS } from './subgraphs.js';

const logger = createLogger('migrate');
const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error('MIGRATION_DATABASE_URL 未设置：迁移以数据库属主角色 hs_owner 连接（见 docs/DEPLOY.md）');
  process.exit(1);
}
for (const module of SUBGRAPHS) {
  await migrateSubgraph(module, url);
  logger.info(`${module.name}: migrations applied`);
}
await migrateRouter(url);
logger.info('router: migrations applied');
await grantServices(url);
logger.info('grants of the services’ database roles applied');
