/**
 * `npm start`: the whole platform in one process on one machine, for a newcomer or a demo.
 * Embedded PostgreSQL when DATABASE_URL is unset, migrations, demo data on first run, every
 * subgraph, the router (with the admin and dashboard builds), and a clean stop on Ctrl-C.
 */
import { createLogger } from '@hs/kit';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { startPlatform } from './platform.js';

async function main() {
  const logger = createLogger('platform');
  const platform = await startPlatform({ logger });
  const base = platform.url.replace(/\/graphql$/, '');
  const lines = [
    '',
    '黄石市建筑业一体化监管平台 已启动',
    `  GraphQL 网关 / 在线调试:  ${platform.url}`,
    platform.apps.includes('/admin')
      ? `  管理后台:                ${base}/admin/`
      : '  管理后台:                未构建 (npm run build)',
    platform.apps.includes('/dashboard')
      ? `  数据指挥中心大屏:         ${base}/dashboard/`
      : '  数据指挥中心大屏:         未构建 (npm run build)',
    `  就绪检查:                ${base}/readyz`,
    '',
    '  演示账号 (demo accounts):',
    ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(14)} ${a.password.padEnd(18)} ${a.role}`),
    '',
    '  Ctrl-C 停止 (stops everything, data kept under DATA_DIR)',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
