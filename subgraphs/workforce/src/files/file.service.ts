import {
  badInput,
  type CheckedFile,
  type FieldIssue,
  type FileStore,
  pgParams,
  storeCheckedFile,
  type UploadPolicy,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type StoredFileRow, WorkforceFilePurpose } from './file.types.js';

const MiB = 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png'];
const PHOTO_MIN_SIDE = 100;
const PHOTO_MAX_SIDE = 6000;

/** What each purpose accepts, checked on the bytes when uploaded and again when a record refers to the file. */
export const UPLOAD_POLICIES: Readonly<Record<WorkforceFilePurpose, UploadPolicy & { label: string }>> = {
  [WorkforceFilePurpose.PERSON_PHOTO]: {
    label: '证件照',
    maxBytes: 2 * MiB,
    acceptedTypes: IMAGE_TYPES,
    check(file: CheckedFile) {
      if (!IMAGE_TYPES.includes(file.mimeType)) throw badInput('证件照必须是 JPEG 或 PNG 图片（按文件内容检查）');
      const { width, height } = file as { width: number; height: number };
      if (Math.min(width, height) < PHOTO_MIN_SIDE || Math.max(width, height) > PHOTO_MAX_SIDE) {
        throw badInput(`证件照尺寸无效：短边不小于 ${PHOTO_MIN_SIDE}、长边不大于 ${PHOTO_MAX_SIDE} 像素`);
      }
    },
  },
  [WorkforceFilePurpose.CONTRACT]: {
    label: '劳动合同扫描件',
    maxBytes: 10 * MiB,
    acceptedTypes: ['application/pdf', ...IMAGE_TYPES],
    check(file: CheckedFile) {
      if (!this.acceptedTypes.includes(file.mimeType)) {
        throw badInput('劳动合同扫描件必须是 PDF、JPEG 或 PNG 文件（按文件内容检查）');
      }
    },
  },
};

export const recordUpload =
  (em: EntityManager, files: FileStore, now: () => Date) => (file: CheckedFile, uploaderId: string) =>
    storeCheckedFile(em.fork(), 'workforce', files, file, uploaderId, now());

export async function storedFiles(em: EntityManager, shas: readonly string[]): Promise<StoredFileRow[]> {
  if (shas.length === 0) return [];
  return em
    .getConnection()
    .execute(
      `select sha256, mime_type, byte_size, width, height, created_at from workforce.stored_file where sha256 = any(?::text[])`,
      pgParams([[...new Set(shas)]]),
      'all',
    );
}

/**
 * A record may refer only to a file uploaded here for a compatible purpose (the foreign key
 * guarantees the first; the type is checked here so the message can say what is wrong).
 */
export async function checkFileReference(
  em: EntityManager,
  issues: FieldIssue[],
  field: string,
  sha256: string | null | undefined,
  purpose: WorkforceFilePurpose,
): Promise<void> {
  if (!sha256) return;
  const policy = UPLOAD_POLICIES[purpose];
  const [row] = await storedFiles(em, [sha256]);
  if (!row) issues.push({ field, message: `${policy.label}未上传或上传未完成，请重新上传` });
  else if (!policy.acceptedTypes.includes(row.mime_type))
    issues.push({ field, message: `该文件不能作为${policy.label}（类型为 ${row.mime_type}）` });
}
