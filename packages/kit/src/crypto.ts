import { randomBytes, timingSafeEqual } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { normaliseMobile } from './validators/mobile.js';

/**
 * Chinese commercial cryptography (商用密码) for personal data at rest:
 *
 * - SM3 (GB/T 32905-2016) hashing and HMAC-SM3 (RFC 2104 construction, 64-byte block;
 *   GM/T 0042-2015 Appendix D.3 vectors in the tests),
 * - SM4-CBC (GB/T 32907-2016) field encryption with an HMAC-SM3 tag (encrypt-then-MAC),
 * - blind indexes for equality lookups and unique indexes on encrypted columns,
 * - masking for display.
 *
 * Stored form of an encrypted field: `sm4:<iv>:<ciphertext>:<tag>`, all lower-case hex:
 * iv 16 random bytes, ciphertext SM4-CBC with PKCS#7 padding, tag = HMAC-SM3 over iv‖ciphertext.
 * The tag is checked (in constant time) before anything is decrypted, so a wrong key or a
 * changed character throws instead of returning garbage.
 *
 * The key given to encryptField/decryptField (FIELD_ENCRYPTION_KEY, 16 bytes as 32 hex chars)
 * is a master key: the SM4 key and the tag key are derived from it with HMAC-SM3 under
 * distinct labels, so the same secret is never used by two algorithms, and a blind index
 * computed with that same master key can never be replayed as a ciphertext tag.
 */

const { sm3: sm3Lib, sm4 } = smCrypto;

