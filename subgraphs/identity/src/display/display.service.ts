import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, ErrorCode, forbidden, issueAccessToken, notFound, type Caller } from '@hs/kit';
import { AuditService } from '../audit/audit.service.js';
import { recordLoginAttempt } from '../audit/login-log.service.js';
import type { ClientInfo } from '../auth/auth.service.js';
import { sameHash } from '../auth/refresh-token.js';
import { assertId, assertText } from '../common/validate.js';
import { DisplayLink } from './display-link.entity.js';
import {
  DISPLAY_LINK_LABEL_MAX,
  DISPLAY_LINK_MAX_DAYS,
  DISPLAY_LINK_MIN_DAYS,
  DISPLAY_PERMISSIONS,
  displayCaller,
  displayLinkActorName,
  displayLinkState,
  displayPath,
  displayTokenTtl,
  hashDisplayToken,
  linkIdOf,
  newDisplayToken,
} from './display-link.rules.js';

/** Why an exchange was refused; also the login-log reason code (≤ 32 chars). */
export type DisplayRefusal = 'DISPLAY_LINK_INVALID' | 'DISPLAY_LINK_REVOKED' | 'DISPLAY_LINK_EXPIRED';

const REFUSAL_MESSAGES: Record<DisplayRefusal, string> = {
  DISPLAY_LINK_INVALID: '大屏链接无效，请联系管理员重新生成',
  DISPLAY_LINK_REVOKED: '大屏链接已被撤销，请联系管理员重新生成',
  DISPLAY_LINK_EXPIRED: '大屏链接已过期，请联系管理员重新生成',
};

const refused = (reason: DisplayRefusal) =>
  new AppError(ErrorCode.UNAUTHENTICATED, REFUSAL_MESSAGES[reason], { details: { reason } });

export interface CreatedLink {
  link: DisplayLink;
  token: string;
  path: string;
}

export interface DisplayLogin {
  accessToken: string;
  expiresIn: number;
  permissions: string[];
  label: string;
  linkExpiresAt: Date;
}

/**
 * Create / list / revoke display links and exchange a link's token for a read-only access token.
 * Every exchange, good or bad, leaves a login-log row and an audit row; creation and revocation
 * leave an audit row naming the link (the router's own record of the mutation does not know its id).
 */
export class DisplayLinkService {
  private readonly audit: AuditService;

  constructor(
    private readonly em: EntityManager,
    private readonly tokenSecret: string,
  ) {
    this.audit = new AuditService(em);
  }

