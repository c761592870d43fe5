import { createHash } from 'node:crypto';
import { badInput, decodeDataUrl, isPng, pngSize } from '@hs/kit';

/**
 * Signature images arrive as PNG data URLs from a signature pad. Accepted only when the bytes
 * really are a PNG (the 8-byte signature and an IHDR chunk first, checked on the content, not on
 * the declared type) of at most MAX_SIGNATURE_BYTES and sane dimensions. Pure: no disk, no database.
 */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
export const MAX_SIGNATURE_SIDE = 4096;

export interface CheckedImage {
  bytes: Buffer;
  sha256: string;
  mimeType: 'image/png';
  width: number;
  height: number;
}

export function parsePngDataUrl(
  dataUrl: unknown,
  field = 'imageDataUrl',
  maxBytes = MAX_SIGNATURE_BYTES,
): CheckedImage {
  if (typeof dataUrl !== 'string' || dataUrl.trim() === '') throw badInput('请先签名：签名图片不能为空', field);
  const bytes = decodeDataUrl(dataUrl, {
    field,
    maxBytes,
    what: '签名图片',
    expected: 'PNG 图片（data:image/png;base64,…）',
  });
  if (!isPng(bytes)) throw badInput('签名图片必须是 PNG 格式（按文件内容检查）', field);
  const { width, height } = pngSize(bytes);
  if (width < 1 || height < 1 || width > MAX_SIGNATURE_SIDE || height > MAX_SIGNATURE_SIDE) {
    throw badInput(`签名图片尺寸无效：宽高应在 1–${MAX_SIGNATURE_SIDE} 像素之间`, field);
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: 'image/png', width, height };
}
