import { type Caller, decryptField, findHuangshiDivision, hasPermission, type Logger } from '@hs/kit';
import { WorkforcePermission } from '../permissions.js';

/**
 * A stored 身份证号 or phone as the caller may see it: in full with workforce:person:sensitive,
 * masked otherwise (the list, the detail page and the export alike). A cipher that does not
 * decrypt (wrong FIELD_ENCRYPTION_KEY) reads as absent and is logged.
 */
export function revealPersonal(
  cipher: string | null,
  caller: Caller | null,
  fieldKey: string,
  mask: (plain: string) => string,
  logger: Logger,
): string | null {
  if (!cipher) return null;
  let plain: string;
  try {
    plain = decryptField(cipher, fieldKey);
  } catch (error) {
    logger.error({ err: error }, 'stored personal data cannot be decrypted (wrong FIELD_ENCRYPTION_KEY?)');
    return null;
  }
  return hasPermission(caller, WorkforcePermission.PERSON_SENSITIVE) ? plain : mask(plain);
}

/** 周岁 on a Beijing date (YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export const sexLabel = (sex: string): string => (sex === 'MALE' ? '男' : '女');

/** 大冶市 for 420281; an unknown code as itself. */
export const districtName = (code: string): string => findHuangshiDivision(code)?.name ?? code;
