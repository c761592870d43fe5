import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The caller as the router resolved it from the access token. The router is the only way in:
 * it signs this header for every subgraph request, and subgraphs refuse requests without a valid
 * signature, so a client can never claim to be someone else by talking to a subgraph directly.
 */
export const CALLER_HEADER = 'x-hs-caller';

/** Data scope as admins know it from RuoYi: 全部 / 自定义部门 / 本部门 / 本部门及以下 / 仅本人. */
export const DATA_SCOPE_KINDS = ['ALL', 'CUSTOM', 'DEPT', 'DEPT_AND_CHILDREN', 'SELF'] as const;
export type DataScopeKind = (typeof DATA_SCOPE_KINDS)[number];

export interface DataScope {
  kind: DataScopeKind;
  /** Departments whose data the caller may see (resolved from the role's scope at login). */
  departmentIds: string[];
  /** GB/T 2260 codes of the districts those departments administer; empty for city-wide. */
  districtCodes: string[];
  /** Enterprises those departments stand for (an enterprise's own account sees its own data). */
  enterpriseIds: string[];
}

export interface Caller {
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
  permissions: string[];
  scope: DataScope;
  sessionId: string;
}

export interface SignedEnvelope {
  caller: Caller | null;
  ip: string | null;
  /** The client's User-Agent, for login logs, sessions and audit rows (informational only). */
  userAgent?: string | null;
  /** Issued-at, ms since epoch: a captured header is useless after maxAgeMs. */
  iat: number;
}

const DEFAULT_MAX_AGE_MS = 60_000;

function mac(key: string, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

export function signCaller(
  key: string,
  caller: Caller | null,
  ip: string | null,
  options: { userAgent?: string | null; now?: number } = {},
): string {
  const envelope: SignedEnvelope = {
    caller,
    ip,
    userAgent: cleanUserAgent(options.userAgent),
    iat: options.now ?? Date.now(),
  };
  const body = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export class CallerSignatureError extends Error {}

/** Control characters out, at most 512 characters: the value lands in logs and audit rows. */
export function cleanUserAgent(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\p{Cc}/gu, ' ').trim();
  return text === '' ? null : text.slice(0, 512);
}

export function verifyCaller(
  key: string,
  header: string | undefined | null,
  now = Date.now(),
  maxAgeMs = DEFAULT_MAX_AGE_MS,
): SignedEnvelope {
  if (!header) throw new CallerSignatureError('missing caller signature');
  const dot = header.indexOf('.');
  if (dot <= 0) throw new CallerSignatureError('malformed caller signature');
  const body = header.slice(0, dot);
  const given = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CallerSignatureError('bad caller signature');
  }
  const envelope = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SignedEnvelope;
  if (typeof envelope.iat !== 'number' || Math.abs(now - envelope.iat) > maxAgeMs) {
    throw new CallerSignatureError('stale caller signature');
  }
  return envelope;
}

export function hasPermission(caller: Caller | null, permission: string): boolean {
  if (!caller) return false;
  return caller.permissions.includes('*') || caller.permissions.includes(permission);
}
