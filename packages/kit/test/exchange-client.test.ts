import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalRequest, ConnectorClient, ExchangeError, hmacSm3Signer, type ConnectorClientOptions } from '@hs/kit';
import {
  sign,
  signingString,
  startProvincialMarketSimulator,
  type RunningProvincialMarketSimulator,
} from '../../../simulators/provincial-market/server.mjs';

const SYSTEM = '省建筑市场监管平台';

const qualification = z.object({
  certificateNo: z.string(),
  category: z.string(),
  grade: z.string(),
  validUntil: z.string(),
});
const enterprise = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  updatedAt: z.string().datetime({ offset: true }),
  qualifications: z.array(qualification),
});
const page = z.object({ items: z.array(enterprise), nextCursor: z.string().nullable() });
const receipt = z.object({ receiptId: z.string(), duplicate: z.boolean() });

let sim: RunningProvincialMarketSimulator;

beforeAll(async () => {
  sim = await startProvincialMarketSimulator({ enterprises: 40 });
});
afterAll(() => sim.close());
beforeEach(() => sim.setMode('normal'));

/** A client of the simulator; waits between retries are recorded, not slept, unless a test says otherwise. */
function client(options: Partial<ConnectorClientOptions> = {}, waits: number[] = []) {
  return new ConnectorClient({
    system: SYSTEM,
    baseUrl: sim.url,
    envelope: 'code-data',
    signer: hmacSm3Signer(sim.appKey, sim.appSecret),
    retries: 3,
    backoffMs: 100,
    timeoutMs: 2000,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return error as ExchangeError;
}

describe('signing', () => {
  it('signs exactly what the simulator verifies (canonical string and HMAC-SM3)', () => {
    const r = { method: 'post', pathWithQuery: '/api/v1/drawing-reviews?x=1', body: '{"a":"合格"}' };
    expect(canonicalRequest(r, '1700000000000', 'abc')).toBe(
      signingString('POST', '/api/v1/drawing-reviews?x=1', '1700000000000', 'abc', '{"a":"合格"}'),
    );
    const headers = hmacSm3Signer('k', 'secret', { now: () => 1700000000000, nonce: () => 'abc' })(r);
    expect(headers).toEqual({
      'X-App-Key': 'k',
      'X-Timestamp': '1700000000000',
      'X-Nonce': 'abc',
      'X-Signature': sign('secret', 'POST', '/api/v1/drawing-reviews?x=1', '1700000000000', 'abc', '{"a":"合格"}'),
    });
    expect(headers['X-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a signed GET with a query is accepted and its answer parsed', async () => {
    const answer = await client().request({ path: '/api/v1/enterprises', query: { limit: 5 }, parse: page });
    expect(answer.status).toBe(200);
    expect(answer.attempts).toBe(1);
    expect(answer.data.items).toHaveLength(5);
    expect(answer.data.nextCursor).toEqual(expect.any(String));
    const next = await client().get('/api/v1/enterprises', page, { limit: 5, cursor: answer.data.nextCursor });
    expect(next.items[0].id).not.toBe(answer.data.items[0].id);
  });

  it('a wrong secret is REJECTED with 401 and not retried', async () => {
    const before = sim.requests();
    const error = await failure(
      client({ signer: hmacSm3Signer(sim.appKey, 'wrong-secret') }).get('/api/v1/enterprises', page),
    );
    expect(error.kind).toBe('REJECTED');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `${SYSTEM}拒绝了请求：身份校验未通过（HTTP 401：签名校验失败），请检查应用标识和密钥配置`,
    );
    expect(error.retryable).toBe(false);
    expect(sim.requests() - before).toBe(1);
  });

  it('an unsigned request is refused the same way', async () => {
    const error = await failure(client({ signer: undefined }).get('/api/v1/enterprises', page));
    expect([error.kind, error.status]).toEqual(['REJECTED', 401]);
  });
});

describe('failures and retries', () => {
  it('down: retried with full-jitter exponential back-off, then UNREACHABLE saying how often it was retried', async () => {
    sim.setMode('down');
    const waits: number[] = [];
    const before = sim.requests();
    const error = await failure(client({ random: () => 0.5 }, waits).get('/api/v1/enterprises', page));
    expect(error.kind).toBe('UNREACHABLE');
    expect(error.message).toBe(`${SYSTEM}无法连接（已重试 3 次）`);
    expect(error.attempts).toBe(4);
    expect(error.retryable).toBe(true);
    expect(sim.requests() - before).toBe(4);
    expect(waits).toEqual([50, 100, 200]); // random × 100·2^(n-1)
  });

  it('the back-off never exceeds its cap and is never negative', async () => {
    sim.setMode('error');
    const waits: number[] = [];
    const c = client(
      { retries: 6, backoffMs: 100, maxBackoffMs: 300, failureThreshold: 100, random: () => 0.999 },
      waits,
    );
    await failure(c.get('/api/v1/enterprises', page));
    expect(waits).toEqual([99, 199, 299, 299, 299, 299]);
  });

  it('HTTP 500: retried, then HTTP_ERROR with the status and the system’s message', async () => {
    sim.setMode('error');
    const before = sim.requests();
    const error = await failure(client().get('/api/v1/enterprises', page));
    expect(error.kind).toBe('HTTP_ERROR');
    expect(error.status).toBe(500);
    expect(error.message).toBe(`${SYSTEM}暂时不可用（HTTP 500：系统繁忙，请稍后再试（模拟），已重试 3 次）`);
    expect(sim.requests() - before).toBe(4);
  });

  it('slow: each attempt is cut at the timeout, then TIMEOUT', async () => {
    sim.setMode('slow', 60_000);
    const before = sim.requests();
    const error = await failure(client({ timeoutMs: 200, retries: 1 }).get('/api/v1/enterprises', page));
    expect(error.kind).toBe('TIMEOUT');
    expect(error.message).toBe(`${SYSTEM}响应超时（超过 0.2 秒，已重试 1 次）`);
    expect(sim.requests() - before).toBe(2);
  });

  it('a 4xx is not retried: unknown credit code is REJECTED 404, NOT_FOUND for a resolver', async () => {
    const before = sim.requests();
    const error = await failure(client().get('/api/v1/enterprises/91420200MA0000000X', enterprise));
    expect([error.kind, error.status]).toEqual(['REJECTED', 404]);
    expect(error.message).toContain('未找到该统一社会信用代码对应的企业');
    expect(sim.requests() - before).toBe(1);
    expect(error.toAppError().extensions).toMatchObject({ code: 'NOT_FOUND', details: { exchangeKind: 'REJECTED' } });
  });

  it('a bad query the system refuses (400) is REJECTED with its message', async () => {
    const error = await failure(client().get('/api/v1/enterprises', page, { limit: 100000 }));
    expect([error.kind, error.status]).toEqual(['REJECTED', 400]);
    expect(error.message).toBe(`${SYSTEM}拒绝了请求：HTTP 400：limit 应为 1～500 的整数`);
  });

  it('garbage body (HTML with 200) is MALFORMED, never a crash', async () => {
    sim.setMode('malformed');
    const error = await failure(client().get(`/api/v1/enterprises/${sim.codes()[0]}`, enterprise));
    expect(error.kind).toBe('MALFORMED');
    expect(error.message).toBe(`${SYSTEM}返回的数据格式不正确：不是有效的 JSON`);
    expect(error.retryable).toBe(false);
  });

  it('a wrong shape is MALFORMED and names the field', async () => {
    sim.setMode('malformed');
    // Position 3 of the list has a wrong shape in malformed mode.
    const error = await failure(client().get('/api/v1/enterprises', page, { limit: 5 }));
    expect(error.kind).toBe('MALFORMED');
    expect(error.message).toMatch(
      /^省建筑市场监管平台返回的数据格式不正确：items\.3\.\w+：(缺少该字段|应为.+，实为.+|格式不正确)$/,
    );
    sim.setMode('normal');
    const fnParser = (body: unknown) => {
      if (!Array.isArray((body as { rows?: unknown }).rows)) throw new Error('缺少 rows 数组');
      return body;
    };
    const wrong = await failure(client().get('/api/v1/enterprises', fnParser));
    expect(wrong.message).toBe(`${SYSTEM}返回的数据格式不正确：缺少 rows 数组`);
  });

  it('POST: retried only with an Idempotency-Key, and the same key is one submission', async () => {
    const key = `client-test-${Date.now()}`;
    const first = await client().post('/api/v1/drawing-reviews', { certificateNo: 'A-1' }, receipt, key);
    const again = await client().post('/api/v1/drawing-reviews', { certificateNo: 'A-1' }, receipt, key);
    expect(again).toEqual({ receiptId: first.receiptId, duplicate: true });
    expect(sim.received().filter((r) => r.idempotencyKey === key)).toEqual([
      expect.objectContaining({ receiptId: first.receiptId, duplicates: 1 }),
    ]);

    sim.setMode('error');
    let before = sim.requests();
    await failure(client().post('/api/v1/drawing-reviews', { certificateNo: 'A-2' }, receipt));
    expect(sim.requests() - before).toBe(1);
    before = sim.requests();
    await failure(client().post('/api/v1/drawing-reviews', { certificateNo: 'A-2' }, receipt, `${key}-2`));
    expect(sim.requests() - before).toBe(4);
  });

  it('an invalid base URL is refused when the client is made', () => {
    expect(() => client({ baseUrl: 'not a url' })).toThrow('省建筑市场监管平台接口地址无效：not a url');
    expect(() => client({ baseUrl: 'ftp://x' })).toThrow('接口地址必须是 http(s) 地址');
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, lets one probe through after the cool-down, closes on success', async () => {
    let now = 1_000_000;
    const changes: string[] = [];
    const c = client({
      retries: 0,
      failureThreshold: 3,
      cooldownMs: 30_000,
      now: () => now,
      onCircuitChange: (s) => changes.push(s.state),
    });
    sim.setMode('down');
    for (let i = 0; i < 3; i++) expect((await failure(c.get('/api/v1/enterprises', page))).kind).toBe('UNREACHABLE');
    expect(c.circuit()).toEqual({ state: 'OPEN', consecutiveFailures: 3, retryAt: now + 30_000 });

    // Open: nothing is sent.
    const before = sim.requests();
    now += 10_000;
    const open = await failure(c.get('/api/v1/enterprises', page));
    expect(open.kind).toBe('CIRCUIT_OPEN');
    expect(open.message).toBe(`${SYSTEM}连续 3 次请求失败，已暂停访问（熔断），约 20 秒后自动重试`);
    expect(open.retryable).toBe(true);
    expect(sim.requests()).toBe(before);

    // Half-open: one probe; it fails, so the circuit opens again for a whole cool-down.
    now += 20_000;
    expect(c.circuit().state).toBe('HALF_OPEN');
    expect((await failure(c.get('/api/v1/enterprises', page))).kind).toBe('UNREACHABLE');
    expect(sim.requests()).toBe(before + 1);
    expect(c.circuit()).toMatchObject({ state: 'OPEN', retryAt: now + 30_000 });

    // The system is back: the next probe succeeds and closes the circuit.
    sim.setMode('normal');
    now += 30_000;
    const ok = await c.get('/api/v1/enterprises', page, { limit: 1 });
    expect(ok.items).toHaveLength(1);
    expect(c.circuit()).toEqual({ state: 'CLOSED', consecutiveFailures: 0, retryAt: null });
    expect(changes).toEqual(['OPEN', 'HALF_OPEN', 'OPEN', 'HALF_OPEN', 'CLOSED']);
  });

  it('half-open lets only one probe at a time; the others are CIRCUIT_OPEN without a request', async () => {
    let now = 0;
    const c = client({ retries: 0, failureThreshold: 1, cooldownMs: 1000, now: () => now });
    sim.setMode('error');
    await failure(c.get('/api/v1/enterprises', page));
    now += 1000;
    sim.setMode('slow', 300);
    const before = sim.requests();
    const probe = c.get('/api/v1/enterprises', page, { limit: 1 });
    const second = await failure(c.get('/api/v1/enterprises', page, { limit: 1 }));
    expect(second.kind).toBe('CIRCUIT_OPEN');
    expect((await probe).items).toHaveLength(1);
    expect(sim.requests() - before).toBe(1);
    expect(c.circuit().state).toBe('CLOSED');
  });

  it('retries stop as soon as the circuit opens; the error says why and keeps the cause', async () => {
    const c = client({ retries: 5, failureThreshold: 2 });
    sim.setMode('error');
    const before = sim.requests();
    const error = await failure(c.get('/api/v1/enterprises', page));
    expect(error.kind).toBe('CIRCUIT_OPEN');
    expect(sim.requests() - before).toBe(2);
    expect((error.cause as ExchangeError).kind).toBe('HTTP_ERROR');
  });

  it('a rejection or a malformed answer proves the system is up and does not count', async () => {
    const c = client({ retries: 0, failureThreshold: 2 });
    sim.setMode('error');
    await failure(c.get('/api/v1/enterprises', page));
    sim.setMode('malformed');
    await failure(c.get(`/api/v1/enterprises/${sim.codes()[0]}`, enterprise));
    sim.setMode('error');
    await failure(c.get('/api/v1/enterprises', page));
    expect(c.circuit()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 1 });
  });
});
