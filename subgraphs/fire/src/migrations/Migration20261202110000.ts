import { Migration } from '@mikro-orm/migrations';

/** Every table whose rows the row triggers of 1.3.7 guard: a TRUNCATE would empty them unchecked. */
const GUARDED = [
  'inspection',
  'building',
  'floor',
  'sampling_plan',
  'signature',
  'inspection_result',
  'plan_extra_location',
  'site_photo',
];

/**
 * Issue #10: row triggers do not fire on TRUNCATE, so the services' role holds no TRUNCATE
 * privilege and, for whoever does (owner, superuser), a statement trigger refuses it.
 */
export class Migration20261202110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function "fire"."refuse_truncate"() returns trigger language plpgsql as $$
begin
  raise exception '[RESULTS_SEALED] 消防验收记录不可整表清空（%）', tg_table_name using errcode = '42501';
end $$;`);
    for (const table of GUARDED) {
      this.addSql(
        `create trigger "${table}_no_truncate" before truncate on "fire"."${table}" for each statement execute procedure "fire"."refuse_truncate"();`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of GUARDED) this.addSql(`drop trigger if exists "${table}_no_truncate" on "fire"."${table}";`);
    this.addSql(`drop function if exists "fire"."refuse_truncate"();`);
  }
}
