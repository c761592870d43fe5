/**
 * `npm run bench:router`: the router's own cost per request, printed, never asserted (issue #10:
 * the router reads PostgreSQL on its hot path now: one rate-limit upsert per limiter and request,
 * two outbox writes per mutation). A trivial subgraph (named identity, with an audit intake that
 * accepts every record) answers `{ ping }` and a no-op mutation, so what is measured is the router:
 * auth, revocation check, rate limits, planning, audit outbox and its relay.
 * Compares each with the same request sent to the subgraph directly. Loopback only; loops bounded.
 * DATABASE_URL names the PostgreSQL server (a fresh database is made and dropped).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse } from 'graphql';
import {
  createLogger,
  dropDatabase,
  ensureDatabase,
  issueAccessToken,
  migrateSubgraph,
  withDatabase,
  type Caller,
} from '@hs/kit';
import { identity } from '@hs/identity';
import { createRouterPool, migrateRouter, PgRateLimitStore, startRouter } from '@hs/router';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SIGNING_KEY = 'bench-router-signing-key-0123456789abcdef';
const TOKEN_SECRET = 'bench-access-token-secret-0123456789abcdef';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String! }
  type Mutation { touch(note: String): Boolean! }
`);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label: string, count: number, send: () => Promise<void>) {
  for (let i = 0; i < 50; i++) await send(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) {
        const t0 = performance.now();
        await send();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${String(count).padStart(5)} req  ${(count / seconds).toFixed(0).padStart(6)} req/s  ` +
      `p50 ${percentile(latencies, 50).toFixed(2)} ms  p95 ${percentile(latencies, 95).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );
}

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL must name a PostgreSQL server');
  const databaseUrl = withDatabase(server, `hs_bench_router_${Date.now().toString(36)}`);
  await ensureDatabase(databaseUrl);
  await migrateSubgraph(identity, databaseUrl); // identity.revoked_session_v
  await migrateRouter(databaseUrl);

  const subgraph = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs,
      resolvers: { Query: { ping: () => 'pong' }, Mutation: { touch: () => true } },
    }),
  });
  await subgraph.start();
  let audited = 0;
  const app = express();
  app.post('/internal/audit', (_req, res) => {
    audited++;
    res.status(201).json({ seq: String(audited) });
  });
  app.use('/graphql', express.json(), expressMiddleware(subgraph));
  const http = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const subgraphUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const composed = composeServices([{ name: 'identity', url: subgraphUrl, typeDefs }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));

  const router = await startRouter({
    port: 0,
    supergraphSdl: composed.supergraphSdl,
    signingKey: SIGNING_KEY,
    tokenSecret: TOKEN_SECRET,
    databaseUrl,
    limits: { ratePerMinutePerIp: 10_000_000, ratePerMinutePerUser: 10_000_000 },
    logger: createLogger('bench', 'warn'),
  });
  const caller: Caller = {
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'bench',
    displayName: '压测',
    departmentId: null,
    roles: ['admin'],
    permissions: ['*'],
    scope: { kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [] },
    sessionId: '00000000-0000-4000-8000-000000000002',
  };
  const token = await issueAccessToken(TOKEN_SECRET, caller);
  const poster = (url: string, body: string, auth: boolean) => async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const json = (await res.json()) as { errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
  };
  const query = JSON.stringify({ query: '{ ping }' });
  const mutation = JSON.stringify({
    query: 'mutation Touch($n: String) { touch(note: $n) }',
    variables: { n: '现场' },
  });
  try {
    console.log(`router overhead, concurrency ${CONCURRENCY} (node ${process.version})`);
    await measure('query, subgraph directly', REQUESTS, poster(subgraphUrl, query, false));
    await measure('query via router, anonymous', REQUESTS, poster(router.url, query, false));
    await measure('query via router, signed in', REQUESTS, poster(router.url, query, true));
    await measure('mutation, subgraph directly', MUTATIONS, poster(subgraphUrl, mutation, false));
    await measure('mutation via router, signed in', MUTATIONS, poster(router.url, mutation, true));
    console.log(`audit records delivered by the relay so far: ${audited}`);
    // The shared counter alone: what each limiter adds to a request (the signed-in path has two).
    const pool = createRouterPool(databaseUrl, createLogger('bench', 'warn'), CONCURRENCY);
    const store = new PgRateLimitStore(pool, 'bench');
    let key = 0;
    await measure('rate-limit upsert alone', REQUESTS, async () => {
      await store.increment(`client-${key++ % 100}`);
    });
    await pool.end();
  } finally {
    await router.close();
    await subgraph.stop();
    http.close();
    await dropDatabase(databaseUrl);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
