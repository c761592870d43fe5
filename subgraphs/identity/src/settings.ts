import { ConfigError } from '@hs/kit';
import { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from './auth/lockout.js';

/**
 * Identity's security settings (等级保护 level 3). Defaults are the policy; each can be tightened
 * (or, for a demo, loosened) through the environment:
 *
 *   IDENTITY_LOGIN_MAX_FAILURES        5    consecutive failures before the account locks
 *   IDENTITY_LOGIN_LOCK_MINUTES        15   how long a lock lasts
 *   IDENTITY_SESSION_IDLE_MINUTES      30   refresh refused after this long without activity
 *   IDENTITY_SESSION_TTL_DAYS          7    absolute lifetime of a login session (refresh family)
 *   IDENTITY_CAPTCHA_AFTER_FAILURES    2    recent failed logins (same name or same IP) before a captcha is required; 0 = always
 *   IDENTITY_CAPTCHA_WINDOW_MINUTES    15   how far back "recent" reaches
 *   IDENTITY_CAPTCHA_TTL_SECONDS       300  lifetime of one captcha challenge
 */
export interface IdentitySettings {
  lockout: LockoutPolicy;
  sessionIdleMinutes: number;
  sessionTtlDays: number;
  captcha: CaptchaPolicy;
}

export interface CaptchaPolicy {
  afterFailures: number;
  windowMinutes: number;
  ttlSeconds: number;
}

function intSetting(env: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`配置错误 (configuration error):\n  - ${name}: 必须是 ${min} 到 ${max} 之间的整数`);
  }
  return value;
}

/** Settings from the validated config object (extra keys) or, failing that, the process environment. */
export function identitySettings(config: object, env: NodeJS.ProcessEnv = process.env): IdentitySettings {
  const source = { ...env, ...(config as Record<string, unknown>) };
  return {
    lockout: {
      maxFailures: intSetting(source, 'IDENTITY_LOGIN_MAX_FAILURES', DEFAULT_LOCKOUT_POLICY.maxFailures, 3, 10),
      lockMinutes: intSetting(source, 'IDENTITY_LOGIN_LOCK_MINUTES', DEFAULT_LOCKOUT_POLICY.lockMinutes, 1, 24 * 60),
    },
    sessionIdleMinutes: intSetting(source, 'IDENTITY_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionTtlDays: intSetting(source, 'IDENTITY_SESSION_TTL_DAYS', 7, 1, 30),
    captcha: {
      afterFailures: intSetting(source, 'IDENTITY_CAPTCHA_AFTER_FAILURES', 2, 0, 1000),
      windowMinutes: intSetting(source, 'IDENTITY_CAPTCHA_WINDOW_MINUTES', 15, 1, 24 * 60),
      ttlSeconds: intSetting(source, 'IDENTITY_CAPTCHA_TTL_SECONDS', 300, 30, 3600),
    },
  };
}
