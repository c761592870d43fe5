import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  AppError,
  badInput,
  ErrorCode,
  issueAccessToken,
  unauthenticated,
  type Caller,
} from '@hs/kit';
import { AuditService } from '../audit/audit.service.js';
import type { LoginReason } from '../audit/login-log.entity.js';
import { recordLoginAttempt } from '../audit/login-log.service.js';
import { EnableStatus } from '../common/status.js';
import type { IdentitySettings } from '../settings.js';
import { User } from '../users/user.entity.js';
import {
  accountDisabled,
  accountLocked,
  badCredentials,
  captchaInvalid,
  captchaRequired,
  sessionExpired,
} from './auth.errors.js';
import { CaptchaService } from './captcha.service.js';
import type { AuthPayload } from './auth.types.js';
import { buildCaller } from './caller-builder.js';
import { clearedLockState, lockStatus, registerFailure, type FailureOutcome, type LockStatus } from './lockout.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { assertPasswordComplexity } from './password-policy.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { hashRefreshToken, newRefreshToken, sameHash, sessionIdOf } from './refresh-token.js';
import { Session, type SessionRevokeReason } from './session.entity.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The graphical captcha a login may carry (required after repeated failures). */
export interface CaptchaAnswer {
  captchaId?: string | null;
  captchaAnswer?: string | null;
}

/** Login names are compared in one form: NFKC, trimmed, lower-case. */
export const normaliseUsername = (value: string): string => value.normalize('NFKC').trim().toLowerCase();

const MAX_USERNAME = 64;
const MAX_PASSWORD_INPUT = 256;

type FailureResult = FailureOutcome | { alreadyLocked: LockStatus };

/**
 * Login, refresh-token rotation, logout and password change (等级保护 level 3 身份鉴别 / 访问控制):
 * argon2id, lockout after consecutive failures, single-use refresh tokens with reuse detection,
 * idle timeout, forced change of initial passwords. Every login attempt goes to the login log; the
 * 操作日志 row of each of these mutations is the router's (ADR 0004), and this service adds rows only
 * for what happens besides the mutation: an account locked, a refresh token replayed, a session ended.
 */
export class AuthService {
  private readonly audit: AuditService;

  constructor(
    private readonly em: EntityManager,
    private readonly tokenSecret: string,
    private readonly settings: IdentitySettings,
  ) {
    this.audit = new AuditService(em);
  }

  // ------------------------------------------------------------------ login

