import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { AppError, ErrorCode, verifyAccessToken, type Caller } from '@hs/kit';
import type { SessionRevocations } from './revocations.js';

/**
 * What the router knows about one request (or one subscriber): who it is and where it comes
 * from. It travels to every subgraph inside the signed `x-hs-caller` header.
 */
export type RouterContext = {
  caller: Caller | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
};

/**
 * `Bearer <token>` -> token; missing or empty -> null (anonymous). Any other scheme is refused:
 * silently treating a malformed header as anonymous would hide client bugs.
 */
export function bearerToken(authorization: unknown): string | null {
  if (authorization === undefined || authorization === null) return null;
  if (typeof authorization !== 'string') throw badScheme();
  const value = authorization.trim();
  if (value === '') return null;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(value);
  if (!match) throw badScheme();
  const token = (match[1] ?? '').trim();
  return token === '' ? null : token;
}

const badScheme = () => new AppError(ErrorCode.UNAUTHENTICATED, '认证信息格式错误，应为 “Bearer 访问令牌”');

export const SESSION_REVOKED_MESSAGE = '登录已失效（已退出或被强制下线），请重新登录';

/**
 * Resolves the caller from an Authorization value; throws AppError UNAUTHENTICATED on a bad token
 * or on a token whose session was revoked (logout, force-logout, refresh-token reuse).
 */
export async function authenticate(
  tokenSecret: string,
  authorization: unknown,
  revocations?: SessionRevocations,
): Promise<Caller | null> {
  const token = bearerToken(authorization);
  if (token === null) return null;
  const caller = await verifyAccessToken(tokenSecret, token);
  if (revocations?.isRevoked(caller.sessionId)) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, SESSION_REVOKED_MESSAGE, { details: { reason: 'SESSION_REVOKED' } });
  }
  return caller;
}

/** Client address as express resolved it (honouring `trust proxy`), without the IPv4-mapped prefix. */
export function clientIp(req: Pick<Request, 'ip' | 'socket'>): string | null {
  const ip = req.ip ?? req.socket?.remoteAddress ?? null;
  return normalizeIp(ip);
}

export function normalizeIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a sane incoming x-request-id (from nginx) so logs line up; otherwise makes one. */
export function requestIdOf(header: unknown): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}
