import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #11: whether a building has a 消防电梯 is a question, not a default. Until now item 09 was
 * simply 不涉及 unless someone listed it, so a 10-storey building got 消防电梯 不涉及 without being
 * asked. Null = not answered; a plan is not drawn while a building that may need one (layout.ts,
 * mayNeedFireLift) has neither an answer nor an explicit item list.
 */
export class Migration20261202210200FireLift extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "fire"."building" add column "has_fire_lift" boolean null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fire"."building" drop column "has_fire_lift";`);
  }
}
