import { Migration } from '@mikro-orm/migrations';

/**
 * The project and enterprise lists sort by these columns and filter by unit role (ADR 0013): each
 * gets an index, so a sorted page is an index scan whatever the table's size. The other sortable
 * columns (codes, district, type, status, start date) and filters were indexed from the start.
 */
export class Migration20261202210000ListIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "project_name_idx" on "projects"."project" ("name");`);
    this.addSql(`create index "project_address_idx" on "projects"."project" ("address");`);
    this.addSql(`create index "project_created_at_idx" on "projects"."project" ("created_at");`);
    // 参建单位类型 without an enterprise: `id in (select project_id … where role = ?)` as an index-only scan.
    this.addSql(`create index "project_unit_role_project_id_idx" on "projects"."project_unit" ("role", "project_id");`);
    this.addSql(`create index "enterprise_name_idx" on "projects"."enterprise" ("name");`);
    this.addSql(
      `create index "enterprise_legal_representative_idx" on "projects"."enterprise" ("legal_representative");`,
    );
    this.addSql(`create index "enterprise_registered_address_idx" on "projects"."enterprise" ("registered_address");`);
    this.addSql(`create index "enterprise_created_at_idx" on "projects"."enterprise" ("created_at");`);
  }

  override async down(): Promise<void> {
    for (const index of [
      'project_name_idx',
      'project_address_idx',
      'project_created_at_idx',
      'project_unit_role_project_id_idx',
      'enterprise_name_idx',
      'enterprise_legal_representative_idx',
      'enterprise_registered_address_idx',
      'enterprise_created_at_idx',
    ]) {
      this.addSql(`drop index if exists "projects"."${index}";`);
    }
  }
}
