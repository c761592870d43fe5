import { Migration } from '@mikro-orm/migrations';

/** The view as Migration20261202200000ReferenceMetrics made it: the people fire's records name. */
const USER_ROWS = `
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
  select 'user'::text as entity, "created_by_id" as entity_id, '个抽查规则版本'::text as label, count(*) as refs from "fire"."sampling_rule" where "created_by_id" is not null group by "created_by_id"`;

/**
 * ADR 0013 / issue #11: the projects fire's inspections are linked to (1.3.1 选择项目), so that
 * deleting a project still inspected is refused 「工程项目“…”仍被 2 个消防验收抽查项目引用」. The
 * projects service's role reads the view (projects' SubgraphModule.reads). Fire refers to no
 * enterprise by id: its six units are names as entered.
 */
const PROJECT_ROWS = `
  select 'project'::text as entity, "project_id" as entity_id, '个消防验收抽查项目'::text as label, count(*) as refs
  from "fire"."inspection" where "project_id" is not null group by "project_id"`;

export class Migration20261202210100ProjectReferences extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace view "fire"."reference_metrics_v" as ${USER_ROWS}\n  union all ${PROJECT_ROWS};`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace view "fire"."reference_metrics_v" as ${USER_ROWS};`);
  }
}
