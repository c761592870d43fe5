import { once } from 'node:events';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeService, enqueueOutbox, startExchangeService, type EntityManager, type RunResult } from '@hs/kit';
import {
  startProvincialMarketSimulator,
  type RunningProvincialMarketSimulator,
} from '../../../simulators/provincial-market/server.mjs';
import {
  connectors,
  createExkitDatabase,
  KitEnterprise,
  openExkitOrm,
  PULL,
  PUSH,
  SCHEMA,
  SYSTEM,
  type ExkitDatabase,
} from './exchange-fixture.js';
import { testLogger } from './support.js';

let exkit: ExkitDatabase;
let orm: Awaited<ReturnType<typeof openExkitOrm>>;
const services: ExchangeService[] = [];
const sims: RunningProvincialMarketSimulator[] = [];

beforeAll(async () => {
  exkit = await createExkitDatabase();
  orm = await openExkitOrm(exkit.serviceUrl);
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  for (const s of sims.splice(0)) await s.close();
  // Each test starts from empty exchange tables and no enterprises (as the owner: the service may not truncate).
  await sql(
    exkit.ownerUrl,
    `truncate exkit.exchange_rejected, exkit.exchange_outbox, exkit.exchange_run, exkit.exchange_connector, exkit.kit_enterprise`,
  );
});
afterAll(async () => {
  await orm?.close();
  await exkit?.drop();
});

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const q = (text: string, params: unknown[] = []) => sql(exkit.serviceUrl, text, params);

async function simulator(enterprises = 40) {
  const sim = await startProvincialMarketSimulator({ enterprises });
  sims.push(sim);
  return sim;
}

function service(
  sim: RunningProvincialMarketSimulator,
  options: Partial<ConstructorParameters<typeof ExchangeService>[0]> = {},
) {
  const s = new ExchangeService({
    schema: SCHEMA,
    orm,
    logger: testLogger,
    connectors: connectors(sim),
    databaseUrl: exkit.serviceUrl,
    relayIntervalMs: 0,
    pushBackoffMs: 1,
    ...options,
  });
  services.push(s);
  return s;
}

const runs = (connector: string) =>
  q(
    `select kind, trigger, status, attempt, read_count, created_count, updated_count, unchanged_count, rejected_count, error, error_kind
     from exkit.exchange_run where connector = $1 order by id`,
    [connector],
  );

describe('tables and roles', () => {
  it('the service role owns nothing in either schema and may not change the structure', async () => {
    const owners = await sql(
      exkit.db.url,
      `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('exkit', 'exkit_jobs')`,
    );
    expect(owners).toEqual([{ owner: 'hs_owner' }]);
    await expect(q('alter table exkit.exchange_run add column x int')).rejects.toThrow(/must be owner/);
    await expect(q('create table exkit_jobs.x (id int)')).rejects.toThrow(/permission denied/);
    await expect(q('truncate exkit.exchange_run')).rejects.toThrow(/permission denied/);
  });

  it('the migration rolls back and applies again cleanly', async () => {
    const owner = await openExkitOrm(exkit.ownerUrl);
    try {
      await owner.getMigrator().down({ to: 0 });
      const left = await sql(
        exkit.db.url,
        `select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('exkit', 'exkit_jobs') and c.relkind = 'r'`,
      );
      expect(left.filter((r) => r.relname !== 'mikro_orm_migrations')).toEqual([]);
      await owner.getMigrator().up();
    } finally {
      await owner.close();
    }
    const { applyGrants } = await import('@hs/kit');
    const { GRANTS } = await import('./exchange-fixture.js');
    await applyGrants(exkit.ownerUrl, GRANTS);
    const tables = await q(`select count(*)::int n from information_schema.tables where table_schema = 'exkit_jobs'`);
    expect(tables[0].n).toBeGreaterThan(5);
  });
});

