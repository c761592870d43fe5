import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DisplayLinkStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(DisplayLinkStatus, {
  name: 'DisplayLinkStatus',
  description: '大屏链接状态',
  valuesConfig: {
    ACTIVE: { description: '有效' },
    EXPIRED: { description: '已过期' },
    REVOKED: { description: '已撤销' },
  },
});

/**
 * 大屏展示链接: lets a wall screen sign in without a password, read-only (see display-link.rules.ts).
 * Only the SM3 hash of the token is stored. The creator is kept as id + name (no foreign key: the
 * record must outlive the account, like audit rows).
 */
@Entity({ tableName: 'display_link' })
@ObjectType('DisplayLink', { description: '大屏展示链接（免登录只读访问数据指挥中心）' })
@Index({ name: 'display_link_created_at_idx', properties: ['createdAt'] })
export class DisplayLink {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '名称（如“指挥中心大屏”）' })
  @Property({ type: 'string', length: 50 })
  label!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  tokenHash!: string;

  @Field(() => ID, { nullable: true, description: '创建人 ID' })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => String, { nullable: true, description: '创建人（用户名）' })
  @Property({ type: 'string', length: 64, nullable: true })
  createdByName: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: '链接有效期至' })
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => ID, { nullable: true, description: '撤销人 ID' })
  @Property({ type: 'uuid', nullable: true })
  revokedById: string | null = null;

  @Field(() => Date, { nullable: true, description: '最近一次换取访问令牌的时间' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: '最近一次使用的 IP' })
  @Property({ type: 'string', length: 64, nullable: true })
  lastUsedIp: string | null = null;

  @Field(() => Int, { description: '累计换取访问令牌次数' })
  @Property({ type: 'integer' })
  useCount: number = 0;
}
