import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSubgraphOrm } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../projects/src/index.js';
import { fire } from '../src/index.js';
import { seedFire } from '../src/seed/seed.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';

/**
 * Issue #10: Migration20261202000000 restores the demo seed's Chinese punctuation that the old NFKC
 * text cleaning rewrote, and leaves what was signed as signed. The old state is made as the old code
 * left it: the demo seed, then its notes in their NFKC form (written past the guards, as a superuser
 * may in a test, because the sealed ones were stored that way before they were signed).
 */
const FIX = 'Migration20261202000000';
const TYPED = '现场与设计文件不符，需整改';
const STORED = '现场与设计文件不符,需整改';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;
let dataDir: string;
const sql = (q: string, p: unknown[] = []) => orm.em.getConnection().execute(q, p);
const notes = async (locked: boolean) =>
  (
    await sql(
      `select r.note, count(*)::int as n from fire.inspection_result r join fire.inspection i on i.id = r.inspection_id
        where r.note is not null and (i.results_locked_at is not null) = ? group by r.note order by r.note`,
      [locked],
    )
  ).map((r: { note: string; n: number }) => r.note);

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'hs-fire-text-'));
  const projectsOrm = await openSubgraphOrm(projects, db.url);
  await projects.seed!(projectsOrm.em.fork() as never, { scale: 'demo', logger: testLogger });
  await projectsOrm.close();
  orm = await openSubgraphOrm(fire, db.url);
  // Seeded by today's code on today's schema, then stepped back to just before the fix (and what
  // came after it: their down migrations keep the data).
  await seedFire(orm.em.fork() as never, {
    scale: 'demo',
    logger: testLogger,
    config: { ...testConfig(db.url), DATA_DIR: dataDir },
  });
  await orm.getMigrator().down({ to: FIX });
  expect((await orm.getMigrator().getPendingMigrations()).map((m) => m.name)[0]).toBe(FIX);
  await orm.em.getConnection().transactional(async (tx) => {
    await tx.raw('set local session_replication_role = replica');
    await tx.raw('update fire.inspection_result set note = ? where note = ?', [STORED, TYPED]);
  });
}, 240_000);
afterAll(async () => {
  await orm?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the demo data’s text as typed', () => {
  it('the seed stores its notes as typed now (the old state had to be made by hand)', async () => {
    expect(await notes(false)).toEqual([STORED]);
    expect(await notes(true)).toEqual([STORED]);
    const opinions = await sql(`select distinct opinion from fire.signature where agree = false`);
    expect(opinions).toEqual([{ opinion: '抽查楼层与现场楼层编号不一致，请重新生成' }]);
  });

  it('restores unsigned results and leaves signed ones as signed', async () => {
    await orm.getMigrator().up({ to: FIX });
    expect((await orm.getMigrator().getPendingMigrations()).map((m) => m.name)).not.toContain(FIX);
    expect(await notes(false)).toEqual([TYPED]);
    expect(await notes(true)).toEqual([STORED]);
  });
});
