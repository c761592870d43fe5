import { startPlatform, type PlatformOptions, type RunningPlatform } from '../src/platform.js';
import { TEST_SECRETS, testLogger, type TestDatabase } from '../../packages/kit/test/support.js';

/**
 * The whole platform in-process on the test database `db`, on free ports: migrated as the owner,
 * every service (subgraphs and router) connected as its own role, the tests' fixed secrets;
 * `env` adds settings (e.g. a simulator the test controls).
 */
export function startTestPlatform(
  db: TestDatabase,
  options: Pick<PlatformOptions, 'onQuery'> & { env?: NodeJS.ProcessEnv } = {},
): Promise<RunningPlatform> {
  const { env, ...rest } = options;
  return startPlatform({
    logger: testLogger,
    env: { ...db.platformEnv(), ...TEST_SECRETS, NODE_ENV: 'test', ...env },
    port: 0,
    subgraphPorts: 'free',
    ...rest,
  });
}
