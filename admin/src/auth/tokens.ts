/**
 * Access and refresh tokens of the signed-in person, kept in localStorage so every tab of the
 * admin shares one login. The refresh token is single use (identity rotates it and treats a
 * replay as theft), so refreshing is serialised: one refresh per page at a time, and across tabs
 * through the Web Locks API where the browser offers it; a tab that finds the stored token already
 * changed by another tab simply uses the new one.
 */
import { GRAPHQL_HTTP_URL } from '@/api/endpoints';
import { emitSessionEnded } from './events';

const ACCESS = 'hs.admin.accessToken';
const REFRESH = 'hs.admin.refreshToken';
const EXPIRES = 'hs.admin.accessExpiresAt';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const tokens = {
  access: (): string | null => localStorage.getItem(ACCESS),
  refresh: (): string | null => localStorage.getItem(REFRESH),
  /** ms since epoch when the access token expires (0 when unknown). */
  expiresAt: (): number => Number(localStorage.getItem(EXPIRES) ?? 0),
  has: (): boolean => Boolean(localStorage.getItem(ACCESS) && localStorage.getItem(REFRESH)),
  store(pair: TokenPair): void {
    localStorage.setItem(ACCESS, pair.accessToken);
    localStorage.setItem(REFRESH, pair.refreshToken);
    localStorage.setItem(EXPIRES, String(Date.now() + pair.expiresIn * 1000));
  },
  clear(): void {
    localStorage.removeItem(ACCESS);
    localStorage.removeItem(REFRESH);
    localStorage.removeItem(EXPIRES);
  },
  /** Storage key that changes whenever another tab logs in, refreshes or logs out. */
  ACCESS_KEY: ACCESS,
};

const REFRESH_MUTATION = `mutation RefreshToken($token: String!) {
  refreshToken(token: $token) { accessToken refreshToken expiresIn mustChangePassword }
}`;

export interface RefreshFailure {
  code: string;
  message: string;
}

let inFlight: Promise<boolean> | null = null;

async function callRefresh(refreshToken: string): Promise<TokenPair | RefreshFailure> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_HTTP_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        operationName: 'RefreshToken',
        query: REFRESH_MUTATION,
        variables: { token: refreshToken },
      }),
    });
  } catch {
    return { code: 'NETWORK', message: '网络连接失败，请检查网络后重试' };
  }
  const body = (await response.json().catch(() => null)) as {
    data?: { refreshToken?: TokenPair } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  const pair = body?.data?.refreshToken;
  if (pair) return pair;
  const error = body?.errors?.[0];
  return {
    code: error?.extensions?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? '登录已失效，请重新登录',
  };
}

/** Codes after which the login is gone for good (as opposed to a network hiccup). */
const FINAL_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'FORBIDDEN']);

async function doRefresh(failedAccessToken: string | null): Promise<boolean> {
  // Another tab (or an earlier call) has refreshed since the failing request read the token.
  const current = tokens.access();
  if (failedAccessToken !== null && current !== null && current !== failedAccessToken) return true;
  const refreshToken = tokens.refresh();
  if (!refreshToken) {
    emitSessionEnded({ reason: 'expired', message: '登录已失效，请重新登录' });
    return false;
  }
  const result = await callRefresh(refreshToken);
  if ('accessToken' in result) {
    tokens.store(result);
    return true;
  }
  if (FINAL_CODES.has(result.code)) {
    // A refresh token that another tab has rotated meanwhile is not a reason to give up.
    if (tokens.refresh() !== refreshToken && tokens.access()) return true;
    tokens.clear();
    emitSessionEnded({ reason: 'expired', message: result.message });
  }
  return false;
}

/**
 * Gets a fresh token pair with the stored refresh token. `failedAccessToken` is the token a
 * request was refused with: when the stored one differs, someone already refreshed. Resolves
 * true when a usable access token is stored afterwards.
 */
export function refreshSession(failedAccessToken: string | null): Promise<boolean> {
  inFlight ??= (async () => {
    try {
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      if (locks?.request) return await locks.request('hs-admin-token-refresh', () => doRefresh(failedAccessToken));
      return await doRefresh(failedAccessToken);
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** An access token valid for at least `marginMs` more, refreshing first when needed (graphql-ws connects). */
export async function validAccessToken(marginMs = 30_000): Promise<string | null> {
  const token = tokens.access();
  if (!token) return null;
  if (tokens.expiresAt() - Date.now() > marginMs) return token;
  return (await refreshSession(token)) ? tokens.access() : null;
}
