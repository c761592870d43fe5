import { once } from 'node:events';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildFederatedSchema,
  exchangeAdminResolver,
  ExchangeService,
  Permission,
  permissionAuthChecker,
  signCaller,
  startSubgraphServer,
  type Caller,
  type RunningServer,
} from '@hs/kit';
import {
  startProvincialMarketSimulator,
  type RunningProvincialMarketSimulator,
} from '../../../simulators/provincial-market/server.mjs';
import {
  connectors,
  createExkitDatabase,
  openExkitOrm,
  PULL,
  PUSH,
  SYSTEM,
  type ExkitDatabase,
} from './exchange-fixture.js';
import { TEST_SECRETS, testCaller, testLogger } from './support.js';

let exkit: ExkitDatabase;
let orm: Awaited<ReturnType<typeof openExkitOrm>>;
let sim: RunningProvincialMarketSimulator;
let service: ExchangeService;
let server: RunningServer;
let sdl: string;

const admin = testCaller();
const viewer = testCaller({ username: 'viewer', permissions: [Permission.EXCHANGE_VIEW] });
const nobody = testCaller({ username: 'nobody', permissions: [Permission.PROJECT_VIEW] });

async function gql(query: string, variables: Record<string, unknown> = {}, as: Caller = admin) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hs-caller': signCaller(TEST_SECRETS.ROUTER_SIGNING_KEY, as, '127.0.0.1'),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
}

const CONNECTORS = `{ exkitExchangeConnectors { name title system kinds state enabled baseUrl timeoutMs pageSize schedule
  lastSuccessAt lastError lagSeconds backlog deadLetters circuit running retryable } }`;

beforeAll(async () => {
  exkit = await createExkitDatabase();
  orm = await openExkitOrm(exkit.serviceUrl);
  sim = await startProvincialMarketSimulator({ enterprises: 30 });
  service = new ExchangeService({
    schema: 'exkit',
    orm,
    logger: testLogger,
    connectors: connectors(sim),
    databaseUrl: exkit.serviceUrl,
    relayIntervalMs: 0,
    pollingIntervalSeconds: 0.5,
    pullRetries: 0,
  });
  await service.start();
  const schema = await buildFederatedSchema({
    resolvers: [exchangeAdminResolver('exkit', service)],
    authChecker: permissionAuthChecker,
  });
  sdl = printSchemaWithDirectives(schema);
  server = await startSubgraphServer({
    name: 'exkit',
    schema,
    orm,
    signingKey: TEST_SECRETS.ROUTER_SIGNING_KEY,
    port: 0,
    logger: testLogger,
    createContext: (base) => base,
  });
});
beforeEach(() => sim.setMode('normal'));
afterAll(async () => {
  await server?.close();
  await service?.stop();
  await sim?.close();
  await orm?.close();
  await exkit?.drop();
});

describe('schema', () => {
  it('prefixes every root field with the subgraph and shares the object types', () => {
    for (const field of [
      'exkitExchangeConnectors',
      'exkitExchangeRuns',
      'exkitExchangeRejected',
      'exkitExchangeHealth',
      'exkitExchangeOutbox',
    ])
      expect(sdl).toMatch(new RegExp(`\\b${field}\\(|\\b${field}:`));
    for (const field of [
      'exkitExchangeSync',
      'exkitExchangeRetry',
      'exkitExchangeConfigure',
      'exkitExchangeMarkRejectedHandled',
    ])
      expect(sdl).toContain(field);
    for (const type of [
      'ExchangeConnector',
      'ExchangeRun',
      'ExchangeRejectedRecord',
      'ExchangeHealth',
      'ExchangeRunPage',
      'ExchangeOutboxMessage',
      'ExchangeOutboxMessagePage',
    ])
      expect(sdl).toMatch(new RegExp(`type ${type} @shareable`));
  });
});

