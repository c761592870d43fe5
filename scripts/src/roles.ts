import { applyGrants, ConfigError } from '@hs/kit';
import { DATABASE_GRANTS } from './subgraphs.js';

/** The services' grants (issue #10), with a message that says what to do when their roles are missing. */
export async function grantServices(ownerUrl: string): Promise<void> {
  try {
    await applyGrants(ownerUrl, DATABASE_GRANTS);
  } catch (error) {
    if ((error as { code?: string }).code !== '42704') throw error;
    throw new ConfigError(
      `数据库角色不存在 (${(error as Error).message})：请先由 DBA 执行 npm run db:roles（见 docs/DEPLOY.md）`,
    );
  }
}
