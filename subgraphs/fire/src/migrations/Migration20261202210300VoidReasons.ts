import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #11: a void plan's reason ran the box's label and the signer's name together
 * ("监察科室成员李科员不同意：…"); it is now 「监察科室成员（李科员）不同意：…」. Stored reasons are
 * rewritten from the disagreeing signature itself (append-only, so exactly what was said), and only
 * where the stored text is the old form of that same signature: a reason written otherwise (a
 * layout change) is left as it is. The reason is not part of what anyone signed (the plan's hash
 * covers the draw; the signature's hash covers the signature), and the plan guard lets it change.
 */
export class Migration20261202210300VoidReasons extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "fire"."sampling_plan" as p
  set "void_reason" = left(s."party_label" || '（' || s."signer_name" || '）不同意：' || coalesce(s."opinion", ''), 500)
  from "fire"."signature" as s
  where s."plan_id" = p."id" and s."stage" = 'PLAN' and s."agree" = false
    and p."void_reason" = left(s."party_label" || s."signer_name" || '不同意：' || coalesce(s."opinion", ''), 500);`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "fire"."sampling_plan" as p
  set "void_reason" = left(s."party_label" || s."signer_name" || '不同意：' || coalesce(s."opinion", ''), 500)
  from "fire"."signature" as s
  where s."plan_id" = p."id" and s."stage" = 'PLAN' and s."agree" = false
    and p."void_reason" = left(s."party_label" || '（' || s."signer_name" || '）不同意：' || coalesce(s."opinion", ''), 500);`);
  }
}
