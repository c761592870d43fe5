import { createHmac, timingSafeEqual } from 'node:crypto';
import { hmacSm3 } from '@hs/kit';

/**
 * The capture proof of an on-site photo. Opening a visit hands the phone page a key derived from
 * the server's master key and the visit id (never stored); the page MACs every picture it takes
 * with it (HMAC-SHA256 over the fields below, WebCrypto in the browser). A file picked from the
 * gallery and posted by other means has no valid MAC for any visit. A browser cannot attest its
 * camera, so this binds a photo to a visit the uploader opened, at a time inside that visit; the
 * EXIF check and the visible stamp are the other two layers (see README).
 */
export const captureKeyOf = (fieldKeyHex: string, visitId: string): string =>
  hmacSm3(hmacSm3(fieldKeyHex, 'hs-fire photo capture key v1'), `hs-fire-visit/1:${visitId}`);

export interface CaptureFacts {
  visitId: string;
  /** ISO 8601 as sent by the page. */
  capturedAt: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  sha256: string;
}

/** Exactly what the page MACs; numbers as JavaScript prints them on both sides. */
export const captureMessage = (f: CaptureFacts): string =>
  [
    'hs-fire-photo/1',
    f.visitId,
    f.capturedAt,
    String(f.latitude),
    String(f.longitude),
    String(f.accuracy),
    f.sha256,
  ].join('\n');

export const captureMac = (captureKeyHex: string, facts: CaptureFacts): string =>
  createHmac('sha256', Buffer.from(captureKeyHex, 'hex')).update(captureMessage(facts), 'utf8').digest('hex');

export function verifyCaptureMac(captureKeyHex: string, facts: CaptureFacts, mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/i.test(mac)) return false;
  return timingSafeEqual(Buffer.from(captureMac(captureKeyHex, facts), 'hex'), Buffer.from(mac, 'hex'));
}
