import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connectClient, databaseName, issueAccessToken, withDatabase } from '@hs/kit';
import type { RunningRouter } from '../src/index.js';
import {
  bearer,
  post,
  startFixturePlatform,
  startTestRouter,
  testCaller,
  token,
  waitFor,
  type FixturePlatform,
} from './fixtures/platform.js';

// One graphql instance: vite would hand our source graphql's ESM build while Apollo (loaded by
// Node) uses the CommonJS one, and graphql refuses schemas "from another module or realm".
vi.mock('graphql', async () => {
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('graphql');
  return { ...cjs, default: cjs };
});

let platform: FixturePlatform;
let router: RunningRouter & { lines: Record<string, any>[]; databaseUrl: string };
let base: string;

beforeAll(async () => {
  platform = await startFixturePlatform();
  router = await startTestRouter(platform);
  base = router.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await router?.close();
  await platform?.close();
});

const JOIN_QUERY = /* GraphQL */ `
  query ProductWithReviews($id: ID!) {
    product(id: $id) {
      name
      price
      reviews {
        body
        author {
          username
        }
      }
    }
  }
`;

describe('queries through the router (需求 六.3: one graph, router is the only way in)', () => {
  it('joins three subgraphs in one query and signs the caller into every upstream request', async () => {
    const before = platform.products.stats.httpEnvelopes.length;
    const res = await post(router.url, { query: JOIN_QUERY, variables: { id: 'p1' } }, bearer(await token()));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        product: { name: '螺纹钢', price: 4200, reviews: [{ body: '质量合格', author: { username: 'zhangsan' } }] },
      },
    });
    const envelope = platform.products.stats.httpEnvelopes[before];
    expect(envelope.caller?.userId).toBe('u1');
    expect(envelope.caller?.permissions).toEqual(['project:view']);
    expect(envelope.ip).toBe('127.0.0.1');
    expect(platform.reviews.stats.httpEnvelopes.at(-1)?.caller?.userId).toBe('u1');
    expect(platform.identity.stats.httpEnvelopes.at(-1)?.caller?.userId).toBe('u1');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('without a token the request is anonymous: subgraphs get a signed null caller', async () => {
    const res = await post(router.url, { query: '{ me { username } }' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { me: null } });
    const envelope = platform.identity.stats.httpEnvelopes.at(-1)!;
    expect(envelope.caller).toBeNull();
  });

  it('a direct request to a subgraph without the router signature is refused (the contract)', async () => {
    const res = await post(platform.products.url, { query: '{ product(id: "p1") { name } }' });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await post(
      platform.products.url,
      { query: '{ product(id: "p1") { name } }' },
      { 'x-hs-caller': 'eyJjYWxsZXIiOm51bGx9.AAAA' },
    );
    expect(forged.status).toBe(401);
  });
});

describe('intranet', () => {
  it("turns off @apollo/gateway's usage reporting to Apollo and its cloud metadata probes", () => {
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });
});

