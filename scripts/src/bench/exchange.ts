/**
 * `npm run bench:exchange` (issue #12): against the provincial simulators in this process, a full
 * enterprise pull of 10,000 records (BENCH_ENTERPRISES) through the market connector — records/s —
 * and lookups by code through the router (3.1.1 project, 3.1.2 enterprise) — p50 / p95 over
 * BENCH_RUNS lookups at concurrency 1. Targets: ≥ 500 records/s, p95 ≤ 1 s. Figures are printed,
 * never asserted.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createLogger } from '@hs/kit';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { exchangeOf, MARKET_CONNECTOR } from '@hs/projects';
import { repoPath } from '../paths.js';
import { startPlatform } from '../platform.js';
import { benchDatabase } from './database.js';

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const approvalSim = await import(pathToFileURL(repoPath('simulators/provincial-approval/server.mjs')).href);
  const marketSim = await import(pathToFileURL(repoPath('simulators/provincial-market/server.mjs')).href);
  const approval = await approvalSim.startProvincialApprovalSimulator();
  const market = await marketSim.startProvincialMarketSimulator({ enterprises: ENTERPRISES });
  const database = benchDatabase(
    {
      ...process.env,
      LOG_LEVEL: 'warn',
      LIMIT_RATE_PER_MINUTE_PER_USER: '1000000',
      LIMIT_RATE_PER_MINUTE_PER_IP: '1000000',
      PROVINCIAL_APPROVAL_URL: approval.url,
      PROVINCIAL_MARKET_URL: market.url,
      PROVINCIAL_MARKET_APP_KEY: market.appKey,
      PROVINCIAL_MARKET_APP_SECRET: market.appSecret,
    },
    'hs_bench_exchange',
    { dataDir: 'data/bench-exchange', port: '54334' },
  );
  const platform = await startPlatform({
    logger: createLogger('bench', 'warn'),
    env: database.env,
    port: 0,
    subgraphPorts: 'free',
  });
  try {
    const service = exchangeOf(platform.subgraphs.find((s) => s.name === 'projects')!.orm);
    const t0 = performance.now();
    const run = await service.runPull(MARKET_CONNECTOR);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `full enterprise pull: ${run?.read} records in ${seconds.toFixed(2)} s = ${((run?.read ?? 0) / seconds).toFixed(0)} records/s ` +
        `(updated ${run?.updated}, unchanged ${run?.unchanged}, rejected ${run?.rejected}; target ≥ 500 records/s)`,
    );

    const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const res = await fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: { message: string }[] };
    };
    const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin')!;
    const login = await post(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: admin.username, p: admin.password },
    );
    const token = login.data.login.accessToken as string;
    const projects = approval.projects() as { codes: { permitNo: string | null; investmentCode: string } }[];
    const codes = projects.map((p) => p.codes.permitNo ?? p.codes.investmentCode);
    const creditCodes = (market.codes() as string[]).slice(0, 2000);
    const measure = async (label: string, query: string, vars: (i: number) => Record<string, unknown>) => {
      for (let i = 0; i < 5; i++) await post(query, vars(i), token);
      const times: number[] = [];
      let errors = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const answer = await post(query, vars(i), token);
        times.push(performance.now() - started);
        if (answer.errors) errors++;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}: ${RUNS} lookups, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
          `max ${times[times.length - 1].toFixed(1)} ms, errors ${errors} (target p95 ≤ 1000 ms)`,
      );
    };
    await measure(
      'project lookup by code (3.1.1)',
      'query($c: String!) { provincialProjectLookup(code: $c) { name units { name isNew } conflicts { field } } }',
      (i) => ({ c: codes[i % codes.length] }),
    );
    await measure(
      'enterprise lookup by credit code (3.1.2)',
      'query($c: String!) { provincialEnterpriseLookup(creditCode: $c) { name qualifications { status } conflicts { field } } }',
      (i) => ({ c: creditCodes[(i * 7) % creditCodes.length] }),
    );
  } finally {
    await platform.close();
    await database.drop();
    await approval.close();
    await market.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
