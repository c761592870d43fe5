import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../rules.js';
import type { FileStore } from './file-store.js';

/** A file whose bytes were checked by content (see content.ts). */
export interface CheckedFile {
  bytes: Buffer;
  sha256: string;
  mimeType: string;
  width: number | null;
  height: number | null;
}

const SCHEMA = /^[a-z_][a-z0-9_]*$/;

/**
 * Writes the bytes under their SHA-256 (idempotent) and their row in `<schema>.stored_file`
 * (sha256, mime_type, byte_size, width, height, created_by_id, created_at) inside the caller's
 * transaction when `em` is one; the same content uploaded twice is one file and one row.
 */
export async function storeCheckedFile(
  em: EntityManager,
  schema: string,
  files: FileStore,
  file: CheckedFile,
  uploaderId: string | null,
  now: Date,
): Promise<void> {
  if (!SCHEMA.test(schema)) throw new Error(`storeCheckedFile: bad schema name ${schema}`);
  await files.put(file.bytes);
  await em.getConnection().execute(
    `insert into "${schema}"."stored_file" ("sha256", "mime_type", "byte_size", "width", "height", "created_by_id", "created_at")
       values (?, ?, ?, ?, ?, ?, ?) on conflict ("sha256") do nothing`,
    [
      file.sha256,
      file.mimeType,
      file.bytes.length,
      file.width,
      file.height,
      uploaderId && isUuid(uploaderId) ? uploaderId : null,
      now,
    ],
    'run',
    em.getTransactionContext(),
  );
}
