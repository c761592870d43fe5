import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';

export const SESSION_REVOKE_REASONS = [
  'LOGOUT',
  'REUSED',
  'IDLE_TIMEOUT',
  'EXPIRED',
  'FORCED',
  'PASSWORD_CHANGED',
  'PASSWORD_RESET',
  'USER_DISABLED',
] as const;
export type SessionRevokeReason = (typeof SESSION_REVOKE_REASONS)[number];

/**
 * One login: a family of refresh tokens. Each refresh token is single-use: refreshing replaces
 * `currentTokenHash` and keeps the old hash in `previousTokenHashes`; presenting any previous token
 * again means it was stolen (or replayed), and the whole family is revoked (reason REUSED).
 * Only SM3 hashes of tokens are stored.
 */
@Entity({ tableName: 'session' })
@ObjectType('UserSession', { description: '登录会话（在线用户）' })
@Index({ name: 'session_user_id_idx', properties: ['user'] })
@Index({ name: 'session_last_active_at_idx', properties: ['lastActiveAt'] })
@Index({ name: 'session_revoked_at_idx', properties: ['revokedAt'] })
@Index({ name: 'session_created_at_idx', properties: ['createdAt'] })
@Index({ name: 'session_expires_at_idx', properties: ['expiresAt'] })
export class Session {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'cascade' })
  user!: User;

  @Field(() => ID, { description: '刷新令牌族 ID' })
  @Index({ name: 'session_family_id_idx' })
  @Property({ type: 'uuid' })
  familyId: string = randomUUID();

  @Property({ type: 'string', length: 64, hidden: true })
  currentTokenHash!: string;

  @Property({ type: ArrayType, hidden: true })
  previousTokenHashes: string[] = [];

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: '最近活动时间（登录或刷新令牌）' })
  @Property({ type: 'datetime' })
  lastActiveAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description: '失效原因：LOGOUT 退出 / REUSED 刷新令牌重放 / IDLE_TIMEOUT 超时 / FORCED 强制下线 …',
  })
  @Property({ type: 'string', length: 32, nullable: true })
  revokedReason: SessionRevokeReason | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;
}
