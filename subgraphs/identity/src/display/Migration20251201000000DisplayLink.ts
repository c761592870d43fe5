import { Migration } from '@mikro-orm/migrations';

/**
 * 大屏展示链接 (display links): one table in schema "identity". Hand-written, PostgreSQL 15/18 and
 * openGauss / KingbaseES compatible (no extensions). Registered in src/index.ts after the
 * identity migrations of src/migrations/.
 */
export class Migration20251201000000DisplayLink extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."display_link" (
      "id" uuid not null,
      "label" varchar(50) not null,
      "token_hash" varchar(64) not null,
      "created_by_id" uuid null,
      "created_by_name" varchar(64) null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "revoked_by_id" uuid null,
      "last_used_at" timestamptz null,
      "last_used_ip" varchar(64) null,
      "use_count" int not null default 0,
      constraint "display_link_pkey" primary key ("id"));`);
    this.addSql(`create index "display_link_created_at_idx" on "identity"."display_link" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity"."display_link" cascade;`);
  }
}
