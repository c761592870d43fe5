/** The same rules identity enforces (等级保护): shown while typing; the server has the last word. */
export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('至少 8 位');
  if (password.length > 64) problems.push('不超过 64 位');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('包含大写字母、小写字母、数字、特殊符号中的至少 3 类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  return problems;
}

/** 0–4 for the strength bar. */
export function passwordStrength(password: string): number {
  if (!password) return 0;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  let score = classes;
  if (password.length >= 12) score += 1;
  if (password.length < 8) score = Math.min(score, 1);
  return Math.min(score, 4);
}

export const PASSWORD_RULE_TEXT =
  '8–64 位，须包含大写字母、小写字母、数字、特殊符号中的至少 3 类，不能包含用户名，不能与原密码相同';
