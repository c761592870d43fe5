import { requireCaller } from '@hs/kit';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { AuthPayload } from './auth.types.js';
import { LoginCaptchaChallenge } from './captcha.entity.js';
import { CaptchaService } from './captcha.service.js';

const service = (ctx: IdentityContext) => new AuthService(ctx.em, ctx.deps.config.AUTH_TOKEN_SECRET, ctx.settings);
const clientOf = (ctx: IdentityContext): ClientInfo => ({ ip: ctx.ip, userAgent: ctx.userAgent });

@Resolver()
export class AuthResolver {
  @Query(() => LoginCaptchaChallenge, {
    description: '获取登录图形验证码（同一用户名或同一 IP 近期登录失败 2 次后，登录须提交验证码）。只能使用一次',
  })
  async loginCaptcha(@Ctx() ctx: IdentityContext): Promise<LoginCaptchaChallenge> {
    const { id, svg, expiresIn } = await new CaptchaService(ctx.em, ctx.settings.captcha).issue(ctx.ip);
    return { id, svg, expiresIn };
  }

  @Mutation(() => AuthPayload, {
    description:
      '登录。连续失败 5 次锁定 15 分钟；近期失败 2 次后须提交图形验证码（否则 CAPTCHA_REQUIRED / CAPTCHA_INVALID）；mustChangePassword 为 true 时须先调用 changePassword',
  })
  login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Arg('captchaId', () => String, { nullable: true, description: 'loginCaptcha 返回的 id' }) captchaId: string | null,
    @Arg('captchaAnswer', () => String, { nullable: true, description: '用户输入的验证码字符（不区分大小写）' })
    captchaAnswer: string | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    return service(ctx).login(username, password, clientOf(ctx), { captchaId, captchaAnswer });
  }

  @Mutation(() => AuthPayload, {
    description: '用刷新令牌换一对新令牌。每个刷新令牌只能用一次；重复使用旧令牌会使整个登录失效',
  })
  refreshToken(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext): Promise<AuthPayload> {
    return service(ctx).refresh(token, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: '退出登录：当前会话的刷新令牌失效' })
  logout(@Ctx() ctx: IdentityContext): Promise<boolean> {
    return service(ctx).logout(requireCaller(ctx));
  }

  @Authorized()
  @Mutation(() => AuthPayload, {
    description: '修改本人密码（必须修改密码期间也可用）。成功后其他会话失效，并返回带完整权限的新令牌',
  })
  changePassword(
    @Arg('oldPassword', () => String) oldPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    return service(ctx).changePassword(requireCaller(ctx), oldPassword, newPassword, clientOf(ctx));
  }
}
