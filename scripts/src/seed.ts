/**
 * `npm run seed [-- --scale bench]`: migrates and loads demo (or benchmark) data, as the owner role
 * (MIGRATION_DATABASE_URL, else DATABASE_URL).
 */
import { createLogger, loadConfig } from '@hs/kit';
import { prepareDatabase } from './platform.js';

const logger = createLogger('seed');
const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error('MIGRATION_DATABASE_URL 未设置：seed 需要数据库属主角色的连接串（npm start 会自动使用内嵌数据库）');
  process.exit(1);
}
const scale = process.argv.includes('bench') ? 'bench' : 'demo';
await prepareDatabase(url, scale, logger, loadConfig(undefined, { ...process.env, DATABASE_URL: url }));
logger.info(`seeded (${scale})`);
