import type { EntityManager } from '@mikro-orm/postgresql';
import { LoginLog, LoginResult, type LoginReason } from './login-log.entity.js';

export interface LoginAttempt {
  username: string;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: LoginReason;
}

/** 登录日志: one row per attempt, written outside the login's own transaction so failures are kept too. */
export async function recordLoginAttempt(em: EntityManager, attempt: LoginAttempt, at = new Date()): Promise<void> {
  await em.fork().insert(LoginLog, {
    username: attempt.username.slice(0, 64),
    userId: attempt.userId,
    ip: attempt.ip?.slice(0, 64) ?? null,
    userAgent: attempt.userAgent,
    result: attempt.reason === 'OK' ? LoginResult.SUCCESS : LoginResult.FAILURE,
    reason: attempt.reason,
    at,
  });
}
