import { Migration } from '@mikro-orm/migrations';

/**
 * Initial schema of the projects subgraph (3.1, 1.1): districts, enterprises, projects and their
 * participating units, all in schema "projects".
 *
 * Portable SQL only (PostgreSQL 15 and 18, openGauss, KingbaseES): no PostGIS (boundaries and site
 * fences are GeoJSON in jsonb, checked in application code), enums as text + check constraints,
 * no extensions. The keyword search (`ilike '%kw%'`) has no index: a btree cannot serve a
 * leading wildcard and pg_trgm is not available everywhere; see docs/.
 *
 * Kept in step with the entities: test/migration.test.ts asserts the schema diff is empty.
 */
export class Migration20261124000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "projects"."district" (
      "code" varchar(6) not null,
      "name" varchar(50) not null,
      "kind" text check ("kind" in ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_CITY')) not null,
      "parent_code" varchar(6) null,
      "center_lng" double precision not null,
      "center_lat" double precision not null,
      "boundary" jsonb not null,
      constraint "district_pkey" primary key ("code"));`);
    this.addSql(`create index "district_parent_code_idx" on "projects"."district" ("parent_code");`);

    this.addSql(`create table "projects"."enterprise" (
      "id" uuid not null,
      "credit_code" varchar(18) not null,
      "name" varchar(100) not null,
      "registered_address" varchar(200) null,
      "legal_representative" varchar(50) null,
      "district_code" varchar(6) not null,
      "qualifications" jsonb not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "enterprise_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "projects"."enterprise" add constraint "enterprise_credit_code_key" unique ("credit_code");`,
    );
    this.addSql(`create index "enterprise_district_code_idx" on "projects"."enterprise" ("district_code");`);

    this.addSql(`create table "projects"."project" (
      "id" uuid not null,
      "project_code" varchar(32) null,
      "permit_code" varchar(32) null,
      "name" varchar(100) not null,
      "type" text check ("type" in ('HOUSING', 'MUNICIPAL', 'INDUSTRIAL', 'TRANSPORT', 'WATER', 'OTHER')) not null,
      "district_code" varchar(6) not null,
      "address" varchar(200) not null,
      "location_lng" double precision not null,
      "location_lat" double precision not null,
      "site_boundary" jsonb null,
      "status" text check ("status" in ('PLANNED', 'UNDER_CONSTRUCTION', 'SUSPENDED', 'COMPLETED')) not null default 'PLANNED',
      "start_date" date null,
      "planned_end_date" date null,
      "completed_date" date null,
      "contract_amount" numeric(16,4) null,
      "area" numeric(14,2) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "project_pkey" primary key ("id"),
      constraint project_code_required_check check (project_code is not null or permit_code is not null));`);
    // Unique constraints double as the indexes for projectByCode (3.1.1).
    this.addSql(`alter table "projects"."project" add constraint "project_project_code_key" unique ("project_code");`);
    this.addSql(`alter table "projects"."project" add constraint "project_permit_code_key" unique ("permit_code");`);
    this.addSql(`create index "project_type_idx" on "projects"."project" ("type");`);
    this.addSql(`create index "project_status_idx" on "projects"."project" ("status");`);
    this.addSql(`create index "project_start_date_idx" on "projects"."project" ("start_date");`);
    this.addSql(`create index "project_created_by_id_idx" on "projects"."project" ("created_by_id");`);
    // Serves the district filter, the district data scope and the dashboard's district × status counts.
    this.addSql(`create index "project_district_status_idx" on "projects"."project" ("district_code", "status");`);

    this.addSql(`create table "projects"."project_unit" (
      "id" uuid not null,
      "project_id" uuid not null,
      "enterprise_id" uuid not null,
      "role" text check ("role" in ('BUILDER', 'GENERAL_CONTRACTOR', 'SUPERVISOR', 'SURVEYOR', 'DESIGNER')) not null,
      "project_leader" varchar(50) null,
      "position" smallint not null default 0,
      constraint "project_unit_pkey" primary key ("id"));`);
    // Filter by enterprise (and role), and the enterprise data scope.
    this.addSql(
      `create index "project_unit_enterprise_role_idx" on "projects"."project_unit" ("enterprise_id", "role");`,
    );
    // Leads with project_id: also the index for "units of these projects".
    this.addSql(
      `alter table "projects"."project_unit" add constraint "project_unit_project_role_enterprise_key" unique ("project_id", "role", "enterprise_id");`,
    );

    this.addSql(
      `alter table "projects"."project" add constraint "project_district_code_foreign" foreign key ("district_code") references "projects"."district" ("code") on update cascade on delete no action;`,
    );
    this.addSql(
      `alter table "projects"."project_unit" add constraint "project_unit_project_id_foreign" foreign key ("project_id") references "projects"."project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "projects"."project_unit" add constraint "project_unit_enterprise_id_foreign" foreign key ("enterprise_id") references "projects"."enterprise" ("id") on update cascade on delete no action;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "projects"."project_unit" cascade;`);
    this.addSql(`drop table if exists "projects"."project" cascade;`);
    this.addSql(`drop table if exists "projects"."enterprise" cascade;`);
    this.addSql(`drop table if exists "projects"."district" cascade;`);
  }
}
