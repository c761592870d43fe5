/**
 * Login lockout (等级保护 level 3, 登录失败处理): after `maxFailures` consecutive failures the
 * account is locked for `lockMinutes`; while locked even the right password is refused. Pure
 * functions over a small state, so users (columns on user_account) and unknown login names
 * (login_throttle rows, so that a name that does not exist behaves exactly like one that does)
 * share one policy.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export interface LockState {
  failedCount: number;
  lockedUntil: Date | null;
}

export interface LockStatus {
  locked: boolean;
  /** Whole minutes until the lock lifts, rounded up; 0 when not locked. */
  minutesLeft: number;
}

export function lockStatus(state: LockState, now: Date): LockStatus {
  if (!state.lockedUntil || state.lockedUntil.getTime() <= now.getTime()) return { locked: false, minutesLeft: 0 };
  return { locked: true, minutesLeft: Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000)) };
}

export interface FailureOutcome {
  state: LockState;
  /** This failure locked the account. */
  locked: boolean;
  /** Attempts left before the lock (0 when it just locked). */
  remainingAttempts: number;
}

/**
 * One more failed attempt. Reaching the threshold locks the account and starts a fresh count, so
 * after the lock lifts the person gets the full number of attempts again.
 */
export function registerFailure(
  state: LockState,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): FailureOutcome {
  // A lock that has run out leaves no trace in the count.
  const expired = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failedCount = (expired ? 0 : state.failedCount) + 1;
  if (failedCount >= policy.maxFailures) {
    return {
      state: { failedCount: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) },
      locked: true,
      remainingAttempts: 0,
    };
  }
  return {
    state: { failedCount, lockedUntil: null },
    locked: false,
    remainingAttempts: policy.maxFailures - failedCount,
  };
}

export const clearedLockState = (): LockState => ({ failedCount: 0, lockedUntil: null });
