import { dropDatabase, withDatabase } from '@hs/kit';

/**
 * Where a benchmark runs: a fresh database of its own on DATABASE_URL's server (dropped with
 * `drop()`), or, with none, an embedded PostgreSQL under DATA_DIR on its own port.
 */
export function benchDatabase(
  env: NodeJS.ProcessEnv,
  name: string,
  embedded: { dataDir: string; port: string },
): { env: NodeJS.ProcessEnv; drop(): Promise<void> } {
  if (!env.DATABASE_URL) {
    return {
      env: { ...env, DATA_DIR: embedded.dataDir, EMBEDDED_PG_PORT: env.EMBEDDED_PG_PORT ?? embedded.port },
      drop: async () => {},
    };
  }
  const databaseUrl = withDatabase(env.DATABASE_URL, `${name}_${Date.now().toString(36)}`);
  return { env: { ...env, DATABASE_URL: databaseUrl }, drop: () => dropDatabase(databaseUrl).catch(() => {}) };
}
