import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  buildAuditRecord,
  fitVariables,
  MAX_AUDIT_VARIABLES_BYTES,
  redactOperationVariables,
  redactVariables,
  rootFieldNames,
  selectedMutation,
} from '../src/audit.js';
import { bearerToken } from '../src/auth.js';
import { readRouterEnv } from '../src/env.js';
import { createErrorFormatter } from '../src/errors.js';
import { main } from '../src/main.js';
import { serviceBaseUrl, websocketUrl } from '../src/supergraph.js';
import { EventQueue } from '../src/subscriptions/queue.js';
import { dedupKey, stableStringify } from '../src/subscriptions/upstream.js';
import { captureLogger, SIGNING_KEY, startFixturePlatform, TOKEN_SECRET } from './fixtures/platform.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

describe('audit records', () => {
  it('redacts variables bound to a sensitive argument or input field, whatever they are called', () => {
    const document = parse(
      'mutation($u: String!, $p: String!, $x: String!) { login(username: $u, password: $p) { accessToken } a: createUser(input: { phone: $x }) { id } }',
    );
    expect(redactOperationVariables(document, { u: 'admin', p: 'wrong-Password-1', x: '13800138000' })).toEqual({
      u: 'admin',
      p: '[redacted]',
      x: '[redacted]',
    });
  });

  it('redacts password, token, secret, idCard and 身份证 keys at any depth, leaving the rest', () => {
    expect(
      redactVariables({
        username: 'zhangsan',
        input: {
          oldPassword: 'a',
          newPassword: 'b',
          refreshToken: 'c',
          clientSecret: 'd',
          idCardNo: 'e',
          身份证号: 'f',
          phone: '138',
        },
        list: [{ password: 'x', name: 'y' }],
        n: 1,
      }),
    ).toEqual({
      username: 'zhangsan',
      input: {
        oldPassword: '[redacted]',
        newPassword: '[redacted]',
        refreshToken: '[redacted]',
        clientSecret: '[redacted]',
        idCardNo: '[redacted]',
        身份证号: '[redacted]',
        phone: '[redacted]',
      },
      list: [{ password: '[redacted]', name: 'y' }],
      n: 1,
    });
  });

  it('keeps long values as their SHA-256, length and head; too many values become one digest of the whole', () => {
    const long = 'x'.repeat(5_000);
    const fitted = fitVariables({ input: { body: long, name: '短' } });
    expect(fitted).toEqual({
      input: {
        body: {
          _truncated: true,
          length: 5_000,
          bytes: 5_000,
          sha256: createHash('sha256').update(long).digest('hex'),
          head: 'x'.repeat(200),
        },
        name: '短',
      },
    });
    const many = { rows: Array.from({ length: 5_000 }, (_, i) => `第${i}行`) };
    const whole = fitVariables(many) as { _all: { sha256: string; length: number } };
    expect(whole._all.sha256).toBe(createHash('sha256').update(JSON.stringify(many)).digest('hex'));
    expect(whole._all.length).toBe(JSON.stringify(many).length);
    expect(Buffer.byteLength(JSON.stringify(whole))).toBeLessThan(MAX_AUDIT_VARIABLES_BYTES);
  });

  it('keeps what PostgreSQL cannot store (U+0000, lone surrogates) as visible escapes, pairs and Chinese text as sent', () => {
    const fitted = fitVariables({ input: { name: '项目\u0000名', note: 'a\ud800b', ok: '𠀀，（）', ['k\u0000']: 1 } });
    expect(fitted).toEqual({ input: { name: '项目\\u0000名', note: 'a\\ud800b', ok: '𠀀，（）', 'k\\u0000': 1 } });
    // A head cut in the middle of a surrogate pair is escaped too.
    const cut = fitVariables({ body: `${'x'.repeat(199)}𠀀${'y'.repeat(3000)}` }) as { body: { head: string } };
    expect(cut.body.head).toBe(`${'x'.repeat(199)}\\ud840`);
  });

  it('keeps images out of the audit log: a data URL becomes its type and length', () => {
    const photo = `data:image/jpeg;base64,${'A'.repeat(4000)}`;
    expect(redactVariables({ input: { imageDataUrl: photo, note: 'data:text' } })).toEqual({
      input: { imageDataUrl: `[image/jpeg, ${photo.length} chars]`, note: 'data:text' },
    });
  });

  it('names root fields through fragments, without aliases or __typename', () => {
    const doc = parse(`
      mutation M { a: createProject(x: 1) { id } ...More ... on Mutation { deleteProject(id: 1) } __typename }
      fragment More on Mutation { updateProject(id: 1) { id } createProject(x: 2) { id } }
    `);
    const op = selectedMutation(doc, 'M')!;
    expect(rootFieldNames(op, doc)).toEqual(['createProject', 'updateProject', 'deleteProject']);
    expect(selectedMutation(parse('query Q { a }'), 'Q')).toBeNull();
  });

  it('builds SUCCESS / FAILURE with distinct error codes', () => {
    const doc = parse('mutation { login(password: "x") }');
    const op = selectedMutation(doc)!;
    const at = new Date('2025-01-02T03:04:05.000Z');
    expect(buildAuditRecord({ operation: op, document: doc, ip: '10.0.0.1', userAgent: 'ua', at })).toEqual({
      operationName: null,
      fields: ['login'],
      variables: {},
      result: 'SUCCESS',
      errorCodes: [],
      ip: '10.0.0.1',
      userAgent: 'ua',
      at: '2025-01-02T03:04:05.000Z',
    });
    const failed = buildAuditRecord({
      operation: op,
      document: doc,
      ip: null,
      userAgent: null,
      errors: [
        { message: 'a', extensions: { code: 'FORBIDDEN' } },
        { message: 'b', extensions: { code: 'FORBIDDEN' } },
        { message: 'c' },
      ],
    });
    expect(failed.result).toBe('FAILURE');
    expect(failed.errorCodes).toEqual(['FORBIDDEN', 'INTERNAL_SERVER_ERROR']);
  });
});

