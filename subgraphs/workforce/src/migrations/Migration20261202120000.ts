import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #10: the service's role owns nothing and may not CREATE in the schema, yet attendance
 * partitions for months ahead are created on the way in. The function that creates them runs as
 * its owner (the migrations' role), with a fixed search_path, and only the roles granted EXECUTE
 * (the grant step after migrations) may call it.
 */
export class Migration20261202120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter function "workforce"."ensure_attendance_partitions"(date, int) security definer set search_path = pg_catalog, pg_temp;`,
    );
    this.addSql(`revoke execute on function "workforce"."ensure_attendance_partitions"(date, int) from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`grant execute on function "workforce"."ensure_attendance_partitions"(date, int) to public;`);
    this.addSql(
      `alter function "workforce"."ensure_attendance_partitions"(date, int) security invoker reset search_path;`,
    );
  }
}
