import { Migration } from '@mikro-orm/migrations';

/**
 * The identity lists other than users (ADR 0013) sort by these columns and filter by these
 * conditions: each has an index, so a sorted or filtered page is an index scan.
 *
 * The audit log's b-tree indexes end in `seq` so that "entries of these users / operations / this
 * result, newest first" reads in index order; the actor index replaces the one on actor_id alone,
 * which it covers. Its other columns get none: every index is written under the chain-head lock of
 * each append.
 */
export class Migration20261202000400IdentityListIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "role_name_idx" on "identity"."role" ("name");`);
    this.addSql(`create index "role_sort_order_idx" on "identity"."role" ("sort_order");`);
    this.addSql(`create index "role_status_idx" on "identity"."role" ("status");`);
    this.addSql(`create index "role_created_at_idx" on "identity"."role" ("created_at");`);

    this.addSql(`drop index "identity"."audit_log_actor_id_idx";`);
    this.addSql(`create index "audit_log_actor_id_seq_idx" on "identity"."audit_log" ("actor_id", "seq");`);
    this.addSql(`create index "audit_log_operation_name_seq_idx" on "identity"."audit_log" ("operation_name", "seq");`);
    this.addSql(`create index "audit_log_result_seq_idx" on "identity"."audit_log" ("result", "seq");`);

    // The login log lists newest first by id: the address index of the captcha check (ip, at) cannot serve that.
    this.addSql(`create index "login_log_result_id_idx" on "identity"."login_log" ("result", "id");`);
    this.addSql(`create index "login_log_ip_id_idx" on "identity"."login_log" ("ip", "id");`);

    this.addSql(`create index "session_created_at_idx" on "identity"."session" ("created_at");`);
    this.addSql(`create index "session_expires_at_idx" on "identity"."session" ("expires_at");`);

    this.addSql(`create index "dict_type_name_idx" on "identity"."dict_type" ("name");`);
    this.addSql(`create index "dict_type_sort_order_idx" on "identity"."dict_type" ("sort_order");`);
    this.addSql(`create index "dict_type_status_idx" on "identity"."dict_type" ("status");`);
    this.addSql(`create index "dict_type_created_at_idx" on "identity"."dict_type" ("created_at");`);
  }
}
