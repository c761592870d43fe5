import { Migration } from '@mikro-orm/migrations';

/**
 * ADR 0013: what fire holds that refers to records of other subgraphs, for their deletes to refuse
 * while it does — a published metrics view, the one cross-schema read the design allows (the
 * projects service's role may select it: DATABASE_GRANTS). One row per project that inspections
 * are linked to. Fire refers to no enterprise by id: its six units are names as entered (1.3.1).
 */
export class Migration20261202120100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "fire"."reference_metrics_v" as
  select 'project'::text as "entity", i."project_id" as "entity_id", '消防验收抽查项目'::text as "label", count(*)::bigint as "refs"
  from "fire"."inspection" i
  where i."project_id" is not null
  group by i."project_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "fire"."reference_metrics_v";`);
  }
}