describe('pull', () => {
  it('reads every page, creates the records with their provenance, and a second run reads only what changed', async () => {
    const sim = await simulator(40);
    const s = service(sim);
    await s.ensureConnectors();
    const first = await s.runPull(PULL);
    expect(first).toMatchObject({ status: 'SUCCEEDED', read: 40, created: 40, updated: 0, rejected: 0 });
    const [one] = await q(`select * from exkit.kit_enterprise where credit_code = $1`, [sim.codes()[0]]);
    expect(one).toMatchObject({
      name: sim.enterprise(sim.codes()[0])!.name,
      src_source_system: SYSTEM,
      src_source_id: sim.enterprise(sim.codes()[0])!.id,
    });
    expect(one.src_fetched_at).toBeInstanceOf(Date);

    // Incremental: updatedSince is inclusive, so the newest record comes again, unchanged; touched ones are updated.
    const touched = sim.touch(3);
    const second = await s.runPull(PULL);
    expect(second).toMatchObject({ status: 'SUCCEEDED', read: 4, created: 0, updated: 3, unchanged: 1 });
    const changed = await q(
      `select credit_code, legal_representative, qualifications from exkit.kit_enterprise where credit_code = any($1)`,
      [touched],
    );
    for (const row of changed) {
      expect(row.qualifications).toEqual(sim.enterprise(row.credit_code)!.qualifications);
    }
    const [connector] = await q(
      `select last_success_at, last_error, checkpoint from exkit.exchange_connector where name = $1`,
      [PULL],
    );
    expect(connector.last_success_at).toBeInstanceOf(Date);
    expect(connector.last_error).toBeNull();
    expect(connector.checkpoint).toEqual({ cursor: null, updatedSince: sim.enterprise(touched[2])!.updatedAt });
  });

  it('malformed records are rejected with a Chinese reason and their payload hash; the good ones are applied', async () => {
    const sim = await simulator(30);
    sim.setMode('malformed');
    const s = service(sim);
    await s.ensureConnectors();
    const result = await s.runPull(PULL);
    // Every list position p with p % 7 = 3 is malformed: 3, 10, 17, 24.
    expect(result).toMatchObject({ status: 'SUCCEEDED', read: 30, created: 26, rejected: 4 });
    const rejected = await q(
      `select source_id, reason, payload_sha256, payload, r.run_id::text = $1 as of_run from exkit.exchange_rejected r order by id`,
      [result!.runId],
    );
    expect(rejected).toHaveLength(4);
    for (const r of rejected) {
      expect(r.of_run).toBe(true);
      expect(r.reason).toMatch(/^企业记录格式不正确：\w+：(缺少该字段|应为.+，实为.+|格式不正确)/);
      expect(r.payload_sha256).toBe((await import('node:crypto')).createHash('sha256').update(r.payload).digest('hex'));
    }
    expect(new Set(rejected.map((r) => r.reason.split('：')[1])).size).toBeGreaterThan(1);
    expect((await q(`select count(*)::int n from exkit.kit_enterprise`))[0].n).toBe(26);
  });

  it('a record the database refuses is rejected alone; the rest of its page is applied', async () => {
    const sim = await simulator(20);
    const refused = sim.codes()[7];
    await sql(
      exkit.ownerUrl,
      `alter table exkit.kit_enterprise add constraint not_this_one check (credit_code <> '${refused}')`,
    );
    try {
      const s = service(sim);
      await s.ensureConnectors();
      const result = await s.runPull(PULL);
      expect(result).toMatchObject({ status: 'SUCCEEDED', read: 20, created: 19, rejected: 1 });
      const [rejected] = await q(`select source_id, reason from exkit.exchange_rejected`);
      expect(rejected.source_id).toBe(sim.enterprise(refused)!.id);
      expect(rejected.reason).toMatch(
        /^数据库拒绝了该记录（约束 not_this_one）：new row for relation "kit_enterprise" violates check constraint/,
      );
      expect((await q(`select count(*)::int n from exkit.kit_enterprise`))[0].n).toBe(19);
    } finally {
      await sql(exkit.ownerUrl, `alter table exkit.kit_enterprise drop constraint not_this_one`);
    }
  });

  it('a restart in the middle of a pull resumes from the checkpoint: nothing read twice, nothing missed', async () => {
    const sim = await simulator(50);
    const a = service(sim);
    await a.ensureConnectors();
    await a.updateSettings(PULL, { pageSize: 10 });
    // The process dies after its second page was committed.
    a.on('page', (e) => {
      if (e.page === 2) void a.stop();
    });
    const before = sim.requests();
    expect(await a.runPull(PULL)).toBeNull();
    expect(sim.requests() - before).toBe(2);
    const [interrupted] = await runs(PULL);
    expect(interrupted).toMatchObject({ status: 'RUNNING', read_count: 20, created_count: 20 });

    // A new process finds the dead run, closes it, and continues after page 2.
    const b = service(sim, { staleRunMs: 0 });
    const resumed = await b.runPull(PULL);
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', read: 30, created: 30, updated: 0, unchanged: 0 });
    expect(sim.requests() - before).toBe(5);
    expect((await q(`select count(*)::int n from exkit.kit_enterprise`))[0].n).toBe(50);
    const all = await runs(PULL);
    expect(all.map((r) => [r.status, r.error_kind, r.read_count])).toEqual([
      ['FAILED', 'INTERRUPTED', 20],
      ['SUCCEEDED', null, 30],
    ]);
  });

  it('one pull at a time per connector: a second one while the first runs does nothing', async () => {
    const sim = await simulator(20);
    sim.setMode('slow', 300);
    const s = service(sim);
    await s.ensureConnectors();
    const started = once(s, 'started');
    const first = s.runPull(PULL);
    await started;
    const second = await s.runPull(PULL);
    expect(second).toBeNull();
    expect((await first)?.status).toBe('SUCCEEDED');
    expect((await runs(PULL)).length).toBe(1);
  });

  it('a disabled connector does not pull', async () => {
    const sim = await simulator(5);
    const s = service(sim);
    await s.ensureConnectors();
    await s.updateSettings(PULL, { enabled: false });
    const before = sim.requests();
    expect(await s.runPull(PULL)).toBeNull();
    expect(sim.requests()).toBe(before);
  });
});

