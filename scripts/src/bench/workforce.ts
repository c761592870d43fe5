/**
 * `npm run bench -- workforce`: the workforce subgraph at benchmark size, figures printed, never asserted.
 * Starts the platform on a fresh database with the benchmark dataset (50,000 people, 300 projects,
 * a year of attendance generated in SQL), opens `attendanceChanged` through the router over
 * graphql-ws, replays a morning peak (300 projects × 90 people checking in, uploaded in batches by
 * one device per project, several devices at once) through the router, and prints check-ins per
 * second, the delay from a batch's POST to the subscriber seeing its delta (p50/p95), and p50/p95 of
 * the analytics queries over the year. Traffic stays on 127.0.0.1; every loop is bounded.
 */
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connectClient, createLogger } from '@hs/kit';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@hs/identity';
import { DEVICE_GATEWAY_USERNAME } from '@hs/workforce';
import { startPlatform } from '../platform.js';
import { benchDatabase } from './database.js';

const BATCH = Number(process.env.BENCH_WORKFORCE_BATCH ?? 30);
const DEVICES_IN_FLIGHT = Number(process.env.BENCH_WORKFORCE_CONCURRENCY ?? 8);
const QUERY_REPEATS = Number(process.env.BENCH_WORKFORCE_QUERY_REPEATS ?? 15);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

const INGEST = `mutation($d: ID!, $b: String!, $e: [AttendanceEventInput!]!) {
  ingestAttendanceBatch(deviceId: $d, batchId: $b, events: $e) { accepted refused replayed } }`;

