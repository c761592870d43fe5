import { Migration } from '@mikro-orm/migrations';

/**
 * Identity's initial schema, written by hand (PostgreSQL 15/18; no extensions, nothing that
 * openGauss / KingbaseES refuse). Everything lives in schema "identity".
 *
 * Beyond the tables the entities describe, this adds what the ORM cannot express:
 * - the audit chain's genesis row in audit_chain_head (appends lock it FOR UPDATE);
 * - a PL/pgSQL trigger that refuses UPDATE, DELETE and TRUNCATE on audit_log (append-only).
 *   `execute procedure` rather than `execute function`: openGauss accepts only the former and
 *   PostgreSQL still accepts both.
 */
export class Migration20251124000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "identity";`);

    this.addSql(`create table "identity"."department" (
      "id" uuid not null,
      "name" varchar(100) not null,
      "kind" varchar(32) not null,
      "parent_id" uuid null,
      "district_code" varchar(6) null,
      "enterprise_id" uuid null,
      "sort_order" int not null default 0,
      "status" varchar(16) not null default 'ACTIVE',
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "department_pkey" primary key ("id"));`);
    this.addSql(`create index "department_parent_id_idx" on "identity"."department" ("parent_id");`);
    this.addSql(`create index "department_enterprise_id_idx" on "identity"."department" ("enterprise_id");`);
    this.addSql(`alter table "identity"."department" add constraint "department_parent_id_foreign"
      foreign key ("parent_id") references "identity"."department" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "identity"."role" (
      "id" uuid not null,
      "code" varchar(64) not null,
      "name" varchar(64) not null,
      "description" varchar(255) null,
      "permissions" text[] not null,
      "data_scope" varchar(32) not null,
      "sort_order" int not null default 0,
      "status" varchar(16) not null default 'ACTIVE',
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "role_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."role" add constraint "role_code_key" unique ("code");`);

    this.addSql(`create table "identity"."role_department" (
      "role_id" uuid not null,
      "department_id" uuid not null,
      constraint "role_department_pkey" primary key ("role_id", "department_id"));`);
    this.addSql(`alter table "identity"."role_department" add constraint "role_department_role_id_foreign"
      foreign key ("role_id") references "identity"."role" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "identity"."role_department" add constraint "role_department_department_id_foreign"
      foreign key ("department_id") references "identity"."department" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "identity"."user_account" (
      "id" uuid not null,
      "username" varchar(64) not null,
      "display_name" varchar(64) not null,
      "department_id" uuid not null,
      "status" varchar(16) not null default 'ACTIVE',
      "phone_cipher" text null,
      "phone_index" varchar(64) null,
      "id_card_cipher" text null,
      "id_card_index" varchar(64) null,
      "password_hash" varchar(255) not null,
      "failed_login_count" int not null default 0,
      "locked_until" timestamptz null,
      "must_change_password" boolean not null default false,
      "password_changed_at" timestamptz null,
      "last_login_at" timestamptz null,
      "last_login_ip" varchar(64) null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "user_account_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "identity"."user_account" add constraint "user_account_username_key" unique ("username");`,
    );
    this.addSql(
      `alter table "identity"."user_account" add constraint "user_account_phone_index_key" unique ("phone_index");`,
    );
    this.addSql(
      `alter table "identity"."user_account" add constraint "user_account_id_card_index_key" unique ("id_card_index");`,
    );
    this.addSql(`create index "user_account_department_id_idx" on "identity"."user_account" ("department_id");`);
    this.addSql(`alter table "identity"."user_account" add constraint "user_account_department_id_foreign"
      foreign key ("department_id") references "identity"."department" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "identity"."user_role" (
      "user_id" uuid not null,
      "role_id" uuid not null,
      constraint "user_role_pkey" primary key ("user_id", "role_id"));`);
    this.addSql(`alter table "identity"."user_role" add constraint "user_role_user_id_foreign"
      foreign key ("user_id") references "identity"."user_account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "identity"."user_role" add constraint "user_role_role_id_foreign"
      foreign key ("role_id") references "identity"."role" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "identity"."session" (
      "id" uuid not null,
      "user_id" uuid not null,
      "family_id" uuid not null,
      "current_token_hash" varchar(64) not null,
      "previous_token_hashes" text[] not null,
      "created_at" timestamptz not null,
      "last_active_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "revoked_reason" varchar(32) null,
      "ip" varchar(64) null,
      "user_agent" varchar(512) null,
      constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_user_id_idx" on "identity"."session" ("user_id");`);
    this.addSql(`create index "session_family_id_idx" on "identity"."session" ("family_id");`);
    this.addSql(`create index "session_last_active_at_idx" on "identity"."session" ("last_active_at");`);
    this.addSql(`alter table "identity"."session" add constraint "session_user_id_foreign"
      foreign key ("user_id") references "identity"."user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "identity"."login_throttle" (
      "username" varchar(64) not null,
      "failed_count" int not null default 0,
      "locked_until" timestamptz null,
      "updated_at" timestamptz not null,
      constraint "login_throttle_pkey" primary key ("username"));`);

    this.addSql(`create table "identity"."login_log" (
      "id" bigserial primary key,
      "username" varchar(64) not null,
      "user_id" uuid null,
      "ip" varchar(64) null,
      "user_agent" varchar(512) null,
      "result" varchar(16) not null,
      "reason" varchar(32) not null,
      "at" timestamptz not null);`);
    this.addSql(`create index "login_log_at_idx" on "identity"."login_log" ("at");`);
    this.addSql(`create index "login_log_username_at_idx" on "identity"."login_log" ("username", "at");`);
    this.addSql(`create index "login_log_user_id_idx" on "identity"."login_log" ("user_id");`);

    this.addSql(`create table "identity"."audit_log" (
      "seq" bigserial primary key,
      "at" timestamptz not null,
      "actor_id" uuid null,
      "actor_name" varchar(64) null,
      "session_id" uuid null,
      "ip" varchar(64) null,
      "user_agent" varchar(512) null,
      "operation_name" varchar(128) null,
      "fields" text[] not null,
      "variables" jsonb null,
      "result" varchar(16) not null,
      "error_codes" text[] not null,
      "prev_hash" varchar(64) not null,
      "hash" varchar(64) not null);`);
    this.addSql(`create index "audit_log_at_idx" on "identity"."audit_log" ("at");`);
    this.addSql(`create index "audit_log_actor_id_idx" on "identity"."audit_log" ("actor_id");`);

    this.addSql(`create table "identity"."audit_chain_head" (
      "id" smallint not null,
      "last_seq" bigint not null,
      "last_hash" varchar(64) not null,
      "updated_at" timestamptz not null,
      constraint "audit_chain_head_pkey" primary key ("id"));`);
    this.addSql(`insert into "identity"."audit_chain_head" ("id", "last_seq", "last_hash", "updated_at")
      values (1, 0, '${'0'.repeat(64)}', current_timestamp);`);

    this.addSql(`create or replace function "identity"."audit_log_refuse_change"() returns trigger as $$
begin
  raise exception 'identity.audit_log 只允许追加，拒绝 % (append-only)', tg_op using errcode = '42501';
end;
$$ language plpgsql;`);
    this.addSql(`create trigger "audit_log_append_only" before update or delete on "identity"."audit_log"
      for each row execute procedure "identity"."audit_log_refuse_change"();`);
    this.addSql(`create trigger "audit_log_no_truncate" before truncate on "identity"."audit_log"
      for each statement execute procedure "identity"."audit_log_refuse_change"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity"."audit_log" cascade;`);
    this.addSql(`drop function if exists "identity"."audit_log_refuse_change"();`);
    this.addSql(`drop table if exists "identity"."audit_chain_head" cascade;`);
    this.addSql(`drop table if exists "identity"."login_log" cascade;`);
    this.addSql(`drop table if exists "identity"."login_throttle" cascade;`);
    this.addSql(`drop table if exists "identity"."session" cascade;`);
    this.addSql(`drop table if exists "identity"."user_role" cascade;`);
    this.addSql(`drop table if exists "identity"."user_account" cascade;`);
    this.addSql(`drop table if exists "identity"."role_department" cascade;`);
    this.addSql(`drop table if exists "identity"."role" cascade;`);
    this.addSql(`drop table if exists "identity"."department" cascade;`);
  }
}
