/**
 * 等级保护 level 3 安全审计 (六.3): every login and every mutation lands in an append-only,
 * hash-chained audit log. Tampering by someone with table-owner rights shows up in
 * verifyAuditChain; the service's role may not UPDATE / DELETE / TRUNCATE, and a trigger refuses
 * them to everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, signCaller, type Caller } from '@hs/kit';
import { DEMO_PASSWORD, userId } from '../src/index.js';
import { codeOf, LOGIN, startHarness, TEST_IP, TEST_UA, type Harness } from './harness.js';

let h: Harness;
let admin: Caller;
let auditUrl: string;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.loginAs('admin', DEMO_PASSWORD)).caller;
  auditUrl = h.server.url.replace(/\/graphql$/, '/internal/audit');
});
afterAll(async () => {
  await h?.close();
});

const VERIFY = `{ verifyAuditChain { ok checked brokenAtSeq headSeq } }`;

function postAudit(body: unknown, header: string | null) {
  return fetch(auditUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header ? { [CALLER_HEADER]: header } : {}) },
    body: JSON.stringify(body),
  });
}

const RECORD = {
  operationName: 'CreateProject',
  fields: ['createProject'],
  variables: { input: { name: '磁湖路改造工程', ownerPhone: '[redacted]' } },
  result: 'SUCCESS',
  errorCodes: [],
  ip: '172.16.5.9',
  userAgent: 'Mozilla/5.0 (admin UI)',
  at: '2025-11-24T08:30:00.000Z',
};

describe('audit entries', () => {
  it('a login is recorded once: its 登录日志 row here, its 操作日志 row by the router; a lockout is an entry of its own', async () => {
    await h.gql(LOGIN, { u: 'expert', p: 'Wrong#Pass1' });
    const attempts = await h.sql(
      `select username, user_id, result, reason, ip, user_agent from identity.login_log
        where username in ('admin', 'expert') order by id`,
    );
    expect(attempts[0]).toMatchObject({
      username: 'admin',
      user_id: userId('admin'),
      result: 'SUCCESS',
      reason: 'OK',
      ip: TEST_IP,
      user_agent: TEST_UA,
    });
    expect(attempts.at(-1)).toMatchObject({ username: 'expert', user_id: userId('expert'), reason: 'BAD_CREDENTIALS' });
    // The router appends one row per mutation (ADR 0004); identity writing its own made every login two rows.
    expect(await h.sql(`select operation_name from identity.audit_log`)).toEqual([]);

    for (let i = 0; i < 5; i++) await h.gql(LOGIN, { u: 'expert', p: 'Wrong#Pass1' });
    const lockouts = await h.sql(
      `select actor_id, actor_name, operation_name, fields, result, ip from identity.audit_log order by seq`,
    );
    expect(lockouts).toEqual([
      {
        actor_id: userId('expert'),
        actor_name: 'expert',
        operation_name: 'auth.lockout',
        fields: ['login'],
        result: 'SUCCESS',
        ip: TEST_IP,
      },
    ]);
    await h.sql(
      `update identity.user_account set failed_login_count = 0, locked_until = null where username = 'expert'`,
    );
  });

  it('appends a record the router POSTs to /internal/audit, with the actor taken from the signed caller', async () => {
    const response = await postAudit({ ...RECORD }, signCaller(h.config.ROUTER_SIGNING_KEY, admin, '172.16.5.9'));
    expect(response.status).toBe(201);
    const { seq } = (await response.json()) as { seq: string };

    const page = await h.gql(
      `query ($f: AuditLogFilter) { auditLogs(filter: $f) { total items { seq actorId actorName sessionId operationName fields variables result ip userAgent at prevHash hash } } }`,
      { f: { operation: 'CreateProject' } },
      admin,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.auditLogs.total).toBe(1);
    expect(page.data.auditLogs.items[0]).toMatchObject({
      seq,
      actorId: admin.userId,
      actorName: 'admin',
      sessionId: admin.sessionId,
      operationName: 'CreateProject',
      fields: ['createProject'],
      variables: RECORD.variables,
      result: 'SUCCESS',
      ip: '172.16.5.9',
      userAgent: 'Mozilla/5.0 (admin UI)',
      at: '2025-11-24T08:30:00.000Z',
    });
    expect(page.data.auditLogs.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses /internal/audit without a valid router signature, and malformed bodies', async () => {
    expect((await postAudit(RECORD, null)).status).toBe(401);
    expect((await postAudit(RECORD, 'e30.AAAA')).status).toBe(401);
    expect((await postAudit(RECORD, signCaller('some-other-key-that-is-long-enough-0123', admin, null))).status).toBe(
      401,
    );
    const signed = signCaller(h.config.ROUTER_SIGNING_KEY, admin, null);
    expect((await postAudit({ ...RECORD, result: 'yes' }, signed)).status).toBe(400);
    expect((await postAudit({ ...RECORD, fields: 'createProject' }, signed)).status).toBe(400);
    const [{ count }] = await h.sql(
      `select count(*)::int as count from identity.audit_log where operation_name = 'CreateProject'`,
    );
    expect(count).toBe(1);
  });

  it('keeps the chain intact under concurrent appends (serialised on the chain head)', async () => {
    const signed = () => signCaller(h.config.ROUTER_SIGNING_KEY, admin, null);
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        postAudit({ ...RECORD, operationName: `Parallel${i}`, at: undefined }, signed()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(201));
    const verification = await h.gql(VERIFY, {}, admin);
    expect(verification.data.verifyAuditChain).toMatchObject({ ok: true, brokenAtSeq: null });
  });

  it('shows the audit log only to holders of system:log:view', async () => {
    const expert = (await h.loginAs('expert', DEMO_PASSWORD)).caller;
    expect(codeOf(await h.gql(`{ auditLogs { total } }`, {}, expert))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(VERIFY, {}, expert))).toBe('FORBIDDEN');
    const logs = await h.gql(
      `{ loginLogs(filter: { username: "expert" }) { total items { username result reason ip userAgent } } }`,
      {},
      admin,
    );
    expect(logs.data.loginLogs.items[0]).toMatchObject({
      username: 'expert',
      result: 'SUCCESS',
      ip: TEST_IP,
      userAgent: TEST_UA,
    });
  });
});

describe('tamper evidence', () => {
  it('verifies the whole chain, then reports the seq of a row changed behind its back', async () => {
    const before = await h.gql(VERIFY, {}, admin);
    expect(before.errors).toBeUndefined();
    const { ok, checked, headSeq } = before.data.verifyAuditChain;
    expect(ok).toBe(true);
    expect(checked).toBe(Number(headSeq));
    expect(checked).toBeGreaterThan(25);

    // A DBA can switch the trigger off (the service's own role cannot) — and the chain still gives them away.
    const [victim] = await h.sql(`select seq from identity.audit_log where operation_name = 'CreateProject'`);
    await h.dba('alter table identity.audit_log disable trigger audit_log_append_only');
    await h.dba(`update identity.audit_log set result = 'FAILURE' where seq = $1`, [victim.seq]);
    await h.dba('alter table identity.audit_log enable trigger audit_log_append_only');

    const after = await h.gql(VERIFY, {}, admin);
    expect(after.data.verifyAuditChain).toEqual({
      ok: false,
      checked: Number(victim.seq) - 1,
      brokenAtSeq: String(victim.seq),
      headSeq: after.data.verifyAuditChain.headSeq,
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through normal SQL', async () => {
    const [before] = await h.sql(`select actor_name from identity.audit_log where seq = 1`);
    // The service's role holds no such privilege (issue #10); for a DBA the trigger refuses.
    await expect(h.sql(`update identity.audit_log set actor_name = 'someone' where seq = 1`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(h.dba(`update identity.audit_log set actor_name = 'someone' where seq = 1`)).rejects.toThrow(
      /只允许追加|append-only/,
    );
    await expect(h.dba(`delete from identity.audit_log where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(h.dba(`truncate identity.audit_log`)).rejects.toThrow(/append-only/);
    const [row] = await h.sql(`select actor_name from identity.audit_log where seq = 1`);
    expect(row.actor_name).toBe(before.actor_name);
  });

  it('notices rows deleted from the end of the chain', async () => {
    const [{ max }] = await h.sql(`select max(seq)::text as max from identity.audit_log`);
    await h.dba('alter table identity.audit_log disable trigger audit_log_append_only');
    await h.dba(`delete from identity.audit_log where seq = $1`, [max]);
    await h.dba('alter table identity.audit_log enable trigger audit_log_append_only');
    const result = await h.gql(VERIFY, {}, admin);
    expect(result.data.verifyAuditChain.ok).toBe(false);
  });
});
