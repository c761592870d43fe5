import { openSubgraphOrm } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../src/index.js';
import { createTestDatabase } from '../../../packages/kit/test/support.js';

describe('projects migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;

  beforeAll(async () => {
    db = await createTestDatabase(); // a copy of the template, which global setup migrated
    orm = await openSubgraphOrm(projects, db.url);
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('are all applied in the template', async () => {
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(projects.migrations.map((m) => m.name));
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('load the districts as reference data, boundaries included', async () => {
    const rows = await orm.em
      .getConnection()
      .execute(
        `select code, name, kind, parent_code, jsonb_typeof(boundary) t, boundary->>'type' g from projects.district order by code`,
      );
    expect(rows.map((r: any) => [r.code, r.name, r.kind, r.parent_code, r.g])).toEqual([
      ['420200', '黄石市', 'CITY', '420000', 'MultiPolygon'],
      ['420202', '黄石港区', 'DISTRICT', '420200', 'Polygon'],
      ['420203', '西塞山区', 'DISTRICT', '420200', 'Polygon'],
      ['420204', '下陆区', 'DISTRICT', '420200', 'Polygon'],
      ['420205', '铁山区', 'DISTRICT', '420200', 'Polygon'],
      ['420222', '阳新县', 'COUNTY', '420200', 'Polygon'],
      ['420281', '大冶市', 'COUNTY_CITY', '420200', 'Polygon'],
    ]);
  });

  // Other subgraphs' schemas share the database: compare ours only.
  it('agree with the entities: the schema diff is empty', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'projects' });
    expect(diff.trim()).toBe('');
  });

  it('the diff check is not vacuous: a missing index or check constraint shows up', async () => {
    const connection = orm.em.getConnection();
    await connection.execute('drop index projects.project_type_idx');
    await connection.execute('alter table projects.project drop constraint project_code_required_check');
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'projects' });
    expect(diff).toContain('project_type_idx');
    expect(diff).toContain('project_code_required_check');
    await connection.execute(diff);
    expect((await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'projects' })).trim()).toBe('');
  });

  it('roll back and apply again cleanly', async () => {
    await orm.getMigrator().down({ to: 0 });
    const tables = await orm.em
      .getConnection()
      .execute(
        `select table_name from information_schema.tables where table_schema = 'projects' and table_name <> 'mikro_orm_migrations'`,
      );
    expect(tables).toEqual([]);
    await orm.getMigrator().up();
    expect((await orm.em.getConnection().execute('select count(*)::int n from projects.district'))[0].n).toBe(7);
    expect((await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'projects' })).trim()).toBe('');
  });
});
