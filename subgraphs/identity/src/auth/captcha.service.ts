import type { EntityManager } from '@mikro-orm/postgresql';
import { sm3 } from '@hs/kit';
import { LoginResult } from '../audit/login-log.entity.js';
import { isUuid } from '../common/validate.js';
import type { CaptchaPolicy } from '../settings.js';
import {
  cryptoRandom,
  normaliseCaptchaAnswer,
  randomCaptchaText,
  renderCaptchaSvg,
  type CaptchaRandom,
} from './captcha-render.js';
import { LoginCaptcha } from './captcha.entity.js';
import { sameHash } from './refresh-token.js';

export const captchaAnswerHash = (id: string, answer: string): string =>
  sm3(`${id.toLowerCase()}:${normaliseCaptchaAnswer(answer)}`);

const MAX_ANSWER = 16;

/**
 * Issues, checks and requires login captchas. A captcha is required once the login name or the
 * client address has `afterFailures` failed attempts within the window (for a name: only the
 * failures since its last successful login count). The login log is the source of the counts.
 */
export class CaptchaService {
  constructor(
    private readonly em: EntityManager,
    private readonly policy: CaptchaPolicy,
    private readonly random: CaptchaRandom = cryptoRandom,
  ) {}

  /** A new challenge; also sweeps expired ones. Returns the answer for tests and the caller to drop. */
  async issue(
    ip: string | null,
    now = new Date(),
  ): Promise<{ id: string; svg: string; expiresIn: number; answer: string }> {
    const answer = randomCaptchaText(this.random);
    const em = this.em.fork();
    await em.nativeDelete(LoginCaptcha, { expiresAt: { $lt: now } });
    const row = em.create(LoginCaptcha, {
      answerHash: '',
      expiresAt: new Date(now.getTime() + this.policy.ttlSeconds * 1000),
      createdAt: now,
      ip: ip?.slice(0, 64) ?? null,
    });
    row.answerHash = captchaAnswerHash(row.id, answer);
    await em.persistAndFlush(row);
    return { id: row.id, svg: renderCaptchaSvg(answer, this.random), expiresIn: this.policy.ttlSeconds, answer };
  }

  /**
   * Checks an answer and uses the challenge up, whatever the outcome (a wrong guess cannot be
   * followed by another guess at the same picture). False for unknown, expired or wrong.
   */
  async consume(id: unknown, answer: unknown, now = new Date()): Promise<boolean> {
    if (!isUuid(id) || typeof answer !== 'string' || answer.length > MAX_ANSWER) {
      if (isUuid(id)) await this.em.fork().nativeDelete(LoginCaptcha, { id: id.toLowerCase() });
      return false;
    }
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ answer_hash: string; expires_at: Date }[]>(
        `delete from "identity"."login_captcha" where "id" = ? returning "answer_hash", "expires_at"`,
        [id.toLowerCase()],
      );
    const row = rows[0];
    if (!row) return false;
    if (new Date(row.expires_at).getTime() <= now.getTime()) return false;
    return sameHash(captchaAnswerHash(id, answer), row.answer_hash);
  }

  /** Whether the next login for this name / from this address must carry a solved captcha. */
  async required(username: string, ip: string | null, now = new Date()): Promise<boolean> {
    const threshold = this.policy.afterFailures;
    if (threshold === 0) return true;
    const since = new Date(now.getTime() - this.policy.windowMinutes * 60_000);
    const connection = this.em.fork().getConnection();
    const [byName] = await connection.execute<{ n: string }[]>(
      `select count(*) as n from "identity"."login_log" f
        where f."username" = ? and f."result" = ? and f."at" > ?
          and not exists (select 1 from "identity"."login_log" s
                           where s."username" = f."username" and s."result" = ? and s."at" > f."at")`,
      [username, LoginResult.FAILURE, since, LoginResult.SUCCESS],
    );
    if (Number(byName?.n ?? 0) >= threshold) return true;
    if (!ip) return false;
    // A revoked wall-screen link keeps failing from the bureau's shared address: that must not
    // put a captcha in front of every person behind the same address.
    const [byIp] = await connection.execute<{ n: string }[]>(
      `select count(*) as n from "identity"."login_log"
        where "ip" = ? and "result" = ? and "at" > ? and "reason" not like 'DISPLAY\\_LINK\\_%'`,
      [ip.slice(0, 64), LoginResult.FAILURE, since],
    );
    return Number(byIp?.n ?? 0) >= threshold;
  }
}