describe('pull jobs on pg-boss', () => {
  it('down: each job attempt fails, pg-boss retries it with back-off, the last attempt is DEAD with the error on the connector', async () => {
    const sim = await simulator(5);
    sim.setMode('down');
    const s = service(sim, { pullRetries: 2, pullRetryDelaySeconds: 1, pollingIntervalSeconds: 0.5 });
    await s.start();
    const results: RunResult[] = [];
    const dead = new Promise<void>((resolve) =>
      s.on('run', (e) => {
        if (e.kind !== 'PULL') return;
        results.push(e.result);
        if (e.result.status === 'DEAD') resolve();
      }),
    );
    expect(await s.requestPull(PULL)).toBe(true);
    await dead;
    const log = await runs(PULL);
    expect(log.map((r) => [r.trigger, r.status, r.attempt, r.error_kind])).toEqual([
      ['MANUAL', 'FAILED', 1, 'UNREACHABLE'],
      ['RETRY', 'FAILED', 2, 'UNREACHABLE'],
      ['RETRY', 'DEAD', 3, 'UNREACHABLE'],
    ]);
    expect(sim.requests()).toBe(6); // 3 job attempts × (1 + 1 client retry)
    const [connector] = await q(
      `select last_error, last_error_at, last_success_at from exkit.exchange_connector where name = $1`,
      [PULL],
    );
    expect(connector).toMatchObject({ last_error: `${SYSTEM}无法连接（已重试 1 次）`, last_success_at: null });

    // 重试 after the system is back: the dead pull is queued again and succeeds.
    sim.setMode('normal');
    const succeeded = new Promise<void>((resolve) => s.on('run', (e) => e.result.status === 'SUCCEEDED' && resolve()));
    expect(await s.retry(PULL)).toEqual({ requeued: 0, pullQueued: true });
    await succeeded;
    expect((await runs(PULL)).at(-1)).toMatchObject({ trigger: 'RETRY', status: 'SUCCEEDED', read_count: 5 });
  });

  it('a rejection (bad credentials) is not retried: DEAD at once', async () => {
    const sim = await simulator(5);
    const { hmacSm3Signer } = await import('@hs/kit');
    const s = service(sim, {
      connectors: connectors(sim, { signer: hmacSm3Signer(sim.appKey, 'wrong') }),
      pollingIntervalSeconds: 0.5,
    });
    await s.start();
    const done = once(s, 'run');
    await s.requestPull(PULL);
    const [{ result }] = await done;
    expect(result.status).toBe('DEAD');
    expect(result.error).toContain('身份校验未通过（HTTP 401');
    expect((await runs(PULL)).map((r) => r.status)).toEqual(['DEAD']);
  });

  it('a schedule from the settings is registered with pg-boss and removed when cleared', async () => {
    const sim = await simulator(5);
    const s = service(sim);
    await s.start();
    await s.updateSettings(PULL, { schedule: '*/15 * * * *' });
    const schedules = () => q(`select name, cron from exkit_jobs.schedule`);
    expect(await schedules()).toEqual([{ name: `exchange-pull-${PULL}`, cron: '*/15 * * * *' }]);
    await s.updateSettings(PULL, { schedule: null });
    expect(await schedules()).toEqual([]);
  });
});