/** Thrown when a stored field cannot be decrypted or a key is malformed. Not user input: never a BAD_USER_INPUT. */
export class FieldCryptoError extends Error {
  override name = 'FieldCryptoError';
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

// An unpaired UTF-16 surrogate cannot be encoded as UTF-8; TextEncoder would silently turn it into U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

function utf8(text: string): number[] {
  if (LONE_SURROGATE.test(text)) throw new FieldCryptoError('文本包含无效的 Unicode 字符（孤立代理项），无法编码');
  return Array.from(encoder.encode(text));
}

const toBytes = (data: string | Uint8Array): number[] => (typeof data === 'string' ? utf8(data) : Array.from(data));

const toHex = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** Parses a hex key; `bytes` is the exact length required, `minBytes` a lower bound. */
function parseKey(keyHex: string, what: string, length: { bytes?: number; minBytes?: number }): number[] {
  if (typeof keyHex !== 'string' || keyHex.length === 0 || keyHex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(keyHex)) {
    throw new FieldCryptoError(`${what}必须是偶数位的十六进制字符串`);
  }
  const n = keyHex.length / 2;
  if (length.bytes !== undefined && n !== length.bytes) {
    throw new FieldCryptoError(`${what}必须是 ${length.bytes * 2} 位十六进制（${length.bytes} 字节）`);
  }
  if (length.minBytes !== undefined && n < length.minBytes) {
    throw new FieldCryptoError(`${what}至少需要 ${length.minBytes * 2} 位十六进制（${length.minBytes} 字节）`);
  }
  return fromHex(keyHex);
}

const sm3Bytes = (data: number[]): number[] => fromHex(sm3Lib(data));

/** RFC 2104 HMAC over SM3: block size 64 bytes, output 32 bytes. */
function hmacSm3Bytes(key: number[], message: number[]): number[] {
  const BLOCK = 64;
  const k = key.length > BLOCK ? sm3Bytes(key) : key.slice();
  while (k.length < BLOCK) k.push(0);
  const inner = sm3Bytes([...k.map((b) => b ^ 0x36), ...message]);
  return sm3Bytes([...k.map((b) => b ^ 0x5c), ...inner]);
}

/** SM3 digest of the UTF-8 bytes of `text` (or of raw bytes), as 64 lower-case hex chars. */
export function sm3(text: string | Uint8Array): string {
  return sm3Lib(toBytes(text));
}

/** HMAC-SM3 of the UTF-8 bytes of `text` (or raw bytes) under a hex key of any non-zero length; 64 hex chars. */
export function hmacSm3(keyHex: string, text: string | Uint8Array): string {
  return toHex(hmacSm3Bytes(parseKey(keyHex, 'HMAC-SM3 密钥', {}), toBytes(text)));
}

// ---------------------------------------------------------------- field encryption

const FORMAT = 'sm4';
const ENC_LABEL = utf8('hs-kit field-encryption v1: SM4-CBC key');
const MAC_LABEL = utf8('hs-kit field-encryption v1: HMAC-SM3 tag key');

interface FieldKeys {
  enc: number[];
  mac: number[];
}

// Deriving costs four SM3 calls; fields are encrypted in bulk under one key, so remember the last few.
const derivedKeys = new Map<string, FieldKeys>();

function fieldKeys(keyHex: string): FieldKeys {
  const master = parseKey(keyHex, '字段加密密钥', { bytes: 16 });
  const cacheKey = keyHex.toLowerCase();
  const cached = derivedKeys.get(cacheKey);
  if (cached) return cached;
  const keys = { enc: hmacSm3Bytes(master, ENC_LABEL).slice(0, 16), mac: hmacSm3Bytes(master, MAC_LABEL) };
  if (derivedKeys.size >= 8) derivedKeys.clear();
  derivedKeys.set(cacheKey, keys);
  return keys;
}

function pkcs7Pad(bytes: number[]): number[] {
  const n = 16 - (bytes.length % 16);
  return [...bytes, ...new Array<number>(n).fill(n)];
}

function pkcs7Unpad(bytes: number[]): number[] {
  const n = bytes[bytes.length - 1];
  if (bytes.length === 0 || bytes.length % 16 !== 0 || n < 1 || n > 16) throw decryptError();
  for (let i = bytes.length - n; i < bytes.length; i++) if (bytes[i] !== n) throw decryptError();
  return bytes.slice(0, bytes.length - n);
}

const decryptError = () => new FieldCryptoError('字段解密失败：填充无效');

/**
 * Encrypts `plain` (UTF-8) with SM4-CBC under a key derived from `keyHex` (32 hex chars) and a
 * fresh random IV. Returns `sm4:<iv>:<ciphertext>:<tag>`. Two encryptions of the same value differ;
 * use {@link blindIndex} to look values up.
 */
export function encryptField(plain: string, keyHex: string): string {
  if (typeof plain !== 'string') throw new FieldCryptoError('待加密的字段值必须是字符串');
  const { enc, mac } = fieldKeys(keyHex);
  const iv = Array.from(randomBytes(16));
  const cipher = sm4.encrypt(pkcs7Pad(utf8(plain)), enc, { mode: 'cbc', iv, padding: 'none', output: 'array' });
  const tag = hmacSm3Bytes(mac, [...iv, ...cipher]);
  return `${FORMAT}:${toHex(iv)}:${toHex(cipher)}:${toHex(tag)}`;
}

const STORED = /^sm4:([0-9a-f]{32}):((?:[0-9a-f]{32})+):([0-9a-f]{64})$/;

/** True when `value` has the shape of an encrypted field (says nothing about the key). */
export const isEncryptedField = (value: unknown): value is string => typeof value === 'string' && STORED.test(value);

/**
 * Decrypts a value produced by {@link encryptField}. Throws FieldCryptoError when the format is
 * wrong, or when the tag does not verify — a wrong key or a changed character — before decrypting.
 */
export function decryptField(stored: string, keyHex: string): string {
  const { enc, mac } = fieldKeys(keyHex);
  const m = typeof stored === 'string' ? STORED.exec(stored) : null;
  if (!m) throw new FieldCryptoError('字段解密失败：密文格式无效，应为 sm4:<iv>:<密文>:<校验码>');
  const iv = fromHex(m[1]);
  const cipher = fromHex(m[2]);
  const expected = Buffer.from(hmacSm3Bytes(mac, [...iv, ...cipher]));
  if (!timingSafeEqual(expected, Buffer.from(fromHex(m[3])))) {
    throw new FieldCryptoError('字段解密失败：校验码不匹配（密钥错误或密文被篡改）');
  }
  const padded = sm4.decrypt(cipher, enc, { mode: 'cbc', iv, padding: 'none', output: 'array' });
  try {
    return strictDecoder.decode(new Uint8Array(pkcs7Unpad(padded)));
  } catch (err) {
    if (err instanceof FieldCryptoError) throw err;
    throw new FieldCryptoError('字段解密失败：明文不是有效的 UTF-8');
  }
}

// ---------------------------------------------------------------- blind index

/**
 * What {@link blindIndex} hashes: NFKC (full-width → ASCII), trimmed, inner whitespace runs
 * collapsed to one space, upper-cased (so 身份证号 …x and …X match). Pass values through the
 * validators first (assertIdCard, assertMobile, …) so that every accepted spelling of a value
 * reaches this function identically.
 */
export const normaliseForIndex = (value: string): string =>
  value.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * HMAC-SM3 (64 hex chars) of the normalised value under `keyHex` (at least 16 bytes). Deterministic,
 * so it serves equality lookups and unique indexes on encrypted columns without revealing the value
 * to anyone without the key.
 */
export function blindIndex(value: string, keyHex: string): string {
  if (typeof value !== 'string') throw new FieldCryptoError('盲索引的输入必须是字符串');
  const key = parseKey(keyHex, '盲索引密钥', { minBytes: 16 });
  return toHex(hmacSm3Bytes(key, utf8(normaliseForIndex(value))));
}

// ---------------------------------------------------------------- masking

/**
 * Keeps `keepStart` leading and `keepEnd` trailing characters (code points) and stars the rest.
 * When fewer than `minMasked` characters would be starred, the whole value is starred instead:
 * a short or malformed value would otherwise be shown almost in full.
 */
function maskMiddle(value: string, keepStart: number, keepEnd: number, minMasked = 4): string {
  const chars = Array.from(value);
  const hidden = chars.length - keepStart - keepEnd;
  if (hidden < minMasked) return '*'.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepEnd).join('');
}

const asText = (value: string | null | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** '420202199001011234' → '420202********1234': first 6 (region) and last 4 shown. Short values are fully starred. */
export function maskIdCard(value: string | null | undefined): string {
  return maskMiddle(asText(value).toUpperCase(), 6, 4);
}

/**
 * '13800138000' → '138****8000'. Accepted spellings ('+86 138-0013-8000') are normalised first;
 * other numbers keep first 3 and last 4 when long enough, otherwise are fully starred.
 */
export function maskPhone(value: string | null | undefined): string {
  const text = asText(value);
  const mobile = normaliseMobile(text);
  return maskMiddle(/^1[3-9]\d{9}$/.test(mobile) ? mobile : text, 3, 4);
}

/** '张三丰' → '张**', '张三' → '张*', '欧阳娜娜' → '欧***': only the first character is shown; one character → '*'. */
export function maskName(value: string | null | undefined): string {
  const chars = Array.from(asText(value));
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