  async list(): Promise<DisplayLink[]> {
    return this.em.find(DisplayLink, {}, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /**
   * Only city-wide administrators create links: a link reads the whole city, and identity's grant
   * rule is that only ALL-scope callers hand out ALL-scope access.
   */
  async create(caller: Caller, labelInput: string, validDays: number, client: ClientInfo): Promise<CreatedLink> {
    assertCityWide(caller, '创建');
    const label = assertText(labelInput, 'label', '链接名称', DISPLAY_LINK_LABEL_MAX);
    if (!Number.isInteger(validDays) || validDays < DISPLAY_LINK_MIN_DAYS || validDays > DISPLAY_LINK_MAX_DAYS) {
      throw badInput(`有效天数须为 ${DISPLAY_LINK_MIN_DAYS} 到 ${DISPLAY_LINK_MAX_DAYS} 之间的整数`, 'validDays');
    }
    const now = new Date();
    const em = this.em.fork();
    const link = em.create(DisplayLink, {
      id: randomUUID(),
      label,
      tokenHash: '',
      createdById: caller.userId,
      createdByName: caller.username,
      createdAt: now,
      expiresAt: new Date(now.getTime() + validDays * 86_400_000),
      useCount: 0,
    });
    const token = newDisplayToken(link.id);
    link.tokenHash = hashDisplayToken(token);
    await em.persistAndFlush(link);
    await this.audit.append({
      actorId: caller.userId,
      actorName: caller.username,
      sessionId: caller.sessionId,
      ip: client.ip,
      userAgent: client.userAgent,
      operationName: 'display.createLink',
      fields: ['createDisplayLink'],
      variables: { linkId: link.id, label, validDays, expiresAt: link.expiresAt.toISOString() },
      result: 'SUCCESS',
    });
    return { link, token, path: displayPath(token) };
  }

  /** Idempotent: revoking a revoked link returns it unchanged. */
  async revoke(caller: Caller, idInput: string, client: ClientInfo): Promise<DisplayLink> {
    assertCityWide(caller, '撤销');
    const id = assertId(idInput, 'id', '大屏链接');
    const em = this.em.fork();
    const link = await em.findOne(DisplayLink, id);
    if (!link) throw notFound('大屏链接');
    if (link.revokedAt) return link;
    link.revokedAt = new Date();
    link.revokedById = caller.userId;
    await em.flush();
    await this.audit.append({
      actorId: caller.userId,
      actorName: caller.username,
      sessionId: caller.sessionId,
      ip: client.ip,
      userAgent: client.userAgent,
      operationName: 'display.revokeLink',
      fields: ['revokeDisplayLink'],
      variables: { linkId: link.id, label: link.label },
      result: 'SUCCESS',
    });
    return link;
  }

  /**
   * The screen's sign-in: token -> access token for a read-only caller (display-link.rules.ts).
   * Unknown ids and wrong secrets get the same answer; revoked and expired links say so, which
   * tells the holder of a once-valid token nothing new but tells the operator what to do.
   */
  async exchange(token: string, client: ClientInfo): Promise<DisplayLogin> {
    const now = new Date();
    const id = linkIdOf(token);
    if (!id) return this.refuse(null, null, 'DISPLAY_LINK_INVALID', client);
    const link = await this.em.fork().findOne(DisplayLink, id);
    if (!link || !sameHash(hashDisplayToken(token), link.tokenHash)) {
      return this.refuse(link ? link.id : null, null, 'DISPLAY_LINK_INVALID', client);
    }
    const state = displayLinkState(link, now);
    if (state === 'REVOKED') return this.refuse(link.id, link.label, 'DISPLAY_LINK_REVOKED', client);
    if (state === 'EXPIRED') return this.refuse(link.id, link.label, 'DISPLAY_LINK_EXPIRED', client);

    // Counted only while still live: a revocation racing this exchange wins.
    const updated = await this.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `update "identity"."display_link"
            set "use_count" = "use_count" + 1, "last_used_at" = ?, "last_used_ip" = ?
          where "id" = ? and "revoked_at" is null and "expires_at" > ?
          returning "id"`,
        [now, client.ip?.slice(0, 64) ?? null, link.id, now],
      );
    if (updated.length === 0) return this.refuse(link.id, link.label, 'DISPLAY_LINK_REVOKED', client);

    const exchangeId = randomUUID();
    const caller = displayCaller(link, exchangeId);
    const expiresIn = displayTokenTtl(link.expiresAt, now);
    const accessToken = await issueAccessToken(this.tokenSecret, caller, expiresIn);
    await this.record(link.id, link.label, 'OK', client, exchangeId);
    return {
      accessToken,
      expiresIn,
      permissions: [...DISPLAY_PERMISSIONS],
      label: link.label,
      linkExpiresAt: link.expiresAt,
    };
  }

  private async refuse(
    linkId: string | null,
    label: string | null,
    reason: DisplayRefusal,
    client: ClientInfo,
  ): Promise<never> {
    await this.record(linkId, label, reason, client, null);
    throw refused(reason);
  }

  /** 登录日志 + 审计日志 for one exchange. The token itself is never written anywhere. */
  private async record(
    linkId: string | null,
    label: string | null,
    reason: 'OK' | DisplayRefusal,
    client: ClientInfo,
    exchangeId: string | null,
  ): Promise<void> {
    const at = new Date();
    const actorName = displayLinkActorName(linkId);
    await recordLoginAttempt(
      this.em,
      // The login log's reason codes are extended by DISPLAY_LINK_* (labels: see display/README.md).
      { username: actorName, userId: null, ip: client.ip, userAgent: client.userAgent, reason },
      at,
    );
    await this.audit.append({
      at,
      actorId: linkId,
      actorName,
      sessionId: exchangeId,
      ip: client.ip,
      userAgent: client.userAgent,
      operationName: 'auth.displayLogin',
      fields: ['displayLogin'],
      variables: { linkId, label, reason },
      result: reason === 'OK' ? 'SUCCESS' : 'FAILURE',
      errorCodes: reason === 'OK' ? [] : [ErrorCode.UNAUTHENTICATED],
    });
  }
}

function assertCityWide(caller: Caller, verb: string): void {
  if (caller.scope.kind !== 'ALL') {
    throw forbidden(`只有数据权限为“全部”的管理员可以${verb}大屏链接（大屏可查看全市数据）`);
  }
}
