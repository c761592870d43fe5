import { Migration } from '@mikro-orm/migrations';

/**
 * What identity's records refer to in other subgraphs, counted (ADR 0013): a department that stands
 * for an enterprise (the enterprise's own accounts) keeps that enterprise from being deleted.
 */
export class Migration20261202000350ReferenceMetrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "identity"."reference_metrics_v" as
      select 'enterprise'::text as entity, "enterprise_id" as entity_id, '个企业部门（登录账号所属组织）'::text as label, count(*) as refs
        from "identity"."department" where "enterprise_id" is not null group by "enterprise_id"`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "identity"."reference_metrics_v";`);
  }
}
