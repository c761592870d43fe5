import { badInput, type CheckedFile, type FileStore, storeCheckedFile, type UploadPolicy } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';

export const DRAWING_CERTIFICATE_PURPOSE = 'DRAWING_CERTIFICATE';
const MiB = 1024 * 1024;
export const CERTIFICATE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
/** A scan narrower than this cannot be read: a thumbnail or a wrong file. */
const IMAGE_MIN_SIDE = 300;

/** What a certificate upload accepts, checked on the bytes (ADR 0008), again when a certificate refers to it. */
export const UPLOAD_POLICIES: Readonly<Record<string, UploadPolicy>> = {
  [DRAWING_CERTIFICATE_PURPOSE]: {
    maxBytes: 10 * MiB,
    acceptedTypes: CERTIFICATE_FILE_TYPES,
    check(file: CheckedFile) {
      if (!CERTIFICATE_FILE_TYPES.includes(file.mimeType))
        throw badInput('合格书文件必须是 PDF、JPEG 或 PNG 文件（按文件内容检查）');
      if (file.width != null && file.height != null && Math.min(file.width, file.height) < IMAGE_MIN_SIDE)
        throw badInput(`合格书图片太小：短边不少于 ${IMAGE_MIN_SIDE} 像素，请上传清晰的扫描件`);
    },
  },
};

export const recordUpload =
  (em: EntityManager, files: FileStore, now: () => Date) => (file: CheckedFile, uploaderId: string) =>
    storeCheckedFile(em.fork(), 'projects', files, file, uploaderId, now());
