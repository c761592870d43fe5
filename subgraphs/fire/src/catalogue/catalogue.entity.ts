import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CatalogueContent } from './catalogue.model.js';

export enum CatalogueStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(CatalogueStatus, {
  name: 'FireCatalogueStatus',
  description: '抽查库版本状态',
  valuesConfig: {
    DRAFT: { description: '草稿（可编辑）' },
    PUBLISHED: { description: '现行版本（新方案使用）' },
    ARCHIVED: { description: '历史版本（只读，已有方案仍引用）' },
  },
});

/**
 * One version of the 抽查库 (1.3.2). The tree (items → sub-items → check lines) is jsonb: a
 * version is read and written as a whole, and once published it never changes (the service
 * refuses, and `digest` — SM3 of its canonical JSON, recorded by each plan — would show it).
 * Exactly one version is PUBLISHED; new plans take it.
 */
@Entity({ tableName: 'catalogue_version' })
@Index({ name: 'catalogue_version_status_idx', properties: ['status'] })
@ObjectType('FireCatalogueVersion', { description: '抽查库版本' })
export class CatalogueVersion {
  [OptionalProps]?: 'status' | 'note' | 'digest' | 'createdById' | 'createdAt' | 'publishedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int, { description: '版本号' })
  @Unique({ name: 'catalogue_version_version_key' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => CatalogueStatus)
  @Enum({ items: () => CatalogueStatus })
  status: CatalogueStatus = CatalogueStatus.DRAFT;

  @Field(() => String, { nullable: true, description: '版本说明' })
  @Property({ type: 'string', length: 200, nullable: true })
  note: string | null = null;

  /** GraphQL `items` is a field resolver over this tree. */
  @Property({ type: 'json' })
  content!: CatalogueContent;

  @Field(() => String, { nullable: true, description: '内容的 SM3 摘要（发布时计算）' })
  @Property({ type: 'string', length: 64, nullable: true })
  digest: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;
}
