/**
 * 用户 / 部门 / 角色 administration (1.4.8, 六.4): personal data encrypted at rest and masked by
 * permission, data scope applied in queries, batched references, validation that changes nothing
 * on failure, no privilege escalation through grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, computeIdCardCheckChar, signCaller, type Caller } from '@hs/kit';
import { DEMO_PASSWORD, departmentId, roleId, userId } from '../src/index.js';
import { codeOf, startHarness, type Harness } from './harness.js';

let h: Harness;
let admin: Caller;
let cityAdmin: Caller;
let dyInspector: Caller;

const ID_CARD = `42020219900307123${computeIdCardCheckChar('42020219900307123')}`;
const PHONE = '13871234567';

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.loginAs('admin', DEMO_PASSWORD)).caller;
  cityAdmin = (await h.loginAs('city_admin', DEMO_PASSWORD)).caller;
  dyInspector = (await h.loginAs('dy_inspector', DEMO_PASSWORD)).caller;
});
afterAll(async () => {
  await h?.close();
});

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { id username displayName departmentId mustChangePassword phone idCardNo roles { code } }
}`;
const count = async (table: string) => (await h.sql(`select count(*)::int as n from identity.${table}`))[0].n as number;

describe('personal data', () => {
  let created: { id: string };

  it('encrypts phone and ID number at rest and shows them in full only with system:user:sensitive', async () => {
    const result = await h.gql(
      CREATE_USER,
      {
        input: {
          username: 'zhang.san',
          displayName: '张三',
          departmentId: departmentId('质监站'),
          roleIds: [roleId('expert')],
          phone: '+86 138-7123-4567',
          idCardNo: ID_CARD.toLowerCase(),
          initialPassword: 'Init#Pass2025',
        },
      },
      admin,
    );
    expect(result.errors).toBeUndefined();
    created = result.data.createUser;
    // admin holds `*`, so sees the normalised values in full.
    expect(result.data.createUser).toMatchObject({
      username: 'zhang.san',
      mustChangePassword: true,
      phone: PHONE,
      idCardNo: ID_CARD,
    });

    const [row] = await h.sql(
      'select phone_cipher, phone_index, id_card_cipher, id_card_index, password_hash from identity.user_account where id = ?',
      [created.id],
    );
    expect(row.phone_cipher).toMatch(/^sm4:/);
    expect(row.phone_cipher).not.toContain(PHONE);
    expect(row.id_card_cipher).toMatch(/^sm4:/);
    expect(row.phone_index).toMatch(/^[0-9a-f]{64}$/);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    // city_admin may view users but not sensitive data: masked.
    const masked = await h.gql(`query ($id: ID!) { user(id: $id) { phone idCardNo } }`, { id: created.id }, cityAdmin);
    expect(masked.data.user).toEqual({ phone: '138****4567', idCardNo: `420202********${ID_CARD.slice(-4)}` });
  });

  it('finds a user by full phone number through the blind index', async () => {
    const found = await h.gql(
      `{ users(filter: { keyword: "138 7123 4567" }) { total items { username } } }`,
      {},
      cityAdmin,
    );
    expect(found.data.users).toEqual({ total: 1, items: [{ username: 'zhang.san' }] });
  });

  it('refuses a second user with the same phone number', async () => {
    const dup = await h.gql(
      CREATE_USER,
      {
        input: {
          username: 'li.si',
          displayName: '李四',
          departmentId: departmentId('质监站'),
          phone: PHONE,
          initialPassword: 'Init#Pass2025',
        },
      },
      admin,
    );
    expect(codeOf(dup)).toBe('CONFLICT');
    expect(dup.errors![0].extensions!.field).toBe('phone');
  });
});

describe('validation', () => {
  const base = {
    username: 'wang.wu',
    displayName: '王五',
    departmentId: departmentId('质监站'),
    initialPassword: 'Init#Pass2025',
  };

  it('rejects malformed mobile and ID numbers, unknown departments and weak passwords, storing nothing', async () => {
    const users = await count('user_account');
    const grants = await count('user_role');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ phone: '1234567' }, 'phone', /手机号应为11位数字/],
      [{ phone: '12812345678' }, 'phone', /号段无效/],
      [{ idCardNo: ID_CARD.slice(0, 17) + (ID_CARD[17] === '0' ? '1' : '0') }, 'idCardNo', /校验位错误/],
      [{ idCardNo: '42020219901307123X' }, 'idCardNo', /出生日期无效/],
      [{ departmentId: '00000000-0000-4000-8000-000000000000' }, 'departmentId', /部门不存在/],
      [{ departmentId: 'not-a-uuid' }, 'departmentId', /部门不存在/],
      [{ roleIds: ['00000000-0000-4000-8000-000000000000'] }, 'roleIds', /角色不存在/],
      [{ username: '1abc' }, 'username', /登录名须以字母开头/],
      [{ displayName: '   ' }, 'displayName', /姓名不能为空/],
      [{ initialPassword: 'password' }, 'initialPassword', /至少 3 类/],
      [{ initialPassword: 'Wang.Wu#2025' }, 'initialPassword', /不能包含用户名/],
    ];
    for (const [override, field, message] of cases) {
      const r = await h.gql(CREATE_USER, { input: { ...base, ...override } }, admin);
      expect(codeOf(r), JSON.stringify(override)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field, JSON.stringify(override)).toBe(field);
      expect(r.errors![0].message, JSON.stringify(override)).toMatch(message);
    }
    expect(await count('user_account')).toBe(users);
    expect(await count('user_role')).toBe(grants);
  });

  it('rejects unknown permission codes and bad scopes in roles, storing nothing', async () => {
    const roles = await count('role');
    const CREATE_ROLE = `mutation ($input: CreateRoleInput!) { createRole(input: $input) { id code permissions } }`;
    const input = { code: 'inspector_plus', name: '监督员', permissions: ['project:view'], dataScope: 'DEPT' };
    const unknown = await h.gql(
      CREATE_ROLE,
      { input: { ...input, permissions: ['project:view', 'project:delete'] } },
      admin,
    );
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toBe('未知的权限代码：project:delete');

    const customWithout = await h.gql(CREATE_ROLE, { input: { ...input, dataScope: 'CUSTOM' } }, admin);
    expect(codeOf(customWithout)).toBe('BAD_USER_INPUT');
    const customUnknown = await h.gql(
      CREATE_ROLE,
      { input: { ...input, dataScope: 'CUSTOM', customDepartmentIds: ['00000000-0000-4000-8000-000000000000'] } },
      admin,
    );
    expect(codeOf(customUnknown)).toBe('BAD_USER_INPUT');
    expect(await count('role')).toBe(roles);
    expect(await count('role_department')).toBe(0);

    const ok = await h.gql(
      CREATE_ROLE,
      { input: { ...input, dataScope: 'CUSTOM', customDepartmentIds: [departmentId('阳新县住建局')] } },
      admin,
    );
    expect(ok.errors).toBeUndefined();
    expect(await count('role')).toBe(roles + 1);
  });

  it('rejects a district code outside 黄石 and a department moved below itself', async () => {
    const departments = await count('department');
    const bad = await h.gql(
      `mutation { createDepartment(input: { name: "测试科", kind: SECTION, parentId: "${departmentId('大冶市住建局')}", districtCode: "110101" }) { id } }`,
      {},
      admin,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('districtCode');
    const cycle = await h.gql(
      `mutation { updateDepartment(id: "${departmentId('大冶市住建局')}", input: { parentId: "${departmentId('大冶市建设工程质量安全监督站')}" }) { id } }`,
      {},
      admin,
    );
    expect(codeOf(cycle)).toBe('BAD_USER_INPUT');
    expect(await count('department')).toBe(departments);
  });
});

describe('data scope and grants', () => {
  it('shows a district administrator only the users of their own department and below', async () => {
    const result = await h.gql(
      `{ users(page: { pageSize: 100 }) { total items { username department { name } } } }`,
      {},
      dyInspector,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.users.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'dy_inspector',
      'dy_station',
    ]);

    const outside = await h.gql(
      `query ($id: ID!) { user(id: $id) { username } }`,
      { id: userId('admin') },
      dyInspector,
    );
    expect(codeOf(outside)).toBe('NOT_FOUND');

    const all = await h.gql(`{ users(page: { pageSize: 100 }) { total } }`, {}, cityAdmin);
    expect(all.data.users.total).toBeGreaterThan(8);
  });

  it('shows a district administrator their part of the department tree', async () => {
    const tree = await h.gql(
      `{ departments { name districtCode district { code } children { name } } }`,
      {},
      dyInspector,
    );
    expect(tree.data.departments).toEqual([
      {
        name: '大冶市住建局',
        districtCode: '420281',
        district: { code: '420281' },
        children: [{ name: '大冶市建设工程质量安全监督站' }],
      },
    ]);
    const full = await h.gql(`{ departments { name kind children { name } } }`, {}, admin);
    expect(full.data.departments.map((d: { name: string }) => d.name)).toEqual([
      '黄石市住房和城乡建设局',
      '黄石市勘察设计协会',
      '专家组',
      '企业',
    ]);
    expect(full.data.departments[0].children).toHaveLength(13);
  });

  it('does not let an administrator grant what they do not hold', async () => {
    const escalate = await h.gql(
      CREATE_USER,
      {
        input: {
          username: 'mallory',
          displayName: '马洛',
          departmentId: departmentId('建管科'),
          roleIds: [roleId('super_admin')],
          initialPassword: 'Init#Pass2025',
        },
      },
      cityAdmin,
    );
    expect(codeOf(escalate)).toBe('FORBIDDEN');
    const selfPromote = await h.gql(
      `mutation ($id: ID!, $r: [ID!]) { updateUser(id: $id, input: { roleIds: $r }) { id } }`,
      {
        id: cityAdmin.userId,
        r: [roleId('super_admin')],
      },
      cityAdmin,
    );
    expect(codeOf(selfPromote)).toBe('FORBIDDEN');
    const noEdit = await h.gql(
      CREATE_USER,
      {
        input: {
          username: 'x_user',
          displayName: 'X',
          departmentId: departmentId('大冶市住建局'),
          initialPassword: 'Init#Pass2025',
        },
      },
      dyInspector,
    );
    expect(codeOf(noEdit)).toBe('FORBIDDEN');
    expect(
      (await h.sql(`select count(*)::int as n from identity.user_account where username in ('mallory', 'x_user')`))[0]
        .n,
    ).toBe(0);
  });
});

describe('references', () => {
  it('resolves 50 User references from another subgraph with one SQL query', async () => {
    await h.sql(
      `insert into identity.user_account (id, username, display_name, department_id, status, password_hash, failed_login_count, must_change_password, created_at, updated_at)
       select (md5('bulk' || g)::uuid), 'bulk_' || g, '批量用户' || g, ?, 'ACTIVE', 'x', 0, false, now(), now() from generate_series(1, 45) g`,
      [departmentId('市场站')],
    );
    const ids = (await h.sql<{ id: string }>(`select id from identity.user_account order by username limit 50`)).map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(50);
    h.queries.length = 0;
    const result = await h.gql(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username displayName } } }`,
      { r: ids.map((id) => ({ __typename: 'User', id })) },
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((u: { id: string }) => u.id)).toEqual(ids);
    // eslint-disable-next-line no-control-regex
    const sql = h.queries.map((q) => q.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(
      /^\[query\] select .* from "identity"\."user_account" .* where "u0"\."id" in \(\$1, .*\$50\)/,
    );
  });
});

describe('sessions and password reset', () => {
  it('lists online sessions and forces one out', async () => {
    const victim = await h.loginAs('display', DEMO_PASSWORD);
    const list = await h.gql(
      `{ sessions(page: { pageSize: 100 }) { total items { id current user { username } } } }`,
      {},
      admin,
    );
    const item = list.data.sessions.items.find((s: { id: string }) => s.id === victim.caller.sessionId);
    expect(item).toMatchObject({ current: false, user: { username: 'display' } });

    const revoked = await h.gql(
      `mutation ($id: ID!) { revokeSession(id: $id) }`,
      { id: victim.caller.sessionId },
      admin,
    );
    expect(revoked.data.revokeSession).toBe(true);
    const refresh = await h.gql(`mutation ($t: String!) { refreshToken(token: $t) { accessToken } }`, {
      t: victim.refreshToken,
    });
    expect(codeOf(refresh)).toBe('SESSION_EXPIRED');
  });

  it('reset password forces a change at next login and ends the user’s sessions', async () => {
    const before = await h.loginAs('expert', DEMO_PASSWORD);
    const reset = await h.gql(
      `mutation ($id: ID!) { resetUserPassword(id: $id, newPassword: "Reset#Pass2025") { mustChangePassword } }`,
      {
        id: userId('expert'),
      },
      admin,
    );
    expect(reset.data.resetUserPassword.mustChangePassword).toBe(true);
    const refresh = await h.gql(`mutation ($t: String!) { refreshToken(token: $t) { accessToken } }`, {
      t: before.refreshToken,
    });
    expect(codeOf(refresh)).toBe('SESSION_EXPIRED');
    const after = await h.loginAs('expert', 'Reset#Pass2025');
    expect(after.caller.permissions).toEqual([]);
  });
});

describe('data scope in logs and sessions', () => {
  it('shows a district caller only the sessions and log entries of users in their scope', async () => {
    // The router forwards whatever the token says; here a district role that also manages sessions and reads logs.
    const districtAuditor: Caller = {
      ...dyInspector,
      permissions: [...dyInspector.permissions, 'system:session:manage', 'system:log:view'],
    };
    await h.loginAs('dy_station', DEMO_PASSWORD);
    const sessions = await h.gql(
      `{ sessions(page: { pageSize: 100 }) { items { user { username } } } }`,
      {},
      districtAuditor,
    );
    expect(sessions.errors).toBeUndefined();
    const sessionUsers = new Set(
      sessions.data.sessions.items.map((s: { user: { username: string } }) => s.user.username),
    );
    expect([...sessionUsers].sort()).toEqual(['dy_inspector', 'dy_station']);

    const logins = await h.gql(`{ loginLogs(page: { pageSize: 100 }) { items { username } } }`, {}, districtAuditor);
    const loginUsers = new Set(logins.data.loginLogs.items.map((l: { username: string }) => l.username));
    expect([...loginUsers].sort()).toEqual(['dy_inspector', 'dy_station']);

    // 操作日志 rows come from the router (ADR 0004): here, one per user as the router would post it.
    const auditUrl = h.server.url.replace(/\/graphql$/, '/internal/audit');
    for (const username of ['admin', 'dy_inspector', 'dy_station']) {
      const actor = (await h.loginAs(username, DEMO_PASSWORD)).caller;
      const posted = await fetch(auditUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_HEADER]: signCaller(h.config.ROUTER_SIGNING_KEY, actor, null),
        },
        body: JSON.stringify({
          operationName: 'UpdateUser',
          fields: ['updateUser'],
          variables: {},
          result: 'SUCCESS',
          errorCodes: [],
          ip: null,
          userAgent: null,
          at: new Date().toISOString(),
        }),
      });
      expect(posted.status).toBeLessThan(300);
    }
    const audit = await h.gql(`{ auditLogs(page: { pageSize: 100 }) { items { actorName } } }`, {}, districtAuditor);
    const actors = new Set(audit.data.auditLogs.items.map((a: { actorName: string }) => a.actorName));
    expect([...actors].sort()).toEqual(['dy_inspector', 'dy_station']);

    const other = (await h.sql(`select id from identity.session where user_id = ? limit 1`, [userId('admin')]))[0].id;
    const revoke = await h.gql(`mutation ($id: ID!) { revokeSession(id: $id) }`, { id: other }, districtAuditor);
    expect(codeOf(revoke)).toBe('NOT_FOUND');
  });
});
