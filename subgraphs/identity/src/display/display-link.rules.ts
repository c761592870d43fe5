import { randomBytes } from 'node:crypto';
import { Permission, sm3, type Caller, type DataScope } from '@hs/kit';

/**
 * 大屏展示链接 (signed display link) — pure rules, no ORM and no GraphQL.
 *
 * A wall screen must come up every morning without anyone typing a password. An administrator
 * creates a link; its token is `<linkId>.<43 chars of base64url randomness>` (256 random bits),
 * shown once and stored only as an SM3 hash. The screen exchanges the token for a short-lived
 * access token whose caller holds exactly DISPLAY_PERMISSIONS with city-wide scope — never more,
 * whatever the creator held — and exchanges it again before that token expires.
 */

/** What a display caller may do: read the dashboard, projects and enterprises. Nothing else, ever. */
export const DISPLAY_PERMISSIONS: readonly string[] = Object.freeze(
  [Permission.DASHBOARD_VIEW, Permission.ENTERPRISE_VIEW, Permission.PROJECT_VIEW].sort(),
);

/** City-wide read scope (the dashboard is the city's command centre). */
export const displayScope = (): DataScope => ({ kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [] });

/**
 * Access tokens issued for a display link live 10 minutes (a login's live 15): revoking a link
 * takes effect at the screen's next exchange, so the window after a revocation stays short.
 */
export const DISPLAY_ACCESS_TTL_SECONDS = 10 * 60;

export const DISPLAY_LINK_MIN_DAYS = 1;
export const DISPLAY_LINK_MAX_DAYS = 366;
export const DISPLAY_LINK_LABEL_MAX = 50;

/** The dashboard reads `?display=<token>`; the admin prefixes its own origin. */
export const displayPath = (token: string): string => `/dashboard/?display=${encodeURIComponent(token)}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newDisplayToken(linkId: string): string {
  return `${linkId}.${randomBytes(32).toString('base64url')}`;
}

/** The link id inside a well-formed token, or null (then the answer is the same as for a wrong secret). */
export function linkIdOf(token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const id = token.slice(0, dot);
  return UUID.test(id) && SECRET.test(token.slice(dot + 1)) ? id : null;
}

export const hashDisplayToken = (token: string): string => sm3(token);

export type DisplayLinkState = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export function displayLinkState(link: { revokedAt: Date | null; expiresAt: Date }, now: Date): DisplayLinkState {
  if (link.revokedAt) return 'REVOKED';
  if (link.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ACTIVE';
}

/** Seconds the access token may live: the usual TTL, but never past the link's own expiry. */
export function displayTokenTtl(linkExpiresAt: Date, now: Date): number {
  const left = Math.floor((linkExpiresAt.getTime() - now.getTime()) / 1000);
  return Math.max(1, Math.min(DISPLAY_ACCESS_TTL_SECONDS, left));
}

/** The login name a display link appears under in the login log and the audit log (≤ 64 chars). */
export const displayLinkActorName = (linkId: string | null): string =>
  linkId ? `display-link:${linkId}` : 'display-link:invalid';

/**
 * The caller inside a display access token. Its userId is the link's id (not the creator's: what
 * the screen does is the link's, and the creator's rights never flow into it); no roles, no
 * department, exactly DISPLAY_PERMISSIONS and city-wide scope. `sessionId` names this exchange.
 */
export function displayCaller(link: { id: string; label: string }, exchangeId: string): Caller {
  return {
    userId: link.id,
    username: displayLinkActorName(link.id),
    displayName: `大屏：${link.label}`,
    departmentId: null,
    roles: [],
    permissions: [...DISPLAY_PERMISSIONS],
    scope: displayScope(),
    sessionId: exchangeId,
  };
}