describe('connectors and health', () => {
  it('a connector that never ran, then a failing one with its Chinese error, then healthy again', async () => {
    let res = await gql(CONNECTORS);
    expect(res.errors).toBeUndefined();
    expect(res.data.exkitExchangeConnectors).toEqual([
      expect.objectContaining({
        name: PULL,
        system: SYSTEM,
        kinds: ['PULL', 'LOOKUP'],
        state: 'NEVER_RUN',
        enabled: true,
        baseUrl: sim.url,
        pageSize: 15,
        circuit: 'CLOSED',
        backlog: 0,
        lagSeconds: null,
      }),
      expect.objectContaining({ name: PUSH, kinds: ['PUSH', 'LOOKUP'], state: 'NEVER_RUN' }),
    ]);

    sim.setMode('down');
    const one = z.object({ creditCode: z.string() });
    await expect(
      service.lookup(PULL, (c) => c.get(`/api/v1/enterprises/${sim.codes()[0]}`, one)),
    ).rejects.toMatchObject({ kind: 'UNREACHABLE' });
    res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[0]).toMatchObject({
      state: 'FAILING',
      lastError: `${SYSTEM}无法连接（已重试 1 次）`,
    });
    res = await gql(`{ exkitExchangeHealth { connectors healthy failing disabled backlog deadLetters } }`);
    expect(res.data.exkitExchangeHealth).toEqual({
      connectors: 2,
      healthy: 0,
      failing: 1,
      disabled: 0,
      backlog: 0,
      deadLetters: 0,
    });

    // 立即同步 queues a pull on pg-boss; it succeeds now that the system is back.
    sim.setMode('normal');
    const done = once(service, 'run');
    res = await gql(`mutation($c: String!) { exkitExchangeSync(connector: $c) { name } }`, { c: PULL });
    expect(res.errors).toBeUndefined();
    const [{ result }] = await done;
    expect(result).toMatchObject({ status: 'SUCCEEDED', read: 30 });
    res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[0]).toMatchObject({ state: 'HEALTHY', running: false });
    expect(res.data.exkitExchangeConnectors[0].lagSeconds).toBeGreaterThanOrEqual(0);
  });

  it('the health figure is readable with the dashboard permission alone; the rest is not', async () => {
    const display = testCaller({ username: 'display', permissions: [Permission.DASHBOARD_VIEW] });
    expect((await gql(`{ exkitExchangeHealth { connectors } }`, {}, display)).data.exkitExchangeHealth.connectors).toBe(
      2,
    );
    expect((await gql(CONNECTORS, {}, display)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('runs and rejected records', () => {
  it('lists runs newest first, filtered, paged; the rejected records of a run with their reasons', async () => {
    sim.setMode('malformed');
    // From the start again (the earlier pull's checkpoint would ask only for the newest record).
    await service.query(`update exkit.exchange_connector set checkpoint = null where name = ?`, [PULL]);
    const run = await service.runPull(PULL, { trigger: 'MANUAL' });
    expect(run).toMatchObject({ status: 'SUCCEEDED', rejected: expect.any(Number) });
    const rejectedCount = run!.rejected;
    expect(rejectedCount).toBeGreaterThan(0);

    let res = await gql(
      `query($c: String) { exkitExchangeRuns(connector: $c, kind: PULL, page: { page: 1, pageSize: 1 }) { total page pageSize items { id kind trigger status read rejected error } } }`,
      { c: PULL },
    );
    expect(res.errors).toBeUndefined();
    const runs = res.data.exkitExchangeRuns;
    expect(runs.total).toBeGreaterThanOrEqual(2);
    expect(runs.items).toEqual([
      expect.objectContaining({ id: run!.runId, kind: 'PULL', status: 'SUCCEEDED', rejected: rejectedCount }),
    ]);

    res = await gql(
      `{ exkitExchangeRuns(status: FAILED, sort: { field: STARTED_AT, direction: ASC }) { total items { kind status error } } }`,
    );
    expect(res.data.exkitExchangeRuns.items).toEqual([
      { kind: 'LOOKUP', status: 'FAILED', error: `${SYSTEM}无法连接（已重试 1 次）` },
    ]);

    res = await gql(
      `query($r: ID) { exkitExchangeRejected(runId: $r) { total items { runId connector sourceId reason payloadSha256 payloadTruncated } } }`,
      { r: run!.runId },
    );
    expect(res.data.exkitExchangeRejected.total).toBe(rejectedCount);
    for (const item of res.data.exkitExchangeRejected.items) {
      expect(item).toMatchObject({ runId: run!.runId, connector: PULL, payloadTruncated: false });
      expect(item.reason).toMatch(/^企业记录格式不正确：/);
      expect(item.payloadSha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('timestamps read by the service’s SQL are Dates, whatever their fraction’s length', async () => {
    const rows = await service.query(
      `select started_at, ended_at, timestamptz '2026-12-02 18:16:15.5+00' as t from exkit.exchange_run where ended_at is not null limit 1`,
    );
    expect(rows[0].started_at).toBeInstanceOf(Date);
    expect(rows[0].ended_at).toBeInstanceOf(Date);
    expect(rows[0].t).toEqual(new Date('2026-12-02T18:16:15.500Z'));
  });

  it('bad list arguments are refused in Chinese', async () => {
    let res = await gql(`{ exkitExchangeRuns(connector: "nope") { total } }`);
    expect(res.errors?.[0]).toMatchObject({
      message: '数据交换连接器不存在或无权查看',
      extensions: { code: 'NOT_FOUND' },
    });
    res = await gql(`{ exkitExchangeRejected(runId: "x; drop") { total } }`);
    expect(res.errors?.[0]).toMatchObject({
      message: '运行记录编号无效',
      extensions: { code: 'BAD_USER_INPUT', field: 'runId' },
    });
    res = await gql(`{ exkitExchangeRuns(page: { page: 1, pageSize: 1000 }) { total } }`);
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('configure and retry', () => {
  const CONFIGURE = `mutation($c: String!, $i: ExchangeConfigureInput!) { exkitExchangeConfigure(connector: $c, input: $i) { name enabled baseUrl timeoutMs pageSize schedule state } }`;

  it('validates every setting with a Chinese message naming the field, and stores nothing on a refusal', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ baseUrl: 'ftp://x' }, 'baseUrl', '接口地址必须是 http:// 或 https:// 开头的有效地址'],
      [{ baseUrl: 'http://user:pw@host' }, 'baseUrl', '接口地址中不能包含用户名或密码'],
      [{ timeoutMs: 10 }, 'timeoutMs', '超时（毫秒）必须是 1000～120000 的整数'],
      [{ pageSize: 0 }, 'pageSize', '每页条数必须是 1～500 的整数'],
      [
        { schedule: '61 * * * *' },
        'schedule',
        '定时同步的“分”应为 0～59 的数字、范围（如 1-5）、间隔（如 */15）或逗号分隔的列表：61',
      ],
      [
        { schedule: '0 2 * * 8' },
        'schedule',
        '定时同步的“周”应为 0～7 的数字、范围（如 1-5）、间隔（如 */15）或逗号分隔的列表：8',
      ],
      [
        { schedule: '* * * * * *' },
        'schedule',
        '定时同步应为 5 段 cron 表达式（分 时 日 月 周），例如 0 2 * * * 表示每天 2:00',
      ],
      [
        { pageSize: 20, schedule: 'tomorrow' },
        'schedule',
        '定时同步应为 5 段 cron 表达式（分 时 日 月 周），例如 0 2 * * * 表示每天 2:00',
      ],
    ];
    for (const [input, field, message] of cases) {
      const res = await gql(CONFIGURE, { c: PULL, i: input });
      expect(res.errors?.[0], JSON.stringify(input)).toMatchObject({
        message,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
    const res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[0]).toMatchObject({ pageSize: 15, schedule: null, baseUrl: sim.url });
  });

  it('changes settings, registers the schedule, and a view-only user may not', async () => {
    let res = await gql(CONFIGURE, { c: PULL, i: { pageSize: 25, timeoutMs: 5000, schedule: ' 0  2 * * * ' } });
    expect(res.errors).toBeUndefined();
    expect(res.data.exkitExchangeConfigure).toMatchObject({ pageSize: 25, timeoutMs: 5000, schedule: '0 2 * * *' });
    const schedules = await service.query(`select cron from exkit_jobs.schedule`);
    expect(schedules).toEqual([{ cron: '0 2 * * *' }]);
    res = await gql(CONFIGURE, { c: PULL, i: { schedule: '' } });
    expect(res.data.exkitExchangeConfigure.schedule).toBeNull();
    expect(await service.query(`select cron from exkit_jobs.schedule`)).toEqual([]);

    res = await gql(CONFIGURE, { c: PULL, i: { enabled: false } }, viewer);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await gql(CONNECTORS, {}, nobody)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    res = await gql(CONFIGURE, { c: PULL, i: { enabled: false } });
    expect(res.data.exkitExchangeConfigure).toMatchObject({ enabled: false, state: 'DISABLED' });
    res = await gql(`mutation { exkitExchangeSync(connector: "${PULL}") { name } }`);
    expect(res.errors?.[0]).toMatchObject({
      message: '连接器已停用，请先启用再同步',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await gql(CONFIGURE, { c: PULL, i: { enabled: true } });
  });

  it('重试 with nothing to redo is refused with NOTHING_TO_RETRY and is not offered', async () => {
    // The pull's last run succeeded (above) and the push connector has no dead letters.
    let res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors.map((c: { retryable: boolean }) => c.retryable)).toEqual([false, false]);
    for (const connector of [PULL, PUSH]) {
      res = await gql(`mutation($c: String!) { exkitExchangeRetry(connector: $c) { requeued pullQueued } }`, {
        c: connector,
      });
      expect(res.errors?.[0]).toMatchObject({
        message: '该连接器没有失败的同步，也没有停止重试的推送消息，无需重试',
        extensions: { code: 'NOTHING_TO_RETRY' },
      });
    }
    // A failed lookup is not something to retry either (the user asks again).
    sim.setMode('down');
    await expect(
      service.lookup(PUSH, (c) => c.get(`/api/v1/enterprises/${sim.codes()[0]}`, z.object({}))),
    ).rejects.toMatchObject({ kind: 'UNREACHABLE' });
    res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[1]).toMatchObject({ state: 'FAILING', retryable: false });
    res = await gql(`mutation { exkitExchangeRetry(connector: "${PUSH}") { requeued } }`, {}, viewer);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a failed last pull is offered for 重试, and 重试 queues it again', async () => {
    sim.setMode('down');
    const failed = await service.runPull(PULL, { trigger: 'MANUAL', final: true });
    expect(failed?.status).toBe('DEAD');
    let res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[0]).toMatchObject({ retryable: true });
    sim.setMode('normal');
    const done = once(service, 'run');
    res = await gql(`mutation { exkitExchangeRetry(connector: "${PULL}") { requeued pullQueued } }`);
    expect(res.data.exkitExchangeRetry).toEqual({ requeued: 0, pullQueued: true });
    expect((await done)[0].result.status).toBe('SUCCEEDED');
    res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[0]).toMatchObject({ retryable: false });
  });

  it('重试 puts dead outbox messages back and the relay sends them', async () => {
    await orm.em.fork().transactional(async (tx) => {
      const { enqueueOutbox } = await import('@hs/kit');
      await enqueueOutbox(tx as never, 'exkit', PUSH, {
        key: 'ADMIN-RETRY-1',
        entityType: 'DrawingReview',
        entityId: '1',
        payload: { a: 1 },
      });
    });
    // Bad data never gets better: the malformed answer makes the message DEAD at once.
    sim.setMode('malformed');
    expect(await service.relay(PUSH)).toEqual({ sent: 0, failed: 0, dead: 1 });
    let res = await gql(CONNECTORS);
    expect(res.data.exkitExchangeConnectors[1]).toMatchObject({
      state: 'FAILING',
      deadLetters: 1,
      backlog: 0,
      retryable: true,
    });

    sim.setMode('normal');
    res = await gql(`mutation { exkitExchangeRetry(connector: "${PUSH}") { requeued pullQueued } }`);
    expect(res.data.exkitExchangeRetry).toEqual({ requeued: 1, pullQueued: false });
    res = await gql(`mutation { exkitExchangeSync(connector: "${PUSH}") { state deadLetters backlog } }`);
    expect(res.data.exkitExchangeSync).toEqual({ state: 'HEALTHY', deadLetters: 0, backlog: 0 });
    expect(sim.received().map((r) => r.idempotencyKey)).toEqual(['ADMIN-RETRY-1']);
  });
});

describe('outbox and handled rejections (every subgraph using the kit)', () => {
  it('lists a push connector’s outbox by state, newest first, paged, with the receipt; exchange:view', async () => {
    await orm.em.fork().transactional(async (tx) => {
      const { enqueueOutbox } = await import('@hs/kit');
      for (const key of ['ADMIN-OUTBOX-1', 'ADMIN-OUTBOX-2'])
        await enqueueOutbox(tx as never, 'exkit', PUSH, {
          key,
          entityType: 'DrawingReview',
          entityId: key,
          payload: { certificateNo: key },
        });
    });
    const OUTBOX = `query($s: ExchangeOutboxState, $p: PageInput) { exkitExchangeOutbox(connector: "${PUSH}", state: $s, page: $p) {
      total pageSize items { idempotencyKey state attempts receiptId ack payload nextAttemptAt sentAt } } }`;
    let res = await gql(OUTBOX, { s: 'PENDING' }, viewer);
    expect(res.errors).toBeUndefined();
    expect(res.data.exkitExchangeOutbox.items.map((i: any) => i.idempotencyKey)).toEqual([
      'ADMIN-OUTBOX-2',
      'ADMIN-OUTBOX-1',
    ]);
    expect(res.data.exkitExchangeOutbox.items[0]).toMatchObject({ attempts: 0, receiptId: null, ack: null });
    expect(res.data.exkitExchangeOutbox.items[0].nextAttemptAt).toMatch(/Z$/);
    await service.relay(PUSH);
    res = await gql(OUTBOX, { s: 'SENT', p: { page: 1, pageSize: 1 } }, viewer);
    expect(res.data.exkitExchangeOutbox).toMatchObject({ total: 3, pageSize: 1 });
    const [sent] = res.data.exkitExchangeOutbox.items;
    expect(sent).toMatchObject({ state: 'SENT', nextAttemptAt: null });
    expect(sent.receiptId).toMatch(/^SCTS/);
    expect(JSON.parse(sent.ack).receiptId).toBe(sent.receiptId);
    expect(JSON.parse(sent.payload)).toEqual({ certificateNo: sent.idempotencyKey });
    expect((await gql(OUTBOX, { s: 'PENDING' }, nobody)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    res = await gql(`{ exkitExchangeOutbox(connector: "${PULL}") { total } }`);
    expect(res.errors?.[0]).toMatchObject({ message: '该连接器没有推送任务', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('标记已处理 keeps who, when and the note; only with exchange:manage', async () => {
    sim.setMode('malformed');
    await service.runPull(PULL);
    sim.setMode('normal');
    const LIST = `query($h: Boolean) { exkitExchangeRejected(connector: "${PULL}", handled: $h) { total items { id handled } } }`;
    const open = (await gql(LIST, { h: false })).data.exkitExchangeRejected;
    expect(open.total).toBeGreaterThan(0);
    const MARK = `mutation($id: ID!, $n: String) { exkitExchangeMarkRejectedHandled(id: $id, note: $n) {
      handled handledAt handledById handledByName handledNote } }`;
    const refused = await gql(MARK, { id: open.items[0].id }, viewer);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const res = await gql(MARK, { id: open.items[0].id, n: '已核对' });
    expect(res.data.exkitExchangeMarkRejectedHandled).toMatchObject({
      handled: true,
      handledById: admin.userId,
      handledByName: admin.displayName,
      handledNote: '已核对',
    });
    expect((await gql(LIST, { h: false })).data.exkitExchangeRejected.total).toBe(open.total - 1);
    expect((await gql(LIST, { h: true })).data.exkitExchangeRejected.items).toEqual([
      { id: open.items[0].id, handled: true },
    ]);
  });
});
