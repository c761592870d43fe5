import { once } from 'node:events';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '@hs/kit';
import type { RunningRouter } from '../src/index.js';
import {
  startFixturePlatform,
  startTestRouter,
  testCaller,
  token,
  waitFor,
  type FixturePlatform,
} from './fixtures/platform.js';

/** The signals a subscriber gets when its upstream drops and when it is back (ADR 0010). */
const INTERRUPTED = {
  status: 'INTERRUPTED',
  code: 'UPSTREAM_UNAVAILABLE',
  message: '订阅的数据来源暂时中断，正在重新连接；期间的变化可能丢失',
};
const RESYNC = { status: 'RESYNC', message: '订阅已恢复，中断期间的变化可能丢失，请重新加载数据' };

let platform: FixturePlatform;
let router: RunningRouter & { lines: Record<string, any>[] };
const clients: Client[] = [];

beforeAll(async () => {
  platform = await startFixturePlatform();
  router = await startTestRouter(platform);
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  await waitFor(() => platform.reviewEvents.listenerCount === 0, 'upstream subscriptions to close');
});

afterAll(async () => {
  await router?.close();
  await platform?.close();
});

function client(connectionParams: Record<string, unknown> = {}): Client {
  const c = createClient({
    url: router.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: true,
    retryAttempts: 0,
  });
  clients.push(c);
  return c;
}

interface Listening {
  events: any[];
  errors: unknown[];
  completed: boolean;
  stop(): void;
}

function listen(c: Client, query: string, variables?: Record<string, unknown>): Listening {
  const state: Listening = { events: [], errors: [], completed: false, stop: () => {} };
  state.stop = c.subscribe(
    { query, variables },
    {
      next: (event) => void state.events.push(event),
      error: (error) => void state.errors.push(error),
      complete: () => void (state.completed = true),
    },
  );
  return state;
}

const REVIEW_ADDED = /* GraphQL */ `
  subscription OnReview($p: ID) {
    reviewAdded(productId: $p) {
      id
      body
      product {
        id
        name
      }
      author {
        username
      }
      rating
    }
  }
`;

let seq = 0;
const publish = (row: Partial<{ productId: string; body: string; authorId: string | null; hidden: boolean }> = {}) => {
  const r = { id: `e${++seq}`, productId: 'p1', body: `事件 ${seq}`, authorId: 'u2', ...row };
  platform.reviewEvents.publish(r);
  return r;
};

