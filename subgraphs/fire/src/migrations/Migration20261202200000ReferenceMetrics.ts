import { Migration } from '@mikro-orm/migrations';

/**
 * What this subgraph's records refer to in other subgraphs, counted (ADR 0013): the subgraph that
 * owns a record reads this view before deleting it, instead of our tables. Columns are fixed
 * (entity, entity_id, label, refs); later migrations extend it with `create or replace view`.
 */
export class Migration20261202200000ReferenceMetrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "fire"."reference_metrics_v" as
      select 'user'::text as entity, "created_by_id" as entity_id, '个消防验收抽查项目（录入人）'::text as label, count(*) as refs from "fire"."inspection" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '个抽查方案（抽取人）'::text as label, count(*) as refs from "fire"."sampling_plan" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'user'::text as entity, "signed_by_id" as entity_id, '个签名'::text as label, count(*) as refs from "fire"."signature" where "signed_by_id" is not null group by "signed_by_id"
      union all
      select 'user'::text as entity, "recorded_by_id" as entity_id, '条检查结果（记录人）'::text as label, count(*) as refs from "fire"."inspection_result" where "recorded_by_id" is not null group by "recorded_by_id"
      union all
      select 'user'::text as entity, "opened_by_id" as entity_id, '次现场检查'::text as label, count(*) as refs from "fire"."site_visit" where "opened_by_id" is not null group by "opened_by_id"
      union all
      select 'user'::text as entity, "uploaded_by_id" as entity_id, '张现场照片'::text as label, count(*) as refs from "fire"."site_photo" where "uploaded_by_id" is not null group by "uploaded_by_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '个现场新增部位'::text as label, count(*) as refs from "fire"."plan_extra_location" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '个检查目录版本'::text as label, count(*) as refs from "fire"."catalogue_version" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '个抽查规则版本'::text as label, count(*) as refs from "fire"."sampling_rule" where "created_by_id" is not null group by "created_by_id"`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "fire"."reference_metrics_v";`);
  }
}
