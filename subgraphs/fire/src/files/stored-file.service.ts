import { type Caller, isUuid } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FileStore } from './file-store.js';

/** An image whose bytes were checked by content (PNG signature, JPEG photo). */
export interface CheckedFile {
  bytes: Buffer;
  sha256: string;
  mimeType: string;
  width: number;
  height: number;
}

/**
 * Writes the bytes under their SHA-256 (idempotent) and their `stored_file` row inside the caller's
 * transaction; the same content uploaded twice is one file and one row.
 */
export async function storeCheckedFile(
  tx: EntityManager,
  files: FileStore,
  file: CheckedFile,
  caller: Caller,
  now: Date,
): Promise<void> {
  await files.put(file.bytes);
  await tx
    .getConnection()
    .execute(
      'insert into "fire"."stored_file" ("sha256", "mime_type", "byte_size", "width", "height", "created_by_id", "created_at") values (?, ?, ?, ?, ?, ?, ?) on conflict ("sha256") do nothing',
      [
        file.sha256,
        file.mimeType,
        file.bytes.length,
        file.width,
        file.height,
        isUuid(caller.userId) ? caller.userId : null,
        now,
      ],
      'run',
      tx.getTransactionContext(),
    );
}