describe('connector addresses across restarts', () => {
  /** The service as a start with the environment's address `url` would make it. */
  const deployed = (sim: RunningProvincialMarketSimulator, url: string) =>
    service(sim, {
      connectors: connectors(sim).map((c) => ({ ...c, defaults: { ...c.defaults, baseUrl: url } })),
    });
  const addressOf = async (s: ExchangeService) => (await s.settings(PULL)).settings.baseUrl;

  it('an address changed in the admin survives a restart with another environment address', async () => {
    const sim = await simulator(1);
    const first = deployed(sim, 'http://province-a.example');
    await first.ensureConnectors();
    expect(await addressOf(first)).toBe('http://province-a.example');
    await first.updateSettings(PULL, { baseUrl: 'http://changed-in-admin.example' });

    const second = deployed(sim, 'http://province-b.example');
    await second.ensureConnectors();
    expect(await addressOf(second)).toBe('http://changed-in-admin.example');
    expect(
      Object.keys((await q(`select settings from exkit.exchange_connector where name = $1`, [PULL]))[0].settings),
    ).toContain('deploymentBaseUrl');
  });

  it('an address not changed in the admin follows the environment (npm start’s simulators move ports)', async () => {
    const sim = await simulator(1);
    await deployed(sim, 'http://127.0.0.1:41001').ensureConnectors();
    const second = deployed(sim, 'http://127.0.0.1:41002');
    await second.ensureConnectors();
    expect(await addressOf(second)).toBe('http://127.0.0.1:41002');
    // Without an environment address the stored one stays.
    const third = deployed(sim, '');
    await third.ensureConnectors();
    expect(await addressOf(third)).toBe('http://127.0.0.1:41002');
  });
});

describe('startExchangeService', () => {
  it('starts on the subgraph’s deps and registers its stop for when the subgraph closes', async () => {
    const sim = await simulator(3);
    const closers: (() => Promise<void>)[] = [];
    const config = { DATABASE_URL: exkit.serviceUrl } as Parameters<typeof startExchangeService>[0]['config'];
    const s = await startExchangeService(
      { config, orm, logger: testLogger, onClose: (stop) => closers.push(stop) },
      { schema: SCHEMA, connectors: connectors(sim), relayIntervalMs: 0, pollingIntervalSeconds: 0.5 },
    );
    const done = once(s, 'run');
    expect(await s.requestPull(PULL)).toBe(true);
    expect((await done)[0].result).toMatchObject({ status: 'SUCCEEDED', read: 3 });
    expect(closers).toHaveLength(1);
    await closers[0]();
    await expect(s.requestPull(PULL)).rejects.toThrow('数据交换任务未启动');
  });
});

