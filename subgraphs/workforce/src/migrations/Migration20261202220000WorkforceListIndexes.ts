import { Migration } from '@mikro-orm/migrations';

/**
 * The workforce lists' sorts and filters (ADR 0013), each served by an index:
 *  - 实名制人员: by 性别, 工种 and 登记时间 on (column, id), so that the id tie-break in the sort's
 *    direction is part of the index: these columns have thousands of equal values (two sexes, a
 *    dozen trades, one registration time for a whole seeded or imported batch), and a plain index
 *    would leave each group to be sorted on every page. (trade, id) also serves the 工种 filter and
 *    replaces person_trade_idx. 姓名 and 年龄 (birth_date) have their indexes already.
 *  - 考勤记录: the 被拒 and 被拒原因 filters, a small share of a month's attempts, by a partial
 *    index on the refused ones (on the partitioned parent: every month's partition gets it).
 *  - 项目考勤围栏: 工程项目 (name), 围栏容差 and 同步时间; 区县 has its index.
 */
export class Migration20261202220000WorkforceListIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "person_sex_id_idx" on "workforce"."person" ("sex", "id");`);
    this.addSql(`create index "person_trade_id_idx" on "workforce"."person" ("trade", "id");`);
    this.addSql(`drop index "workforce"."person_trade_idx";`);
    this.addSql(`create index "person_created_at_id_idx" on "workforce"."person" ("created_at", "id");`);
    this.addSql(
      `create index "attendance_refused_occurred_at_idx" on "workforce"."attendance" ("occurred_at") where not "accepted";`,
    );
    this.addSql(`create index "project_site_name_idx" on "workforce"."project_site" ("name");`);
    this.addSql(`create index "project_site_fence_margin_m_idx" on "workforce"."project_site" ("fence_margin_m");`);
    this.addSql(`create index "project_site_synced_at_idx" on "workforce"."project_site" ("synced_at");`);
  }

  override async down(): Promise<void> {
    for (const index of [
      'person_sex_id_idx',
      'person_created_at_id_idx',
      'attendance_refused_occurred_at_idx',
      'project_site_name_idx',
      'project_site_fence_margin_m_idx',
      'project_site_synced_at_idx',
    ]) {
      this.addSql(`drop index if exists "workforce"."${index}";`);
    }
    this.addSql(`create index "person_trade_idx" on "workforce"."person" ("trade");`);
    this.addSql(`drop index if exists "workforce"."person_trade_id_idx";`);
  }
}
