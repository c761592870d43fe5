import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * One graphical captcha challenge. Only the SM3 hash of `<id>:<answer>` is stored; the row is
 * deleted when it is checked (right or wrong), so every challenge answers at most once, and
 * expired rows are swept when new ones are issued.
 */
@Entity({ tableName: 'login_captcha' })
@Index({ name: 'login_captcha_expires_at_idx', properties: ['expiresAt'] })
export class LoginCaptcha {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64 })
  answerHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;
}

@ObjectType('LoginCaptcha', { description: '图形验证码：把 svg 显示给用户，登录时提交 id 和用户输入的字符' })
export class LoginCaptchaChallenge {
  @Field(() => ID, { description: '验证码 ID（登录时作为 captchaId 提交）' })
  id!: string;

  @Field(() => String, { description: 'SVG 图片（image/svg+xml 文本）' })
  svg!: string;

  @Field(() => Int, { description: '有效期（秒）；只能使用一次' })
  expiresIn!: number;
}
