import { Migration } from '@mikro-orm/migrations';

/**
 * ADR 0013: the 抽查项目 list sorts by one column, and each sortable column has a b-tree index that
 * serves `order by <column>, id` in both directions. 区县 and 检查日期 already have theirs
 * (inspection_district_date_idx, inspection_inspection_date_idx); every filter of the list has one
 * (the bigram table for the texts, btree for category, status, dates, district, project, creator).
 */
const INDEXES = [
  ['inspection_project_name_idx', 'project_name'],
  ['inspection_leader_name_idx', 'leader_name'],
  ['inspection_created_at_idx', 'created_at'],
] as const;

export class Migration20261202210000ListIndexes extends Migration {
  override async up(): Promise<void> {
    for (const [name, column] of INDEXES) {
      this.addSql(`create index "${name}" on "fire"."inspection" ("${column}", "id");`);
    }
  }

  override async down(): Promise<void> {
    for (const [name] of INDEXES) this.addSql(`drop index if exists "fire"."${name}";`);
  }
}
