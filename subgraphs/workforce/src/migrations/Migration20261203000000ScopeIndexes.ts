import { Migration } from '@mikro-orm/migrations';

/**
 * The people a district or a registrar sees, counted from the assignments (personScopeIdsSql,
 * issue #11): by district over the whole history (the open-only partial index leaves exited ones
 * out), with the person id in the index so the count never reads a row; and by who registered it.
 */
export class Migration20261203000000ScopeIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "employment_district_person_idx" on "workforce"."employment" ("district_code", "person_id");`,
    );
    this.addSql(`create index "employment_created_by_id_idx" on "workforce"."employment" ("created_by_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "workforce"."employment_district_person_idx";`);
    this.addSql(`drop index if exists "workforce"."employment_created_by_id_idx";`);
  }
}
