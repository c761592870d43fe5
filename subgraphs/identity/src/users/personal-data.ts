import {
  assertIdCard,
  assertMobile,
  blindIndex,
  decryptField,
  encryptField,
  hasPermission,
  maskIdCard,
  maskPhone,
  Permission,
  type Caller,
} from '@hs/kit';

/**
 * 手机号 / 身份证号 at rest: SM4 ciphertext (kit encryptField) plus an HMAC-SM3 blind index for
 * uniqueness and exact search, both under FIELD_ENCRYPTION_KEY. On the way out the values are
 * masked unless the caller holds system:user:sensitive.
 */
export interface SealedValue {
  cipher: string;
  index: string;
}

export class PersonalData {
  constructor(private readonly key: string) {}

  /** Validates (BAD_USER_INPUT on a malformed number), normalises and seals a mobile number. */
  sealPhone(value: string, field = 'phone'): SealedValue {
    const mobile = assertMobile(value, field);
    return { cipher: encryptField(mobile, this.key), index: blindIndex(mobile, this.key) };
  }

  sealIdCard(value: string, field = 'idCardNo'): SealedValue {
    const id = assertIdCard(value, field);
    return { cipher: encryptField(id, this.key), index: blindIndex(id, this.key) };
  }

  /** The blind index of a search term when it is a valid number of that kind, else null. */
  phoneIndexOf(value: string): string | null {
    try {
      return blindIndex(assertMobile(value), this.key);
    } catch {
      return null;
    }
  }

  idCardIndexOf(value: string): string | null {
    try {
      return blindIndex(assertIdCard(value), this.key);
    } catch {
      return null;
    }
  }

  open(cipher: string | null): string | null {
    return cipher ? decryptField(cipher, this.key) : null;
  }
}

export const canSeeSensitive = (caller: Caller | null): boolean => hasPermission(caller, Permission.USER_SENSITIVE);

export function presentPhone(plain: string | null, caller: Caller | null): string | null {
  if (plain === null) return null;
  return canSeeSensitive(caller) ? plain : maskPhone(plain);
}

export function presentIdCard(plain: string | null, caller: Caller | null): string | null {
  if (plain === null) return null;
  return canSeeSensitive(caller) ? plain : maskIdCard(plain);
}
