import { createHash, randomBytes } from 'node:crypto';
import type { ZodType, ZodTypeDef } from 'zod';
import { hmacSm3 } from '../crypto.js';
import { AppError, ErrorCode } from '../errors.js';

/**
 * A typed HTTP JSON client of one system outside the bureau (provincial platforms, smart sites…).
 *
 * - Timeout per attempt; retries with exponential back-off and full jitter
 *   (delay = random() × min(maxBackoffMs, backoffMs × 2^(retry-1)), at least Retry-After when given)
 *   for retryable failures only: unreachable (refused, reset, DNS), timeout, HTTP 5xx and 429.
 *   A POST is retried only when it carries an Idempotency-Key (otherwise a retry could duplicate it).
 * - Circuit breaker per client: closed → open after `failureThreshold` consecutive failed attempts →
 *   half-open after `cooldownMs` (one probe request at a time; other callers get CIRCUIT_OPEN) →
 *   closed on the probe's success, open again on its failure. Only transport failures, 5xx and 429
 *   count; a 4xx or a malformed answer proves the system is up.
 * - Answers are checked by the caller's parser (a zod schema or a function): a wrong shape is an
 *   ExchangeError MALFORMED, never a crash in the caller.
 *
 * Request signing ({@link hmacSm3Signer}, the default when credentials are given). The real systems'
 * scheme is not public; this is an inference, so the signer is pluggable per connector. Simulators
 * reimplement it (e.g. with sm-crypto) to verify requests and answer 401 on a bad signature:
 *
 *   X-App-Key:   the connector's appKey
 *   X-Timestamp: Unix time in milliseconds, decimal
 *   X-Nonce:     32 lower-case hex characters, random per request (retries get a new one)
 *   X-Signature: lower-case hex HMAC-SM3 (RFC 2104, 64-byte block) keyed with the UTF-8 bytes of
 *                appSecret, over the UTF-8 string
 *                  METHOD + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + sha256hex(body)
 *                METHOD upper case; pathWithQuery exactly as sent on the request line (URL path including
 *                the base URL's path prefix, plus "?" and the encoded query when there is one);
 *                sha256hex(body) the lower-case hex SHA-256 of the exact body bytes (of "" when none).
 */

export const ExchangeErrorKind = {
  UNREACHABLE: 'UNREACHABLE',
  TIMEOUT: 'TIMEOUT',
  HTTP_ERROR: 'HTTP_ERROR',
  MALFORMED: 'MALFORMED',
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
  REJECTED: 'REJECTED',
} as const;
export type ExchangeErrorKind = (typeof ExchangeErrorKind)[keyof typeof ExchangeErrorKind];

export interface ExchangeErrorInfo {
  /** The external system's Chinese name, as in the message. */
  system: string;
  /** HTTP status when the system answered. */
  status?: number;
  /** Attempts made (1 = no retry). */
  attempts?: number;
  /** The system's own message (e.g. the `message` of a 4xx body), when it gave one. */
  remoteMessage?: string;
  cause?: unknown;
}

/** Every failure of a connector. `kind` is stable for programs; `message` is Chinese, for people. */
export class ExchangeError extends Error {
  override name = 'ExchangeError';
  readonly kind: ExchangeErrorKind;
  readonly system: string;
  readonly status?: number;
  readonly attempts: number;
  readonly remoteMessage?: string;

  constructor(kind: ExchangeErrorKind, message: string, info: ExchangeErrorInfo) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.kind = kind;
    this.system = info.system;
    this.status = info.status;
    this.attempts = info.attempts ?? 1;
    this.remoteMessage = info.remoteMessage;
  }

  /** Worth trying again later (a job retry): the system may come back; a rejection or bad data will not change. */
  get retryable(): boolean {
    return (
      this.kind === 'UNREACHABLE' ||
      this.kind === 'TIMEOUT' ||
      this.kind === 'HTTP_ERROR' ||
      this.kind === 'CIRCUIT_OPEN'
    );
  }

  /** For a resolver: the same Chinese message with code UPSTREAM_UNAVAILABLE (or NOT_FOUND for a 404). */
  toAppError(): AppError {
    const code = this.kind === 'REJECTED' && this.status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.UPSTREAM_UNAVAILABLE;
    return new AppError(code, this.message, {
      details: { exchangeKind: this.kind, system: this.system, ...(this.status ? { status: this.status } : {}) },
    });
  }
}

