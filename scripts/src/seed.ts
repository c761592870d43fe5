/** `npm run seed [-- --scale bench]`: migrates and loads demo (or benchmark) data into DATABASE_URL. */
import { createLogger, loadConfig } from '@hs/kit';
import { prepareDatabase } from './platform.js';

const logger = createLogger('seed');
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL 未设置：seed 需要一个 PostgreSQL 连接串（npm start 会自动使用内嵌数据库）');
  process.exit(1);
}
const scale = process.argv.includes('bench') ? 'bench' : 'demo';
await prepareDatabase(url, scale, logger, loadConfig());
logger.info(`seeded (${scale})`);
