import { migrateSubgraph, openSubgraphOrm } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_V1 } from '../src/catalogue/catalogue-data.js';
import { catalogueDigest } from '../src/catalogue/catalogue.model.js';
import { fire } from '../src/index.js';
import { DEFAULT_RULE_CONFIG } from '../src/sampling/rule-config.js';
import { createTestDatabase } from '../../../packages/kit/test/support.js';

describe('fire migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;

  beforeAll(async () => {
    db = await createTestDatabase(); // identity + projects; fire is migrated here
    await migrateSubgraph(fire, db.url);
    orm = await openSubgraphOrm(fire, db.url);
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('are all applied', async () => {
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(fire.migrations.map((m) => m.name));
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('load catalogue v1 (published, with its digest) and rule v1 (active) as reference data', async () => {
    const [catalogue] = await orm.em
      .getConnection()
      .execute(`select version, status, content, digest from fire.catalogue_version`);
    expect(catalogue.version).toBe(1);
    expect(catalogue.status).toBe('PUBLISHED');
    expect(catalogue.content).toEqual(CATALOGUE_V1);
    expect(catalogue.digest).toBe(catalogueDigest(CATALOGUE_V1));
    const [rule] = await orm.em.getConnection().execute(`select version, active, config from fire.sampling_rule`);
    expect(rule).toMatchObject({ version: 1, active: true, config: DEFAULT_RULE_CONFIG });
  });

  // Other subgraphs' schemas share the database: compare ours only.
  it('agree with the entities: the schema diff is empty', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'fire' });
    expect(diff.trim()).toBe('');
  });

  it('the diff check is not vacuous: a missing index or check constraint shows up', async () => {
    const connection = orm.em.getConnection();
    await connection.execute('drop index fire.inspection_category_idx');
    await connection.execute('alter table fire.inspection drop constraint inspection_status_check');
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'fire' });
    expect(diff).toContain('inspection_category_idx');
    expect(diff).toContain('inspection_status_check');
    await connection.execute(diff);
    expect((await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'fire' })).trim()).toBe('');
  });

  it('roll back and apply again cleanly (triggers included)', async () => {
    await orm.getMigrator().down({ to: 0 });
    const tables = await orm.em
      .getConnection()
      .execute(
        `select table_name from information_schema.tables where table_schema = 'fire' and table_name <> 'mikro_orm_migrations'`,
      );
    expect(tables).toEqual([]);
    await orm.getMigrator().up();
    const triggers = await orm.em
      .getConnection()
      .execute(
        `select distinct trigger_name from information_schema.triggers where trigger_schema = 'fire' order by 1`,
      );
    expect(triggers.map((t: any) => t.trigger_name)).toEqual([
      'building_guard',
      'floor_guard',
      'inspection_guard',
      'inspection_result_guard',
      'plan_extra_location_guard',
      'sampling_plan_guard',
      'signature_guard',
      'site_photo_guard',
    ]);
    expect((await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'fire' })).trim()).toBe('');
  });
});
