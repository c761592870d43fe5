import { reactive } from 'vue';
import { GraphQLRequestError, postGraphQL } from '../api/graphql';

/**
 * Who the wall screen is. Two ways in:
 *
 * - a signed display link (`?display=<token>`, kept in localStorage so the screen comes back by
 *   itself after a reboot): the token is exchanged with `displayLogin` for a short-lived read-only
 *   access token, and exchanged again before that expires;
 * - otherwise a simple username/password form (`login`), renewed with the rotating refresh token
 *   (kept in sessionStorage: closing the tab logs out).
 *
 * The access token lives in memory only. Everything that talks to the graph asks `accessToken()`.
 */

export type AuthMode = 'display' | 'password';
export type AuthPhase = 'starting' | 'authenticating' | 'ready' | 'login';

const DISPLAY_KEY = 'hs.dashboard.displayToken';
const REFRESH_KEY = 'hs.dashboard.refreshToken';
/** Renew this long before the access token expires (at the latest). */
const RENEW_MARGIN_MS = 60_000;
const RETRY_CAP_MS = 30_000;

export const auth = reactive({
  phase: 'starting' as AuthPhase,
  mode: null as AuthMode | null,
  /** The display link's label, or the person's name. */
  label: '',
  /** For the login form: why we are here (bad link, session over, wrong password …). */
  message: '',
  permissions: [] as string[],
  /** When the display link itself expires (ISO), so the screen can warn in time. */
  linkExpiresAt: null as string | null,
});

let token: string | null = null;
let expiresAt = 0;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<string> | null = null;
let waiters: { resolve: (t: string) => void }[] = [];
const tokenListeners = new Set<(reason: 'renewed' | 'cleared') => void>();

const DISPLAY_LOGIN = `mutation DisplayLogin($token: String!) {
  displayLogin(token: $token) { accessToken expiresIn label permissions linkExpiresAt }
}`;
const LOGIN = `mutation DashboardLogin($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken refreshToken expiresIn mustChangePassword user { displayName } }
}`;
const LOGIN_WITH_CAPTCHA = `mutation DashboardLogin($username: String!, $password: String!, $captchaId: String, $captchaAnswer: String) {
  login(username: $username, password: $password, captchaId: $captchaId, captchaAnswer: $captchaAnswer) {
    accessToken refreshToken expiresIn mustChangePassword user { displayName }
  }
}`;
const REFRESH = `mutation DashboardRefresh($token: String!) {
  refreshToken(token: $token) { accessToken refreshToken expiresIn user { displayName } }
}`;
const LOGOUT = `mutation DashboardLogout { logout }`;
const CAPTCHA = `query DashboardLoginCaptcha { loginCaptcha { id svg expiresIn } }`;

/** The permissions inside a JWT access token (for the screen's own checks; the server decides). */
export function permissionsOf(accessToken: string): string[] {
  try {
    const body = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(body), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const permissions = (JSON.parse(json) as { caller?: { permissions?: unknown } }).caller?.permissions;
    return Array.isArray(permissions) ? permissions.map(String) : [];
  } catch {
    return [];
  }
}

