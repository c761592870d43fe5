import { openSubgraphOrm } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../packages/kit/test/support.js';
import { DEFAULT_HAZARD_LEVELS, DEFAULT_OUTCOMES } from '../src/inspections/dictionary.entity.js';
import { supervision } from '../src/index.js';

describe('supervision migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;
  const sql = (q: string): Promise<any[]> => orm.em.getConnection().execute(q);

  beforeAll(async () => {
    db = await createTestDatabase(); // the template has every subgraph migrated
    orm = await openSubgraphOrm(supervision, db.url);
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('are all applied, with the hazard levels (一级 the most severe) and the outcomes as data', async () => {
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(supervision.migrations.map((m) => m.name));
    const levels = await sql(`select level, name, severity, color from supervision.hazard_level order by severity`);
    expect(levels).toEqual(DEFAULT_HAZARD_LEVELS);
    expect(levels[0]).toMatchObject({ name: '一级', color: '红' });
    const outcomes = await sql(
      `select code, name, sort_order as "sortOrder", needs_rectification as "needsRectification"
         from supervision.inspection_outcome order by sort_order`,
    );
    expect(outcomes).toEqual(DEFAULT_OUTCOMES);
  });

  it('rolls back to nothing and forward again', async () => {
    const migrator = orm.getMigrator();
    await migrator.down({ to: 0 });
    expect((await sql(`select to_regclass('supervision.inspection') as t`))[0].t).toBeNull();
    await migrator.up();
    expect((await sql(`select to_regclass('supervision.inspection_metrics_v') as t`))[0].t).toBe(
      'supervision.inspection_metrics_v',
    );
  });
});
