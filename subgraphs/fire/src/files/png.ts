import { createHash } from 'node:crypto';
import { badInput } from '@hs/kit';

/**
 * Signature images arrive as PNG data URLs from a signature pad. Accepted only when the bytes
 * really are a PNG (the 8-byte signature and an IHDR chunk first, checked on the content, not on
 * the declared type) of at most MAX_SIGNATURE_BYTES and sane dimensions. Pure: no disk, no database.
 */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
export const MAX_SIGNATURE_SIDE = 4096;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[\w-]+=[\w.-]+)*;base64,([A-Za-z0-9+/\s]*={0,2})$/;

export interface CheckedImage {
  bytes: Buffer;
  sha256: string;
  mimeType: 'image/png';
  width: number;
  height: number;
}

export function isPng(bytes: Buffer): boolean {
  return (
    bytes.length >= 33 && bytes.subarray(0, 8).equals(PNG_MAGIC) && bytes.subarray(12, 16).toString('latin1') === 'IHDR'
  );
}

export function parsePngDataUrl(
  dataUrl: unknown,
  field = 'imageDataUrl',
  maxBytes = MAX_SIGNATURE_BYTES,
): CheckedImage {
  if (typeof dataUrl !== 'string' || dataUrl.trim() === '') throw badInput('请先签名：签名图片不能为空', field);
  // Base64 of maxBytes is 4/3 as long; refuse absurd input before decoding it.
  if (dataUrl.length > Math.ceil((maxBytes * 4) / 3) + 200) {
    throw badInput(`签名图片过大：不能超过 ${Math.round(maxBytes / 1024)} KB`, field);
  }
  const m = DATA_URL.exec(dataUrl.trim());
  if (!m) throw badInput('签名图片格式无效：应为 PNG 图片的 data URL（data:image/png;base64,…）', field);
  const bytes = Buffer.from(m[3].replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) throw badInput('请先签名：签名图片不能为空', field);
  if (bytes.length > maxBytes) throw badInput(`签名图片过大：不能超过 ${Math.round(maxBytes / 1024)} KB`, field);
  if (!isPng(bytes)) throw badInput('签名图片必须是 PNG 格式（按文件内容检查）', field);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 1 || height < 1 || width > MAX_SIGNATURE_SIDE || height > MAX_SIGNATURE_SIDE) {
    throw badInput(`签名图片尺寸无效：宽高应在 1–${MAX_SIGNATURE_SIDE} 像素之间`, field);
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: 'image/png', width, height };
}
