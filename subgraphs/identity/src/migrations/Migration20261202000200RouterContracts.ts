import { Migration } from '@mikro-orm/migrations';

/**
 * What the router relies on (issue #10, docs/ARCHITECTURE.md "Router ↔ identity contracts"):
 * - audit_log.record_id: the router's outbox id, unique, so a record delivered twice is stored once;
 * - revoked_session_v: the read-only view of revoked sessions the router loads at start;
 * - a trigger that NOTIFYs channel `hs:session-revoked` whenever a session's revoked_at is set,
 *   whichever code path revokes it (logout, force-logout, refresh-token reuse, password change…).
 *   NOTIFY is delivered on commit, so routers never refuse a session whose revocation rolled back.
 * LISTEN/NOTIFY is PostgreSQL's (as kit's PubSub); `execute procedure` for openGauss.
 */
export class Migration20261202000200RouterContracts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."audit_log" add column "record_id" uuid null;`);
    this.addSql(`alter table "identity"."audit_log" add constraint "audit_log_record_id_unique" unique ("record_id");`);

    this.addSql(`create index "session_revoked_at_idx" on "identity"."session" ("revoked_at");`);
    this.addSql(`create view "identity"."revoked_session_v" as
      select "id" as "session_id", "revoked_at" from "identity"."session" where "revoked_at" is not null;`);
    this.addSql(`create or replace function "identity"."session_notify_revoked"() returns trigger as $$
begin
  perform pg_notify('hs:session-revoked', json_build_object('sessionId', new."id")::text);
  return new;
end;
$$ language plpgsql;`);
    this.addSql(`create trigger "session_revoked_notify" after update of "revoked_at" on "identity"."session"
      for each row when (old."revoked_at" is null and new."revoked_at" is not null)
      execute procedure "identity"."session_notify_revoked"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "session_revoked_notify" on "identity"."session";`);
    this.addSql(`drop function if exists "identity"."session_notify_revoked"();`);
    this.addSql(`drop view if exists "identity"."revoked_session_v";`);
    this.addSql(`drop index if exists "identity"."session_revoked_at_idx";`);
    this.addSql(`alter table "identity"."audit_log" drop constraint if exists "audit_log_record_id_unique";`);
    this.addSql(`alter table "identity"."audit_log" drop column if exists "record_id";`);
  }
}
