/**
 * 等级保护 level 3 身份鉴别 (六.3): login, lockout, refresh rotation with reuse detection, idle
 * timeout, forced change of initial passwords, complexity rules, router-only access. Real
 * PostgreSQL, real HTTP, tokens checked with the kit's verifyAccessToken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, verifyAccessToken, HUANGSHI_DIVISIONS } from '@hs/kit';
import { DEMO_PASSWORD, NEWCOMER_PASSWORD, departmentId, userId } from '../src/index.js';
import { codeOf, LOGIN, startHarness, TEST_IP, TEST_UA, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const REFRESH = `mutation ($t: String!) { refreshToken(token: $t) { accessToken refreshToken } }`;
const ME = `{ me { id username mustChangePassword permissions } }`;

describe('login', () => {
  it('issues an access token that verifies and carries roles, permissions and the resolved data scope', async () => {
    const result = await h.gql(LOGIN, { u: 'dy_inspector', p: DEMO_PASSWORD });
    expect(result.errors).toBeUndefined();
    const login = result.data.login;
    expect(login.mustChangePassword).toBe(false);
    expect(login.expiresIn).toBe(900);
    expect(login.user).toEqual({ id: userId('dy_inspector'), username: 'dy_inspector' });

    const caller = await verifyAccessToken(h.config.AUTH_TOKEN_SECRET, login.accessToken);
    expect(caller.userId).toBe(userId('dy_inspector'));
    expect(caller.roles).toEqual(['district_inspector']);
    expect(caller.permissions).toContain('system:user:view');
    expect(caller.permissions).not.toContain('system:user:edit');
    // 本部门及以下: 大冶市住建局 and the station below it, district 420281 only.
    expect(caller.scope).toEqual({
      kind: 'DEPT_AND_CHILDREN',
      departmentIds: [departmentId('大冶市住建局'), departmentId('大冶市建设工程质量安全监督站')].sort(),
      districtCodes: ['420281'],
      enterpriseIds: [],
    });
    expect(caller.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const [session] = await h.sql('select * from identity.session where id = ?', [caller.sessionId]);
    expect(session.ip).toBe(TEST_IP);
    expect(session.user_agent).toBe(TEST_UA);
    expect(session.current_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.current_token_hash).not.toContain(login.refreshToken.split('.')[1]);

    const [user] = await h.sql('select last_login_ip, last_login_at from identity.user_account where id = ?', [
      caller.userId,
    ]);
    expect(user.last_login_ip).toBe(TEST_IP);
    expect(user.last_login_at).not.toBeNull();
  });

  it('resolves city-wide, enterprise and self scopes for the other demo roles', async () => {
    const admin = await h.loginAs('admin', DEMO_PASSWORD);
    expect(admin.caller.permissions).toEqual(['*']);
    expect(admin.caller.scope.kind).toBe('ALL');

    const ent = await h.loginAs('ent_user', DEMO_PASSWORD);
    expect(ent.caller.scope.kind).toBe('DEPT');
    expect(ent.caller.scope.enterpriseIds).toHaveLength(1);
    expect(ent.caller.scope.districtCodes).toEqual([]);

    const expert = await h.loginAs('expert', DEMO_PASSWORD);
    expect(expert.caller.scope).toEqual({ kind: 'SELF', departmentIds: [], districtCodes: [], enterpriseIds: [] });

    const display = await h.loginAs('display', DEMO_PASSWORD);
    expect(display.caller.permissions).toEqual([
      'dashboard:view',
      'enterprise:view',
      'project:view',
      'workforce:analytics:view',
      'workforce:attendance:view',
    ]);
    expect(display.caller.scope.kind).toBe('ALL');
    expect(HUANGSHI_DIVISIONS).toHaveLength(7);
  });

  it('answers an unknown name exactly like a wrong password, and logs both attempts', async () => {
    const wrong = await h.gql(LOGIN, { u: 'expert', p: 'Wrong#Pass1' });
    const unknown = await h.gql(LOGIN, { u: 'nobody_here', p: 'Wrong#Pass1' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe('用户名或密码错误，还可尝试 4 次');
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
    expect(unknown.errors![0].extensions).toEqual(wrong.errors![0].extensions);

    const logs = await h.sql(
      `select username, user_id, result, reason, ip, user_agent from identity.login_log where username in ('expert', 'nobody_here') and result = 'FAILURE' order by id`,
    );
    expect(logs).toEqual([
      {
        username: 'expert',
        user_id: userId('expert'),
        result: 'FAILURE',
        reason: 'BAD_CREDENTIALS',
        ip: TEST_IP,
        user_agent: TEST_UA,
      },
      {
        username: 'nobody_here',
        user_id: null,
        result: 'FAILURE',
        reason: 'BAD_CREDENTIALS',
        ip: TEST_IP,
        user_agent: TEST_UA,
      },
    ]);
  });

  it('takes similar time for an unknown name and a wrong password (both hash once)', async () => {
    const time = async (u: string) => {
      const t0 = performance.now();
      await h.gql(LOGIN, { u, p: 'Wrong#Pass1' });
      return performance.now() - t0;
    };
    const reset = () => h.sql(`update identity.user_account set failed_login_count = 0 where username = 'display'`);
    await time('display'); // warm up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      await reset(); // stay below the lockout threshold
      known.push(await time('display'));
      unknown.push(await time(`ghost_${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const [k, u] = [median(known), median(unknown)];
    // argon2id dominates both paths; without the dummy hash the unknown path would take a fraction of the time.
    expect(u).toBeGreaterThan(k * 0.4);
    expect(u).toBeLessThan(k * 2.5);
    await h.sql(
      `update identity.user_account set failed_login_count = 0, locked_until = null where username = 'display'`,
    );
  });

  it('locks the account after 5 consecutive failures, refusing even the right password', async () => {
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await h.gql(LOGIN, { u: 'city_admin', p: `Wrong#Pass${i}` });
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      messages.push(r.errors![0].message);
    }
    expect(messages).toEqual([4, 3, 2, 1].map((n) => `用户名或密码错误，还可尝试 ${n} 次`));

    const fifth = await h.gql(LOGIN, { u: 'city_admin', p: 'Wrong#Pass9' });
    expect(codeOf(fifth)).toBe('ACCOUNT_LOCKED');
    expect(fifth.errors![0].message).toBe('登录失败次数过多，账号已锁定，请 15 分钟后再试');

    const right = await h.gql(LOGIN, { u: 'city_admin', p: DEMO_PASSWORD });
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
    expect(right.errors![0].message).toMatch(/请 1[45] 分钟后再试/);

    // 10 minutes later the message counts down; after the lock runs out the right password works again.
    await h.sql(
      `update identity.user_account set locked_until = now() + interval '4 minutes 30 seconds' where username = 'city_admin'`,
    );
    const later = await h.gql(LOGIN, { u: 'city_admin', p: DEMO_PASSWORD });
    expect(later.errors![0].message).toBe('登录失败次数过多，账号已锁定，请 5 分钟后再试');
    await h.sql(
      `update identity.user_account set locked_until = now() - interval '1 second' where username = 'city_admin'`,
    );
    const after = await h.gql(LOGIN, { u: 'city_admin', p: DEMO_PASSWORD });
    expect(after.errors).toBeUndefined();

    const reasons = await h.sql(`select reason from identity.login_log where username = 'city_admin' order by id`);
    expect(reasons.map((r) => r.reason)).toEqual([
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'LOCKED_NOW',
      'LOCKED',
      'LOCKED',
      'OK',
    ]);
  });

  it('locks an unknown name the same way, so lockout does not reveal which names exist', async () => {
    for (let i = 0; i < 4; i++) await h.gql(LOGIN, { u: 'ghost_lock', p: 'Wrong#Pass1' });
    const fifth = await h.gql(LOGIN, { u: 'ghost_lock', p: 'Wrong#Pass1' });
    expect(codeOf(fifth)).toBe('ACCOUNT_LOCKED');
    expect(fifth.errors![0].message).toBe('登录失败次数过多，账号已锁定，请 15 分钟后再试');
  });

  it('refuses a disabled account after a correct password only', async () => {
    await h.sql(`update identity.user_account set status = 'DISABLED' where username = 'dy_station'`);
    const wrong = await h.gql(LOGIN, { u: 'dy_station', p: 'Wrong#Pass1' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    const right = await h.gql(LOGIN, { u: 'dy_station', p: DEMO_PASSWORD });
    expect(codeOf(right)).toBe('FORBIDDEN');
    expect(right.errors![0].message).toBe('账号已停用，请联系管理员');
    await h.sql(
      `update identity.user_account set status = 'ACTIVE', failed_login_count = 0 where username = 'dy_station'`,
    );
  });
});

describe('refresh tokens', () => {
  it('rotates: each refresh token works once and yields a new pair', async () => {
    const first = await h.loginAs('expert', DEMO_PASSWORD);
    const r1 = await h.gql(REFRESH, { t: first.refreshToken });
    expect(r1.errors).toBeUndefined();
    const { accessToken, refreshToken } = r1.data.refreshToken;
    expect(refreshToken).not.toBe(first.refreshToken);
    const caller = await verifyAccessToken(h.config.AUTH_TOKEN_SECRET, accessToken);
    expect(caller.sessionId).toBe(first.caller.sessionId);

    const r2 = await h.gql(REFRESH, { t: refreshToken });
    expect(r2.errors).toBeUndefined();
  });

  it('revokes the whole family when an already-rotated token is presented again', async () => {
    const login = await h.loginAs('expert', DEMO_PASSWORD);
    const r1 = await h.gql(REFRESH, { t: login.refreshToken });
    const newest = r1.data.refreshToken.refreshToken;

    // Someone replays the first token (stolen copy): refused, and the family dies.
    const replay = await h.gql(REFRESH, { t: login.refreshToken });
    expect(codeOf(replay)).toBe('SESSION_EXPIRED');
    expect(replay.errors![0].extensions!.details).toEqual({ reason: 'REUSED' });

    // The legitimate holder's newest token no longer works either.
    const legit = await h.gql(REFRESH, { t: newest });
    expect(codeOf(legit)).toBe('SESSION_EXPIRED');

    const [session] = await h.sql(
      'select revoked_at, revoked_reason, previous_token_hashes from identity.session where id = ?',
      [login.caller.sessionId],
    );
    expect(session.revoked_reason).toBe('REUSED');
    expect(session.revoked_at).not.toBeNull();
    expect(session.previous_token_hashes).toHaveLength(1);

    const [audit] = await h.sql(
      `select operation_name, result from identity.audit_log where session_id = ? and operation_name like 'auth.refresh%'`,
      [login.caller.sessionId],
    );
    expect(audit).toEqual({ operation_name: 'auth.refreshTokenReuse', result: 'FAILURE' });
  });

  it('refuses malformed and unknown tokens without revealing anything', async () => {
    for (const t of ['', 'garbage', `${crypto.randomUUID()}.${'A'.repeat(43)}`]) {
      const r = await h.gql(REFRESH, { t });
      expect(codeOf(r)).toBe('SESSION_EXPIRED');
    }
  });

  it('refuses a refresh after 30 minutes without activity (idle timeout)', async () => {
    const login = await h.loginAs('display', DEMO_PASSWORD);
    await h.sql(`update identity.session set last_active_at = now() - interval '31 minutes' where id = ?`, [
      login.caller.sessionId,
    ]);
    const r = await h.gql(REFRESH, { t: login.refreshToken });
    expect(codeOf(r)).toBe('SESSION_EXPIRED');
    expect(r.errors![0].message).toBe('长时间未操作，登录已超时，请重新登录');
    const [session] = await h.sql('select revoked_reason from identity.session where id = ?', [login.caller.sessionId]);
    expect(session.revoked_reason).toBe('IDLE_TIMEOUT');

    // 29 minutes is still fine.
    const fresh = await h.loginAs('display', DEMO_PASSWORD);
    await h.sql(`update identity.session set last_active_at = now() - interval '29 minutes' where id = ?`, [
      fresh.caller.sessionId,
    ]);
    expect((await h.gql(REFRESH, { t: fresh.refreshToken })).errors).toBeUndefined();
  });

  it('logout revokes the session: its refresh token stops working', async () => {
    const login = await h.loginAs('expert', DEMO_PASSWORD);
    const out = await h.gql(`mutation { logout }`, {}, login.caller);
    expect(out.data).toEqual({ logout: true });
    const r = await h.gql(REFRESH, { t: login.refreshToken });
    expect(codeOf(r)).toBe('SESSION_EXPIRED');
    const [session] = await h.sql('select revoked_reason from identity.session where id = ?', [login.caller.sessionId]);
    expect(session.revoked_reason).toBe('LOGOUT');
  });
});

describe('forced password change', () => {
  const CHANGE = `mutation ($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { accessToken refreshToken mustChangePassword } }`;

  it('gives a token without permissions until the initial password is changed', async () => {
    const result = await h.gql(LOGIN, { u: 'newcomer', p: NEWCOMER_PASSWORD });
    expect(result.data.login.mustChangePassword).toBe(true);
    const caller = await verifyAccessToken(h.config.AUTH_TOKEN_SECRET, result.data.login.accessToken);
    expect(caller.permissions).toEqual([]);
    expect(caller.roles).toEqual([]);
    expect(caller.scope.kind).toBe('SELF');

    // Protected operations are refused …
    const users = await h.gql(`{ users { total } }`, {}, caller);
    expect(codeOf(users)).toBe('FORBIDDEN');
    // … but `me` works.
    const me = await h.gql(ME, {}, caller);
    expect(me.data.me).toMatchObject({ username: 'newcomer', mustChangePassword: true });

    // Complexity rules apply to the new password.
    const weak = await h.gql(CHANGE, { o: NEWCOMER_PASSWORD, n: 'short1A' }, caller);
    expect(codeOf(weak)).toBe('BAD_USER_INPUT');
    const same = await h.gql(CHANGE, { o: NEWCOMER_PASSWORD, n: NEWCOMER_PASSWORD }, caller);
    expect(same.errors![0].message).toContain('新密码不能与原密码相同');
    const wrongOld = await h.gql(CHANGE, { o: 'Not@TheOld1', n: 'Brand#New2025' }, caller);
    expect(codeOf(wrongOld)).toBe('BAD_USER_INPUT');
    expect(wrongOld.errors![0].extensions!.field).toBe('oldPassword');

    const changed = await h.gql(CHANGE, { o: NEWCOMER_PASSWORD, n: 'Brand#New2025' }, caller);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.changePassword.mustChangePassword).toBe(false);
    const upgraded = await verifyAccessToken(h.config.AUTH_TOKEN_SECRET, changed.data.changePassword.accessToken);
    expect(upgraded.roles).toEqual(['district_inspector']);
    expect(upgraded.permissions).toContain('system:user:view');
    expect((await h.gql(`{ users { total } }`, {}, upgraded)).errors).toBeUndefined();

    // The old password is gone; the new one logs in without a forced change.
    expect(codeOf(await h.gql(LOGIN, { u: 'newcomer', p: NEWCOMER_PASSWORD }))).toBe('UNAUTHENTICATED');
    const again = await h.gql(LOGIN, { u: 'newcomer', p: 'Brand#New2025' });
    expect(again.data.login.mustChangePassword).toBe(false);

    // The 操作日志 rows of these changePassword calls are the router's (one per mutation), none written here.
    expect(
      await h.sql(`select operation_name from identity.audit_log where actor_id = ?`, [userId('newcomer')]),
    ).toEqual([]);
  });

  it('explains every broken complexity rule', async () => {
    const { caller } = await h.loginAs('expert', DEMO_PASSWORD);
    const cases: [string, string][] = [
      ['Ab1!', '密码长度至少 8 位'],
      ['alllowercase', '当前缺少：大写字母、数字、特殊符号'],
      ['ALLUPPER123', '当前缺少：小写字母、特殊符号'],
      ['Expert#2025x', '密码不能包含用户名'],
      [DEMO_PASSWORD, '新密码不能与原密码相同'],
    ];
    for (const [password, reason] of cases) {
      const r = await h.gql(CHANGE, { o: DEMO_PASSWORD, n: password }, caller);
      expect(codeOf(r), password).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message, password).toContain(reason);
      expect(r.errors![0].extensions!.field).toBe('newPassword');
    }
    // Nothing changed: the demo password still works.
    expect((await h.gql(LOGIN, { u: 'expert', p: DEMO_PASSWORD })).errors).toBeUndefined();
  });
});

describe('router-only access', () => {
  it('refuses calls without the router signature, or with a forged one', async () => {
    const unsigned = await fetch(h.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { u: 'admin', p: DEMO_PASSWORD } }),
    });
    const body = (await unsigned.json()) as any;
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();

    const forged = await fetch(h.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: 'eyJjYWxsZXIiOm51bGx9.bm90LWEtbWFj' },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await forged.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    // No login happened.
    const [{ count }] = await h.sql(
      `select count(*)::int as count from identity.login_log where username = 'admin' and ip is null`,
    );
    expect(count).toBe(0);
  });

  it('refuses `me` to an anonymous (but signed) caller', async () => {
    expect(codeOf(await h.gql(ME))).toBe('UNAUTHENTICATED');
  });
});