export const isExchangeError = (e: unknown): e is ExchangeError => e instanceof ExchangeError;

// ---------------------------------------------------------------- signing

export interface SignableRequest {
  method: string;
  /** Path and query exactly as on the request line, e.g. `/api/v1/enterprises?limit=100`. */
  pathWithQuery: string;
  body: string;
}

/** Returns the headers to add to one attempt of a request. */
export type RequestSigner = (request: SignableRequest) => Record<string, string>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The string {@link hmacSm3Signer} signs (see the module comment). */
export const canonicalRequest = (r: SignableRequest, timestamp: string, nonce: string): string =>
  `${r.method.toUpperCase()}\n${r.pathWithQuery}\n${timestamp}\n${nonce}\n${sha256Hex(r.body)}`;

export interface SignerClock {
  now?: () => number;
  nonce?: () => string;
}

/** X-App-Key / X-Timestamp / X-Nonce / X-Signature = hex HMAC-SM3(appSecret, canonical request). */
export function hmacSm3Signer(appKey: string, appSecret: string, clock: SignerClock = {}): RequestSigner {
  if (!appKey || !appSecret) throw new Error('签名需要应用标识（appKey）和应用密钥（appSecret）');
  const keyHex = Buffer.from(appSecret, 'utf8').toString('hex');
  const now = clock.now ?? Date.now;
  const nonce = clock.nonce ?? (() => randomBytes(16).toString('hex'));
  return (r) => {
    const timestamp = String(now());
    const n = nonce();
    return {
      'X-App-Key': appKey,
      'X-Timestamp': timestamp,
      'X-Nonce': n,
      'X-Signature': hmacSm3(keyHex, canonicalRequest(r, timestamp, n)),
    };
  };
}

// ---------------------------------------------------------------- circuit breaker

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  /** When an open circuit lets a probe through (ms since epoch); null unless OPEN. */
  retryAt: number | null;
}

