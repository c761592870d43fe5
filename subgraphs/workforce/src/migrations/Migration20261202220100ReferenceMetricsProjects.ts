import { Migration } from '@mikro-orm/migrations';

const USER_ROWS = `select 'user'::text as entity, "user_id" as entity_id, '名实名制人员（关联账号）'::text as label, count(*) as refs from "workforce"."person" where "user_id" is not null group by "user_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '名实名制人员（录入人）'::text as label, count(*) as refs from "workforce"."person" where "created_by_id" is not null group by "created_by_id"
      union all
      select 'user'::text as entity, "created_by_id" as entity_id, '条劳动合同（录入人）'::text as label, count(*) as refs from "workforce"."employment" where "created_by_id" is not null group by "created_by_id"`;

/**
 * reference_metrics_v (ADR 0013) gains what the workforce holds of the projects subgraph's records,
 * so that a project or an enterprise is not deleted from under them:
 *  - a project: its assignments (history included), its attendance devices and its attendance
 *    records (refused attempts too: a device's unknown faces have no assignment behind them);
 *  - an enterprise: the assignments it is the employer of.
 * The fence replica (project_site) is not counted: every project has one, copied from the project
 * itself (ADR 0006), so it would refuse every delete; it holds nothing of ours but the margin.
 * Each branch is a count by the referred id, which the owner's `entity = … and entity_id = any(…)`
 * pushes down into an index scan; assignments get the one index by project that covers history
 * (employment_project_open_idx only holds open ones).
 */
export class Migration20261202220100ReferenceMetricsProjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "employment_project_id_idx" on "workforce"."employment" ("project_id");`);
    this.addSql(`create or replace view "workforce"."reference_metrics_v" as
      ${USER_ROWS}
      union all
      select 'project'::text as entity, "project_id" as entity_id, '条劳动合同'::text as label, count(*) as refs from "workforce"."employment" group by "project_id"
      union all
      select 'project'::text as entity, "project_id" as entity_id, '台考勤设备'::text as label, count(*) as refs from "workforce"."device" group by "project_id"
      union all
      select 'project'::text as entity, "project_id" as entity_id, '条考勤记录'::text as label, count(*) as refs from "workforce"."attendance" where "project_id" is not null group by "project_id"
      union all
      select 'enterprise'::text as entity, "enterprise_id" as entity_id, '条劳动合同（用工单位）'::text as label, count(*) as refs from "workforce"."employment" where "enterprise_id" is not null group by "enterprise_id"`);
  }

  override async down(): Promise<void> {
    // A view's columns cannot be dropped by `create or replace`: back to the 'user' rows by recreating it.
    this.addSql(`drop view "workforce"."reference_metrics_v";`);
    this.addSql(`create view "workforce"."reference_metrics_v" as
      ${USER_ROWS}`);
    this.addSql(`drop index if exists "workforce"."employment_project_id_idx";`);
  }
}
