import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningRouter } from '../src/index.js';
import {
  bearer,
  post,
  startFixturePlatform,
  startTestRouter,
  testCaller,
  token,
  type FixturePlatform,
} from './fixtures/platform.js';

// One graphql instance (see router.test.ts).
vi.mock('graphql', async () => {
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('graphql');
  return { ...cjs, default: cjs };
});

/** Rate limits count across router replicas (ADR 0003): two routers on one database share the counters. */
const PER_IP = 6;
const PER_USER = 4;

let platform: FixturePlatform;
let a: RunningRouter & { databaseUrl: string };
let b: RunningRouter;

beforeAll(async () => {
  platform = await startFixturePlatform();
  const limits = { ratePerMinutePerIp: PER_IP, ratePerMinutePerUser: PER_USER };
  a = await startTestRouter(platform, { limits });
  b = await startTestRouter(platform, { limits, databaseUrl: a.databaseUrl });
});

afterAll(async () => {
  await b?.close();
  await a?.close();
  await platform?.close();
});

/** The counters use fixed one-minute windows: start a scenario well inside one. */
async function freshWindow() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 50));
}

const query = (router: RunningRouter, headers: Record<string, string> = {}) =>
  post(router.url, { query: '{ products { id } }' }, headers);

describe('rate limits shared by two router replicas', () => {
  it('per IP: half the limit on A and half on B, the next request is refused on either', async () => {
    await freshWindow();
    for (let i = 0; i < PER_IP / 2; i++) expect((await query(a)).status).toBe(200);
    for (let i = 0; i < PER_IP / 2; i++) expect((await query(b)).status).toBe(200);
    const refusedB = await query(b);
    expect(refusedB.status).toBe(429);
    expect(refusedB.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await query(a)).status).toBe(429);
  });

  it('per user: the signed-in user’s requests on A and B count against one limit', async () => {
    // The per-IP counters were used up above: these come from the addresses the routers see as 127.0.0.1
    // too, so the per-IP limit is raised by starting a fresh pair with a high per-IP limit.
    const limits = { ratePerMinutePerIp: 1000, ratePerMinutePerUser: PER_USER };
    const c = await startTestRouter(platform, { limits });
    const d = await startTestRouter(platform, { limits, databaseUrl: c.databaseUrl });
    try {
      await freshWindow();
      const auth = bearer(await token(testCaller('u2')));
      for (let i = 0; i < PER_USER / 2; i++) expect((await query(c, auth)).status).toBe(200);
      for (let i = 0; i < PER_USER / 2; i++) expect((await query(d, auth)).status).toBe(200);
      expect((await query(c, auth)).status).toBe(429);
      expect((await query(d, auth)).status).toBe(429);
      // Another user is not affected.
      expect((await query(d, bearer(await token(testCaller('u1'))))).status).toBe(200);
    } finally {
      await d.close();
      await c.close();
    }
  });
});
