import { Migration } from '@mikro-orm/migrations';

/**
 * What this subgraph's records refer to in other subgraphs, counted (ADR 0013): the subgraph that
 * owns a record reads this view before deleting it, instead of our tables. Columns are fixed
 * (entity, entity_id, label, refs); later migrations extend it with `create or replace view`.
 */
export class Migration20261202200000ReferenceMetrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "workforce"."reference_metrics_v" as
      select 'user'::text as entity, "user_id" as entity_id, '名实名制人员（关联账号）'::text as label, count(*) as refs from "workforce"."person" where "user_id" is not null group by "user_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '名实名制人员（录入人）'::text as label, count(*) as refs from "workforce"."person" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '条劳动合同（录入人）'::text as label, count(*) as refs from "workforce"."employment" where "created_by_id" is not null group by "created_by_id"`);
  }

  // Without it the migrator refused to roll back past this migration (test/migration.test.ts).
  override async down(): Promise<void> {
    this.addSql(`drop view if exists "workforce"."reference_metrics_v";`);
  }
}
