import { badInput } from '@hs/kit';

/**
 * Password complexity (等级保护 level 3, 身份鉴别): at least 8 characters, at least three of the
 * four classes upper case / lower case / digit / symbol, must not contain the login name, and a
 * new password must differ from the old one. Pure: the reasons are for people, in Chinese.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** argon2 hashes any length, but an upper bound keeps a login from being used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_MIN_CLASSES = 3;

export interface PasswordContext {
  username: string;
  /** The current password in clear, when the person typed it (change password). */
  oldPassword?: string | null;
}

export function passwordClasses(password: string): { upper: boolean; lower: boolean; digit: boolean; symbol: boolean } {
  return {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: /[^A-Za-z0-9]/.test(password),
  };
}

/** Every rule the password breaks, in Chinese; empty when it is acceptable. */
export function checkPasswordComplexity(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  if (typeof password !== 'string' || password.length === 0) return ['密码不能为空'];
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`密码长度至少 ${PASSWORD_MIN_LENGTH} 位，当前为 ${length} 位`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`密码长度不能超过 ${PASSWORD_MAX_LENGTH} 位`);
  if (/\p{Cc}/u.test(password)) problems.push('密码不能包含控制字符');
  const classes = passwordClasses(password);
  const count = Object.values(classes).filter(Boolean).length;
  if (count < PASSWORD_MIN_CLASSES) {
    const missing = [
      !classes.upper && '大写字母',
      !classes.lower && '小写字母',
      !classes.digit && '数字',
      !classes.symbol && '特殊符号',
    ].filter(Boolean);
    problems.push(
      `密码须包含大写字母、小写字母、数字、特殊符号中的至少 ${PASSWORD_MIN_CLASSES} 类，当前缺少：${missing.join('、')}`,
    );
  }
  const username = context.username.trim().toLowerCase();
  if (username && password.toLowerCase().includes(username)) problems.push('密码不能包含用户名');
  if (context.oldPassword != null && context.oldPassword === password) problems.push('新密码不能与原密码相同');
  return problems;
}

/** Throws BAD_USER_INPUT naming every broken rule (field `field`), so the form can show them all at once. */
export function assertPasswordComplexity(password: string, context: PasswordContext, field = 'newPassword'): void {
  const problems = checkPasswordComplexity(password, context);
  if (problems.length > 0) throw badInput(`密码不符合安全要求：${problems.join('；')}`, field);
}
