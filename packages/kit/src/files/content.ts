/**
 * What a file is, read from its bytes (never from its name or the declared type): the checks that
 * decide whether an upload is accepted and the Content-Type a download is served with. Pure.
 */

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return (
    bytes.length >= 33 && bytes.subarray(0, 8).equals(PNG_MAGIC) && bytes.subarray(12, 16).toString('latin1') === 'IHDR'
  );
}

/** Width and height from the IHDR chunk; call only when isPng. */
export const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

export interface JpegInfo {
  width: number;
  height: number;
  hasExif: boolean;
}

/** The frame size and whether an EXIF segment is present; null when the bytes are not a JPEG. */
export function readJpeg(bytes: Buffer): JpegInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  let hasExif = false;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return null;
    if (marker === 0xe1 && bytes.subarray(offset + 4, offset + 10).toString('latin1') === 'Exif\0\0') hasExif = true;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 7) return null;
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7), hasExif };
    }
    if (marker === 0xda) return null; // scan before any frame header
    offset += 2 + length;
  }
  return null;
}

/**
 * A PDF: the `%PDF-1.x`/`%PDF-2.0` header within the first 1 KB (ISO 32000 allows leading bytes)
 * and an `%%EOF` marker in the last 1 KB (a truncated upload has none).
 */
export function isPdf(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  return /%PDF-[12]\.\d/.test(head) && tail.includes('%%EOF');
}

export type KnownFileType = 'image/png' | 'image/jpeg' | 'application/pdf';

export interface SniffedFile {
  mimeType: KnownFileType;
  width: number | null;
  height: number | null;
}

/** The type (and for images the size) the content shows; null for anything else. */
export function sniffFile(bytes: Buffer): SniffedFile | null {
  if (isPng(bytes)) return { mimeType: 'image/png', ...pngSize(bytes) };
  const jpeg = readJpeg(bytes);
  if (jpeg) return { mimeType: 'image/jpeg', width: jpeg.width, height: jpeg.height };
  if (isPdf(bytes)) return { mimeType: 'application/pdf', width: null, height: null };
  return null;
}
