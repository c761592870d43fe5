import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum LoginResult {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
}

registerEnumType(LoginResult, {
  name: 'LoginResult',
  description: '登录结果',
  valuesConfig: { SUCCESS: { description: '成功' }, FAILURE: { description: '失败' } },
});

/** Why an attempt failed (or OK). Stable codes; the admin shows LOGIN_REASON_LABELS. */
export const LOGIN_REASON_LABELS = {
  OK: '登录成功',
  BAD_CREDENTIALS: '用户名或密码错误',
  LOCKED: '账号已锁定',
  LOCKED_NOW: '连续失败次数过多，账号被锁定',
  DISABLED: '账号已停用',
  BAD_INPUT: '请求参数错误',
  CAPTCHA_REQUIRED: '未提供图形验证码',
  CAPTCHA_INVALID: '图形验证码错误或已过期',
  DISPLAY_LINK_INVALID: '大屏链接无效',
  DISPLAY_LINK_REVOKED: '大屏链接已撤销',
  DISPLAY_LINK_EXPIRED: '大屏链接已过期',
} as const;
export type LoginReason = keyof typeof LOGIN_REASON_LABELS;

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
