import { Migration } from '@mikro-orm/migrations';

/**
 * What identity's records refer to in other subgraphs, counted (ADR 0013): enterprise departments
 * stand for projects' enterprises (department.enterprise_id), so projects reads this view before it
 * deletes an enterprise, instead of our tables. Columns are fixed (entity, entity_id, label, refs);
 * later migrations extend it with `create or replace view`, keeping them in this order.
 */
export class Migration20261202000500ReferenceMetrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "identity"."reference_metrics_v" as
      select 'enterprise'::text as entity, "enterprise_id" as entity_id, '个企业部门（登录账号所属组织）'::text as label, count(*) as refs from "identity"."department" where "enterprise_id" is not null group by "enterprise_id"`);
  }
}