async function main() {
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    LIMIT_RATE_PER_MINUTE_PER_USER: '1000000',
    LIMIT_RATE_PER_MINUTE_PER_IP: '1000000',
  };
  const database = benchDatabase(baseEnv, 'hs_bench_wf', { dataDir: 'data/bench-workforce', port: '54333' });
  const env = database.env;
  const t0 = performance.now();
  const platform = await startPlatform({
    logger: createLogger('bench', 'warn'),
    env,
    port: 0,
    subgraphPorts: 'free',
    seedScale: 'bench',
  }).catch(async (error) => {
    await database.drop();
    throw error;
  });
  console.log(
    `platform started with the benchmark dataset in ${((performance.now() - t0) / 1000).toFixed(1)} s (migrate + seed + start)`,
  );
  const db = await connectClient(platform.config.DATABASE_URL);
  const clients: { dispose(): unknown }[] = [];
  try {
    const post = async (body: unknown, token: string) => {
      const res = await fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as any;
    };
    const login = async (username: string, password: string) => {
      const r = await post(
        {
          query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
          variables: { u: username, p: password },
        },
        '',
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data.login.accessToken as string;
    };
    const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin')!;
    const adminToken = await login(admin.username, admin.password);
    const gatewayToken = await login(DEVICE_GATEWAY_USERNAME, DEMO_PASSWORD);

    const sizes = (
      await db.query(`select (select count(*) from workforce.person) as people, (select count(*) from workforce.attendance) as events,
        (select count(*) from workforce.presence) as presence, (select count(*) from workforce.employment where exit_date is null) as open`)
    ).rows[0];
    console.log(
      `dataset: ${sizes.people} people, ${sizes.open} open assignments, ${sizes.presence} person-days, ${sizes.events} attendance events`,
    );

    // The crews: one device per project, the open assignments on it.
    const crews = (
      await db.query(`select d.id as device, d.project_id, array_agg(e.person_id order by e.person_id) as people
        from workforce.device d join workforce.employment e on e.project_id = d.project_id and e.exit_date is null
       group by d.id, d.project_id order by d.project_id`)
    ).rows as { device: string; project_id: string; people: string[] }[];

    // The live subscriber (the big screen), through the router.
    const pending = new Map<string, number[]>();
    const delays: number[] = [];
    let deltaEvents = 0;
    const wsUrl = platform.url.replace(/^http/, 'ws');
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${adminToken}` },
      retryAttempts: 0,
    });
    clients.push(client);
    let live = false;
    client.subscribe(
      { query: `subscription { attendanceChanged { deltas { projectId onSiteDelta accepted refused } } }` },
      {
        next: (v: any) => {
          live = true;
          for (const d of v.data?.attendanceChanged?.deltas ?? []) {
            const queue = pending.get(d.projectId);
            const started = queue?.shift();
            if (started !== undefined) {
              delays.push(performance.now() - started);
              deltaEvents++;
            }
          }
        },
        error: (e) => console.error('subscription error', e),
        complete: () => {},
      },
    );
    // Wait until the subscription is live: a warm-up batch per attempt until its delta arrives.
    const warm = crews[0];
    for (let i = 0; i < 50 && !live; i++) {
      await post(
        {
          query: INGEST,
          variables: {
            d: warm.device,
            b: `warm-${i}`,
            e: [
              {
                eventId: `warm-${i}`,
                idCardHash: '0'.repeat(64),
                occurredAt: new Date().toISOString(),
                direction: 'IN',
              },
            ],
          },
        },
        gatewayToken,
      );
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!live) throw new Error('the attendanceChanged subscription never delivered an event');
    await new Promise((r) => setTimeout(r, 300));
    pending.clear();

    // The morning peak: everyone checks in within the last hour, uploaded batch by batch.
    const peakStart = Date.now() - 60 * 60_000;
    const batches = crews.map((crew) => {
      const list: { device: string; project: string; events: unknown[] }[] = [];
      for (let i = 0; i < crew.people.length; i += BATCH) {
        list.push({
          device: crew.device,
          project: crew.project_id,
          events: crew.people.slice(i, i + BATCH).map((person, k) => ({
            eventId: `peak-${i + k}`,
            personId: person,
            occurredAt: new Date(peakStart + ((i + k) / crew.people.length) * 55 * 60_000).toISOString(),
            direction: 'IN',
          })),
        });
      }
      return list;
    });
    const totalEvents = batches.reduce((s, l) => s + l.reduce((t, b) => t + b.events.length, 0), 0);
    const postLatency: number[] = [];
    let accepted = 0;
    let refused = 0;
    let batchesSent = 0;
    const started = performance.now();
    // Devices in flight at once; each device sends its batches in order (as a real one would).
    let nextCrew = 0;
    await Promise.all(
      Array.from({ length: DEVICES_IN_FLIGHT }, async () => {
        while (nextCrew < batches.length) {
          const list = batches[nextCrew++];
          for (const batch of list) {
            const t = performance.now();
            const queue = pending.get(batch.project) ?? [];
            queue.push(t);
            pending.set(batch.project, queue);
            const r = await post(
              { query: INGEST, variables: { d: batch.device, b: `peak-${batchesSent}`, e: batch.events } },
              gatewayToken,
            );
            if (r.errors) throw new Error(JSON.stringify(r.errors));
            postLatency.push(performance.now() - t);
            accepted += r.data.ingestAttendanceBatch.accepted;
            refused += r.data.ingestAttendanceBatch.refused;
            batchesSent++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const until = Date.now() + 10_000;
    while (deltaEvents < batchesSent && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    postLatency.sort((a, b) => a - b);
    delays.sort((a, b) => a - b);
    console.log(
      `morning peak: ${totalEvents} check-ins from ${crews.length} devices in ${batchesSent} batches of ≤${BATCH}, ` +
        `${DEVICES_IN_FLIGHT} devices in flight: ${(totalEvents / seconds).toFixed(0)} check-ins/s ` +
        `(${seconds.toFixed(1)} s; ${accepted} accepted, ${refused} refused)`,
    );
    console.log(
      `  batch POST round trip p50 ${ms(percentile(postLatency, 50))}, p95 ${ms(percentile(postLatency, 95))}; ` +
        `POST → subscriber sees the delta p50 ${ms(percentile(delays, 50))}, p95 ${ms(percentile(delays, 95))} ` +
        `(${deltaEvents} of ${batchesSent} deltas seen)`,
    );
    const resend = batches[0][0];
    const again = await post(
      { query: INGEST, variables: { d: resend.device, b: 'resend', e: resend.events } },
      gatewayToken,
    );
    console.log(`  resending one batch: ${JSON.stringify(again.data?.ingestAttendanceBatch)}`);

    // Analytics over the year.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const daysAgo = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const queries: [string, string, Record<string, unknown>][] = [
      [
        'workforceToday (city + districts)',
        `{ workforceToday { total { registered attended onSite keyPostRate } byDistrict { districtCode attended } } }`,
        {},
      ],
      [
        'workforceProjectsToday (page of 20)',
        `{ workforceProjectsToday(page: { page: 1, pageSize: 20 }) { total items { projectName onSite attendanceRate } } }`,
        {},
      ],
      ['workforceOnSiteRanking (top 10)', `{ workforceOnSiteRanking(limit: 10) { items { projectName onSite } } }`, {}],
      [
        'workforceKeyPostRanking (bottom 10)',
        `{ workforceKeyPostRanking(limit: 10) { items { projectName keyPostRate } } }`,
        {},
      ],
      [
        'workforceAttendanceRates, 30 days by project',
        `query($f: WorkforceRateFilter!) { workforceAttendanceRates(filter: $f, page: { page: 1, pageSize: 20 }) { total items { name attendanceRate keyPostRate } } }`,
        { f: { dateFrom: daysAgo(30), dateTo: daysAgo(1) } },
      ],
      [
        'workforceAttendanceRates, 365 days by district',
        `query($f: WorkforceRateFilter!) { workforceAttendanceRates(filter: $f, groupBy: DISTRICT) { items { name attendanceRate keyPostRate } } }`,
        { f: { dateFrom: daysAgo(365), dateTo: daysAgo(1) } },
      ],
      [
        'workforcePersonnelStats (city)',
        `{ workforcePersonnelStats { total keyPost byTrade { key count } byDistrict { key count } byAgeBand { key count } } }`,
        {},
      ],
      [
        'attendanceRecords (today, page of 20)',
        `{ attendanceRecords(page: { page: 1, pageSize: 20 }) { total items { id occurredAt accepted } } }`,
        {},
      ],
      [
        'workforcePeople (page of 20)',
        `{ workforcePeople(page: { page: 1, pageSize: 20 }) { total items { name idCard trade employments { post } } } }`,
        {},
      ],
    ];
    for (const [label, query, variables] of queries) {
      const warmUp = await post({ query, variables }, adminToken);
      if (warmUp.errors) throw new Error(`${label}: ${JSON.stringify(warmUp.errors)}`);
      const times: number[] = [];
      for (let i = 0; i < QUERY_REPEATS; i++) {
        const t = performance.now();
        await post({ query, variables }, adminToken);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${label}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))} (${QUERY_REPEATS} runs)`,
      );
    }
  } finally {
    for (const c of clients) await c.dispose();
    await db.end();
    await platform.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
