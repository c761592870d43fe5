import { Migration } from '@mikro-orm/migrations';

/**
 * Initial schema of the fire subgraph (1.3, 4.2), all in schema "fire".
 *
 * Portable SQL only (PostgreSQL 15 and 18, openGauss, KingbaseES): enums as text + check
 * constraints, jsonb, plpgsql triggers, no extensions. The text filters of 1.3.8 use a bigram
 * token table instead of pg_trgm (see inspections/search-token.entity.ts).
 *
 * The triggers at the end are the database's own guarantee behind 1.3.7 (“一经签名后，不可更改抽查结果”):
 * once the first party has signed the results (inspection.results_locked_at), nobody — the API,
 * a script, or a person with the application's database account — can insert, change or delete a
 * result or an on-site location of that inspection; once sealed, the inspection row, its plan,
 * buildings and floors are frozen too; signatures are append-only; a plan's drawn content never
 * changes after it is written. Their messages start with a marker the service maps to error codes.
 *
 * Kept in step with the entities: test/migration.test.ts asserts the schema diff is empty.
 */
export class Migration20261124100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "fire"."catalogue_version" (
      "id" uuid not null,
      "version" integer not null,
      "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'ARCHIVED')) not null default 'DRAFT',
      "note" varchar(200) null,
      "content" jsonb not null,
      "digest" varchar(64) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "published_at" timestamptz null,
      constraint "catalogue_version_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "fire"."catalogue_version" add constraint "catalogue_version_version_key" unique ("version");`,
    );
    this.addSql(`create index "catalogue_version_status_idx" on "fire"."catalogue_version" ("status");`);

    this.addSql(`create table "fire"."sampling_rule" (
      "id" uuid not null,
      "version" integer not null,
      "active" boolean not null default false,
      "config" jsonb not null,
      "note" varchar(200) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      constraint "sampling_rule_pkey" primary key ("id"));`);
    this.addSql(`alter table "fire"."sampling_rule" add constraint "sampling_rule_version_key" unique ("version");`);

    this.addSql(`create table "fire"."inspection" (
      "id" uuid not null,
      "project_id" uuid null,
      "project_name" varchar(100) not null,
      "district_code" varchar(6) not null,
      "builder_unit" varchar(100) null,
      "design_unit" varchar(100) null,
      "general_contractor_unit" varchar(100) null,
      "fire_contractor_unit" varchar(100) null,
      "supervisor_unit" varchar(100) null,
      "fire_testing_unit" varchar(100) null,
      "leader_name" varchar(50) not null,
      "leader_phone_cipher" text null,
      "leader_id_card_cipher" text null,
      "leader_id_card_index" varchar(64) null,
      "address" varchar(200) not null,
      "category" text check ("category" in ('NEW', 'EXTENSION', 'RENOVATION')) not null,
      "decoration" boolean not null default false,
      "decoration_description" varchar(200) null,
      "inspection_date" date null,
      "change_of_use" boolean not null default false,
      "use_nature" varchar(100) null,
      "original_use" varchar(100) null,
      "status" text check ("status" in ('DRAFT', 'PLAN_PENDING', 'PLAN_CONFIRMED', 'RECORDING', 'RECORDED', 'SIGNING', 'SEALED')) not null default 'DRAFT',
      "results_locked_at" timestamptz null,
      "sealed_at" timestamptz null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "inspection_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_project_id_idx" on "fire"."inspection" ("project_id");`);
    this.addSql(`create index "inspection_leader_id_card_index_idx" on "fire"."inspection" ("leader_id_card_index");`);
    this.addSql(`create index "inspection_category_idx" on "fire"."inspection" ("category");`);
    this.addSql(`create index "inspection_inspection_date_idx" on "fire"."inspection" ("inspection_date");`);
    this.addSql(`create index "inspection_status_idx" on "fire"."inspection" ("status");`);
    this.addSql(`create index "inspection_created_by_id_idx" on "fire"."inspection" ("created_by_id");`);
    // The district filter, the district data scope and the analytics by district and month.
    this.addSql(
      `create index "inspection_district_date_idx" on "fire"."inspection" ("district_code", "inspection_date");`,
    );

    this.addSql(`create table "fire"."inspection_search_token" (
      "field" varchar(24) not null,
      "token" varchar(8) not null,
      "inspection_id" uuid not null,
      constraint "inspection_search_token_pkey" primary key ("field", "token", "inspection_id"));`);
    this.addSql(
      `create index "inspection_search_token_inspection_id_idx" on "fire"."inspection_search_token" ("inspection_id");`,
    );

    this.addSql(`create table "fire"."building" (
      "id" uuid not null,
      "inspection_id" uuid not null,
      "name" varchar(50) not null,
      "position" smallint not null default 0,
      "category" varchar(50) null,
      "fire_resistance_rating" varchar(10) null,
      "structure" varchar(50) null,
      "height" numeric(7,2) null,
      "area" numeric(12,2) null,
      "use_nature" varchar(100) null,
      "items" jsonb null,
      "remarks" varchar(500) null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "building_pkey" primary key ("id"));`);
    this.addSql(`create index "building_inspection_position_idx" on "fire"."building" ("inspection_id", "position");`);

    this.addSql(`create table "fire"."floor" (
      "id" uuid not null,
      "building_id" uuid not null,
      "kind" text check ("kind" in ('BASEMENT', 'ABOVE', 'ROOF')) not null,
      "level" smallint not null,
      "name" varchar(20) not null,
      "use_nature" varchar(100) null,
      "area" numeric(12,2) null,
      "items" jsonb null,
      "remarks" varchar(500) null,
      constraint "floor_pkey" primary key ("id"));`);
    // Leads with building_id: also the index for "floors of these buildings".
    this.addSql(
      `alter table "fire"."floor" add constraint "floor_building_kind_level_key" unique ("building_id", "kind", "level");`,
    );

    this.addSql(`create table "fire"."sampling_plan" (
      "id" uuid not null,
      "inspection_id" uuid not null,
      "seq" smallint not null,
      "status" text check ("status" in ('PENDING', 'CONFIRMED', 'VOID')) not null default 'PENDING',
      "seed" varchar(64) not null,
      "rule_version" integer not null,
      "rule_config" jsonb not null,
      "catalogue_version_id" uuid not null,
      "catalogue_digest" varchar(64) not null,
      "layout" jsonb not null,
      "draw" jsonb not null,
      "content_hash" varchar(64) not null,
      "mac" varchar(64) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "confirmed_at" timestamptz null,
      "voided_at" timestamptz null,
      "void_reason" varchar(500) null,
      constraint "sampling_plan_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "fire"."sampling_plan" add constraint "sampling_plan_inspection_seq_key" unique ("inspection_id", "seq");`,
    );
    this.addSql(`create index "sampling_plan_status_idx" on "fire"."sampling_plan" ("status");`);

    this.addSql(`create table "fire"."stored_file" (
      "sha256" varchar(64) not null,
      "mime_type" varchar(100) not null,
      "byte_size" integer not null,
      "width" integer null,
      "height" integer null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      constraint "stored_file_pkey" primary key ("sha256"));`);

    this.addSql(`create table "fire"."signature" (
      "id" uuid not null,
      "inspection_id" uuid not null,
      "plan_id" uuid not null,
      "stage" text check ("stage" in ('PLAN', 'RESULT')) not null,
      "slot" smallint not null,
      "party" varchar(32) not null,
      "party_label" varchar(50) not null,
      "signer_name" varchar(50) not null,
      "agree" boolean not null,
      "opinion" varchar(500) null,
      "image_sha256" varchar(64) null,
      "content_hash" varchar(64) not null,
      "record_hash" varchar(64) not null,
      "signed_by_id" uuid null,
      "signed_at" timestamptz not null,
      constraint "signature_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "fire"."signature" add constraint "signature_plan_stage_slot_key" unique ("plan_id", "stage", "slot");`,
    );
    this.addSql(
      `alter table "fire"."signature" add constraint "signature_plan_stage_party_key" unique ("plan_id", "stage", "party");`,
    );
    this.addSql(`create index "signature_inspection_stage_idx" on "fire"."signature" ("inspection_id", "stage");`);

    this.addSql(`create table "fire"."inspection_result" (
      "id" uuid not null,
      "inspection_id" uuid not null,
      "plan_id" uuid not null,
      "item_code" varchar(8) not null,
      "sub_item_code" varchar(16) not null,
      "line_code" varchar(24) not null,
      "importance" varchar(1) not null,
      "location_key" uuid not null,
      "location_label" varchar(100) not null,
      "extra" boolean not null default false,
      "verdict" text check ("verdict" in ('PASS', 'FAIL')) not null,
      "note" varchar(500) null,
      "recorded_by_id" uuid null,
      "recorded_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "inspection_result_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "fire"."inspection_result" add constraint "inspection_result_plan_line_location_key" unique ("plan_id", "line_code", "location_key");`,
    );
    // Per inspection and per item: completeness, exports and the analytics' group by item.
    this.addSql(
      `create index "inspection_result_inspection_item_idx" on "fire"."inspection_result" ("inspection_id", "item_code");`,
    );

    this.addSql(`create table "fire"."plan_extra_location" (
      "id" uuid not null,
      "inspection_id" uuid not null,
      "plan_id" uuid not null,
      "item_code" varchar(8) not null,
      "location_key" uuid not null,
      "building_id" uuid null,
      "floor_id" uuid null,
      "label" varchar(100) not null,
      "note" varchar(500) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      constraint "plan_extra_location_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "fire"."plan_extra_location" add constraint "plan_extra_location_plan_item_location_key" unique ("plan_id", "item_code", "location_key");`,
    );

    const fk = (table: string, column: string, target: string, targetColumn: string, onDelete: string) =>
      this.addSql(
        `alter table "fire"."${table}" add constraint "${table}_${column}_foreign" foreign key ("${column}") references "fire"."${target}" ("${targetColumn}") on update cascade on delete ${onDelete};`,
      );
    fk('inspection_search_token', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('building', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('floor', 'building_id', 'building', 'id', 'cascade');
    fk('sampling_plan', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('sampling_plan', 'catalogue_version_id', 'catalogue_version', 'id', 'no action');
    fk('signature', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('signature', 'plan_id', 'sampling_plan', 'id', 'cascade');
    fk('signature', 'image_sha256', 'stored_file', 'sha256', 'no action');
    fk('inspection_result', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('inspection_result', 'plan_id', 'sampling_plan', 'id', 'cascade');
    fk('plan_extra_location', 'inspection_id', 'inspection', 'id', 'cascade');
    fk('plan_extra_location', 'plan_id', 'sampling_plan', 'id', 'cascade');

    // ------------------------------------------------------------------ guards (1.3.7)

    // Results and on-site locations: frozen from the first result signature on.
    this.addSql(`create or replace function "fire"."guard_results"() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from "fire"."inspection" where "id" = old."inspection_id" and "results_locked_at" is not null) then
      raise exception '[RESULTS_SEALED] 抽查结果已签名确认，不可更改（%）', tg_table_name using errcode = 'P0001';
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from "fire"."inspection" where "id" = new."inspection_id" and "results_locked_at" is not null) then
      raise exception '[RESULTS_SEALED] 抽查结果已签名确认，不可更改（%）', tg_table_name using errcode = 'P0001';
    end if;
    return new;
  end if;
  return old;
end $$;`);
    for (const table of ['inspection_result', 'plan_extra_location']) {
      this.addSql(
        `create trigger "${table}_guard" before insert or update or delete on "fire"."${table}" for each row execute procedure "fire"."guard_results"();`,
      );
    }

    // The inspection: sealed means frozen; the lock, once set, stays.
    this.addSql(`create or replace function "fire"."guard_inspection"() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old."results_locked_at" is not null then
      raise exception '[RESULTS_SEALED] 已签名确认的抽查项目不可删除' using errcode = 'P0001';
    end if;
    return old;
  end if;
  if old."sealed_at" is not null then
    raise exception '[RESULTS_SEALED] 已封存的抽查项目不可修改' using errcode = 'P0001';
  end if;
  if old."results_locked_at" is not null and new."results_locked_at" is distinct from old."results_locked_at" then
    raise exception '[RESULTS_SEALED] 结果锁定不可撤销' using errcode = 'P0001';
  end if;
  return new;
end $$;`);
    this.addSql(
      `create trigger "inspection_guard" before update or delete on "fire"."inspection" for each row execute procedure "fire"."guard_inspection"();`,
    );

    // Buildings and floors of a sealed inspection.
    this.addSql(`create or replace function "fire"."guard_layout"() returns trigger language plpgsql as $$
declare
  v_inspection uuid;
  v_row record;
begin
  if tg_op = 'DELETE' then v_row := old; else v_row := new; end if;
  if tg_table_name = 'floor' then
    select "inspection_id" into v_inspection from "fire"."building" where "id" = v_row."building_id";
  else
    v_inspection := v_row."inspection_id";
  end if;
  if exists (select 1 from "fire"."inspection" where "id" = v_inspection and "sealed_at" is not null) then
    raise exception '[RESULTS_SEALED] 已封存的抽查项目不可修改楼栋楼层' using errcode = 'P0001';
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end $$;`);
    for (const table of ['building', 'floor']) {
      this.addSql(
        `create trigger "${table}_guard" before insert or update or delete on "fire"."${table}" for each row execute procedure "fire"."guard_layout"();`,
      );
    }

    // Plans: what was drawn never changes; only the status moves (PENDING → CONFIRMED | VOID).
    this.addSql(`create or replace function "fire"."guard_plan"() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if exists (select 1 from "fire"."inspection" where "id" = old."inspection_id" and "results_locked_at" is not null) then
      raise exception '[RESULTS_SEALED] 已签名确认的抽查方案不可删除' using errcode = 'P0001';
    end if;
    return old;
  end if;
  if new."inspection_id" <> old."inspection_id" or new."seq" <> old."seq" or new."seed" <> old."seed"
     or new."rule_version" <> old."rule_version" or new."rule_config" <> old."rule_config"
     or new."catalogue_version_id" <> old."catalogue_version_id" or new."catalogue_digest" <> old."catalogue_digest"
     or new."layout" <> old."layout" or new."draw" <> old."draw" or new."content_hash" <> old."content_hash"
     or new."mac" is distinct from old."mac" or new."created_at" <> old."created_at" then
    raise exception '[PLAN_IMMUTABLE] 抽查方案内容生成后不可修改' using errcode = 'P0001';
  end if;
  if old."status" <> 'PENDING' and new."status" <> old."status" then
    raise exception '[PLAN_IMMUTABLE] 已确认或已作废的抽查方案状态不可改变' using errcode = 'P0001';
  end if;
  return new;
end $$;`);
    this.addSql(
      `create trigger "sampling_plan_guard" before update or delete on "fire"."sampling_plan" for each row execute procedure "fire"."guard_plan"();`,
    );

    // Signatures: append-only; no result signature once sealed (a sixth one, even through SQL).
    this.addSql(`create or replace function "fire"."guard_signature"() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    raise exception '[SIGNATURE_IMMUTABLE] 签名记录不可修改或删除' using errcode = 'P0001';
  end if;
  if new."stage" = 'RESULT' and exists (select 1 from "fire"."inspection" where "id" = new."inspection_id" and "sealed_at" is not null) then
    raise exception '[RESULTS_SEALED] 各方签名已完成，不能再签名' using errcode = 'P0001';
  end if;
  return new;
end $$;`);
    this.addSql(
      `create trigger "signature_guard" before insert or update or delete on "fire"."signature" for each row execute procedure "fire"."guard_signature"();`,
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'plan_extra_location',
      'inspection_result',
      'signature',
      'stored_file',
      'sampling_plan',
      'floor',
      'building',
      'inspection_search_token',
      'inspection',
      'sampling_rule',
      'catalogue_version',
    ]) {
      this.addSql(`drop table if exists "fire"."${table}" cascade;`);
    }
    for (const fn of ['guard_results', 'guard_inspection', 'guard_layout', 'guard_plan', 'guard_signature']) {
      this.addSql(`drop function if exists "fire"."${fn}"();`);
    }
  }
}