export const canViewDashboard = (permissions: string[]) =>
  permissions.includes('*') || (permissions.includes('dashboard:view') && permissions.includes('project:view'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backoff = (attempt: number) => Math.min(RETRY_CAP_MS, 1000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

function setToken(accessToken: string, expiresIn: number, mode: AuthMode, label: string) {
  token = accessToken;
  // Measured on our own clock from the moment of receipt: the screen's clock may be off.
  expiresAt = Date.now() + expiresIn * 1000;
  auth.mode = mode;
  auth.label = label;
  auth.permissions = permissionsOf(accessToken);
  auth.phase = 'ready';
  auth.message = '';
  clearTimeout(renewTimer);
  const lifetime = expiresIn * 1000;
  const renewIn = Math.max(5_000, Math.min(lifetime * 0.8, lifetime - RENEW_MARGIN_MS));
  renewTimer = setTimeout(() => {
    renew().catch(() => {});
  }, renewIn);
  const pending = waiters;
  waiters = [];
  for (const w of pending) w.resolve(accessToken);
  for (const l of tokenListeners) l('renewed');
}

function toLogin(message: string) {
  token = null;
  expiresAt = 0;
  clearTimeout(renewTimer);
  auth.phase = 'login';
  auth.mode = null;
  auth.linkExpiresAt = null;
  auth.permissions = [];
  auth.message = message;
  for (const l of tokenListeners) l('cleared');
}

/** Called once at start: the URL's display token, a stored one, a stored login, or the form. */
export async function startAuth(): Promise<void> {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('display');
  if (fromUrl) {
    storage('local')?.setItem(DISPLAY_KEY, fromUrl);
    // Off the address bar: nobody should read the token off the wall or a screenshot.
    url.searchParams.delete('display');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  auth.phase = 'authenticating';
  try {
    await renew();
  } catch {
    /* renew() has moved to the login form or keeps retrying */
  }
}

/** A valid access token, renewing first if it is (nearly) expired; waits while the form is shown. */
export function accessToken(): Promise<string> {
  if (token && Date.now() < expiresAt - 5_000) return Promise.resolve(token);
  if (auth.phase === 'login') return new Promise((resolve) => waiters.push({ resolve }));
  return renew();
}

/** The server refused our token (HTTP 401, WebSocket 4403): get a new one. */
export function tokenRejected(): Promise<string> {
  if (auth.phase === 'login') return accessToken();
  token = null;
  return renew();
}

export function onTokenChange(listener: (reason: 'renewed' | 'cleared') => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** One renewal at a time (a refresh token must never be used twice). */
export function renew(): Promise<string> {
  renewing ??= renewOnce().finally(() => {
    renewing = null;
  });
  return renewing;
}

async function renewOnce(): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const displayToken = storage('local')?.getItem(DISPLAY_KEY);
    const refreshToken = storage('session')?.getItem(REFRESH_KEY);
    if (!displayToken && !refreshToken) {
      toLogin(auth.message);
      return accessToken();
    }
    try {
      if (displayToken) {
        const { displayLogin } = await postGraphQL<{
          displayLogin: { accessToken: string; expiresIn: number; label: string; linkExpiresAt: string };
        }>(DISPLAY_LOGIN, { token: displayToken });
        auth.linkExpiresAt = displayLogin.linkExpiresAt;
        setToken(displayLogin.accessToken, displayLogin.expiresIn, 'display', displayLogin.label);
        return displayLogin.accessToken;
      }
      const { refreshToken: pair } = await postGraphQL<{
        refreshToken: { accessToken: string; refreshToken: string; expiresIn: number; user: { displayName: string } };
      }>(REFRESH, { token: refreshToken });
      storage('session')?.setItem(REFRESH_KEY, pair.refreshToken);
      setToken(pair.accessToken, pair.expiresIn, 'password', pair.user.displayName);
      return pair.accessToken;
    } catch (error) {
      const e = error as GraphQLRequestError;
      if (e instanceof GraphQLRequestError && !e.isTransient) {
        // The link was revoked / expired / is wrong, or the login session is over: forget it.
        if (displayToken) storage('local')?.removeItem(DISPLAY_KEY);
        else storage('session')?.removeItem(REFRESH_KEY);
        toLogin(e.message);
        return accessToken();
      }
      // Network or server trouble: keep the credentials and try again, backing off.
      if (auth.phase !== 'ready') auth.message = '正在连接服务器…';
      await sleep(backoff(attempt));
    }
  }
}

export interface CaptchaChallenge {
  id: string;
  svg: string;
}

export class LoginError extends Error {
  constructor(
    message: string,
    readonly captchaRequired: boolean,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** The fallback form's login. Throws LoginError with a message for people. */
export async function login(
  username: string,
  password: string,
  captcha: { id: string; answer: string } | null = null,
): Promise<void> {
  type Payload = {
    login: {
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
      mustChangePassword: boolean;
      user: { displayName: string };
    };
  };
  let result: Payload;
  try {
    result = captcha
      ? await postGraphQL<Payload>(LOGIN_WITH_CAPTCHA, {
          username,
          password,
          captchaId: captcha.id,
          captchaAnswer: captcha.answer,
        })
      : await postGraphQL<Payload>(LOGIN, { username, password });
  } catch (error) {
    const e = error as GraphQLRequestError;
    const captchaRequired =
      e.code === 'CAPTCHA_REQUIRED' || e.code === 'CAPTCHA_INVALID' || e.details?.captchaRequired === true;
    throw new LoginError(e.message, captchaRequired, e.errors?.[0]?.extensions?.field ?? null);
  }
  const { login: payload } = result;
  if (payload.mustChangePassword) {
    throw new LoginError('该账号须先在管理端修改初始密码，然后再登录大屏', false);
  }
  if (!canViewDashboard(permissionsOf(payload.accessToken))) {
    await postGraphQL(LOGOUT, {}, payload.accessToken).catch(() => {});
    throw new LoginError('该账号没有查看数据指挥中心的权限', false);
  }
  storage('local')?.removeItem(DISPLAY_KEY);
  auth.linkExpiresAt = null;
  storage('session')?.setItem(REFRESH_KEY, payload.refreshToken);
  setToken(payload.accessToken, payload.expiresIn, 'password', payload.user.displayName);
}

export async function fetchCaptcha(): Promise<CaptchaChallenge> {
  const { loginCaptcha } = await postGraphQL<{ loginCaptcha: CaptchaChallenge }>(CAPTCHA);
  return loginCaptcha;
}

/** Leaves the screen: ends a password login on the server too; forgets a display link locally. */
export async function logout(): Promise<void> {
  const current = token;
  const mode = auth.mode;
  storage('local')?.removeItem(DISPLAY_KEY);
  storage('session')?.removeItem(REFRESH_KEY);
  toLogin('');
  if (mode === 'password' && current) await postGraphQL(LOGOUT, {}, current).catch(() => {});
}