  /**
   * Login. Once the name or the client address has failed repeatedly (settings.captcha), the
   * attempt must carry a solved captcha (CAPTCHA_REQUIRED / CAPTCHA_INVALID otherwise) before the
   * password is even looked at. Failures say in `extensions.details.captchaRequired` whether the
   * next attempt needs one, so the login page can show the picture straight away.
   */
  async login(
    usernameInput: string,
    password: string,
    client: ClientInfo,
    captcha: CaptchaAnswer = {},
  ): Promise<AuthPayload> {
    const username = normaliseUsername(usernameInput ?? '');
    if (username === '') throw badInput('请输入用户名', 'username');
    if (username.length > MAX_USERNAME) throw badInput(`用户名不能超过 ${MAX_USERNAME} 个字符`, 'username');
    if (typeof password !== 'string' || password === '') throw badInput('请输入密码', 'password');
    if (password.length > MAX_PASSWORD_INPUT) throw badInput(`密码不能超过 ${MAX_PASSWORD_INPUT} 个字符`, 'password');

    const captchas = new CaptchaService(this.em, this.settings.captcha);
    if (await captchas.required(username, client.ip)) {
      if (!captcha.captchaId || !captcha.captchaAnswer) {
        await this.logAttempt(username, null, client, 'CAPTCHA_REQUIRED');
        throw captchaRequired();
      }
      if (!(await captchas.consume(captcha.captchaId, captcha.captchaAnswer))) {
        await this.logAttempt(username, null, client, 'CAPTCHA_INVALID');
        throw captchaInvalid();
      }
    }
    try {
      return await this.checkCredentials(username, password, client);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code !== ErrorCode.BAD_USER_INPUT) {
        const details = (error.extensions.details ?? {}) as Record<string, unknown>;
        (error.extensions as Record<string, unknown>).details = {
          ...details,
          captchaRequired: await captchas.required(username, client.ip),
        };
      }
      throw error;
    }
  }

  private async checkCredentials(username: string, password: string, client: ClientInfo): Promise<AuthPayload> {
    const now = new Date();
    const user = await this.em.fork().findOne(User, { username });
    if (!user) return this.failUnknownUser(username, password, client, now);

    const status = lockStatus({ failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil }, now);
    if (status.locked) {
      await this.logAttempt(username, user, client, 'LOCKED');
      throw accountLocked(status.minutesLeft);
    }

    if (!(await verifyPassword(user.passwordHash, password))) {
      const outcome = await this.em.fork().transactional(async (tem): Promise<FailureResult> => {
        const row = await tem.findOneOrFail(User, user.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const current = lockStatus({ failedCount: row.failedLoginCount, lockedUntil: row.lockedUntil }, new Date());
        if (current.locked) return { alreadyLocked: current };
        const result = registerFailure(
          { failedCount: row.failedLoginCount, lockedUntil: row.lockedUntil },
          new Date(),
          this.settings.lockout,
        );
        row.failedLoginCount = result.state.failedCount;
        row.lockedUntil = result.state.lockedUntil;
        return result;
      });
      return this.failed(username, user, client, outcome);
    }

    if (user.status !== EnableStatus.ACTIVE) {
      await this.logAttempt(username, user, client, 'DISABLED');
      throw accountDisabled();
    }

    // Success: clear the failure count and open a session, unless a parallel attempt locked the account meanwhile.
    type Opened = { locked: LockStatus } | { user: User; session: Session; refreshToken: string; caller: Caller };
    const opened = await this.em.fork().transactional(async (tem): Promise<Opened> => {
      const row = await tem.findOneOrFail(User, user.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const current = lockStatus({ failedCount: row.failedLoginCount, lockedUntil: row.lockedUntil }, new Date());
      if (current.locked) return { locked: current };
      const cleared = clearedLockState();
      row.failedLoginCount = cleared.failedCount;
      row.lockedUntil = cleared.lockedUntil;
      row.lastLoginAt = now;
      row.lastLoginIp = client.ip;
      const { session, refreshToken } = this.openSession(tem, row, client, now);
      await tem.flush();
      const caller = await buildCaller(tem, row, session.id);
      return { user: row, session, refreshToken, caller };
    });
    if ('locked' in opened) {
      await this.logAttempt(username, user, client, 'LOCKED');
      throw accountLocked(opened.locked.minutesLeft);
    }
    await this.logAttempt(username, opened.user, client, 'OK');
    return this.payload(opened.user, opened.caller, opened.refreshToken);
  }

  /** An unknown name walks the same path as a wrong password: same hashing work, same counting, same words. */
  private async failUnknownUser(username: string, password: string, client: ClientInfo, now: Date): Promise<never> {
    const throttle = await this.em.fork().findOne(LoginThrottle, { username });
    const status = throttle ? lockStatus(throttle, now) : { locked: false, minutesLeft: 0 };
    if (status.locked) {
      await this.logAttempt(username, null, client, 'LOCKED');
      throw accountLocked(status.minutesLeft);
    }
    await verifyAgainstDummy(password);
    const count = async (): Promise<FailureResult> =>
      this.em.fork().transactional(async (tem) => {
        let row = await tem.findOne(LoginThrottle, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) {
          row = tem.create(LoginThrottle, { username, failedCount: 0, lockedUntil: null, updatedAt: new Date() });
          tem.persist(row);
        }
        const current = lockStatus(row, new Date());
        if (current.locked) return { alreadyLocked: current };
        const result = registerFailure(row, new Date(), this.settings.lockout);
        row.failedCount = result.state.failedCount;
        row.lockedUntil = result.state.lockedUntil;
        row.updatedAt = new Date();
        return result;
      });
    let outcome: FailureResult;
    try {
      outcome = await count();
    } catch (error) {
      // Two first attempts for the same unknown name raced to create its row: count again.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      outcome = await count();
    }
    // Forget names nobody has tried for a day.
    await this.em.fork().nativeDelete(LoginThrottle, {
      updatedAt: { $lt: new Date(now.getTime() - 86_400_000) },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
    });
    return this.failed(username, null, client, outcome);
  }

  private async failed(
    username: string,
    user: User | null,
    client: ClientInfo,
    outcome: FailureResult,
  ): Promise<never> {
    if ('alreadyLocked' in outcome) {
      await this.logAttempt(username, user, client, 'LOCKED');
      throw accountLocked(outcome.alreadyLocked.minutesLeft);
    }
    if (outcome.locked) {
      await this.logAttempt(username, user, client, 'LOCKED_NOW');
      await this.auditLockout({ id: user?.id ?? null, username, sessionId: null }, client, 'login');
      throw accountLocked(this.settings.lockout.lockMinutes);
    }
    await this.logAttempt(username, user, client, 'BAD_CREDENTIALS');
    throw badCredentials(outcome.remainingAttempts);
  }

  /**
   * 登录日志 row for every attempt. The 操作日志 row of the `login` mutation is the router's, as for
   * every mutation (ADR 0004); one written here as well made each login two rows.
   */
  private async logAttempt(username: string, user: User | null, client: ClientInfo, reason: LoginReason) {
    await recordLoginAttempt(this.em, {
      username,
      userId: user?.id ?? null,
      ip: client.ip,
      userAgent: client.userAgent,
      reason,
    });
  }

  /**
   * The account got locked by repeated failures: an event of its own in the 操作日志, beside the
   * router's row of the mutation that caused it (login or changePassword).
   */
  private auditLockout(
    account: { id: string | null; username: string; sessionId: string | null },
    client: ClientInfo,
    field: 'login' | 'changePassword',
  ) {
    return this.audit.append({
      actorId: account.id,
      actorName: account.username,
      sessionId: account.sessionId,
      ip: client.ip,
      userAgent: client.userAgent,
      operationName: 'auth.lockout',
      fields: [field],
      variables: { username: account.username, lockMinutes: this.settings.lockout.lockMinutes },
      result: 'SUCCESS',
    });
  }

  private openSession(
    em: EntityManager,
    user: User,
    client: ClientInfo,
    now: Date,
  ): { session: Session; refreshToken: string } {
    const session = em.create(Session, {
      user,
      familyId: randomUUID(),
      currentTokenHash: '',
      previousTokenHashes: [],
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + this.settings.sessionTtlDays * 86_400_000),
      ip: client.ip,
      userAgent: client.userAgent,
    });
    const refreshToken = newRefreshToken(session.id);
    session.currentTokenHash = hashRefreshToken(refreshToken);
    em.persist(session);
    return { session, refreshToken };
  }

  private async payload(user: User, caller: Caller, refreshToken: string): Promise<AuthPayload> {
    return {
      accessToken: await issueAccessToken(this.tokenSecret, caller),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      mustChangePassword: user.mustChangePassword,
      user,
    };
  }

  // ------------------------------------------------------------------ refresh

  /**
   * Rotates a refresh token. The presented token must be the family's current one; one already
   * rotated away means a copy is in someone else's hands, so the whole family is revoked (REUSED)
   * and the newest token stops working too. Refused after the idle timeout or the absolute expiry.
   */
  async refresh(token: string, client: ClientInfo): Promise<AuthPayload> {
    const sessionId = sessionIdOf(token);
    if (!sessionId) throw sessionExpired('INVALID');
    const presented = hashRefreshToken(token);
    const idleMs = this.settings.sessionIdleMinutes * 60_000;

    type Outcome =
      { refused: string; revoke: boolean; session?: Session } | { user: User; caller: Caller; refreshToken: string };
    const outcome = await this.em.fork().transactional(async (tem): Promise<Outcome> => {
      const session = await tem.findOne(Session, sessionId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session) return { refused: 'INVALID', revoke: false };
      if (session.revokedAt)
        return { refused: session.revokedReason === 'REUSED' ? 'REUSED' : 'REVOKED', revoke: false, session };
      const now = new Date();
      const revoke = (reason: SessionRevokeReason): Outcome => {
        session.revokedAt = now;
        session.revokedReason = reason;
        return { refused: reason, revoke: true, session };
      };
      if (!sameHash(presented, session.currentTokenHash)) {
        if (session.previousTokenHashes.some((h) => sameHash(presented, h))) return revoke('REUSED');
        return { refused: 'INVALID', revoke: false };
      }
      if (session.expiresAt.getTime() <= now.getTime()) return revoke('EXPIRED');
      if (now.getTime() - session.lastActiveAt.getTime() > idleMs) return revoke('IDLE_TIMEOUT');
      const user = await tem.findOneOrFail(User, session.user.id);
      if (user.status !== EnableStatus.ACTIVE) return revoke('USER_DISABLED');

      const refreshToken = newRefreshToken(session.id);
      session.previousTokenHashes = [...session.previousTokenHashes, session.currentTokenHash];
      session.currentTokenHash = hashRefreshToken(refreshToken);
      session.lastActiveAt = now;
      session.ip = client.ip ?? session.ip;
      session.userAgent = client.userAgent ?? session.userAgent;
      const caller = await buildCaller(tem, user, session.id);
      return { user, caller, refreshToken };
    });

    if ('refused' in outcome) {
      if (outcome.revoke && outcome.session) {
        await this.audit.append({
          actorId: outcome.session.user.id,
          sessionId: outcome.session.id,
          ip: client.ip,
          userAgent: client.userAgent,
          operationName: outcome.refused === 'REUSED' ? 'auth.refreshTokenReuse' : 'auth.sessionExpired',
          fields: ['refreshToken'],
          variables: { reason: outcome.refused },
          result: 'FAILURE',
          errorCodes: [ErrorCode.SESSION_EXPIRED],
        });
      }
      throw sessionExpired(outcome.refused);
    }
    return this.payload(outcome.user, outcome.caller, outcome.refreshToken);
  }

  // ------------------------------------------------------------------ logout

  async logout(caller: Caller): Promise<boolean> {
    const revoked = await this.revokeSessions({ id: caller.sessionId, user: caller.userId }, 'LOGOUT');
    return revoked > 0;
  }

  /** Revokes the matching live sessions; returns how many. */
  async revokeSessions(
    where: { id?: string | { $ne: string }; user?: string },
    reason: SessionRevokeReason,
  ): Promise<number> {
    return this.em
      .fork()
      .nativeUpdate(Session, { ...where, revokedAt: null } as never, { revokedAt: new Date(), revokedReason: reason });
  }

  // ------------------------------------------------------------------ change password

  /**
   * The person changes their own password (always allowed to a logged-in caller, also while a
   * change is required). The old password must be right (wrong guesses count towards the lockout);
   * the new one must meet the complexity rules. Other sessions are ended; the current one gets a
   * fresh token pair carrying the real permissions.
   */
  async changePassword(
    caller: Caller,
    oldPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<AuthPayload> {
    const user = await this.em.fork().findOne(User, caller.userId);
    if (!user || user.status !== EnableStatus.ACTIVE) throw unauthenticated();
    const status = lockStatus({ failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil }, new Date());
    if (status.locked) throw accountLocked(status.minutesLeft);
    if (typeof oldPassword !== 'string' || oldPassword === '') throw badInput('请输入原密码', 'oldPassword');
    if (typeof newPassword !== 'string' || newPassword === '') throw badInput('请输入新密码', 'newPassword');

    if (oldPassword.length > MAX_PASSWORD_INPUT || !(await verifyPassword(user.passwordHash, oldPassword))) {
      const outcome = await this.em.fork().transactional(async (tem) => {
        const row = await tem.findOneOrFail(User, user.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const result = registerFailure(
          { failedCount: row.failedLoginCount, lockedUntil: row.lockedUntil },
          new Date(),
          this.settings.lockout,
        );
        row.failedLoginCount = result.state.failedCount;
        row.lockedUntil = result.state.lockedUntil;
        return result;
      });
      if (outcome.locked) {
        await this.auditLockout(
          { id: caller.userId, username: caller.username, sessionId: caller.sessionId },
          client,
          'changePassword',
        );
        throw accountLocked(this.settings.lockout.lockMinutes);
      }
      throw new AppError(ErrorCode.BAD_USER_INPUT, `原密码不正确，还可尝试 ${outcome.remainingAttempts} 次`, {
        field: 'oldPassword',
        details: { remainingAttempts: outcome.remainingAttempts },
      });
    }
    assertPasswordComplexity(newPassword, { username: user.username, oldPassword }, 'newPassword');

    const passwordHash = await hashPassword(newPassword);
    const now = new Date();
    const done = await this.em.fork().transactional(async (tem) => {
      const row = await tem.findOneOrFail(User, user.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      row.passwordHash = passwordHash;
      row.mustChangePassword = false;
      row.passwordChangedAt = now;
      row.failedLoginCount = 0;
      row.lockedUntil = null;
      await tem.nativeUpdate(
        Session,
        { user: row.id, id: { $ne: caller.sessionId }, revokedAt: null },
        { revokedAt: now, revokedReason: 'PASSWORD_CHANGED' },
      );
      let session = await tem.findOne(Session, { id: caller.sessionId, user: row.id, revokedAt: null });
      let refreshToken: string;
      if (session) {
        refreshToken = newRefreshToken(session.id);
        session.previousTokenHashes = [...session.previousTokenHashes, session.currentTokenHash];
        session.currentTokenHash = hashRefreshToken(refreshToken);
        session.lastActiveAt = now;
      } else {
        ({ session, refreshToken } = this.openSession(tem, row, client, now));
      }
      await tem.flush();
      const nextCaller = await buildCaller(tem, row, session.id);
      return { user: row, caller: nextCaller, refreshToken };
    });
    return this.payload(done.user, done.caller, done.refreshToken);
  }
}
