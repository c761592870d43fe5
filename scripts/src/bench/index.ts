/**
 * `npm run bench`: figures for the foundation, printed, never asserted.
 * Starts the platform on a fresh database with the benchmark dataset (scale 'bench'), then
 * measures through the router: latency and throughput of a federated list query (projects
 * with units, enterprises, districts and creators from identity), SQL statements per request,
 * and login cost (argon2id). Traffic stays on 127.0.0.1; every loop is bounded.
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from '@hs/kit';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { startPlatform } from '../platform.js';
import { benchDatabase } from './database.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const QUERY = `query($n: Int!) { projects(page: { page: 1, pageSize: $n }) { total items {
  id name status district { name } units { role enterprise { name creditCode } } createdBy { displayName department { name } } } } }`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  // This benchmark measures no attendance: a week of it instead of the workforce benchmark's year.
  process.env.WORKFORCE_BENCH_DAYS ??= '7';
  // The benchmark is one user on loopback: lift the per-user and per-IP rate limits for it.
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    LIMIT_RATE_PER_MINUTE_PER_USER: '1000000',
    LIMIT_RATE_PER_MINUTE_PER_IP: '1000000',
  };
  const database = benchDatabase(baseEnv, 'hs_bench', { dataDir: 'data/bench', port: '54331' });
  const env = database.env;
  let statements = 0;
  const platform = await startPlatform({
    logger: createLogger('bench', 'warn'),
    env,
    port: 0,
    subgraphPorts: 'free',
    seedScale: 'bench',
    onQuery: () => statements++,
  });
  try {
    const post = async (body: unknown, token?: string) => {
      const res = await fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return (await res.json()) as any;
    };
    const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin')!;
    const loginTimes: number[] = [];
    let token = '';
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const r = await post({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        variables: { u: admin.username, p: admin.password },
      });
      loginTimes.push(performance.now() - t0);
      token = r.data.login.accessToken;
    }

    for (const pageSize of [20, 100]) {
      const warm = await post({ query: QUERY, variables: { n: pageSize } }, token);
      if (warm.errors) throw new Error(JSON.stringify(warm.errors));
      statements = 0;
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            next++;
            const t0 = performance.now();
            const r = await post({ query: QUERY, variables: { n: pageSize } }, token);
            if (r.errors) throw new Error(JSON.stringify(r.errors));
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        `projects list, pageSize ${pageSize} (${warm.data.projects.total} projects, ${REQUESTS} requests, concurrency ${CONCURRENCY}): ` +
          `${(REQUESTS / seconds).toFixed(1)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
          `p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ` +
          `${(statements / REQUESTS).toFixed(1)} SQL statements per request`,
      );
    }
    loginTimes.sort((a, b) => a - b);
    console.log(
      `login (argon2id verify + token issue): p50 ${percentile(loginTimes, 50).toFixed(1)} ms over ${loginTimes.length}`,
    );
    console.log(`router process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (all-in-one)`);
  } finally {
    await platform.close();
    await database.drop();
  }
}

// `npm run bench -- workforce`: the workforce benchmark (scripts/src/bench/workforce.ts) instead.
if (process.argv.includes('workforce')) await import('./workforce.js');
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
