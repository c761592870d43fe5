import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sm3 } from '@hs/kit';

/**
 * Refresh tokens: `<sessionId>.<43 chars of base64url randomness>`. The session id finds the
 * session row in one primary-key lookup; only the SM3 hash of the whole token is stored, so a
 * database dump gives no usable token. Pure apart from the random bytes.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString('base64url')}`;
}

/** The session id inside a well-formed token, or null. */
export function sessionIdOf(token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const id = token.slice(0, dot);
  return UUID.test(id) && SECRET.test(token.slice(dot + 1)) ? id : null;
}

export const hashRefreshToken = (token: string): string => sm3(token);

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
