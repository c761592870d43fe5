import { GraphQLError } from 'graphql';
import { AppError, ErrorCode } from '@hs/kit';

/** Same words whether the name is unknown or the password wrong: the answer never tells which. */
export const badCredentials = (remainingAttempts: number) =>
  new AppError(ErrorCode.UNAUTHENTICATED, `用户名或密码错误，还可尝试 ${remainingAttempts} 次`, {
    details: { reason: 'BAD_CREDENTIALS', remainingAttempts },
  });

export const accountLocked = (minutesLeft: number) =>
  new AppError(ErrorCode.ACCOUNT_LOCKED, `登录失败次数过多，账号已锁定，请 ${minutesLeft} 分钟后再试`, {
    details: { minutesLeft },
  });

export const accountDisabled = () =>
  new AppError(ErrorCode.FORBIDDEN, '账号已停用，请联系管理员', { details: { reason: 'ACCOUNT_DISABLED' } });

const SESSION_MESSAGES: Record<string, string> = {
  INVALID: '登录状态无效，请重新登录',
  REUSED: '检测到登录凭证被重复使用，为保护账号安全，该登录已失效，请重新登录',
  IDLE_TIMEOUT: '长时间未操作，登录已超时，请重新登录',
  EXPIRED: '登录已过期，请重新登录',
  REVOKED: '登录已失效（已退出或被强制下线），请重新登录',
  USER_DISABLED: '账号已停用，请联系管理员',
};

export const sessionExpired = (reason: keyof typeof SESSION_MESSAGES | string) =>
  new AppError(ErrorCode.SESSION_EXPIRED, SESSION_MESSAGES[reason] ?? SESSION_MESSAGES.INVALID, {
    details: { reason },
  });

/** Codes of the login captcha (not in the kit's list: only login uses them). */
export const CaptchaErrorCode = {
  CAPTCHA_REQUIRED: 'CAPTCHA_REQUIRED',
  CAPTCHA_INVALID: 'CAPTCHA_INVALID',
} as const;

export const captchaRequired = () =>
  new GraphQLError('登录失败次数较多，请输入图形验证码', {
    extensions: { code: CaptchaErrorCode.CAPTCHA_REQUIRED, field: 'captchaAnswer', details: { captchaRequired: true } },
  });

export const captchaInvalid = () =>
  new GraphQLError('图形验证码错误或已过期，请重新输入', {
    extensions: { code: CaptchaErrorCode.CAPTCHA_INVALID, field: 'captchaAnswer', details: { captchaRequired: true } },
  });
