import { Migration } from '@mikro-orm/migrations';

const T = '"projects"."drawing_review_certificate"';

/**
 * 1.1 施工图联合审查合格书: files (ADR 0008), certificate versions, the register that keeps a number to
 * one version chain, and the 1.1.2 share log (append-only through the service role's grants).
 * A trigger keeps superseded versions read-only and refuses deleting any version, whoever writes.
 * A project's certificates count as references before it is deleted (reference_metrics_v).
 */
export class Migration20261203000000DrawingReviewCertificates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "projects"."stored_file" (
      "sha256" varchar(64) not null,
      "mime_type" varchar(100) not null,
      "byte_size" int not null,
      "width" int null,
      "height" int null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      constraint "stored_file_pkey" primary key ("sha256"));`);

    this.addSql(`create table "projects"."drawing_review_certificate_number" (
      "certificate_no" varchar(50) not null,
      "chain_id" uuid not null,
      "created_at" timestamptz not null,
      constraint "drawing_review_certificate_number_pkey" primary key ("certificate_no"));`);
    this.addSql(
      `create index "drawing_review_certificate_number_chain_id_idx" on "projects"."drawing_review_certificate_number" ("chain_id");`,
    );

    this.addSql(`create table ${T} (
      "id" uuid not null,
      "project_id" uuid not null,
      "chain_id" uuid not null,
      "version" int not null,
      "latest" boolean not null default true,
      "status" text check ("status" in ('CURRENT', 'SUPERSEDED', 'REVOKED')) not null default 'CURRENT',
      "certificate_no" varchar(50) not null,
      "review_agency" varchar(100) not null,
      "review_agency_credit_code" varchar(18) null,
      "review_date" date not null,
      "disciplines" text[] not null,
      "conclusion" text check ("conclusion" in ('QUALIFIED', 'QUALIFIED_AFTER_REVISION', 'UNQUALIFIED')) not null,
      "valid_from" date null,
      "valid_until" date null,
      "file_sha256" varchar(64) not null,
      "reissue_reason" varchar(200) null,
      "superseded_at" timestamptz null,
      "revoked_at" timestamptz null,
      "revoked_by_id" uuid null,
      "revoked_by_name" varchar(50) null,
      "revoke_reason" varchar(200) null,
      "created_by_id" uuid null,
      "created_by_name" varchar(50) null,
      "created_at" timestamptz not null,
      constraint "drawing_review_certificate_pkey" primary key ("id"));`);
    for (const column of [
      'status',
      'certificate_no',
      'review_agency',
      'review_date',
      'conclusion',
      'valid_until',
      'created_at',
    ]) {
      this.addSql(`create index "drawing_review_certificate_${column}_idx" on ${T} ("${column}");`);
    }
    // 审查专业 filter: `disciplines @> array[…]`.
    this.addSql(`create index "drawing_review_certificate_disciplines_idx" on ${T} using gin ("disciplines");`);
    this.addSql(`create index "drawing_review_certificate_latest_review_date_idx" on ${T} ("latest", "review_date");`);
    this.addSql(`create index "drawing_review_certificate_project_latest_idx" on ${T} ("project_id", "latest");`);
    this.addSql(
      `alter table ${T} add constraint "drawing_review_certificate_chain_version_key" unique ("chain_id", "version");`,
    );

    this.addSql(`create table "projects"."drawing_review_certificate_share" (
      "id" uuid not null,
      "certificate_id" uuid not null,
      "chain_id" uuid not null,
      "action" text check ("action" in ('VIEW', 'DOWNLOAD')) not null,
      "user_id" uuid null,
      "user_name" varchar(50) not null,
      "department_id" uuid null,
      "at" timestamptz not null,
      constraint "drawing_review_certificate_share_pkey" primary key ("id"));`);
    this.addSql(
      `create index "drawing_review_certificate_share_chain_at_idx" on "projects"."drawing_review_certificate_share" ("chain_id", "at");`,
    );

    this.addSql(`alter table ${T} add constraint "drawing_review_certificate_project_id_foreign"
      foreign key ("project_id") references "projects"."project" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table ${T} add constraint "drawing_review_certificate_file_sha256_foreign"
      foreign key ("file_sha256") references "projects"."stored_file" ("sha256") on update cascade on delete no action;`);
    this
      .addSql(`alter table "projects"."drawing_review_certificate_share" add constraint "drawing_review_certificate_share_certificate_id_foreign"
      foreign key ("certificate_id") references ${T} ("id") on update cascade on delete no action;`);

    this.addSql(`create function "projects"."drawing_review_certificate_history_guard"() returns trigger
      language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception '施工图联合审查合格书不能删除（可撤销）' using errcode = 'P0001';
        end if;
        if old.latest = false then
          raise exception '合格书的历史版本只读，不能修改' using errcode = 'P0001';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "drawing_review_certificate_history_guard" before update or delete on ${T}
      for each row execute procedure "projects"."drawing_review_certificate_history_guard"();`);

    this.addSql(`create or replace view "projects"."reference_metrics_v" as
      select 'user'::text as entity, "created_by_id" as entity_id, '个工程项目（录入人）'::text as label, count(*) as refs from "projects"."project" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'project'::text, "project_id", '份施工图联合审查合格书'::text, count(*) from ${T} where "latest" group by "project_id"`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace view "projects"."reference_metrics_v" as
      select 'user'::text as entity, "created_by_id" as entity_id, '个工程项目（录入人）'::text as label, count(*) as refs from "projects"."project" where "created_by_id" is not null group by "created_by_id"`);
    this.addSql(`drop table if exists "projects"."drawing_review_certificate_share";`);
    this.addSql(`drop table if exists ${T};`);
    this.addSql(`drop function if exists "projects"."drawing_review_certificate_history_guard"();`);
    this.addSql(`drop table if exists "projects"."drawing_review_certificate_number";`);
    this.addSql(`drop table if exists "projects"."stored_file";`);
  }
}