describe('federated subscriptions (需求 4.1 live dashboard; router routes to the owning subgraph)', () => {
  it('delivers events with fields from other subgraphs resolved for each event', async () => {
    const connectsBefore = platform.reviews.stats.wsConnections;
    const identityRequestsBefore = platform.identity.stats.httpEnvelopes.length;
    // GraphiQL sends its header editor as connection params, with a capital A.
    const sub = listen(client({ Authorization: `Bearer ${await token()}` }), REVIEW_ADDED, { p: 'p1' });
    await waitFor(() => platform.reviewEvents.listenerCount === 1, 'upstream subscription');

    const row = publish({ productId: 'p1', body: '新到一批螺纹钢', authorId: 'u2' });
    publish({ productId: 'p2' }); // filtered out upstream by the argument
    await waitFor(() => sub.events.length === 1, 'first event');
    expect(sub.events[0]).toEqual({
      data: {
        reviewAdded: {
          id: row.id,
          body: '新到一批螺纹钢',
          product: { id: 'p1', name: '螺纹钢' },
          author: { username: 'lisi' },
          rating: 5,
        },
      },
    });

    // the router proved itself on the connection, and signed the subscriber on the subscribe message
    expect(platform.reviews.stats.wsConnections).toBe(connectsBefore + 1);
    expect(platform.reviews.stats.subscribeEnvelopes.at(-1)?.caller?.userId).toBe('u1');
    expect(platform.reviews.stats.subscribeEnvelopes.at(-1)?.ip).toBe('127.0.0.1');
    // fields owned by identity were fetched per event, signed as the subscriber
    const identityEnvelopes = platform.identity.stats.httpEnvelopes.slice(identityRequestsBefore);
    expect(identityEnvelopes.map((e) => e.caller?.userId)).toEqual(['u1']);

    const second = publish({ productId: 'p1', authorId: null });
    await waitFor(() => sub.events.length === 2, 'second event');
    expect(sub.events[1].data.reviewAdded).toMatchObject({ id: second.id, product: { name: '螺纹钢' }, author: null });

    sub.stop();
    await waitFor(() => platform.reviewEvents.listenerCount === 0, 'upstream closed after the client left');
  });

  it('shares one upstream subscription between identical subscriptions, per user, and closes it after the last', async () => {
    const subscribesBefore = platform.reviews.stats.subscribes;
    const completesBefore = platform.reviews.stats.completes;
    const t1 = await token();
    const a = listen(client({ authorization: `Bearer ${t1}` }), REVIEW_ADDED, { p: 'p1' });
    const b = listen(client({ authorization: `Bearer ${t1}` }), REVIEW_ADDED, { p: 'p1' });
    await waitFor(() => platform.reviewEvents.listenerCount === 1, 'shared upstream');

    publish({ productId: 'p1' });
    await waitFor(() => a.events.length === 1 && b.events.length === 1, 'both subscribers served');
    expect(a.events[0]).toEqual(b.events[0]);
    expect(platform.reviews.stats.subscribes).toBe(subscribesBefore + 1);
    expect(platform.reviewEvents.listenerCount).toBe(1);

    // another user, or other variables: a stream of their own
    const c = listen(client({ authorization: `Bearer ${await token(testCaller('u2'))}` }), REVIEW_ADDED, { p: 'p1' });
    const d = listen(client({ authorization: `Bearer ${t1}` }), REVIEW_ADDED, { p: 'p2' });
    await waitFor(() => platform.reviewEvents.listenerCount === 3, 'separate upstreams');
    expect(platform.reviews.stats.subscribes).toBe(subscribesBefore + 3);
    expect(new Set(platform.reviews.stats.subscribeEnvelopes.slice(-3).map((e) => e.caller?.userId))).toEqual(
      new Set(['u1', 'u2']),
    );

    publish({ productId: 'p1' });
    await waitFor(() => a.events.length === 2 && b.events.length === 2 && c.events.length === 1, 'fan-out');
    expect(d.events).toHaveLength(0);

    a.stop();
    // b still listens on the shared stream
    publish({ productId: 'p1' });
    await waitFor(() => b.events.length === 3, 'b still served after a left');
    expect(a.events).toHaveLength(2);
    expect(platform.reviewEvents.listenerCount).toBe(3);

    b.stop();
    await waitFor(() => platform.reviewEvents.listenerCount === 2, 'shared upstream closed after the last subscriber');
    c.stop();
    d.stop();
    await waitFor(() => platform.reviewEvents.listenerCount === 0, 'all closed');
    await waitFor(
      () => platform.reviews.stats.completes === completesBefore + 3,
      'subgraph saw complete for each upstream',
    );
  });

  it('resolves fields from the primary subgraph itself deeper in the event (reviews -> products -> reviews)', async () => {
    const reviewsRequests = platform.reviews.stats.httpRequests;
    const sub = listen(
      client({ authorization: `Bearer ${await token()}` }),
      'subscription { reviewAdded(productId: "p2") { body product { name related { name reviews { body } } } } }',
    );
    await waitFor(() => platform.reviewEvents.listenerCount === 1, 'upstream subscription');
    publish({ productId: 'p2', body: '第二条' });
    await waitFor(() => sub.events.length === 1, 'event');
    expect(sub.events[0].data.reviewAdded.product.name).toBe('商品混凝土');
    expect(sub.events[0].data.reviewAdded.product.related[0].name).toBe('螺纹钢');
    expect(sub.events[0].data.reviewAdded.product.related[0].reviews).toContainEqual({ body: '质量合格' });
    // the related products' reviews came from the reviews subgraph over HTTP, after products
    expect(platform.reviews.stats.httpRequests).toBe(reviewsRequests + 1);
  });

  it('passes events with errors through, with their codes', async () => {
    const sub = listen(client({ authorization: `Bearer ${await token()}` }), REVIEW_ADDED);
    await waitFor(() => platform.reviewEvents.listenerCount === 1, 'upstream subscription');
    const row = publish({ hidden: true });
    await waitFor(() => sub.events.length === 1, 'event');
    expect(sub.events[0].data.reviewAdded).toMatchObject({ id: row.id, rating: null, product: { name: '螺纹钢' } });
    expect(sub.events[0].errors).toEqual([
      { message: '该评分不公开', path: ['reviewAdded', 'rating'], extensions: { code: 'FORBIDDEN' } },
    ]);
  });

  it("a subgraph's refusal at subscribe time reaches the client with its code", async () => {
    const sub = listen(client({ authorization: `Bearer ${await token()}` }), REVIEW_ADDED, { p: 'secret' });
    await waitFor(() => sub.completed || sub.errors.length > 0, 'refusal');
    expect(sub.errors).toEqual([]);
    expect(sub.events).toEqual([
      {
        data: null,
        errors: [{ message: '无权订阅该产品的评价', path: ['reviewAdded'], extensions: { code: 'FORBIDDEN' } }],
      },
    ]);
  });

  it('anonymous subscriptions reach the subgraph with a signed null caller (the subgraph decides)', async () => {
    const sub = listen(client(), 'subscription { reviewAdded { kind: __typename id } }');
    await waitFor(() => platform.reviewEvents.listenerCount === 1, 'upstream subscription');
    expect(platform.reviews.stats.subscribeEnvelopes.at(-1)?.caller).toBeNull();
    publish();
    await waitFor(() => sub.events.length === 1, 'event');
    expect(sub.events[0].data.reviewAdded.kind).toBe('Review');
  });

  it('says at once when its subgraph drops, re-subscribes after the restart and says events may have been missed', async () => {
    const sub = listen(client({ authorization: `Bearer ${await token()}` }), REVIEW_ADDED);
    const other = listen(client({ authorization: `Bearer ${await token(testCaller('u2'))}` }), REVIEW_ADDED);
    await waitFor(() => platform.reviewEvents.listenerCount === 2, 'upstream subscriptions');
    const connects = platform.reviews.stats.wsConnections;
    const subscribes = platform.reviews.stats.subscribes;
    await platform.reviews.stop();
    expect(platform.reviewEvents.listenerCount).toBe(0);
    await waitFor(() => sub.events.length === 1 && other.events.length === 1, 'interruption signalled');
    expect(sub.events[0]).toEqual({ extensions: { subscription: INTERRUPTED } });
    expect(other.events[0]).toEqual({ extensions: { subscription: INTERRUPTED } });
    // a subscriber arriving during the outage is told too, without waiting for a reconnect attempt
    const late = listen(client({ authorization: `Bearer ${await token()}` }), REVIEW_ADDED, { p: 'p1' });
    await waitFor(() => late.events.length === 1, 'interruption signalled to a late subscriber');
    expect(late.events[0]).toEqual({ extensions: { subscription: INTERRUPTED } });

    await platform.reviews.start();
    await waitFor(() => platform.reviewEvents.listenerCount === 3, 'router re-subscribed');
    expect(platform.reviews.stats.wsConnections).toBe(connects + 1);
    expect(platform.reviews.stats.subscribes).toBe(subscribes + 3);
    await waitFor(() => sub.events.length === 2 && other.events.length === 2 && late.events.length === 2, 'resync');
    for (const s of [sub, other, late]) expect(s.events[1]).toEqual({ extensions: { subscription: RESYNC } });

    const row = publish();
    await waitFor(() => sub.events.length === 3 && late.events.length === 3, 'event after reconnect');
    expect(sub.events[2].data.reviewAdded.id).toBe(row.id);
    expect(late.events[2].data.reviewAdded.id).toBe(row.id);
    for (const s of [sub, other, late]) {
      expect(s.errors).toEqual([]);
      expect(s.completed).toBe(false);
    }
  });
});

