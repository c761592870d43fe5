import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { LoginReason } from '@hs/labels';

export enum LoginResult {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
}

registerEnumType(LoginResult, {
  name: 'LoginResult',
  description: '登录结果',
  valuesConfig: { SUCCESS: { description: '成功' }, FAILURE: { description: '失败' } },
});

/** Why an attempt failed (or OK): stable codes, named in @hs/labels' LOGIN_REASON_LABELS. */
export type { LoginReason };

/** 登录日志: every login attempt, successful or not. */
@Entity({ tableName: 'login_log' })
@ObjectType('LoginLog', { description: '登录日志' })
@Index({ name: 'login_log_at_idx', properties: ['at'] })
@Index({ name: 'login_log_username_at_idx', properties: ['username', 'at'] })
@Index({ name: 'login_log_user_id_idx', properties: ['userId'] })
@Index({ name: 'login_log_ip_at_idx', properties: ['ip', 'at'] })
@Index({ name: 'login_log_result_id_idx', properties: ['result', 'id'] })
@Index({ name: 'login_log_ip_id_idx', properties: ['ip', 'id'] })
export class LoginLog {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Field(() => String, { description: '尝试登录的用户名' })
  @Property({ type: 'string', length: 64 })
  username!: string;

  @Field(() => ID, { nullable: true, description: '用户 ID（用户存在时）' })
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Field(() => LoginResult)
  @Property({ type: 'string', length: 16 })
  result!: LoginResult;

  @Field(() => String, {
    description: '原因代码：OK / BAD_CREDENTIALS / LOCKED / LOCKED_NOW / DISABLED / CAPTCHA_REQUIRED / CAPTCHA_INVALID',
  })
  @Property({ type: 'string', length: 32 })
  reason!: LoginReason;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at: Date = new Date();
}
