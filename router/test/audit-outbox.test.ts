import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALLER_HEADER, issueAccessToken, signCaller } from '@hs/kit';
import { bearer, post, waitFor } from './fixtures/platform.js';
import { startIdentityPlatform, type IdentityPlatform } from './fixtures/identity-platform.js';
import { testCaller } from '../../packages/kit/test/support.js';

// One graphql instance (see router.test.ts).
vi.mock('graphql', async () => {
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('graphql');
  return { ...cjs, default: cjs };
});

/**
 * 六.3 / 等保 安全审计: no mutation that changed data goes without its row in identity's
 * hash-chained audit log — whatever its size, however slow or absent identity is, whether it
 * succeeded, failed or half-succeeded (issue #10).
 */
let platform: IdentityPlatform;
let router: Awaited<ReturnType<IdentityPlatform['startRouter']>>;
let adminToken: string;

beforeAll(async () => {
  platform = await startIdentityPlatform();
  router = await platform.startRouter({ audit: { maxBackoffMs: 300, pollMs: 100, timeoutMs: 1_000 } });
  adminToken = await issueAccessToken(platform.config.AUTH_TOKEN_SECRET, testCaller({ sessionId: randomUUID() }));
});

afterAll(async () => {
  await platform?.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface AuditRow {
  seq: string;
  operation_name: string | null;
  fields: string[];
  variables: any;
  result: string;
  error_codes: string[];
  record_id: string | null;
}

const rowsOf = (operationName: string) =>
  platform.sql<AuditRow>('select * from "identity"."audit_log" where "operation_name" = $1 order by "seq"', [
    operationName,
  ]);

/** Polls the log for the operation's row (bounded by waitFor; no fixed sleeps). */
async function awaitRow(operationName: string): Promise<AuditRow> {
  await waitFor(async () => (await rowsOf(operationName)).length > 0, `the audit row of ${operationName}`);
  const rows = await rowsOf(operationName);
  expect(rows).toHaveLength(1);
  return rows[0];
}

const createDictType = (operationName: string, description: string, code = `t_${randomUUID().slice(0, 8)}`) =>
  post(
    router.url,
    {
      query: `mutation ${operationName}($input: CreateDictTypeInput!) { createDictType(input: $input) { id } }`,
      operationName,
      variables: { input: { code, name: '审计测试', description } },
    },
    bearer(adminToken),
  );

describe('large variables are kept as their digest, never dropped', () => {
  for (const [operationName, size] of [
    ['Body300KB', 300 * 1024],
    ['Body900KB', 900 * 1024],
  ] as const) {
    it(`a ${size / 1024} KB mutation body has its row, with the SHA-256 and length of the value`, async () => {
      const description = 'a'.repeat(size);
      const res = await createDictType(operationName, description);
      expect(res.status).toBeLessThan(500);
      const row = await awaitRow(operationName);
      expect(row.fields).toEqual(['createDictType']);
      expect(row.variables.input.description).toMatchObject({
        _truncated: true,
        length: size,
        sha256: sha256(description),
      });
      expect(row.record_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  }
});

describe('identity slow or stopped: the row arrives once identity is back', () => {
  it('identity slow (its audit chain locked): the answer does not wait, the row arrives after', async () => {
    const blocker = await platform.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from "identity"."audit_chain_head" where "id" = 1 for update');
      const res = await createDictType('WhileSlow', '慢');
      expect(res.body.data?.createDictType?.id).toBeTruthy();
      // The relay's delivery timed out (or waits on the lock): nothing is in the log yet.
      await waitFor(
        () =>
          router.lines.some(
            (l) => l.msg?.startsWith('audit record not delivered yet') && l.audit?.operationName === 'WhileSlow',
          ),
        'a delivery that timed out',
      );
      expect(await rowsOf('WhileSlow')).toHaveLength(0);
    } finally {
      await blocker.query('commit');
      blocker.release();
    }
    const row = await awaitRow('WhileSlow');
    expect(row.result).toBe('SUCCESS');
  });

  it('identity stopped during a mutation: the row arrives after identity is started again', async () => {
    await platform.stopIdentity();
    try {
      const res = await createDictType('WhileDown', '停');
      expect(res.body.errors?.length).toBeGreaterThan(0);
      await waitFor(
        () =>
          router.lines.some(
            (l) => l.msg?.startsWith('audit record not delivered yet') && l.audit?.operationName === 'WhileDown',
          ),
        'a failed delivery',
      );
    } finally {
      await platform.startIdentity();
    }
    const row = await awaitRow('WhileDown');
    expect(row.result).toBe('FAILURE');
    expect((await platform.verifyAuditChain()).ok).toBe(true);
  });
});

describe('exactly one row per mutation', () => {
  it('a replayed record (same id) is stored once and the chain stays valid', async () => {
    const id = randomUUID();
    const send = () =>
      fetch(`${new URL(platform.identityUrl).origin}/internal/audit`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_HEADER]: signCaller(platform.config.ROUTER_SIGNING_KEY, null, '10.0.0.9'),
        },
        body: JSON.stringify({ id, operationName: 'Replayed', fields: ['x'], variables: {}, result: 'SUCCESS' }),
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true, seq: (await first.json()).seq });
    expect(await rowsOf('Replayed')).toHaveLength(1);
    expect((await platform.verifyAuditChain()).ok).toBe(true);
  });

  it('a mutation that errors in part has its row, with the error codes, though its first field committed', async () => {
    const res = await post(
      router.url,
      {
        query: `mutation HalfDone {
          good: createDictType(input: { code: "half_good", name: "成功的一半" }) { id }
          bad: createDictType(input: { code: "Bad Code!", name: "失败的一半" }) { id }
        }`,
      },
      bearer(adminToken),
    );
    // Non-null root fields: the error nulls the whole answer, yet `good` changed data.
    expect(res.body.errors?.length).toBeGreaterThan(0);
    expect(await platform.sql('select 1 from "identity"."dict_type" where "code" = $1', ['half_good'])).toHaveLength(1);
    const row = await awaitRow('HalfDone');
    expect(row.fields).toEqual(['createDictType']);
    expect(row.result).toBe('FAILURE');
    expect(row.error_codes).toContain('BAD_USER_INPUT');
  });

  it('the outbox cannot be written: the mutation is refused before it runs (AUDIT_UNAVAILABLE)', async () => {
    await platform.sql('alter table "router"."audit_outbox" rename to "audit_outbox_away"');
    let res;
    try {
      res = await createDictType('NoOutbox', '不应创建', 'no_outbox_type');
    } finally {
      await platform.sql('alter table "router"."audit_outbox_away" rename to "audit_outbox"');
    }
    expect(res.status).toBe(503);
    expect(res.body.errors[0].extensions.code).toBe('AUDIT_UNAVAILABLE');
    expect(res.body.errors[0].message).toMatch(/审计/);
    expect(await platform.sql('select 1 from "identity"."dict_type" where "code" = $1', ['no_outbox_type'])).toEqual(
      [],
    );
  });

  it('a record whose router died mid-mutation is delivered as UNKNOWN', async () => {
    const record = {
      operationName: 'RouterDied',
      fields: ['createDictType'],
      variables: {},
      result: 'UNKNOWN',
      errorCodes: [],
      ip: '10.0.0.1',
      userAgent: null,
      at: new Date().toISOString(),
    };
    await platform.sql(
      `insert into "router"."audit_outbox" ("id", "record", "state", "created_at") values ($1, $2, 'PENDING', now() - interval '11 minutes')`,
      [randomUUID(), JSON.stringify(record)],
    );
    const row = await awaitRow('RouterDied');
    expect(row.result).toBe('UNKNOWN');
  });
});