class CircuitBreaker {
  private state: CircuitState = 'CLOSED';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number,
    private readonly onChange: (s: CircuitSnapshot) => void,
  ) {}

  snapshot(): CircuitSnapshot {
    this.refresh();
    return {
      state: this.state,
      consecutiveFailures: this.failures,
      retryAt: this.state === 'OPEN' ? this.openedAt + this.cooldownMs : null,
    };
  }

  private refresh(): void {
    if (this.state === 'OPEN' && this.now() - this.openedAt >= this.cooldownMs) this.set('HALF_OPEN');
  }

  /** True when this attempt may go out; in HALF_OPEN only one probe at a time. */
  acquire(): boolean {
    this.refresh();
    if (this.state === 'CLOSED') return true;
    if (this.state === 'HALF_OPEN' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.probing = false;
    this.failures = 0;
    if (this.state !== 'CLOSED') this.set('CLOSED');
  }

  failure(): void {
    this.probing = false;
    this.failures++;
    if (this.state === 'HALF_OPEN' || (this.state === 'CLOSED' && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      this.set('OPEN');
    }
  }

  /** An attempt that ended without saying anything about the system's health (e.g. aborted by the caller). */
  release(): void {
    this.probing = false;
  }

  private set(state: CircuitState): void {
    this.state = state;
    this.onChange(this.snapshot());
  }
}

// ---------------------------------------------------------------- client

/** A zod schema or a function that returns the typed value or throws when the shape is wrong. */
export type AnswerParser<T> = ZodType<T, ZodTypeDef, unknown> | ((body: unknown) => T);

export interface ConnectorClientOptions {
  /** Chinese name used in every message, e.g. 省建筑市场监管平台. */
  system: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Retries after the first attempt (so `retries: 3` is at most 4 attempts). */
  retries?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  failureThreshold?: number;
  cooldownMs?: number;
  /** Signs every attempt; see {@link hmacSm3Signer}. */
  signer?: RequestSigner;
  /**
   * 'code-data': answers are `{code: 0, data}`; the parser sees `data`, and a code other than 0 is
   * REJECTED with the system's `message`. 'none': the parser sees the whole body.
   */
  envelope?: 'code-data' | 'none';
  /** Largest answer accepted; bigger is MALFORMED. */
  maxBodyBytes?: number;
  headers?: Record<string, string>;
  onCircuitChange?: (snapshot: CircuitSnapshot) => void;
  /** Injectable for tests: clock for the breaker, randomness for jitter, the wait between retries. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ConnectorRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the base URL, e.g. `/api/v1/enterprises`. */
  path: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  parse: AnswerParser<T>;
  /** Sent as Idempotency-Key; also makes a POST retryable. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ConnectorAnswer<T> {
  data: T;
  status: number;
  attempts: number;
}

export const CONNECTOR_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 30_000,
  failureThreshold: 5,
  cooldownMs: 30_000,
  maxBodyBytes: 20 * 1024 * 1024,
} as const;

/** Transport-level outcome of one attempt, before the answer is parsed. */
type Attempt =
  | { ok: true; status: number; text: string | null; headers: Headers } // text null: over maxBodyBytes
  | { ok: false; kind: 'UNREACHABLE'; cause: unknown }
  | { ok: false; kind: 'TIMEOUT'; cause: unknown }
  | { ok: false; kind: 'HTTP'; status: number; text: string; headers: Headers };

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}` : (ms / 1000).toFixed(1));

function remoteMessageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; msg?: unknown };
    const m = body?.message ?? body?.msg;
    return typeof m === 'string' && m.trim() ? m.trim().slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
  date: '日期',
  nan: '非数字',
};
const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

export interface ParseIssue {
  path: (string | number)[];
  code?: string;
  message: string;
  expected?: unknown;
  received?: unknown;
}

/** Zod issues (or any with path and message) as one short Chinese line: `items.3.creditCode：缺少该字段`. */
export function describeIssues(issues: ParseIssue[]): string {
  const one = (i: ParseIssue) => {
    const where = i.path.length ? i.path.join('.') : '（整体）';
    let what: string;
    if (i.code === 'invalid_type')
      what = i.received === 'undefined' ? '缺少该字段' : `应为${typeName(i.expected)}，实为${typeName(i.received)}`;
    else if (i.code === 'invalid_string' || i.code === 'invalid_date') what = '格式不正确';
    else if (i.code === 'too_small' || i.code === 'too_big') what = '长度或数值超出范围';
    else if (i.code === 'invalid_enum_value' || i.code === 'invalid_literal') what = '取值不在允许范围内';
    else if (i.code === 'custom') what = i.message;
    else what = '不符合要求';
    return `${where}：${what}`;
  };
  const shown = issues.slice(0, 3).map(one).join('；');
  return issues.length > 3 ? `${shown}；等 ${issues.length} 处` : shown;
}

/** One short Chinese line out of a parser's failure: zod issues with their paths, or the thrown message. */
function describeParseFailure(error: unknown): string {
  const issues = (error as { issues?: ParseIssue[] })?.issues;
  if (Array.isArray(issues) && issues.length) return describeIssues(issues);
  return error instanceof Error && error.message ? error.message.slice(0, 200) : '结构不符';
}

export class ConnectorClient {
  readonly system: string;
  readonly baseUrl: string;
  private readonly o: Required<
    Omit<ConnectorClientOptions, 'signer' | 'headers' | 'onCircuitChange' | 'system' | 'baseUrl'>
  >;
  private readonly signer?: RequestSigner;
  private readonly headers: Record<string, string>;
  private readonly breaker: CircuitBreaker;

  constructor(options: ConnectorClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new Error(`${options.system}接口地址无效：${options.baseUrl}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:')
      throw new Error(`${options.system}接口地址必须是 http(s) 地址`);
    this.system = options.system;
    this.baseUrl = base.href.replace(/\/+$/, '');
    this.o = {
      timeoutMs: options.timeoutMs ?? CONNECTOR_DEFAULTS.timeoutMs,
      retries: options.retries ?? CONNECTOR_DEFAULTS.retries,
      backoffMs: options.backoffMs ?? CONNECTOR_DEFAULTS.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? CONNECTOR_DEFAULTS.maxBackoffMs,
      failureThreshold: options.failureThreshold ?? CONNECTOR_DEFAULTS.failureThreshold,
      cooldownMs: options.cooldownMs ?? CONNECTOR_DEFAULTS.cooldownMs,
      envelope: options.envelope ?? 'none',
      maxBodyBytes: options.maxBodyBytes ?? CONNECTOR_DEFAULTS.maxBodyBytes,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    };
    this.signer = options.signer;
    this.headers = options.headers ?? {};
    this.breaker = new CircuitBreaker(
      this.o.failureThreshold,
      this.o.cooldownMs,
      this.o.now,
      options.onCircuitChange ?? (() => {}),
    );
  }

  circuit(): CircuitSnapshot {
    return this.breaker.snapshot();
  }

  get<T>(path: string, parse: AnswerParser<T>, query?: ConnectorRequest<T>['query']): Promise<T> {
    return this.request({ method: 'GET', path, query, parse }).then((a) => a.data);
  }

  post<T>(path: string, body: unknown, parse: AnswerParser<T>, idempotencyKey?: string): Promise<T> {
    return this.request({ method: 'POST', path, body, parse, idempotencyKey }).then((a) => a.data);
  }

  async request<T>(req: ConnectorRequest<T>): Promise<ConnectorAnswer<T>> {
    const method = req.method ?? 'GET';
    const url = this.url(req.path, req.query);
    const pathWithQuery = url.pathname + url.search;
    const body = req.body === undefined ? '' : JSON.stringify(req.body);
    const retryable = method !== 'POST' || req.idempotencyKey !== undefined;
    const maxAttempts = retryable ? this.o.retries + 1 : 1;

    let last: Attempt | null = null;
    let attempts = 0;
    for (let n = 1; n <= maxAttempts; n++) {
      if (n > 1) await this.o.sleep(this.backoff(n - 1, last));
      if (!this.breaker.acquire()) throw this.circuitOpen(attempts, last);
      attempts = n;
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...this.headers,
        ...req.headers,
        ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        ...(req.idempotencyKey !== undefined ? { 'Idempotency-Key': req.idempotencyKey } : {}),
        ...(this.signer ? this.signer({ method, pathWithQuery, body }) : {}),
      };
      const attempt = await this.attempt(url, method, headers, body, req.signal);
      last = attempt;
      if (attempt.ok || (attempt.kind === 'HTTP' && !this.retryableStatus(attempt.status))) {
        this.breaker.success();
        break;
      }
      this.breaker.failure();
    }
    if (!last) throw this.circuitOpen(0, null);
    if (last.ok) return { data: this.parse(last.text, req.parse, last.status), status: last.status, attempts };
    throw this.failure(last, attempts);
  }

  private url(path: string, query: ConnectorRequest<unknown>['query']): URL {
    const url = new URL(this.baseUrl + (path.startsWith('/') ? path : `/${path}`));
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    return url;
  }

  private retryableStatus(status: number): boolean {
    return status >= 500 || status === 429;
  }

  private backoff(retry: number, last: Attempt | null): number {
    const cap = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (retry - 1));
    let delay = Math.floor(this.o.random() * cap);
    if (last && !last.ok && last.kind === 'HTTP') {
      const after = Number(last.headers.get('retry-after'));
      if (Number.isFinite(after) && after > 0) delay = Math.max(delay, Math.min(after * 1000, this.o.maxBackoffMs));
    }
    return delay;
  }

  private async attempt(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const signals = signal ? AbortSignal.any([timeout, signal]) : timeout;
    try {
      const res = await fetch(url, { method, headers, body: body || undefined, signal: signals, redirect: 'error' });
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > this.o.maxBodyBytes) {
        await res.body?.cancel();
        return { ok: true, status: res.status, text: null, headers: res.headers };
      }
      const text = await res.text();
      if (res.ok) return { ok: true, status: res.status, text, headers: res.headers };
      return { ok: false, kind: 'HTTP', status: res.status, text, headers: res.headers };
    } catch (cause) {
      if (signal?.aborted) {
        this.breaker.release();
        throw cause;
      }
      return timeout.aborted ? { ok: false, kind: 'TIMEOUT', cause } : { ok: false, kind: 'UNREACHABLE', cause };
    }
  }

  private parse<T>(text: string | null, parser: AnswerParser<T>, status: number): T {
    const malformed = (detail: string, cause?: unknown) =>
      new ExchangeError('MALFORMED', `${this.system}返回的数据格式不正确：${detail}`, {
        system: this.system,
        status,
        cause,
      });
    if (text === null || Buffer.byteLength(text) > this.o.maxBodyBytes)
      throw malformed(`应答超过 ${Math.round(this.o.maxBodyBytes / 1024 / 1024)} MiB`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw malformed('不是有效的 JSON', cause);
    }
    if (this.o.envelope === 'code-data') {
      const env = body as { code?: unknown; data?: unknown; message?: unknown };
      if (!env || typeof env !== 'object' || !('code' in env)) throw malformed('缺少 code 字段');
      if (env.code !== 0 && env.code !== '0') {
        const remote = typeof env.message === 'string' ? env.message.slice(0, 200) : undefined;
        throw new ExchangeError('REJECTED', `${this.system}拒绝了请求：${remote ?? `错误码 ${String(env.code)}`}`, {
          system: this.system,
          status,
          remoteMessage: remote,
        });
      }
      body = env.data;
    }
    if (typeof parser === 'function') {
      try {
        return parser(body);
      } catch (cause) {
        throw malformed(describeParseFailure(cause), cause);
      }
    }
    const result = parser.safeParse(body);
    if (!result.success) throw malformed(describeParseFailure(result.error), result.error);
    return result.data;
  }

  private failure(last: Exclude<Attempt, { ok: true }>, attempts: number): ExchangeError {
    const retried = attempts > 1 ? `，已重试 ${attempts - 1} 次` : '';
    const info = { system: this.system, attempts };
    if (last.kind === 'UNREACHABLE')
      return new ExchangeError('UNREACHABLE', `${this.system}无法连接${retried ? `（${retried.slice(1)}）` : ''}`, {
        ...info,
        cause: last.cause,
      });
    if (last.kind === 'TIMEOUT')
      return new ExchangeError('TIMEOUT', `${this.system}响应超时（超过 ${seconds(this.o.timeoutMs)} 秒${retried}）`, {
        ...info,
        cause: last.cause,
      });
    const remote = remoteMessageOf(last.text);
    const said = remote ? `：${remote}` : '';
    if (this.retryableStatus(last.status)) {
      const what = last.status === 429 ? '限制了访问频率' : '暂时不可用';
      return new ExchangeError('HTTP_ERROR', `${this.system}${what}（HTTP ${last.status}${said}${retried}）`, {
        ...info,
        status: last.status,
        remoteMessage: remote,
      });
    }
    const why =
      last.status === 401 || last.status === 403
        ? `身份校验未通过（HTTP ${last.status}${said}），请检查应用标识和密钥配置`
        : last.status === 404
          ? `未找到（HTTP 404${said}）`
          : `HTTP ${last.status}${said}`;
    return new ExchangeError('REJECTED', `${this.system}拒绝了请求：${why}`, {
      ...info,
      status: last.status,
      remoteMessage: remote,
    });
  }

  private circuitOpen(attempts: number, last: Attempt | null): ExchangeError {
    const { retryAt } = this.breaker.snapshot();
    const wait = retryAt === null ? '' : `，约 ${Math.max(1, Math.ceil((retryAt - this.o.now()) / 1000))} 秒后自动重试`;
    const cause = last && !last.ok ? this.failure(last, attempts) : undefined;
    return new ExchangeError(
      'CIRCUIT_OPEN',
      `${this.system}连续 ${this.o.failureThreshold} 次请求失败，已暂停访问（熔断）${wait}`,
      { system: this.system, attempts, cause },
    );
  }
}
