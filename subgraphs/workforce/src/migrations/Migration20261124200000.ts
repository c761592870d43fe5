import { Migration } from '@mikro-orm/migrations';
import { KEY_POSTS } from '../people/key-posts.js';

/**
 * Initial schema of the workforce subgraph (1.2.1–1.2.3, 4.3), all in schema "workforce".
 *
 * Portable SQL (PostgreSQL 15+, openGauss, KingbaseES): enums as text + check constraints, jsonb,
 * plpgsql, no extensions. `attendance` is declaratively partitioned by month on the event time
 * (PostgreSQL 10+ syntax; openGauss and KingbaseES have their own partition DDL, see
 * docs/ARCHITECTURE.md), with `workforce.ensure_attendance_partitions(from, months)` creating the
 * missing months; the service calls it at start and whenever an event falls in a month without one.
 */
export class Migration20261124200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "workforce"."key_post" (
      "name" varchar(30) not null,
      "sort_order" int not null,
      constraint "key_post_pkey" primary key ("name"));`);
    for (const [i, name] of KEY_POSTS.entries()) {
      this.addSql(`insert into "workforce"."key_post" ("name", "sort_order") values ('${name}', ${i});`);
    }

    this.addSql(`create table "workforce"."person" (
      "id" uuid not null,
      "name" varchar(50) not null,
      "id_card_cipher" text not null,
      "id_card_index" varchar(64) not null,
      "id_card_sm3" varchar(64) not null,
      "sex" text check ("sex" in ('MALE', 'FEMALE')) not null,
      "ethnicity" varchar(20) not null,
      "birth_date" date not null,
      "address" varchar(200) null,
      "phone_cipher" text null,
      "photo_sha256" varchar(64) null,
      "trade" varchar(30) not null,
      "team" varchar(50) null,
      "user_id" uuid null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "person_pkey" primary key ("id"));`);
    this.addSql(`alter table "workforce"."person" add constraint "person_id_card_index_key" unique ("id_card_index");`);
    this.addSql(`alter table "workforce"."person" add constraint "person_user_id_key" unique ("user_id");`);
    this.addSql(`create index "person_id_card_sm3_idx" on "workforce"."person" ("id_card_sm3");`);
    this.addSql(`create index "person_trade_idx" on "workforce"."person" ("trade");`);
    this.addSql(`create index "person_birth_date_idx" on "workforce"."person" ("birth_date");`);
    this.addSql(`create index "person_name_idx" on "workforce"."person" ("name");`);
    this.addSql(`create index "person_created_by_id_idx" on "workforce"."person" ("created_by_id");`);

    this.addSql(`create table "workforce"."employment" (
      "id" uuid not null,
      "person_id" uuid not null,
      "project_id" uuid not null,
      "district_code" varchar(6) not null,
      "enterprise_id" uuid null,
      "enterprise_name" varchar(100) null,
      "post" varchar(30) not null,
      "is_key_post" boolean not null default false,
      "entry_date" date not null,
      "exit_date" date null,
      "contract_no" varchar(50) null,
      "contract_start" date null,
      "contract_end" date null,
      "wage_type" text check ("wage_type" in ('MONTHLY', 'DAILY', 'PIECE')) null,
      "wage_amount" numeric(12,2) null,
      "contract_file_sha256" varchar(64) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "employment_pkey" primary key ("id"),
      constraint "employment_person_id_foreign" foreign key ("person_id") references "workforce"."person" ("id") on update cascade on delete cascade,
      constraint "employment_dates_check" check ("exit_date" is null or "exit_date" >= "entry_date"));`);
    // One open assignment per person and project; history stays.
    this.addSql(
      `create unique index "employment_open_key" on "workforce"."employment" ("person_id", "project_id") where "exit_date" is null;`,
    );
    this.addSql(`create index "employment_person_id_idx" on "workforce"."employment" ("person_id");`);
    this.addSql(
      `create index "employment_project_open_idx" on "workforce"."employment" ("project_id", "is_key_post") where "exit_date" is null;`,
    );
    this.addSql(
      `create index "employment_district_open_idx" on "workforce"."employment" ("district_code", "is_key_post") where "exit_date" is null;`,
    );
    this.addSql(`create index "employment_enterprise_id_idx" on "workforce"."employment" ("enterprise_id");`);
    this.addSql(`create index "employment_post_idx" on "workforce"."employment" ("post");`);

    this.addSql(`create table "workforce"."training" (
      "id" uuid not null,
      "person_id" uuid not null,
      "title" varchar(100) not null,
      "trained_on" date not null,
      "hours" numeric(6,1) not null,
      "provider" varchar(100) null,
      "certificate_no" varchar(50) null,
      "created_at" timestamptz not null,
      constraint "training_pkey" primary key ("id"),
      constraint "training_person_id_foreign" foreign key ("person_id") references "workforce"."person" ("id") on update cascade on delete cascade);`);
    this.addSql(`create index "training_person_id_idx" on "workforce"."training" ("person_id", "trained_on");`);

    this.addSql(`create table "workforce"."project_site" (
      "project_id" uuid not null,
      "name" varchar(100) not null,
      "district_code" varchar(6) not null,
      "location_lng" double precision null,
      "location_lat" double precision null,
      "boundary" jsonb null,
      "fence_margin_m" int not null default 50,
      "synced_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "project_site_pkey" primary key ("project_id"),
      constraint "project_site_margin_check" check ("fence_margin_m" between 0 and 1000));`);
    this.addSql(`create index "project_site_district_code_idx" on "workforce"."project_site" ("district_code");`);

    this.addSql(`create table "workforce"."device" (
      "id" uuid not null,
      "project_id" uuid not null,
      "serial_no" varchar(64) not null,
      "name" varchar(100) not null,
      "kind" text check ("kind" in ('FACE', 'GATE', 'CARD')) not null,
      "enabled" boolean not null default true,
      "last_seen_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "device_pkey" primary key ("id"),
      constraint "device_project_id_foreign" foreign key ("project_id") references "workforce"."project_site" ("project_id") on update cascade);`);
    this.addSql(`alter table "workforce"."device" add constraint "device_serial_no_key" unique ("serial_no");`);
    this.addSql(`create index "device_project_id_idx" on "workforce"."device" ("project_id");`);

    // Every attempt, accepted or refused, partitioned by month of occurred_at.
    this.addSql(`create table "workforce"."attendance" (
      "id" uuid not null,
      "occurred_at" timestamptz not null,
      "work_date" date not null,
      "person_id" uuid null,
      "project_id" uuid null,
      "district_code" varchar(6) null,
      "direction" text check ("direction" in ('IN', 'OUT')) not null,
      "source" text check ("source" in ('MOBILE', 'DEVICE')) not null,
      "device_id" uuid null,
      "event_id" varchar(64) null,
      "batch_id" varchar(64) null,
      "accepted" boolean not null,
      "reason" varchar(30) null,
      "is_key_post" boolean not null default false,
      "latitude" double precision null,
      "longitude" double precision null,
      "accuracy_m" real null,
      "distance_m" real null,
      "snapshot_sha256" varchar(64) null,
      "received_at" timestamptz not null,
      constraint "attendance_pkey" primary key ("id", "occurred_at")) partition by range ("occurred_at");`);
    this.addSql(`create index "attendance_person_idx" on "workforce"."attendance" ("person_id", "occurred_at");`);
    this.addSql(`create index "attendance_project_date_idx" on "workforce"."attendance" ("project_id", "work_date");`);
    this.addSql(
      `create index "attendance_district_date_idx" on "workforce"."attendance" ("district_code", "work_date");`,
    );
    this.addSql(`create index "attendance_occurred_at_idx" on "workforce"."attendance" ("occurred_at");`);

    // Idempotency of device uploads: (device, event) is unique across all months, which a unique
    // index on the partitioned table cannot say (it must contain the partition key).
    this.addSql(`create table "workforce"."attendance_ingest_key" (
      "device_id" uuid not null,
      "event_id" varchar(64) not null,
      "attendance_id" uuid not null,
      "occurred_at" timestamptz not null,
      "accepted" boolean not null,
      "reason" varchar(30) null,
      "received_at" timestamptz not null,
      constraint "attendance_ingest_key_pkey" primary key ("device_id", "event_id"));`);

    // One row per person, project and day (Asia/Shanghai): today's state for live counts, and the
    // daily facts the attendance-rate analytics add up.
    this.addSql(`create table "workforce"."presence" (
      "work_date" date not null,
      "project_id" uuid not null,
      "person_id" uuid not null,
      "district_code" varchar(6) not null,
      "is_key_post" boolean not null,
      "on_site" boolean not null,
      "first_in_at" timestamptz null,
      "last_at" timestamptz not null,
      constraint "presence_pkey" primary key ("work_date", "project_id", "person_id"));`);
    this.addSql(`create index "presence_date_district_idx" on "workforce"."presence" ("work_date", "district_code");`);
    this.addSql(`create index "presence_project_date_idx" on "workforce"."presence" ("project_id", "work_date");`);

    this.addSql(`create table "workforce"."insurance_status" (
      "person_id" uuid not null,
      "status" text check ("status" in ('PAID', 'ARREARS', 'NOT_ENROLLED')) not null,
      "paid_months" int not null,
      "last_paid_month" varchar(7) null,
      "insurer" varchar(100) null,
      "detail" jsonb not null,
      "fetched_at" timestamptz not null,
      constraint "insurance_status_pkey" primary key ("person_id"),
      constraint "insurance_status_person_id_foreign" foreign key ("person_id") references "workforce"."person" ("id") on update cascade on delete cascade);`);

    this.addSql(`create or replace function "workforce"."ensure_attendance_partitions"(from_month date, months int)
      returns int language plpgsql as $fn$
      -- Months are Beijing-time months (the work date of an event is its Asia/Shanghai date).
      declare
        m date := date_trunc('month', from_month)::date;
        created int := 0;
        part text;
      begin
        for i in 0 .. months - 1 loop
          part := 'attendance_' || to_char(m, 'YYYYMM');
          if to_regclass('workforce.' || part) is null then
            execute format(
              'create table workforce.%I partition of workforce.attendance for values from (%L) to (%L)',
              part, m::timestamp at time zone 'Asia/Shanghai',
              (m + interval '1 month')::timestamp at time zone 'Asia/Shanghai');
            created := created + 1;
          end if;
          m := (m + interval '1 month')::date;
        end loop;
        return created;
      end $fn$;`);
    // The months around the migration; the service keeps creating the ones ahead.
    this.addSql(
      `select "workforce"."ensure_attendance_partitions"((date_trunc('month', now()) - interval '13 months')::date, 16);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "workforce"."ensure_attendance_partitions"(date, int);`);
    for (const table of [
      'insurance_status',
      'presence',
      'attendance_ingest_key',
      'attendance',
      'device',
      'project_site',
      'training',
      'employment',
      'person',
      'key_post',
    ]) {
      this.addSql(`drop table if exists "workforce"."${table}" cascade;`);
    }
  }
}
