import { Entity, Index, ManyToOne, PrimaryKey } from '@mikro-orm/core';
import { Inspection } from './inspection.entity.js';

/**
 * The substring index for the text filters of 1.3.8 (项目名称, the six units, 项目负责人, 工程地址):
 * every character and every pair of adjacent characters of each field (search-tokens.ts). A
 * filter "contains q" becomes "has all of q's bigrams" (the primary key's btree serves it) and is
 * then rechecked with `ilike`. Portable to openGauss/KingbaseES, unlike pg_trgm; Chinese names
 * are short, so an inspection has a few hundred rows here. Maintained by the inspection service.
 */
@Entity({ tableName: 'inspection_search_token' })
@Index({ name: 'inspection_search_token_inspection_id_idx', properties: ['inspection'] })
export class InspectionSearchToken {
  @PrimaryKey({ type: 'string', length: 24 })
  field!: string;

  @PrimaryKey({ type: 'string', length: 8 })
  token!: string;

  @ManyToOne(() => Inspection, { primary: true, deleteRule: 'cascade' })
  inspection!: Inspection;
}
