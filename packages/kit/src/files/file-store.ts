import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Files by SHA-256 on local disk: DATA_DIR/files/ab/cd/abcd…. Writing is idempotent (same content,
 * same path) and atomic (temporary file, then rename), so a crash never leaves half a file under
 * a valid name. A file whose database transaction then fails stays as an orphan that nothing
 * references; harmless, and collectable later.
 */
export class FileStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'files');
  }

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('FileStore: bad sha256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = FileStore.sha256(bytes);
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (exists) return sha256;
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o640 });
    await rename(tmp, path);
    return sha256;
  }

  /** The bytes, checked against their name; null when missing or corrupted. */
  async get(sha256: string): Promise<Buffer | null> {
    try {
      const bytes = await readFile(this.pathOf(sha256));
      return FileStore.sha256(bytes) === sha256 ? bytes : null;
    } catch {
      return null;
    }
  }
}

/** DATA_DIR from the config (tests pass their own) or the environment; default ./data. */
export function dataDirOf(config: unknown): string {
  const fromConfig = (config as { DATA_DIR?: unknown } | null)?.DATA_DIR;
  if (typeof fromConfig === 'string' && fromConfig) return fromConfig;
  return process.env.DATA_DIR || resolve(process.cwd(), 'data');
}
