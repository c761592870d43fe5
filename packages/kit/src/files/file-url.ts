import { timingSafeEqual } from 'node:crypto';
import { hmacSm3 } from '../crypto.js';

/**
 * Short-lived signed URLs (DESIGN: files only through them), issued by the subgraph that owns the
 * file in a GraphQL field and checked by the same subgraph; the router passes
 * /files/<subgraph>/… through unchanged. An <img> can load a download URL without a bearer token,
 * and a leaked URL dies within its lifetime. The key is derived from FIELD_ENCRYPTION_KEY and the
 * subgraph's name is part of what is signed, so one subgraph's URL is worthless at another.
 */
export const FILE_URL_TTL_SECONDS = 15 * 60;
export const UPLOAD_URL_TTL_SECONDS = 10 * 60;

const urlKey = (fieldKeyHex: string) => hmacSm3(fieldKeyHex, 'hs file url key v1');
const SIG = /^[0-9a-f]{64}$/;

export type FileUrlCheck = 'ok' | 'expired' | 'bad-signature';

function check(fieldKeyHex: string, message: (exp: number) => string, exp: unknown, sig: unknown, now: Date) {
  const expiry = Number(exp);
  if (!Number.isSafeInteger(expiry) || typeof sig !== 'string' || !SIG.test(sig)) return 'bad-signature';
  const expected = Buffer.from(hmacSm3(urlKey(fieldKeyHex), message(expiry)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'bad-signature';
  return expiry * 1000 < now.getTime() ? 'expired' : 'ok';
}

const downloadMessage = (subgraph: string, sha256: string, exp: number) => `hs-file/1:${subgraph}:${sha256}:${exp}`;

export function signedFileUrl(fieldKeyHex: string, subgraph: string, sha256: string, now: Date): string {
  // Rounded to the minute so that a page re-rendering within it gets the same URL (browser cache).
  const exp = Math.floor(now.getTime() / 60_000) * 60 + FILE_URL_TTL_SECONDS;
  const sig = hmacSm3(urlKey(fieldKeyHex), downloadMessage(subgraph, sha256, exp));
  return `/files/${subgraph}/${sha256}?exp=${exp}&sig=${sig}`;
}

export function checkFileUrl(
  fieldKeyHex: string,
  subgraph: string,
  sha256: string,
  exp: unknown,
  sig: unknown,
  now: Date,
): FileUrlCheck {
  return check(fieldKeyHex, (e) => downloadMessage(subgraph, sha256, e), exp, sig, now);
}

const uploadMessage = (subgraph: string, purpose: string, userId: string, exp: number) =>
  `hs-upload/1:${subgraph}:${purpose}:${userId}:${exp}`;

export interface UploadTicket {
  url: string;
  expiresAt: Date;
}

/**
 * A URL the browser POSTs one file's bytes to (the presigned-upload pattern): issued by a GraphQL
 * mutation that checked the caller's permission, bound to the purpose (which decides the accepted
 * types and size) and to the user recorded as the uploader. Uploading stores the file only; it
 * becomes part of a record when a later mutation refers to its SHA-256.
 */
export function signedUploadUrl(
  fieldKeyHex: string,
  subgraph: string,
  purpose: string,
  userId: string,
  now: Date,
): UploadTicket {
  const exp = Math.floor(now.getTime() / 1000) + UPLOAD_URL_TTL_SECONDS;
  const sig = hmacSm3(urlKey(fieldKeyHex), uploadMessage(subgraph, purpose, userId, exp));
  const query = new URLSearchParams({ uid: userId, exp: String(exp), sig });
  return { url: `/files/${subgraph}/upload/${purpose}?${query}`, expiresAt: new Date(exp * 1000) };
}

export function checkUploadUrl(
  fieldKeyHex: string,
  subgraph: string,
  purpose: string,
  userId: unknown,
  exp: unknown,
  sig: unknown,
  now: Date,
): FileUrlCheck {
  if (typeof userId !== 'string' || userId === '' || userId.length > 100) return 'bad-signature';
  return check(fieldKeyHex, (e) => uploadMessage(subgraph, purpose, userId, e), exp, sig, now);
}
