/**
 * What people read, through the router (issue #11): graphql-js' own validation and coercion errors
 * come in Chinese with their stable codes (the English original in extensions.developerMessage),
 * and one login is one 操作日志 row.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@hs/identity';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let admin: string;

const router = routerClient(() => platform.url);
const gql = router.post;

/** As the admin sends it (admin/src/graphql/auth.ts). */
const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken }
}`;
const password = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!.password;

async function login(username: string): Promise<string> {
  const { body } = await gql(LOGIN, { username, password: password(username) }, undefined, 'Login');
  expect(body.errors).toBeUndefined();
  return body.data.login.accessToken;
}

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The router relays audit records after each answer (ADR 0004): wait until its outbox is empty. */
async function auditDelivered() {
  for (let attempt = 0; attempt < 400; attempt++) {
    const [{ n }] = await sql<{ n: number }>('select count(*)::int as n from router.audit_outbox');
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the audit outbox did not drain');
}

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db);
  admin = await login('admin');
});

afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

const PAGE = 'query ($i: Int!) { projects(page: { page: 1, pageSize: $i }) { total } }';

describe('graphql-js errors reach people in Chinese, with their codes', () => {
  const cases: [string, string, Record<string, unknown>, string, string, RegExp][] = [
    [
      'a variable of the wrong type',
      PAGE,
      { i: 2.5 },
      'BAD_USER_INPUT',
      '输入参数有误：变量“$i”的值 2.5 无效：2.5 不是整数',
      /Int cannot represent non-integer value: 2\.5/,
    ],
    [
      'a required variable missing',
      PAGE,
      {},
      'BAD_USER_INPUT',
      '输入参数有误：缺少必填变量“$i”（类型“Int!”）',
      /of required type "Int!" was not provided/,
    ],
    [
      'a required argument missing',
      '{ project { id } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      '查询不符合接口定义：字段“project”缺少必填参数“id”（类型“ID!”）',
      /is required, but it was not provided/,
    ],
    [
      'an unknown field',
      '{ projects { total nope } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      '查询不符合接口定义：“ProjectPage”上没有字段“nope”',
      /Cannot query field "nope"/,
    ],
    [
      'an unknown argument',
      '{ projects(nope: 1) { total } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      '查询不符合接口定义：字段“Query.projects”没有参数“nope”',
      /Unknown argument "nope"/,
    ],
    [
      'an enum value not in the enum, written in the query',
      '{ fireInspections(filter: { status: SIGNED }) { total } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      '查询不符合接口定义：“SIGNED”不是“FireInspectionStatus”的可选值（是否要用“SEALED”、“SIGNING”？）',
      /does not exist in "FireInspectionStatus" enum/,
    ],
    [
      'an enum value not in the enum, as a variable',
      'query ($s: FireInspectionStatus) { fireInspections(filter: { status: $s }) { total } }',
      { s: 'DONE' },
      'BAD_USER_INPUT',
      '输入参数有误：变量“$s”的值 "DONE" 无效：“DONE”不是“FireInspectionStatus”的可选值',
      /Value "DONE" does not exist/,
    ],
    [
      'a syntax error',
      '{ projects( { total } }',
      {},
      'GRAPHQL_PARSE_FAILED',
      '查询语法错误：此处应为名称，实际为“{”',
      /Syntax Error: Expected Name, found "\{"/,
    ],
    [
      'null for a non-null variable',
      'query ($id: ID!) { project(id: $id) { id } }',
      { id: null },
      'BAD_USER_INPUT',
      '输入参数有误：变量“$id”（类型“ID!”）不能为 null',
      /must not be null/,
    ],
    [
      'null for a non-null argument',
      '{ project(id: null) { id } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      '查询不符合接口定义：此处应为“ID!”类型的值，实际为 null',
      /Expected value of type "ID!", found null/,
    ],
  ];

  it.each(cases)('%s', async (_, query, variables, code, message, original) => {
    const { status, body } = await gql(query, variables, admin);
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].message).toBe(message);
    expect(body.errors![0].extensions.code).toBe(code);
    expect(body.errors![0].extensions.developerMessage).toMatch(original);
  });

  it('a value only the subgraph can judge (a custom scalar) is refused in Chinese too', async () => {
    const { body } = await gql(
      'query ($f: AuditLogFilter) { auditLogs(filter: $f) { total } }',
      { f: { from: 'yesterday' } },
      admin,
    );
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].message).toBe(
      '输入参数有误：变量“$f”（f.from）的值 "yesterday" 无效：yesterday 不是有效的日期时间（应为 ISO 8601 格式，如 2025-11-24T08:30:00Z）',
    );
    expect(body.errors![0].message).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
  });
});

describe('操作日志', () => {
  it('one login is one row naming the user it logged in, a refused one too (no actor), and so is a logout', async () => {
    await auditDelivered();
    const before = await sql<{ seq: string }>('select max(seq)::text as seq from identity.audit_log');
    const since = before[0].seq ?? '0';

    const token = await login('expert');
    const refused = await gql(LOGIN, { username: 'expert', password: 'Wrong#Pass1' }, undefined, 'Login');
    expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const logout = await gql('mutation Logout { logout }', {}, token, 'Logout');
    expect(logout.body.errors).toBeUndefined();
    await auditDelivered();

    const rows = await sql(
      `select operation_name, fields, result, error_codes, variables ->> 'username' as username, actor_name
         from identity.audit_log where seq > $1 order by seq`,
      [since],
    );
    expect(rows).toEqual([
      {
        operation_name: 'Login',
        fields: ['login'],
        result: 'SUCCESS',
        error_codes: [],
        username: 'expert',
        // The router takes the actor from the access token the answer carries.
        actor_name: 'expert',
      },
      {
        operation_name: 'Login',
        fields: ['login'],
        result: 'FAILURE',
        error_codes: ['UNAUTHENTICATED'],
        username: 'expert',
        actor_name: null,
      },
      {
        operation_name: 'Logout',
        fields: ['logout'],
        result: 'SUCCESS',
        error_codes: [],
        username: null,
        actor_name: 'expert',
      },
    ]);
  });
});
