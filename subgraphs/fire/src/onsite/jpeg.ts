import { createHash } from 'node:crypto';
import { AppError, badInput, decodeDataUrl, ErrorCode, readJpeg } from '@hs/kit';

/**
 * On-site photos (1.3.5) arrive as JPEG data URLs drawn by the phone page from the live camera
 * onto a canvas and stamped there. Checked on the bytes: a JPEG (SOI, a frame header with sane
 * dimensions, no truncation before the scan) of at most MAX_PHOTO_BYTES. A canvas never writes
 * EXIF, while a picture saved by a camera app or picked from the gallery carries it: an APP1
 * "Exif" segment is refused as "not taken in this page". Pure: no disk, no database.
 */
export const MAX_PHOTO_BYTES = 700 * 1024;
export const MAX_PHOTO_SIDE = 4096;
export const MIN_PHOTO_SIDE = 160;

export interface CheckedPhoto {
  bytes: Buffer;
  sha256: string;
  mimeType: 'image/jpeg';
  width: number;
  height: number;
}

export const photoNotOnSite = (message: string) =>
  new AppError(ErrorCode.PHOTO_NOT_ON_SITE, message, { field: 'imageDataUrl' });

export function parsePhotoDataUrl(dataUrl: unknown, field = 'imageDataUrl'): CheckedPhoto {
  const bytes = decodeDataUrl(dataUrl, {
    field,
    maxBytes: MAX_PHOTO_BYTES,
    what: '现场照片',
    expected: 'JPEG 图片（data:image/jpeg;base64,…）',
  });
  const info = readJpeg(bytes);
  if (!info) throw badInput('现场照片必须是 JPEG 格式（按文件内容检查）', field);
  if (info.hasExif) {
    throw photoNotOnSite('这张照片带有相机或相册的 EXIF 信息：现场照片只能在本页面用相机拍摄，不能从相册选择');
  }
  const { width, height } = info;
  if (Math.min(width, height) < MIN_PHOTO_SIDE || Math.max(width, height) > MAX_PHOTO_SIDE) {
    throw badInput(`现场照片尺寸无效：短边不小于 ${MIN_PHOTO_SIDE}、长边不大于 ${MAX_PHOTO_SIDE} 像素`, field);
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: 'image/jpeg', width, height };
}
