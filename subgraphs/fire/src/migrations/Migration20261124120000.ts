import { Migration } from '@mikro-orm/migrations';

/**
 * 1.3.5 on site: the site position of an inspection, on-site visits (position with accuracy) and
 * photos taken in them. Photos freeze with the results: the results guard of the first migration
 * covers them too (no insert, change or delete once the first party has signed).
 */
export class Migration20261124120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "fire"."inspection"
      add column "site_latitude" double precision null,
      add column "site_longitude" double precision null;`);

    this.addSql(`create table "fire"."site_visit" (
      "id" uuid not null primary key,
      "inspection_id" uuid not null,
      "opened_by_id" uuid null,
      "opened_at" timestamptz not null,
      "latitude" double precision not null,
      "longitude" double precision not null,
      "accuracy" double precision not null,
      "distance_meters" double precision null,
      "far_from_site" boolean not null default false,
      "user_agent" varchar(300) null
    );`);
    this.addSql(
      `create index "site_visit_inspection_opened_idx" on "fire"."site_visit" ("inspection_id", "opened_at");`,
    );

    this.addSql(`create table "fire"."site_photo" (
      "id" uuid not null primary key,
      "inspection_id" uuid not null,
      "visit_id" uuid not null,
      "file_sha256" varchar(64) not null,
      "captured_at" timestamptz not null,
      "latitude" double precision not null,
      "longitude" double precision not null,
      "accuracy" double precision not null,
      "distance_meters" double precision null,
      "item_code" varchar(8) null,
      "location_key" uuid null,
      "line_code" varchar(16) null,
      "note" varchar(500) null,
      "width" int not null,
      "height" int not null,
      "uploaded_by_id" uuid null,
      "uploaded_at" timestamptz not null,
      constraint "site_photo_visit_file_key" unique ("visit_id", "file_sha256")
    );`);
    this.addSql(`create index "site_photo_inspection_item_idx" on "fire"."site_photo" ("inspection_id", "item_code");`);
    const fk = (table: string, column: string, target: string, targetColumn: string, onDelete: string) =>
      this.addSql(
        `alter table "fire"."${table}" add constraint "${table}_${column}_foreign" foreign key ("${column}") references "fire"."${target}" ("${targetColumn}") on update cascade on delete ${onDelete};`,
      );
    fk('site_visit', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('site_photo', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('site_photo', 'visit_id', 'site_visit', 'id', 'cascade');
    fk('site_photo', 'file_sha256', 'stored_file', 'sha256', 'no action');
    this.addSql(
      `create trigger "site_photo_guard" before insert or update or delete on "fire"."site_photo" for each row execute procedure "fire"."guard_results"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fire"."site_photo" cascade;`);
    this.addSql(`drop table if exists "fire"."site_visit" cascade;`);
    this.addSql(
      `alter table "fire"."inspection" drop column if exists "site_latitude", drop column if exists "site_longitude";`,
    );
  }
}
