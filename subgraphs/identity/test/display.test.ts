/**
 * 大屏展示链接 (issue 3, dashboard): a wall screen signs in with a signed link instead of a
 * password. The token is random, stored hashed, revocable, expires, and is exchanged for a
 * short-lived access token whose caller can only read the dashboard, projects and enterprises,
 * city-wide — whatever the creator could do. Real PostgreSQL, real HTTP, the kit's token checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken, type Caller } from '@hs/kit';
import { DEMO_PASSWORD } from '../src/index.js';
import { DISPLAY_ACCESS_TTL_SECONDS, DISPLAY_PERMISSIONS } from '../src/display/index.js';
import { linkIdOf } from '../src/display/display-link.rules.js';
import { codeOf, startHarness, TEST_IP, TEST_UA, type Harness } from './harness.js';

let h: Harness;
let admin: Caller;
let cityAdmin: Caller;
let display: Caller;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.loginAs('admin', DEMO_PASSWORD)).caller;
  cityAdmin = (await h.loginAs('city_admin', DEMO_PASSWORD)).caller;
  display = (await h.loginAs('display', DEMO_PASSWORD)).caller;
});
afterAll(async () => {
  await h?.close();
});

const CREATE = `mutation ($label: String!, $days: Int!) {
  createDisplayLink(label: $label, validDays: $days) {
    token path
    link { id label status expiresAt createdByName createdBy { username } useCount lastUsedAt revokedAt }
  }
}`;
const EXCHANGE = `mutation ($t: String!) { displayLogin(token: $t) { accessToken expiresIn permissions label linkExpiresAt } }`;
const REVOKE = `mutation ($id: ID!) { revokeDisplayLink(id: $id) { id status revokedAt } }`;
const LIST = `{ displayLinks { id label status useCount lastUsedAt lastUsedIp createdBy { username } } }`;

async function createLink(label = '指挥中心大屏', days = 30, caller: Caller = admin) {
  const result = await h.gql(CREATE, { label, days }, caller);
  expect(result.errors).toBeUndefined();
  return result.data.createDisplayLink as {
    token: string;
    path: string;
    link: { id: string; label: string; status: string; expiresAt: string };
  };
}

describe('createDisplayLink', () => {
  it('returns a random token once, stores only its hash, and a path for the dashboard', async () => {
    const before = Date.now();
    const created = await createLink('指挥中心大屏', 30);
    expect(created.token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(linkIdOf(created.token)).toBe(created.link.id);
    expect(created.path).toBe(`/dashboard/?display=${encodeURIComponent(created.token)}`);
    expect(created.link).toMatchObject({
      label: '指挥中心大屏',
      status: 'ACTIVE',
      createdByName: 'admin',
      createdBy: { username: 'admin' },
      useCount: 0,
      lastUsedAt: null,
      revokedAt: null,
    });
    const days = (new Date(created.link.expiresAt).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    const [row] = await h.sql('select * from identity.display_link where id = ?', [created.link.id]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const secret = created.token.split('.')[1];
    expect(JSON.stringify(row)).not.toContain(secret);

    // Two links never share a token.
    const other = await createLink('二号屏', 1);
    expect(other.token.split('.')[1]).not.toBe(secret);
  });

  it('needs system:user:edit (or *) and city-wide scope; checks label and validDays', async () => {
    expect(codeOf(await h.gql(CREATE, { label: 'x', days: 1 }, null))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.gql(CREATE, { label: 'x', days: 1 }, display))).toBe('FORBIDDEN');
    // city_admin holds system:user:edit with ALL scope.
    expect((await h.gql(CREATE, { label: '市局大屏', days: 7 }, cityAdmin)).errors).toBeUndefined();
    // A user administrator bound to one district cannot hand out city-wide read access.
    const districtAdmin: Caller = {
      ...cityAdmin,
      permissions: ['system:user:edit'],
      scope: { kind: 'DEPT_AND_CHILDREN', departmentIds: [], districtCodes: ['420281'], enterpriseIds: [] },
    };
    const refused = await h.gql(CREATE, { label: '大冶大屏', days: 7 }, districtAdmin);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toContain('数据权限为“全部”');

    for (const [label, days, field] of [
      ['  ', 7, 'label'],
      ['x'.repeat(51), 7, 'label'],
      ['ok', 0, 'validDays'],
      ['ok', 367, 'validDays'],
    ] as const) {
      const bad = await h.gql(CREATE, { label, days }, admin);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions!.field).toBe(field);
    }
  });
});

describe('displayLogin', () => {
  it('issues a short-lived token whose caller holds exactly the read-only set, whatever the creator held', async () => {
    expect(admin.permissions).toEqual(['*']);
    const created = await createLink('大厅大屏', 30, admin);
    const result = await h.gql(EXCHANGE, { t: created.token }, null);
    expect(result.errors).toBeUndefined();
    const payload = result.data.displayLogin;
    expect(payload.label).toBe('大厅大屏');
    expect(payload.expiresIn).toBe(DISPLAY_ACCESS_TTL_SECONDS);
    expect(payload.permissions).toEqual(['dashboard:view', 'enterprise:view', 'project:view']);

    const caller = await verifyAccessToken(h.config.AUTH_TOKEN_SECRET, payload.accessToken);
    expect(caller.permissions).toEqual(['dashboard:view', 'enterprise:view', 'project:view']);
    expect(caller.permissions).toEqual([...DISPLAY_PERMISSIONS]);
    expect(caller.roles).toEqual([]);
    expect(caller.scope).toEqual({ kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [] });
    expect(caller.userId).toBe(created.link.id); // the link acts, not its creator
    expect(caller.userId).not.toBe(admin.userId);
    expect(caller.departmentId).toBeNull();
    expect(caller.displayName).toBe('大屏：大厅大屏');
    const [, body] = payload.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    expect(claims.exp - claims.iat).toBe(DISPLAY_ACCESS_TTL_SECONDS);

    // The issued caller cannot administer anything, not even display links.
    expect(codeOf(await h.gql(CREATE, { label: 'x', days: 1 }, caller))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(REVOKE, { id: created.link.id }, caller))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(LIST, {}, caller))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(`{ users { total } }`, {}, caller))).toBe('FORBIDDEN');

    // Exchanging again (the screen's refresh) works and is counted.
    expect((await h.gql(EXCHANGE, { t: created.token }, null)).errors).toBeUndefined();
    const list = await h.gql(LIST, {}, admin);
    const listed = list.data.displayLinks.find((l: { id: string }) => l.id === created.link.id);
    expect(listed).toMatchObject({
      status: 'ACTIVE',
      useCount: 2,
      lastUsedIp: TEST_IP,
      createdBy: { username: 'admin' },
    });
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('refuses malformed, unknown and wrong-secret tokens with one answer', async () => {
    const created = await createLink('三号屏', 30);
    const [id, secret] = created.token.split('.');
    const flipped = `${id}.${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    const unknown = `00000000-0000-4000-8000-000000000000.${secret}`;
    const answers = [];
    for (const token of ['', 'nonsense', flipped, unknown, `${created.token}x`]) {
      const result = await h.gql(EXCHANGE, { t: token }, null);
      expect(result.data).toBeNull();
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      answers.push({ message: result.errors![0].message, extensions: result.errors![0].extensions });
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0].message).toBe('大屏链接无效，请联系管理员重新生成');
    expect(answers[0].extensions!.details).toEqual({ reason: 'DISPLAY_LINK_INVALID' });
    // The link itself was not used.
    const [row] = await h.sql('select use_count from identity.display_link where id = ?', [id]);
    expect(row.use_count).toBe(0);
  });

  it('refuses a revoked link; revoking needs system:user:edit and is idempotent', async () => {
    const created = await createLink('四号屏', 30);
    expect((await h.gql(EXCHANGE, { t: created.token }, null)).errors).toBeUndefined();

    expect(codeOf(await h.gql(REVOKE, { id: created.link.id }, display))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, admin))).toBe('NOT_FOUND');
    const revoked = await h.gql(REVOKE, { id: created.link.id }, admin);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeDisplayLink.status).toBe('REVOKED');
    const again = await h.gql(REVOKE, { id: created.link.id }, admin);
    expect(again.data.revokeDisplayLink.revokedAt).toBe(revoked.data.revokeDisplayLink.revokedAt);

    const refused = await h.gql(EXCHANGE, { t: created.token }, null);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toBe('大屏链接已被撤销，请联系管理员重新生成');
    expect(refused.errors![0].extensions!.details).toEqual({ reason: 'DISPLAY_LINK_REVOKED' });
  });

  it('refuses an expired link, and never issues a token that outlives its link', async () => {
    const created = await createLink('五号屏', 1);
    await h.sql(`update identity.display_link set expires_at = now() + interval '90 seconds' where id = ?`, [
      created.link.id,
    ]);
    const short = await h.gql(EXCHANGE, { t: created.token }, null);
    expect(short.errors).toBeUndefined();
    expect(short.data.displayLogin.expiresIn).toBeLessThanOrEqual(90);
    expect(short.data.displayLogin.expiresIn).toBeGreaterThan(60);

    await h.sql(`update identity.display_link set expires_at = now() - interval '1 second' where id = ?`, [
      created.link.id,
    ]);
    const refused = await h.gql(EXCHANGE, { t: created.token }, null);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toBe('大屏链接已过期，请联系管理员重新生成');
    const list = await h.gql(LIST, {}, admin);
    expect(list.data.displayLinks.find((l: { id: string }) => l.id === created.link.id).status).toBe('EXPIRED');
  });

  it('writes a login-log row and a hash-chained audit row for every exchange, never the token', async () => {
    const created = await createLink('六号屏', 30);
    expect((await h.gql(EXCHANGE, { t: created.token }, null)).errors).toBeUndefined();
    await h.gql(REVOKE, { id: created.link.id }, admin);
    await h.gql(EXCHANGE, { t: created.token }, null);

    const logs = await h.sql(
      `select username, user_id, result, reason, ip, user_agent from identity.login_log where username = ? order by id`,
      [`display-link:${created.link.id}`],
    );
    expect(logs).toEqual([
      {
        username: `display-link:${created.link.id}`,
        user_id: null,
        result: 'SUCCESS',
        reason: 'OK',
        ip: TEST_IP,
        user_agent: TEST_UA,
      },
      {
        username: `display-link:${created.link.id}`,
        user_id: null,
        result: 'FAILURE',
        reason: 'DISPLAY_LINK_REVOKED',
        ip: TEST_IP,
        user_agent: TEST_UA,
      },
    ]);

    const audit = await h.sql(
      `select operation_name, actor_id, actor_name, result, variables, error_codes from identity.audit_log
        where actor_id = ? or variables->>'linkId' = ? order by seq`,
      [created.link.id, created.link.id],
    );
    expect(audit.map((a) => [a.operation_name, a.result])).toEqual([
      ['display.createLink', 'SUCCESS'],
      ['auth.displayLogin', 'SUCCESS'],
      ['display.revokeLink', 'SUCCESS'],
      ['auth.displayLogin', 'FAILURE'],
    ]);
    expect(audit[1]).toMatchObject({ actor_id: created.link.id, actor_name: `display-link:${created.link.id}` });
    expect(audit[3].error_codes).toEqual(['UNAUTHENTICATED']);
    expect(audit[3].variables).toEqual({ linkId: created.link.id, label: '六号屏', reason: 'DISPLAY_LINK_REVOKED' });

    const secret = created.token.split('.')[1];
    const [{ hits }] = await h.sql(
      `select count(*)::int as hits from identity.audit_log where variables::text like ? or coalesce(operation_name, '') like ?`,
      [`%${secret}%`, `%${secret}%`],
    );
    expect(hits).toBe(0);

    const chain = await h.gql(`{ verifyAuditChain { ok } }`, {}, admin);
    expect(chain.data.verifyAuditChain.ok).toBe(true);
  });
});
