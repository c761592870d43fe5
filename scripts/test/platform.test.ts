/**
 * The whole graph through the router, against a real PostgreSQL: the foundation's "must show"
 * list of issue #2 (identity and projects joined in one request, federated subscriptions,
 * the router as the only way in, data scope, audit chain, limits).
 */
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken, signCaller, type Caller } from '@hs/kit';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
const queries: { subgraph: string; sql: string }[] = [];

const router = routerClient(() => platform.url);
const gql = router.post;
const { login } = router;

/**
 * Audit records reach identity through the router's outbox just after each answer (ADR 0004):
 * waits until it is empty, so identity's appends are not counted as the query's SQL.
 */
async function auditOutboxDrained() {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 400; attempt++) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as "n" from "router"."audit_outbox"');
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the audit outbox did not drain');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db, { onQuery: (subgraph, sql) => queries.push({ subgraph, sql }) });
});

afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

const PROJECTS_WITH_CREATOR = `query($n: Int!) {
  projects(page: { page: 1, pageSize: $n }) {
    total
    items {
      id name
      district { name }
      units { role enterprise { name creditCode } }
      createdBy { id username displayName department { name } }
    }
  }
}`;

describe('one graph through the router', () => {
  it('joins identity and projects in one request with a constant number of SQL queries', async () => {
    const token = await login('admin');
    await auditOutboxDrained();
    const counts: Record<number, number> = {};
    for (const n of [5, 50]) {
      queries.length = 0;
      const { body } = await gql(PROJECTS_WITH_CREATOR, { n }, token);
      expect(body.errors).toBeUndefined();
      expect(body.data.projects.items).toHaveLength(n);
      const first = body.data.projects.items[0];
      expect(first.units.length).toBeGreaterThan(0);
      expect(first.units[0].enterprise.name).toMatch(/公司|院|中心/);
      expect(first.createdBy.username).toBe('admin');
      expect(first.createdBy.department.name).toBeTruthy();
      counts[n] = queries.length;
    }
    expect(counts[50]).toBe(counts[5]);
  });

  it('delivers subscription events whose selection includes fields owned by another subgraph', async () => {
    const token = await login('admin');
    const client: Client = createClient({
      url: platform.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const { body: list } = await gql('{ projects(page: { page: 1, pageSize: 1 }) { items { id name } } }', {}, token);
    const target = list.data.projects.items[0];
    const events: any[] = [];
    const received = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { projectChanged { kind project { id name createdBy { username displayName } } } }' },
        {
          next: (event) => {
            events.push(event);
            resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    // The subscription is established asynchronously end to end; keep changing until an event arrives.
    let attempt = 0;
    const timer = setInterval(() => {
      attempt++;
      void gql(
        'mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }',
        { id: target.id, input: { address: `黄石市测试地址${attempt}号` } },
        token,
      );
    }, 300);
    await received.finally(() => clearInterval(timer));
    await client.dispose();
    const event = events[0];
    expect(event.errors).toBeUndefined();
    expect(event.data.projectChanged.project.id).toBe(target.id);
    expect(event.data.projectChanged.project.createdBy.username).toBe('admin');
    expect(event.data.projectChanged.project.createdBy.displayName).toBeTruthy();
  });
});

describe('the router is the only way in', () => {
  it('a subgraph called directly without the router signature refuses', async () => {
    for (const subgraph of platform.subgraphs) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const body = (await response.json()) as any;
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a header signed with the wrong key is refused too', async () => {
    const forged = signCaller('not-the-router-key-0123456789abcdefgh', null, null);
    const response = await fetch(platform.subgraphs[0].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hs-caller': forged },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an expired or forged token gets UNAUTHENTICATED', async () => {
    const caller: Caller = {
      userId: 'x',
      username: 'admin',
      displayName: 'x',
      departmentId: null,
      roles: ['admin'],
      permissions: ['*'],
      scope: { kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [] },
      sessionId: 's',
    };
    const forged = await issueAccessToken('some-other-secret-0123456789abcdefghij', caller);
    const expired = await issueAccessToken(platform.config.AUTH_TOKEN_SECRET, caller, -60);
    for (const token of [forged, expired, 'not-a-jwt']) {
      const { body } = await gql('{ projects { total } }', {}, token);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(/登录|令牌/);
    }
  });
});

describe('data scope', () => {
  it('a district user cannot see another district’s projects through any query', async () => {
    const admin = await login('admin');
    const district = await login('dy_inspector');
    const { body: all } = await gql(
      '{ projects(page: { page: 1, pageSize: 100 }) { total items { id projectCode permitCode district { code } } } }',
      {},
      admin,
    );
    const elsewhere = all.data.projects.items.find((p: any) => p.district.code !== '420281');
    const own = all.data.projects.items.find((p: any) => p.district.code === '420281');
    expect(elsewhere && own).toBeTruthy();

    const { body: listed } = await gql(
      '{ projects(page: { page: 1, pageSize: 100 }) { total items { district { code } } } }',
      {},
      district,
    );
    expect(listed.data.projects.total).toBeGreaterThan(0);
    expect(listed.data.projects.total).toBeLessThan(all.data.projects.total);
    expect(listed.data.projects.items.every((p: any) => p.district.code === '420281')).toBe(true);

    const { body: byId } = await gql('query($id: ID!) { project(id: $id) { id } }', { id: elsewhere.id }, district);
    expect(byId.errors[0].extensions.code).toBe('NOT_FOUND');
    const code = elsewhere.projectCode ?? elsewhere.permitCode;
    const { body: byCode } = await gql('query($c: String!) { projectByCode(code: $c) { id } }', { c: code }, district);
    expect(byCode.errors[0].extensions.code).toBe('NOT_FOUND');
    const { body: ownById } = await gql('query($id: ID!) { project(id: $id) { id } }', { id: own.id }, district);
    expect(ownById.data.project.id).toBe(own.id);
  });
});

describe('audit', () => {
  it('records every mutation through the router and the chain verifies', async () => {
    const admin = await login('admin');
    const { body: failed } = await gql(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: 'admin', p: 'wrong-Password-1' },
    );
    expect(failed.errors).toBeDefined();
    // The router's outbox relay delivers records just after the answer (ADR 0004): poll, bounded.
    let body: { data?: any; errors?: any[] } = {};
    let logins: any[] = [];
    for (let attempt = 0; attempt < 400; attempt++) {
      ({ body } = await gql(
        '{ auditLogs(page: { page: 1, pageSize: 50 }) { total items { operationName fields result variables } } verifyAuditChain { ok checked } }',
        {},
        admin,
      ));
      expect(body.errors).toBeUndefined();
      logins = body.data.auditLogs.items.filter((e: any) => e.fields?.includes?.('login'));
      if (logins.some((e: any) => e.result === 'FAILURE')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(logins.some((e: any) => e.result === 'FAILURE')).toBe(true);
    expect(JSON.stringify(logins)).not.toContain('wrong-Password-1');
    expect(body.data.verifyAuditChain.ok).toBe(true);
    expect(body.data.verifyAuditChain.checked).toBeGreaterThan(0);
  });
});

describe('limits and bad input', () => {
  it('refuses an over-deep query and an oversized body with clear errors', async () => {
    const token = await login('admin');
    let deep = 'id';
    for (let i = 0; i < 15; i++)
      deep = `createdBy { department { parent { name } } } units { enterprise { projects { items { ${deep} } } } }`;
    const { body } = await gql(`{ projects { items { ${deep} } } }`, {}, token);
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');

    const response = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a malformed credit code is refused with a Chinese message and nothing is stored', async () => {
    const token = await login('admin');
    const before = await gql('{ enterprises { total } }', {}, token);
    const { body } = await gql(
      'mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }',
      {
        input: {
          creditCode: '91420202TA4J35AF9X',
          name: '测试企业有限公司',
          registeredAddress: '黄石市',
          legalRepresentative: '张三',
          districtCode: '420202',
        },
      },
      token,
    );
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/统一社会信用代码/);
    const after = await gql('{ enterprises { total } }', {}, token);
    expect(after.body.data.enterprises.total).toBe(before.body.data.enterprises.total);
  });

  it('a control character in any subgraph is BAD_USER_INPUT naming the field, not INTERNAL_SERVER_ERROR (issue #10)', async () => {
    const token = await login('admin');
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($f: ProjectFilter) { projects(filter: $f) { total } }', { f: { keyword: '\u0000' } }, 'filter.keyword'],
      ['query { projects(filter: { keyword: "a\\u0000" }) { total } }', {}, 'filter.keyword'],
      [
        'query($f: FireInspectionFilter) { fireInspections(filter: $f) { total } }',
        { f: { keyword: '\u0000' } },
        'filter.keyword',
      ],
      [
        'query($f: WorkforcePersonFilter) { workforcePeople(filter: $f) { total } }',
        { f: { name: '\u0000' } },
        'filter.name',
      ],
      [
        'query($f: DictTypeFilter) { dictTypes(filter: $f) { total } }',
        { f: { keyword: 'a\ud800' } },
        'filter.keyword',
      ],
      [
        'mutation($input: CreateDictTypeInput!) { createDictType(input: $input) { id } }',
        { input: { code: 'text_nul', name: '字典\u0000' } },
        'input.name',
      ],
    ];
    for (const [query, variables, field] of cases) {
      const { body } = await gql(query, variables, token);
      expect(body.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0].message).toMatch(/请删除后重试$/);
    }
    // The refused mutation has its audit row all the same, the NUL kept as a visible escape.
    await auditOutboxDrained();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select "result", "variables" from "identity"."audit_log" where "variables" -> 'input' ->> 'code' = 'text_nul'`,
      );
      expect(rows).toEqual([{ result: 'FAILURE', variables: { input: { code: 'text_nul', name: '字典\\u0000' } } }]);
    } finally {
      await client.end();
    }
  });
});
