import { Migration } from '@mikro-orm/migrations';

/**
 * What this subgraph's records refer to in other subgraphs, counted (ADR 0013): the subgraph that
 * owns a record reads this view before deleting it, instead of our tables. Columns are fixed
 * (entity, entity_id, label, refs); later migrations extend it with `create or replace view`.
 */
export class Migration20261202200000ReferenceMetrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "projects"."reference_metrics_v" as
      select 'user'::text as entity, "created_by_id" as entity_id, '个工程项目（录入人）'::text as label, count(*) as refs from "projects"."project" where "created_by_id" is not null group by "created_by_id"`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "projects"."reference_metrics_v";`);
  }
}
