import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Caller } from './caller.js';
import { AppError, ErrorCode } from './errors.js';

/**
 * Access tokens: short-lived JWTs (HS256) issued by identity at login/refresh and verified by
 * the router. The caller's roles, permissions and resolved data scope travel inside, so the
 * router needs no database round trip per request.
 */
const ISSUER = 'hs-identity';
const AUDIENCE = 'hs-graph';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function issueAccessToken(
  secret: string,
  caller: Caller,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ caller })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(caller.userId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

export async function verifyAccessToken(secret: string, token: string): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const caller = (payload as { caller?: Caller }).caller;
    if (!caller || caller.userId !== payload.sub)
      throw new AppError(ErrorCode.UNAUTHENTICATED, '访问令牌无效，请重新登录');
    return caller;
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof joseErrors.JWTExpired)
      throw new AppError(ErrorCode.UNAUTHENTICATED, '登录已过期，请重新登录', { details: { reason: 'TOKEN_EXPIRED' } });
    throw new AppError(ErrorCode.UNAUTHENTICATED, '访问令牌无效，请重新登录');
  }
}