describe('subscription security and validation', () => {
  it('a connection closes with 4403 禁止 when its access token expires', async () => {
    const shortLived = await token(testCaller(), 2);
    const sub = listen(client({ authorization: `Bearer ${shortLived}` }), REVIEW_ADDED);
    await waitFor(() => platform.reviewEvents.listenerCount === 1 || sub.errors.length > 0, 'subscribed');
    await waitFor(() => sub.errors.length === 1, 'closed at expiry');
    expect(sub.errors[0]).toMatchObject({ code: 4403, reason: '禁止' });
    await waitFor(() => platform.reviewEvents.listenerCount === 0, 'upstream released');
  });

  it('a router whose signing key the subgraphs do not share gets UPSTREAM_UNAVAILABLE, never UNAUTHENTICATED', async () => {
    const misconfigured = await startTestRouter(platform, { signingKey: 'a-different-router-signing-key-0123456789' });
    try {
      const res = await fetch(misconfigured.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: JSON.stringify({ query: '{ product(id: "p1") { name } }' }),
      });
      const body = await res.json();
      expect(body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(misconfigured.lines.some((l) => /refused the router signature/.test(l.msg))).toBe(true);

      const c = createClient({ url: misconfigured.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
      clients.push(c);
      const sub = listen(c, REVIEW_ADDED);
      await waitFor(() => sub.errors.length === 1, 'subscription failed');
      expect((sub.errors[0] as any[])[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    } finally {
      await misconfigured.close();
    }
  });

  const refusedWith = async (connectionParams: Record<string, unknown>) => {
    const socket = new WebSocket(router.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
    const [code, reason] = (await once(socket, 'close')) as [number, Buffer];
    return { code, reason: reason.toString() };
  };

  it('a forged token closes the connection with 4403 禁止, and nothing reaches the subgraph', async () => {
    const connects = platform.reviews.stats.wsConnections;
    const forged = await issueAccessToken('some-other-secret-that-is-long-enough-000', testCaller());
    expect(await refusedWith({ authorization: `Bearer ${forged}` })).toEqual({ code: 4403, reason: '禁止' });
    expect(platform.reviews.stats.wsConnections).toBe(connects);
  });

  it('an expired token closes the connection with 4403 禁止', async () => {
    const expired = await token(testCaller(), -60);
    expect(await refusedWith({ authorization: `Bearer ${expired}` })).toEqual({ code: 4403, reason: '禁止' });
  });

  it('the graphql-ws client sees the 4403 close as an error', async () => {
    const forged = await issueAccessToken('some-other-secret-that-is-long-enough-000', testCaller());
    const sub = listen(client({ authorization: `Bearer ${forged}` }), REVIEW_ADDED);
    await waitFor(() => sub.errors.length === 1, 'error');
    expect((sub.errors[0] as { code: number }).code).toBe(4403);
  });

  it('depth and cost limits apply to subscriptions too', async () => {
    let selection = 'id';
    for (let i = 0; i < 6; i++) selection = `product { reviews { ${selection} } }`;
    const deep = listen(client(), `subscription { reviewAdded { ${selection} } }`);
    await waitFor(() => deep.errors.length === 1, 'deep refused');
    expect((deep.errors[0] as any[])[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP' } });
    expect((deep.errors[0] as any[])[0].message).toMatch(/超过上限 12 层/);

    const costly = listen(
      client(),
      'subscription { reviewAdded { product { related(first: 100) { related(first: 100) { name } } } } }',
    );
    await waitFor(() => costly.errors.length === 1, 'costly refused');
    expect((costly.errors[0] as any[])[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(platform.reviewEvents.listenerCount).toBe(0);
  });

  it('invalid subscriptions and non-subscriptions over ws get coded Chinese errors', async () => {
    const c = client();
    const invalid = listen(c, 'subscription { nope }');
    const query = listen(c, '{ product(id: "p1") { name } }');
    const badVariables = listen(c, 'subscription ($p: ID!) { reviewAdded(productId: $p) { id } }', {});
    await waitFor(
      () => invalid.errors.length === 1 && query.errors.length === 1 && badVariables.errors.length === 1,
      'errors',
    );
    expect((invalid.errors[0] as any[])[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((invalid.errors[0] as any[])[0].message).toMatch(/^查询不符合接口定义：/);
    expect((query.errors[0] as any[])[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect((query.errors[0] as any[])[0].message).toMatch(/WebSocket 只用于订阅/);
    expect((badVariables.errors[0] as any[])[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
