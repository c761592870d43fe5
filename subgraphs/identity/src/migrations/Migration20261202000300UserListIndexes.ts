import { Migration } from '@mikro-orm/migrations';

/** The user list sorts by these columns (ADR 0013): each has an index, so a sorted page is an index scan. */
export class Migration20261202000300UserListIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "user_account_display_name_idx" on "identity"."user_account" ("display_name");`);
    this.addSql(`create index "user_account_status_idx" on "identity"."user_account" ("status");`);
    this.addSql(`create index "user_account_created_at_idx" on "identity"."user_account" ("created_at");`);
    this.addSql(`create index "user_account_last_login_at_idx" on "identity"."user_account" ("last_login_at");`);
  }

  override async down(): Promise<void> {
    for (const column of ['display_name', 'status', 'created_at', 'last_login_at']) {
      this.addSql(`drop index if exists "identity"."user_account_${column}_idx";`);
    }
  }
}