describe('authentication', () => {
  const upstreamRequests = () =>
    platform.identity.stats.httpRequests + platform.products.stats.httpRequests + platform.reviews.stats.httpRequests;

  it('an expired token gets UNAUTHENTICATED and nothing reaches a subgraph', async () => {
    const expired = await issueAccessToken('access-token-secret-for-tests-only-0123456789', testCaller(), -60);
    const before = upstreamRequests();
    const res = await post(router.url, { query: JOIN_QUERY, variables: { id: 'p1' } }, bearer(expired));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toBe('登录已过期，请重新登录');
    expect(upstreamRequests()).toBe(before);
  });

  it('a forged token (wrong key) gets UNAUTHENTICATED and nothing reaches a subgraph', async () => {
    const forged = await issueAccessToken('some-other-secret-that-is-long-enough-000', testCaller());
    const before = upstreamRequests();
    const res = await post(router.url, { query: '{ me { username } }' }, bearer(forged));
    expect(res.status).toBe(401);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/令牌/);
    expect(upstreamRequests()).toBe(before);
  });

  it('a malformed Authorization header is UNAUTHENTICATED, not anonymous', async () => {
    const res = await post(router.url, { query: '{ me { username } }' }, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('limits', () => {
  it('an over-deep query is refused with QUERY_TOO_DEEP before any subgraph is asked', async () => {
    let selection = 'name';
    for (let i = 0; i < 12; i++) selection = `related { ${selection} }`;
    const before = platform.products.stats.httpRequests;
    const res = await post(router.url, { query: `{ product(id: "p1") { ${selection} } }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
    expect(res.body.errors[0].message).toMatch(/嵌套层级为 14 层，超过上限 12 层/);
    expect(platform.products.stats.httpRequests).toBe(before);
  });

  it('a query at the depth limit passes', async () => {
    let selection = 'name';
    for (let i = 0; i < 10; i++) selection = `related(first: 1) { ${selection} }`;
    const res = await post(router.url, { query: `{ product(id: "p1") { ${selection} } }` });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('an over-costly query (page sizes multiply) is refused with QUERY_TOO_COMPLEX', async () => {
    const res = await post(router.url, {
      query: 'query Big($n: Int) { products(first: $n) { related(first: 10) { name related(first: 10) { name } } } }',
      variables: { n: 50 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).toMatch(/查询复杂度估算为 \d+，超过上限 5000/);
    const small = await post(router.url, {
      query: 'query Big($n: Int) { products(first: $n) { related(first: 10) { name related(first: 10) { name } } } }',
      variables: { n: 1 },
    });
    expect(small.status).toBe(200);
  });

  it('an oversized body gets HTTP 413 with a GraphQL error body PAYLOAD_TOO_LARGE', async () => {
    const padding = 'x'.repeat(1024 * 1024 + 10);
    const res = await post(router.url, { query: '{ __typename }', variables: { padding } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body).toEqual({
      errors: [
        {
          message: '请求体过大，上限为 1 MiB',
          extensions: { code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1048576 } },
        },
      ],
    });
  });

  it('CSRF prevention: a GET without a preflight header is refused, with a Chinese message', async () => {
    const res = await fetch(`${router.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/跨站请求伪造/);
    const ok = await fetch(`${router.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
  });

  it('rate limits per IP and per user answer 429 RATE_LIMITED', async () => {
    const limited = await startTestRouter(platform, { limits: { ratePerMinutePerIp: 1000, ratePerMinutePerUser: 2 } });
    try {
      const t = await token();
      const q = { query: '{ __typename }' };
      expect((await post(limited.url, q, bearer(t))).status).toBe(200);
      expect((await post(limited.url, q, bearer(t))).status).toBe(200);
      const third = await post(limited.url, q, bearer(t));
      expect(third.status).toBe(429);
      expect(third.body.errors[0]).toEqual({
        message: '请求过于频繁，请稍后再试',
        extensions: { code: 'RATE_LIMITED' },
      });
      // another user, and anonymous requests, are not affected by u1's budget
      expect((await post(limited.url, q, bearer(await token(testCaller('u2'))))).status).toBe(200);
      expect((await post(limited.url, q)).status).toBe(200);
    } finally {
      await limited.close();
    }
    const perIp = await startTestRouter(platform, { limits: { ratePerMinutePerIp: 2 } });
    try {
      const q = { query: '{ __typename }' };
      await post(perIp.url, q);
      await post(perIp.url, q);
      const third = await post(perIp.url, q);
      expect(third.status).toBe(429);
      expect(third.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(third.headers.get('ratelimit-policy') ?? third.headers.get('ratelimit')).toBeTruthy();
    } finally {
      await perIp.close();
    }
  });
});

describe('file uploads (ADR 0008)', () => {
  it('refuses a body over maxUploadBytes with 413 before any subgraph is asked, and unknown targets with 404', async () => {
    const small = await startTestRouter(platform, { limits: { maxUploadBytes: 1024 } });
    const root = small.url.replace(/\/graphql$/, '');
    const send = (path: string, size: number) =>
      fetch(`${root}${path}`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(size) });
    try {
      const before = platform.products.stats.httpRequests;
      const big = await send('/files/products/upload/PERSON_PHOTO?uid=u1&exp=1&sig=00', 2048);
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({
        errors: [
          {
            message: '文件过大：不能超过 1 KiB',
            extensions: { code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1024 } },
          },
        ],
      });
      expect(platform.products.stats.httpRequests).toBe(before);
      for (const path of ['/files/nowhere/upload/PERSON_PHOTO', '/files/products/upload/bad-purpose']) {
        const res = await send(path, 10);
        expect(res.status, path).toBe(404);
        expect((await res.json()).errors[0]).toEqual({ message: '上传地址不存在', extensions: { code: 'NOT_FOUND' } });
      }
    } finally {
      await small.close();
    }
  });
});

describe('errors', () => {
  it('masks unexpected subgraph errors as INTERNAL_SERVER_ERROR and logs the original', async () => {
    const res = await post(router.url, { query: '{ boom }' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      { message: '服务器内部错误', path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|postgres/);
    expect(router.lines.some((l) => l.msg === 'masked internal error' && JSON.stringify(l).includes('hunter2'))).toBe(
      true,
    );
  });

  it("passes a subgraph's deliberate errors through with their code and message", async () => {
    const res = await post(
      router.url,
      { query: 'mutation { addReview(productId: "p1", body: " ") { id } }' },
      bearer(await token()),
    );
    expect(res.body.errors).toEqual([
      { message: '评价内容不能为空', path: ['addReview'], extensions: { code: 'BAD_USER_INPUT', field: 'body' } },
    ]);
  });

  it('validation errors carry their code and a Chinese message', async () => {
    const res = await post(router.url, { query: '{ nope }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/^查询不符合接口定义：/);
    const variables = await post(router.url, {
      query: 'query ($id: ID!) { product(id: $id) { name } }',
      variables: {},
    });
    expect(variables.status).toBe(400);
    expect(variables.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(variables.body.errors[0].message).toMatch(/^输入参数有误：/);
    const subscription = await post(router.url, { query: 'subscription { reviewAdded { id } }' });
    expect(subscription.status).toBe(400);
    expect(subscription.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(subscription.body.errors[0].message).toMatch(/WebSocket/);
    const syntax = await post(router.url, { query: '{ product(' });
    expect(syntax.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(syntax.body.errors[0].message).toMatch(/^查询语法错误：/);
  });
});

describe('audit of mutations (等级保护: every mutation recorded)', () => {
  it('posts a record with redacted secrets to identity /internal/audit, signed as the caller', async () => {
    const before = platform.audits.length;
    const res = await post(
      router.url,
      {
        query:
          'mutation ChangePw($input: ChangePasswordInput!, $id: String) { ok: changePassword(input: $input, idCardNo: $id) }',
        operationName: 'ChangePw',
        variables: { input: { oldPassword: 'old-secret', newPassword: 'New-secret-1' }, id: '420200199001011234' },
      },
      { ...bearer(await token()), 'user-agent': 'vitest-agent' },
    );
    expect(res.body).toEqual({ data: { ok: true } });
    await waitFor(() => platform.audits.length > before, 'the audit record');
    expect(platform.audits).toHaveLength(before + 1);
    const { record, caller, ip } = platform.audits[before];
    expect(record).toMatchObject({
      operationName: 'ChangePw',
      fields: ['changePassword'],
      // `$id` says nothing, but it is bound to `idCardNo`: redacted by where it is used.
      variables: { input: { oldPassword: '[redacted]', newPassword: '[redacted]' }, id: '[redacted]' },
      result: 'SUCCESS',
      errorCodes: [],
      ip: '127.0.0.1',
      userAgent: 'vitest-agent',
    });
    expect(new Date(record.at).toISOString()).toBe(record.at);
    expect(JSON.stringify(record)).not.toMatch(/old-secret|New-secret-1|420200199001011234/);
    expect(caller?.userId).toBe('u1');
    expect(ip).toBe('127.0.0.1');
  });

  it('a failed mutation is recorded as FAILURE with its error codes', async () => {
    const before = platform.audits.length;
    const res = await post(
      router.url,
      { query: 'mutation { changePassword(input: { oldPassword: "wrong", newPassword: "x" }) }' },
      bearer(await token()),
    );
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await waitFor(() => platform.audits.length > before, 'the audit record');
    expect(platform.audits[before].record).toMatchObject({
      operationName: null,
      fields: ['changePassword'],
      result: 'FAILURE',
      errorCodes: ['BAD_USER_INPUT'],
    });
  });

  it('a mutation refused for a forged token is recorded too (caller unknown)', async () => {
    const before = platform.audits.length;
    const forged = await issueAccessToken('some-other-secret-that-is-long-enough-000', testCaller());
    const res = await post(
      router.url,
      { query: 'mutation { changePassword(input: { oldPassword: "a", newPassword: "b" }) }' },
      bearer(forged),
    );
    expect(res.status).toBe(401);
    await waitFor(() => platform.audits.length > before, 'the audit record');
    expect(platform.audits[before]).toMatchObject({
      caller: null,
      record: { fields: ['changePassword'], result: 'FAILURE', errorCodes: ['UNAUTHENTICATED'] },
    });
  });

  it('queries are not audited', async () => {
    const before = platform.audits.length;
    await post(router.url, { query: '{ me { username } }' }, bearer(await token()));
    // The outbox is delivered in order: once a later mutation's record is in, the query would be too.
    await post(
      router.url,
      { query: 'mutation { addReview(productId: "p1", body: "标记") { id } }' },
      bearer(await token()),
    );
    await waitFor(() => platform.audits.length > before, 'the audit record');
    expect(platform.audits.slice(before).map((a) => a.record.fields)).toEqual([['addReview']]);
  });

  it('when identity refuses the record, the mutation still succeeds; the record is retried until identity takes it', async () => {
    platform.setAuditRefused(true);
    const before = platform.audits.length;
    try {
      const res = await post(
        router.url,
        { query: 'mutation { addReview(productId: "p2", body: "到货及时") { id } }' },
        bearer(await token()),
      );
      expect(res.body.data.addReview.id).toBeTruthy();
      await waitFor(
        () =>
          router.lines.some(
            (l) =>
              l.msg === 'audit record refused by identity' && l.status === 500 && l.audit.fields[0] === 'addReview',
          ),
        'the refusal in the log',
      );
    } finally {
      platform.setAuditRefused(false);
    }
    await waitFor(() => platform.audits.length > before, 'the retried record');
    expect(platform.audits[before].record).toMatchObject({ fields: ['addReview'], result: 'SUCCESS' });
    expect(platform.audits[before].record.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('/readyz is 503 naming the subgraph that is down, and 200 once it is back', async () => {
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: { identity: 'up', products: 'up', reviews: 'up' },
      database: 'up',
    });

    await platform.products.stop();
    try {
      const down = await fetch(`${base}/readyz`);
      expect(down.status).toBe(503);
      const body = await down.json();
      expect(body.down).toEqual(['products']);
      expect(body.message).toBe('以下子图不可用：products');
      // a query needing the stopped subgraph says so with a code, without leaking its address
      const res = await post(router.url, { query: '{ product(id: "p1") { name } }' });
      expect(res.body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await platform.products.start();
    }
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 'readyz 200');
  });

  it('/readyz is 503 while the router’s own database refuses connections, 200 once it takes them again', async () => {
    // As the test server's superuser (the template's URL), from the maintenance database.
    const name = databaseName(router.databaseUrl);
    const dba = await connectClient(withDatabase(inject('templateDatabaseUrl'), 'postgres'));
    const database = `"${name}"`;
    try {
      await dba.query(`alter database ${database} allow_connections false`);
      await dba.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      const down = await fetch(`${base}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        database: 'down',
        message: '网关数据库不可用（审计与会话吊销依赖它）',
      });
      // A mutation is refused before it runs (its audit row has nowhere to go), and the audit relay's
      // next round meets the refusing database: the router keeps running through both.
      const refused = await post(
        router.url,
        { query: 'mutation { addReview(productId: "p1", body: "库不可用") { id } }' },
        bearer(await token()),
      );
      expect(refused.body.errors[0].extensions.code).toBe('AUDIT_UNAVAILABLE');
      await waitFor(() => router.lines.some((l) => l.msg === 'audit relay: outbox unreachable'), 'a relay round');
    } finally {
      await dba.query(`alter database ${database} allow_connections true`);
      await dba.end();
    }
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 'readyz 200');
  });
});

describe('GraphQL IDE (offline GraphiQL)', () => {
  it('GET /graphql with Accept: text/html serves the IDE page; every asset it references answers 200', async () => {
    const res = await fetch(router.url, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\/(?!127)/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('GraphQL 调试台');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((a) => a !== 'data:,');
    expect(assets).toEqual(
      expect.arrayContaining([
        '/graphiql/assets/react.production.min.js',
        '/graphiql/assets/react-dom.production.min.js',
        '/graphiql/assets/graphiql.min.js',
        '/graphiql/assets/graphiql.min.css',
        '/graphiql/assets/init.js',
      ]),
    );
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true); // nothing from a CDN
      const a = await fetch(`${base}${asset}`);
      expect(a.status, asset).toBe(200);
      expect(a.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /text\/css/ : /javascript/);
      await a.arrayBuffer();
    }
    const init = await (await fetch(`${base}/graphiql/assets/init.js`)).text();
    expect(init).toContain('subscriptionUrl');
    expect(init).toContain('Authorization');
  });

  it('/graphiql serves the same page; a JSON GET on /graphql still runs GraphQL', async () => {
    const page = await fetch(`${base}/graphiql`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('graphiql.min.js');
    const json = await fetch(`${router.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('unknown paths get a JSON 404 with a code', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('static apps (all-in-one mode)', () => {
  it('serves a built SPA: files, hashed assets cached, client routes get index.html, missing files 404', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'hs-admin-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><title>管理后台</title><script type="module" src="/admin/assets/app-1a2b.js"></script>',
    );
    await writeFile(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const withApps = await startTestRouter(platform, { staticApps: { '/admin': dir } });
    const root = withApps.url.replace(/\/graphql$/, '');
    try {
      const page = await fetch(`${root}/admin/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('管理后台');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const route = await fetch(`${root}/admin/projects/42`, { headers: { accept: 'text/html' } });
      expect(await route.text()).toContain('管理后台');
      const asset = await fetch(`${root}/admin/assets/app-1a2b.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${root}/admin/assets/missing-9z.js`)).status).toBe(404);
      expect((await post(withApps.url, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await withApps.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
