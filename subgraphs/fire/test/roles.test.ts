import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEntries, preparedInspection, RECORD, signResultsAll, startFire, type TestFire } from './helpers.js';

/**
 * Issue #10 (1.3.7, 等保 三权分立): the service connects as a role that owns nothing, so the seal on
 * signed results holds against the application's own connection: it cannot switch the triggers
 * off, truncate, or create; and TRUNCATE is refused even to a role that holds the privilege.
 */
let t: TestFire;
let sealedId: string;

beforeAll(async () => {
  t = await startFire();
  const sealed = await preparedInspection(t);
  await t.ok(RECORD, { id: sealed.id, results: allEntries(sealed.plan) });
  await signResultsAll(t, sealed.id);
  sealedId = sealed.id;
});
afterAll(async () => {
  await t?.close();
});

/** One statement in a transaction of its own on a fresh connection, so a refused one leaves nothing behind. */
async function asDba(statement: string) {
  const client = new pg.Client({ connectionString: t.dbaUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(statement);
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end();
  }
}

describe("the fire service's database role", () => {
  it('is neither superuser nor owner of anything', async () => {
    const [me] = await t.sql(
      `select current_user as name, r.rolsuper, r.rolbypassrls,
         (select count(*)::int from pg_class c where c.relowner = r.oid) as owned,
         (select count(*)::int from pg_namespace n where n.nspowner = r.oid) as schemas
       from pg_roles r where r.rolname = current_user`,
    );
    expect(me).toEqual({ name: 'hs_fire_app', rolsuper: false, rolbypassrls: false, owned: 0, schemas: 0 });
  });

  it('cannot switch triggers off: no replica mode, no ALTER TABLE … DISABLE TRIGGER', async () => {
    await expect(t.sql(`set session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(t.sql(`alter table fire.inspection_result disable trigger all`)).rejects.toThrow(
      /must be (the )?owner/,
    );
    await expect(t.sql(`alter table fire.signature disable trigger signature_guard`)).rejects.toThrow(
      /must be (the )?owner/,
    );
  });

  it('cannot truncate or create', async () => {
    for (const table of ['inspection_result', 'signature', 'inspection']) {
      await expect(t.sql(`truncate fire.${table} cascade`)).rejects.toThrow(/permission denied/);
    }
    await expect(t.sql(`create table fire.scratch (id int)`)).rejects.toThrow(/permission denied/);
    await expect(t.sql(`create function fire.f() returns int language sql as 'select 1'`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('cannot change or delete a signed result or a signature', async () => {
    await expect(
      t.sql(`update fire.inspection_result set verdict = verdict where inspection_id = ?`, [sealedId]),
    ).rejects.toThrow(/RESULTS_SEALED/);
    await expect(t.sql(`delete from fire.inspection_result where inspection_id = ?`, [sealedId])).rejects.toThrow(
      /RESULTS_SEALED/,
    );
    await expect(t.sql(`delete from fire.signature where inspection_id = ?`, [sealedId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.sql(`update fire.signature set stage = stage where inspection_id = ?`, [sealedId])).rejects.toThrow(
      /permission denied/,
    );
    const [{ n }] = await t.sql(`select count(*)::int as n from fire.signature where inspection_id = ?`, [sealedId]);
    expect(n).toBeGreaterThan(0);
  });
});

describe('TRUNCATE on the guarded tables', () => {
  it('is refused even to a superuser, whom the row triggers do not stop', async () => {
    for (const table of ['inspection_result', 'signature', 'sampling_plan', 'site_photo', 'plan_extra_location']) {
      await expect(asDba(`truncate fire.${table} cascade`)).rejects.toThrow(/不可整表清空/);
    }
    await expect(asDba(`truncate fire.inspection cascade`)).rejects.toThrow(/不可整表清空/);
    const [{ n }] = await t.sql(`select count(*)::int as n from fire.inspection_result where inspection_id = ?`, [
      sealedId,
    ]);
    expect(n).toBeGreaterThan(0);
  });
});
