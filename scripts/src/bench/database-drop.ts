/**
 * `npm run bench:drop`: how long the platform takes to answer again after PostgreSQL drops every
 * connection (issue #10 wants it within 5 s). Starts the platform on a fresh demo database, ends
 * every backend of that database a few times, and prints the figure of each round. Printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import { createLogger, terminateOtherBackends } from '@hs/kit';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { startPlatform } from '../platform.js';
import { benchDatabase } from './database.js';

const ROUNDS = Number(process.env.BENCH_DROP_ROUNDS ?? 5);

async function main() {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  const database = benchDatabase(baseEnv, 'hs_bench_drop', { dataDir: 'data/bench-drop', port: '54332' });
  const env = database.env;
  const platform = await startPlatform({ logger: createLogger('bench', 'error'), env, port: 0, subgraphPorts: 'free' });
  try {
    const post = async (body: unknown, token?: string) => {
      const res = await fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    };
    const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin')!;
    const login = await post({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      variables: { u: admin.username, p: admin.password },
    });
    const token = login.data.login.accessToken as string;
    const query = {
      query: '{ projects(page: { page: 1, pageSize: 5 }) { total items { id createdBy { username } } } }',
    };
    const figures: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await post(query, token); // every subgraph holds pooled connections when they go
      // As the superuser: the owner role may not end the services' connections.
      const ended = await terminateOtherBackends(platform.adminUrl!);
      const dropped = performance.now();
      let failed = 0;
      for (let i = 0; i < 10_000 && (await post(query, token)).errors; i++) failed++;
      figures.push(performance.now() - dropped);
      console.log(
        `round ${round}: ${ended} connections ended; answering again ${figures.at(-1)!.toFixed(0)} ms after the drop (${failed} failed requests first)`,
      );
    }
    console.log(`answering again after the drop: worst ${Math.max(...figures).toFixed(0)} ms of ${ROUNDS} rounds`);
  } finally {
    await platform.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
