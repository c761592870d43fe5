import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * A file kept on local disk under DATA_DIR/files by its SHA-256 (ADR 0008): the row records what the
 * content check found, and foreign keys to it make a dangling file reference impossible.
 */
@Entity({ tableName: 'stored_file' })
export class StoredFile {
  [PrimaryKeyProp]?: 'sha256';
  [OptionalProps]?: 'width' | 'height' | 'createdById' | 'createdAt';

  @PrimaryKey({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 100 })
  mimeType!: string;

  @Property({ type: 'integer' })
  byteSize!: number;

  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