describe('outbox', () => {
  async function change(em: EntityManager, key: string, fail = false) {
    await em.transactional(async (tx) => {
      tx.create(KitEnterprise, {
        creditCode: key.padEnd(18, '0').slice(0, 18),
        name: '推送测试企业',
        legalRepresentative: '张三',
        qualifications: [],
        provenance: { sourceSystem: '本平台', sourceId: key, fetchedAt: new Date() },
      });
      await tx.flush();
      await enqueueOutbox(tx as EntityManager, SCHEMA, PUSH, {
        key,
        entityType: 'DrawingReview',
        entityId: key,
        payload: { certificateNo: key, conclusion: '合格' },
      });
      if (fail) throw new Error('业务校验失败');
    });
  }

  it('a message survives a crash between the change’s commit and the send, and is then sent once', async () => {
    const sim = await simulator(1);
    const s = service(sim);
    await s.ensureConnectors();
    // A change whose transaction fails leaves no message.
    await expect(change(orm.em.fork() as EntityManager, 'ROLLEDBACK0000001', true)).rejects.toThrow('业务校验失败');
    await change(orm.em.fork() as EntityManager, 'KEEP00000000000001');
    // No relay ran (the process died): the message waits.
    expect(await q(`select idempotency_key, state, attempts from exkit.exchange_outbox`)).toEqual([
      { idempotency_key: 'KEEP00000000000001', state: 'PENDING', attempts: 0 },
    ]);
    expect(sim.received()).toEqual([]);

    expect(await s.relay(PUSH)).toEqual({ sent: 1, failed: 0, dead: 0 });
    const [row] = await q(`select state, ack, sent_at from exkit.exchange_outbox`);
    expect(row.state).toBe('SENT');
    expect(row.ack).toEqual({ receiptId: sim.received()[0].receiptId, duplicate: false });
    expect(await s.relay(PUSH)).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(sim.received()).toEqual([expect.objectContaining({ idempotencyKey: 'KEEP00000000000001', duplicates: 0 })]);
  });

  it('sent exactly once even when the acknowledgement is lost after the send', async () => {
    const sim = await simulator(1);
    const s = service(sim);
    await s.ensureConnectors();
    await change(orm.em.fork() as EntityManager, 'ACKLOST00000000001');
    // The database refuses the first SENT write, as if the process died after the send.
    await sql(
      exkit.db.url,
      // A sequence, not a table: its nextval survives the rollback of the failed write.
      `create sequence exkit.ack_writes;
       create function exkit.fail_ack_once() returns trigger language plpgsql as $$
       begin
         if new.state = 'SENT' and nextval('exkit.ack_writes') = 1 then
           raise exception 'simulated crash before the acknowledgement was stored';
         end if;
         return new;
       end $$;
       create trigger fail_ack_once before update on exkit.exchange_outbox for each row execute function exkit.fail_ack_once();
       grant usage on sequence exkit.ack_writes to hs_exkit_app;`,
    );
    try {
      expect(await s.relay(PUSH)).toEqual({ sent: 0, failed: 1, dead: 0 });
      expect(await q(`select state, attempts from exkit.exchange_outbox`)).toEqual([{ state: 'PENDING', attempts: 1 }]);
      expect(await s.relay(PUSH)).toEqual({ sent: 1, failed: 0, dead: 0 });
    } finally {
      await sql(
        exkit.db.url,
        `drop trigger fail_ack_once on exkit.exchange_outbox; drop function exkit.fail_ack_once(); drop sequence exkit.ack_writes`,
      );
    }
    const received = sim.received();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ idempotencyKey: 'ACKLOST00000000001', duplicates: 1 });
    const [row] = await q(`select state, ack from exkit.exchange_outbox`);
    expect(row).toEqual({ state: 'SENT', ack: { receiptId: received[0].receiptId, duplicate: true } });
  });

  it('down: attempts back off, then the message is DEAD with its error; 重试 sends it', async () => {
    const sim = await simulator(1);
    const s = service(sim, { pushMaxAttempts: 3 });
    await s.ensureConnectors();
    await change(orm.em.fork() as EntityManager, 'DOWN00000000000001');
    sim.setMode('down');
    expect(await s.relay(PUSH)).toEqual({ sent: 0, failed: 1, dead: 0 });
    await q(`update exkit.exchange_outbox set next_attempt_at = now()`); // the back-off has passed
    expect(await s.relay(PUSH)).toEqual({ sent: 0, failed: 1, dead: 0 });
    await q(`update exkit.exchange_outbox set next_attempt_at = now()`);
    expect(await s.relay(PUSH)).toEqual({ sent: 0, failed: 0, dead: 1 });
    expect(await q(`select state, attempts, last_error from exkit.exchange_outbox`)).toEqual([
      { state: 'DEAD', attempts: 3, last_error: `${SYSTEM}无法连接（已重试 1 次）` },
    ]);
    expect((await runs(PUSH)).map((r) => [r.kind, r.status])).toEqual([
      ['PUSH', 'FAILED'],
      ['PUSH', 'FAILED'],
      ['PUSH', 'DEAD'],
    ]);
    expect(await s.relay(PUSH)).toEqual({ sent: 0, failed: 0, dead: 0 });

    sim.setMode('normal');
    expect(await s.retry(PUSH)).toEqual({ requeued: 1, pullQueued: false });
    expect(await s.relay(PUSH)).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(sim.received()).toHaveLength(1);
  });

  it('the relay timer sends what is due by itself', async () => {
    const sim = await simulator(1);
    const s = service(sim, { relayIntervalMs: 20 });
    await s.ensureConnectors();
    await change(orm.em.fork() as EntityManager, 'TIMER0000000000001');
    const relayed = once(s, 'relay');
    await s.start({ jobs: false });
    const [event] = await relayed;
    expect(event).toEqual({ connector: PUSH, sent: 1, failed: 0, dead: 0 });
  });
});

