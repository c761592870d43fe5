import { once } from 'node:events';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAccessToken } from '@hs/kit';
import { bearer, post, waitFor } from './fixtures/platform.js';
import { login, startIdentityPlatform, type IdentityPlatform } from './fixtures/identity-platform.js';

// One graphql instance (see router.test.ts).
vi.mock('graphql', async () => {
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('graphql');
  return { ...cjs, default: cjs };
});

/**
 * A revoked session stops working within seconds on every router replica (issue #10): two routers
 * on one database; the revocation happens through one, the old access token is refused by both.
 * The delays are printed, not asserted (the issue wants < 5 s).
 */
let platform: IdentityPlatform;
let a: Awaited<ReturnType<IdentityPlatform['startRouter']>>;
let b: Awaited<ReturnType<IdentityPlatform['startRouter']>>;

beforeAll(async () => {
  platform = await startIdentityPlatform();
  a = await platform.startRouter();
  b = await platform.startRouter();
});

afterAll(async () => {
  await platform?.close();
});

const me = (url: string, accessToken: string) => post(url, { query: '{ me { username } }' }, bearer(accessToken));

/** Awaits the refusal of `accessToken` on both routers; prints each delay since `since`. */
async function expectRefusedOnBoth(what: string, accessToken: string, since: number) {
  for (const [name, router] of [
    ['A', a],
    ['B', b],
  ] as const) {
    await waitFor(async () => (await me(router.url, accessToken)).status === 401, `refusal on router ${name}`);
    console.log(`[revocation] ${what}: refused on router ${name} after ${(performance.now() - since).toFixed(1)} ms`);
    const res = await me(router.url, accessToken);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/登录已失效.*请重新登录/);
  }
}

async function loggedIn(username = 'admin') {
  const tokens = await login(a.url, username);
  expect((await me(a.url, tokens.accessToken)).status).toBe(200);
  expect((await me(b.url, tokens.accessToken)).status).toBe(200);
  return tokens;
}

describe('revoked sessions are refused on every router replica', () => {
  it('logout on A: the old access token is refused on A and B', async () => {
    const { accessToken } = await loggedIn();
    const since = performance.now();
    const res = await post(a.url, { query: 'mutation { logout }' }, bearer(accessToken));
    expect(res.body.data.logout).toBe(true);
    await expectRefusedOnBoth('logout', accessToken, since);
  });

  it('force-logout by an admin on B: the user’s access token is refused on A and B', async () => {
    const user = await loggedIn('dy_inspector');
    const admin = await login(b.url);
    const { sessionId } = await verifyAccessToken(platform.config.AUTH_TOKEN_SECRET, user.accessToken);
    const since = performance.now();
    const res = await post(
      b.url,
      { query: `mutation { revokeSession(id: "${sessionId}") }` },
      bearer(admin.accessToken),
    );
    expect(res.body.data?.revokeSession).toBe(true);
    await expectRefusedOnBoth('force-logout', user.accessToken, since);
  });

  it('refresh-token reuse on A revokes the family: the newest access token is refused on A and B', async () => {
    const first = await loggedIn();
    const refresh = (token: string) =>
      post(a.url, {
        query: 'mutation ($t: String!) { refreshToken(token: $t) { accessToken refreshToken } }',
        variables: { t: token },
      });
    const rotated = (await refresh(first.refreshToken)).body.data.refreshToken;
    expect((await me(b.url, rotated.accessToken)).status).toBe(200);
    const since = performance.now();
    const reused = await refresh(first.refreshToken);
    expect(reused.body.errors?.[0]).toBeTruthy();
    await expectRefusedOnBoth('refresh-token reuse', rotated.accessToken, since);
  });

  it('a revocation made while the routers’ listeners were disconnected is loaded when they reconnect', async () => {
    const { accessToken } = await loggedIn();
    const { sessionId } = await verifyAccessToken(platform.config.AUTH_TOKEN_SECRET, accessToken);
    const killed = await platform.sql(
      `select pg_terminate_backend("pid") as "ok" from pg_stat_activity
        where "datname" = current_database() and "query" ilike 'listen "hs:session-revoked"%'`,
    );
    expect(killed.length).toBeGreaterThanOrEqual(2);
    const since = performance.now();
    // Straight in the database while nobody listens: its NOTIFY reaches no router.
    await platform.sql(
      `update "identity"."session" set "revoked_at" = now(), "revoked_reason" = 'FORCED' where "id" = $1`,
      [sessionId],
    );
    await expectRefusedOnBoth('revoked while disconnected', accessToken, since);
  });

  it('every router database connection dropped: both routers keep serving, and revocations still arrive', async () => {
    const { accessToken } = await loggedIn();
    const killed = await platform.sql(
      `select pg_terminate_backend("pid") from pg_stat_activity
        where "datname" = current_database() and "application_name" = 'hs-router'`,
    );
    expect(killed.length).toBeGreaterThanOrEqual(2);
    // The pools' idle clients died; a mutation needs the outbox, a query the rate-limit store.
    await waitFor(async () => (await me(a.url, accessToken)).status === 200, 'router A serving');
    await waitFor(async () => (await me(b.url, accessToken)).status === 200, 'router B serving');
    const since = performance.now();
    const res = await post(b.url, { query: 'mutation { logout }' }, bearer(accessToken));
    expect(res.body.data.logout).toBe(true);
    await expectRefusedOnBoth('logout after dropped connections', accessToken, since);
  });

  it('an open graphql-ws connection of a revoked session is closed (4403)', async () => {
    const { accessToken } = await loggedIn();
    const socket = new WebSocket(b.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${accessToken}` } }));
    const [ack] = (await once(socket, 'message')) as [Buffer];
    expect(JSON.parse(ack.toString()).type).toBe('connection_ack');
    const closed = once(socket, 'close');
    await post(a.url, { query: 'mutation { logout }' }, bearer(accessToken));
    const [code] = (await closed) as [number];
    expect(code).toBe(4403);

    const again = new WebSocket(b.wsUrl, 'graphql-transport-ws');
    await once(again, 'open');
    again.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${accessToken}` } }));
    const [refused] = (await once(again, 'close')) as [number];
    expect(refused).toBe(4403);
  });
});