describe('Authorization header', () => {
  it('reads Bearer tokens; empty is anonymous; other schemes are refused', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull(); // GraphiQL's empty template
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer  abc')).toBe('abc');
    expect(() => bearerToken('Basic dXNlcg==')).toThrow(/Bearer/);
    expect(() => bearerToken(42)).toThrow();
  });
});

describe('error formatting', () => {
  const { logger, lines } = captureLogger();
  const format = createErrorFormatter(logger as never);

  it('keeps deliberate codes, turns English messages into Chinese, hides internals', () => {
    expect(
      format({
        message: '没有权限执行此操作',
        extensions: { code: 'FORBIDDEN', serviceName: 'projects', stacktrace: ['x'] },
      }),
    ).toEqual({
      message: '没有权限执行此操作',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(
      format({ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ).toEqual({
      message: '查询不符合接口定义：“Query”上没有字段“x”',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', developerMessage: 'Cannot query field "x" on type "Query".' },
    });
    expect(
      format({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }).message,
    ).toBe('PersistedQueryNotFound');
    expect(
      format({
        message: 'x',
        extensions: { code: 'CUSTOM_FROM_SUBGRAPH', serviceName: 'fire', field: 'f', details: { a: 1 } },
      }),
    ).toEqual({
      // An English message nobody translated: people get the kind of problem, developers the original.
      message: '请求失败',
      extensions: { code: 'CUSTOM_FROM_SUBGRAPH', field: 'f', details: { a: 1 }, developerMessage: 'x' },
    });
  });

  it('masks anything without a deliberate code, and logs it', () => {
    expect(format({ message: 'ECONNRESET at 10.1.2.3', path: ['a'] })).toEqual({
      message: '服务器内部错误',
      path: ['a'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(format({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'x' } }).message).toBe(
      '服务器内部错误',
    );
    expect(format({ message: 'odd', extensions: { code: 'SOMETHING_ELSE' } }).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(lines.filter((l) => l.msg === 'masked internal error')).toHaveLength(3);
  });
});

describe('subscription plumbing', () => {
  it('EventQueue delivers in order, drops the oldest when full, ends after the buffer, closes at once', async () => {
    const q = new EventQueue<number>(2);
    q.push(1);
    q.push(2);
    q.push(3);
    expect(q.dropped).toBe(1);
    q.end();
    expect(await q.next()).toEqual({ value: 2, done: false });
    expect(await q.next()).toEqual({ value: 3, done: false });
    expect(await q.next()).toEqual({ value: undefined, done: true });

    const waiting = new EventQueue<number>(10);
    const pending = waiting.next();
    waiting.close();
    expect(await pending).toEqual({ value: undefined, done: true });

    const failing = new EventQueue<number>(10);
    const pendingFailure = failing.next();
    failing.end(new Error('gone'));
    await expect(pendingFailure).rejects.toThrow('gone');
  });

  it('dedup keys ignore variable order but not values or the user', () => {
    expect(stableStringify({ b: 1, a: [{ y: 2, x: 1 }] })).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    const op = { service: 'command', query: 'subscription{x}', variables: { a: 1, b: 2 } };
    const u1 = { userId: 'u1' } as never;
    expect(dedupKey(op, u1)).toBe(dedupKey({ ...op, variables: { b: 2, a: 1 } }, u1));
    expect(dedupKey(op, u1)).not.toBe(dedupKey({ ...op, variables: { a: 1, b: 3 } }, u1));
    expect(dedupKey(op, u1)).not.toBe(dedupKey(op, { userId: 'u2' } as never));
    expect(dedupKey(op, null)).not.toBe(dedupKey(op, u1));
  });

  it('derives subgraph addresses', () => {
    expect(serviceBaseUrl('http://identity:4101/graphql')).toBe('http://identity:4101');
    expect(serviceBaseUrl('https://a.b/api/identity/graphql')).toBe('https://a.b/api/identity');
    expect(websocketUrl('https://a.b/graphql')).toBe('wss://a.b/graphql');
    expect(websocketUrl('http://a:1/graphql')).toBe('ws://a:1/graphql');
  });
});

describe('environment and main()', () => {
  const secrets = { ROUTER_SIGNING_KEY: SIGNING_KEY, AUTH_TOKEN_SECRET: TOKEN_SECRET };

  it('reads defaults, overrides and limits; names every problem in Chinese', () => {
    const env = readRouterEnv(
      {
        ...secrets,
        DATABASE_URL: 'postgres://hs@db:5432/hs',
        SUBGRAPH_FIRE_URL: 'http://fire:4104/graphql',
        LIMIT_MAX_DEPTH: '8',
        TRUST_PROXY: '1',
      },
      '/repo',
    );
    expect(env).toMatchObject({
      PORT: 4000,
      databaseUrl: 'postgres://hs@db:5432/hs',
      HOST: '0.0.0.0',
      SUPERGRAPH_PATH: '/repo/schema/supergraph.graphql',
      subgraphUrls: { fire: 'http://fire:4104/graphql' },
      limits: { maxDepth: 8 },
      TRUST_PROXY: 1,
      GRAPHQL_INTROSPECTION: true,
      staticApps: {},
    });
    const problems = () => readRouterEnv({ AUTH_TOKEN_SECRET: 'short', PORT: 'x', SUBGRAPH_A_URL: 'ftp://a' });
    expect(problems).toThrow(/PORT: 必须是 0 到 65535 之间的整数/);
    expect(problems).toThrow(/ROUTER_SIGNING_KEY 未设置/);
    expect(problems).toThrow(/AUTH_TOKEN_SECRET 至少 32 个字符/);
    expect(problems).toThrow(/SUBGRAPH_A_URL: 必须是 http\(s\):\/\/ 地址/);
    expect(problems).toThrow(/DATABASE_URL 未设置/);
  });

  it('main() starts the router from the environment', async () => {
    const platform = await startFixturePlatform();
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'hs-router-'));
    const file = join(dir, 'supergraph.graphql');
    await writeFile(file, platform.supergraphSdl);
    const router = await main(
      { ...secrets, DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', SUPERGRAPH_PATH: file, LOG_LEVEL: 'silent' },
      { handleSignals: false },
    );
    try {
      const res = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ product(id: "p2") { name } }' }),
      });
      expect(await res.json()).toEqual({ data: { product: { name: '商品混凝土' } } });
    } finally {
      await router.close();
      await platform.close();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
