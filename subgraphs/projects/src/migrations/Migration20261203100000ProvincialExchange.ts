import { Migration } from '@mikro-orm/migrations';

/**
 * 3.1.1 / 3.1.2 with the provincial platforms: a project keeps its 项目代码 (investment_code) and
 * 省级项目编号 (provincial_code) beside the 工建码 and 施工许可证编码, any one of them required and
 * each unique (the unique constraints are projectByCode's indexes); an enterprise's qualifications
 * move from a jsonb column to rows of their own with their source, so a pull can refresh them and
 * the list can filter by validity.
 */
export class Migration20261203100000ProvincialExchange extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "projects"."project" add column "investment_code" varchar(24) null,
      add column "provincial_code" varchar(32) null;`);
    this.addSql(
      `alter table "projects"."project" add constraint "project_investment_code_key" unique ("investment_code");`,
    );
    this.addSql(
      `alter table "projects"."project" add constraint "project_provincial_code_key" unique ("provincial_code");`,
    );
    this.addSql(`alter table "projects"."project" drop constraint "project_code_required_check";`);
    this.addSql(`alter table "projects"."project" add constraint "project_code_required_check"
      check (project_code is not null or permit_code is not null or investment_code is not null or provincial_code is not null);`);

    this.addSql(`create table "projects"."enterprise_qualification" (
      "id" uuid not null,
      "enterprise_id" uuid not null,
      "name" varchar(100) not null,
      "grade" varchar(20) not null,
      "certificate_no" varchar(50) not null,
      "valid_until" date null,
      "source" text check ("source" in ('MANUAL', 'PROVINCIAL_MARKET')) not null default 'MANUAL',
      "source_id" varchar(64) null,
      "fetched_at" timestamptz null,
      "changed_at" timestamptz null,
      "position" smallint not null default 0,
      constraint "enterprise_qualification_pkey" primary key ("id"));`);
    // The unique constraint leads with enterprise_id: it is also the index of "qualifications of these enterprises".
    this.addSql(
      `alter table "projects"."enterprise_qualification" add constraint "enterprise_qualification_enterprise_certificate_key" unique ("enterprise_id", "certificate_no", "name");`,
    );
    this.addSql(
      `create index "enterprise_qualification_valid_until_idx" on "projects"."enterprise_qualification" ("valid_until");`,
    );
    this.addSql(
      `alter table "projects"."enterprise_qualification" add constraint "enterprise_qualification_enterprise_id_foreign" foreign key ("enterprise_id") references "projects"."enterprise" ("id") on update cascade on delete cascade;`,
    );
    // Ids from md5 (no extension needed): the same rows on every installation.
    this.addSql(`insert into "projects"."enterprise_qualification"
        ("id", "enterprise_id", "name", "grade", "certificate_no", "valid_until", "position")
      select distinct on (e.id, q.value->>'certificateNo', q.value->>'name')
             md5(e.id::text || ':' || q.ordinality)::uuid, e.id, q.value->>'name', q.value->>'grade',
             q.value->>'certificateNo', (q.value->>'validUntil')::date, (q.ordinality - 1)::smallint
        from "projects"."enterprise" e, jsonb_array_elements(e.qualifications) with ordinality q
        order by e.id, q.value->>'certificateNo', q.value->>'name', q.ordinality;`);
    this.addSql(`alter table "projects"."enterprise" drop column "qualifications";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "projects"."enterprise" add column "qualifications" jsonb not null default '[]';`);
    this.addSql(`update "projects"."enterprise" e set "qualifications" = coalesce((
        select jsonb_agg(jsonb_build_object('name', q.name, 'grade', q.grade, 'certificateNo', q.certificate_no,
                 'validUntil', to_char(q.valid_until, 'YYYY-MM-DD')) order by q.position)
          from "projects"."enterprise_qualification" q where q.enterprise_id = e.id), '[]'::jsonb);`);
    this.addSql(`alter table "projects"."enterprise" alter column "qualifications" drop default;`);
    this.addSql(`drop table if exists "projects"."enterprise_qualification" cascade;`);
    this.addSql(`alter table "projects"."project" drop constraint "project_code_required_check";`);
    // Rows that only had the new codes cannot satisfy the old constraint: they keep it as NOT VALID.
    this.addSql(`alter table "projects"."project" add constraint "project_code_required_check"
      check (project_code is not null or permit_code is not null) not valid;`);
    this.addSql(`alter table "projects"."project" drop constraint "project_investment_code_key",
      drop constraint "project_provincial_code_key", drop column "investment_code", drop column "provincial_code";`);
  }
}
