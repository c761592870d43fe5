import { computeCreditCodeCheckChar, CREDIT_CODE_CHARSET } from '@hs/kit';

/**
 * Builds valid 统一社会信用代码 for generated (fictional) enterprises: GB 32100 layout with the
 * GB 11714 organisation code (8 characters + its own check character) in positions 9–17 and the
 * GB 32100 check character (computed by the kit) in position 18. Validation lives in @hs/kit.
 */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-character organisation code body (0-9 = 0-9, A-Z = 10-35). */
export function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    const value = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Characters allowed both in an organisation code body and in a credit code. */
const BODY_CHARSET = CREDIT_CODE_CHARSET;

/** `91` (工商·企业) + division + organisation code + check character. */
export function buildCreditCode(divisionCode: string, random: () => number, authority = '9', category = '1'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += BODY_CHARSET[Math.floor(random() * BODY_CHARSET.length)];
  const first17 = `${authority}${category}${divisionCode}${body}${organisationCodeCheckChar(body)}`;
  return first17 + computeCreditCodeCheckChar(first17);
}
