import { timingSafeEqual } from 'node:crypto';
import { hmacSm3 } from '@hs/kit';

/**
 * Short-lived signed download URLs (DESIGN: files only through them). The router forwards
 * GET /files/fire/<sha256>?exp=…&sig=… to this subgraph unchanged; the subgraph checks the
 * signature and the expiry. An <img> can load them without a bearer token, and a leaked URL dies
 * within FILE_URL_TTL_SECONDS.
 */
export const FILE_URL_TTL_SECONDS = 15 * 60;

const urlKey = (fieldKeyHex: string) => hmacSm3(fieldKeyHex, 'hs-fire file url key v1');
const sign = (fieldKeyHex: string, sha256: string, exp: number) =>
  hmacSm3(urlKey(fieldKeyHex), `hs-fire-file/1:${sha256}:${exp}`);

export function signedFileUrl(fieldKeyHex: string, sha256: string, now: Date): string {
  // Rounded to the minute so that a page re-rendering within it gets the same URL (browser cache).
  const exp = Math.floor(now.getTime() / 60_000) * 60 + FILE_URL_TTL_SECONDS;
  return `/files/fire/${sha256}?exp=${exp}&sig=${sign(fieldKeyHex, sha256, exp)}`;
}

export type FileUrlCheck = 'ok' | 'expired' | 'bad-signature';

export function checkFileUrl(fieldKeyHex: string, sha256: string, exp: unknown, sig: unknown, now: Date): FileUrlCheck {
  const expiry = Number(exp);
  if (!Number.isSafeInteger(expiry) || typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) return 'bad-signature';
  const expected = Buffer.from(sign(fieldKeyHex, sha256, expiry), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'bad-signature';
  return expiry * 1000 < now.getTime() ? 'expired' : 'ok';
}
