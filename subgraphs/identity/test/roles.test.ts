/**
 * Issue #10 (六.3, 等保 三权分立): identity connects as a role that owns nothing and may only append
 * to the audit log, so the append-only guard holds against the application's own connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // An audit row through the service's own work: an account locked by repeated failures.
  for (let i = 0; i < 5; i++) await h.gql(LOGIN, { u: 'ghost_roles', p: 'Wrong#Pass1' });
});
afterAll(async () => {
  await h?.close();
});

describe("the identity service's database role", () => {
  it('is neither superuser nor owner of anything, and appended the lockout to the audit log', async () => {
    const [me] = await h.sql(
      `select current_user as name, r.rolsuper,
         (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
       from pg_roles r where r.rolname = current_user`,
    );
    expect(me).toEqual({ name: 'hs_identity_app', rolsuper: false, owned: 0 });
    const [{ n }] = await h.sql(`select count(*)::int as n from identity.audit_log`);
    expect(n).toBeGreaterThan(0);
  });

  it('cannot switch the append-only trigger off', async () => {
    await expect(h.sql(`set session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(h.sql(`alter table identity.audit_log disable trigger audit_log_append_only`)).rejects.toThrow(
      /must be (the )?owner/,
    );
  });

  it('holds no UPDATE, DELETE or TRUNCATE on the audit log, and creates nothing', async () => {
    await expect(h.sql(`update identity.audit_log set actor_name = 'x' where seq = 1`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(h.sql(`delete from identity.audit_log where seq = 1`)).rejects.toThrow(/permission denied/);
    await expect(h.sql(`truncate identity.audit_log`)).rejects.toThrow(/permission denied/);
    await expect(h.sql(`create table identity.scratch (id int)`)).rejects.toThrow(/permission denied/);
    const [privileges] = await h.sql(
      `select has_table_privilege('identity.audit_log', 'INSERT') as insert,
              has_table_privilege('identity.audit_log', 'SELECT') as select,
              has_table_privilege('identity.audit_log', 'UPDATE') as update,
              has_schema_privilege('identity', 'CREATE') as create`,
    );
    expect(privileges).toEqual({ insert: true, select: true, update: false, create: false });
  });
});