describe('lookups', () => {
  it('every lookup is a LOOKUP run; a 404 is an answer, a failure shows on the connector', async () => {
    const sim = await simulator(3);
    const s = service(sim);
    await s.ensureConnectors();
    const { z } = await import('zod');
    const one = z.object({ creditCode: z.string() });
    const code = sim.codes()[0];
    expect(await s.lookup(PULL, (c) => c.get(`/api/v1/enterprises/${code}`, one))).toEqual({ creditCode: code });
    await expect(s.lookup(PULL, (c) => c.get('/api/v1/enterprises/91420200MA0000000X', one))).rejects.toMatchObject({
      kind: 'REJECTED',
      status: 404,
    });
    sim.setMode('error');
    await expect(s.lookup(PULL, (c) => c.get(`/api/v1/enterprises/${code}`, one))).rejects.toMatchObject({
      kind: 'HTTP_ERROR',
    });
    expect((await runs(PULL)).map((r) => [r.kind, r.status, r.error_kind])).toEqual([
      ['LOOKUP', 'SUCCEEDED', null],
      ['LOOKUP', 'SUCCEEDED', null],
      ['LOOKUP', 'FAILED', 'HTTP_ERROR'],
    ]);
    const [connector] = await q(`select last_error from exkit.exchange_connector where name = $1`, [PULL]);
    expect(connector.last_error).toBe(`${SYSTEM}暂时不可用（HTTP 500：系统繁忙，请稍后再试（模拟），已重试 1 次）`);
  });
});
