import { openSubgraphOrm } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workforce } from '../src/index.js';
import { KEY_POSTS } from '../src/people/key-posts.js';
import { createTestDatabase } from '../../../packages/kit/test/support.js';

describe('workforce migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;
  const sql = (q: string, p: unknown[] = []): Promise<any[]> => orm.em.getConnection().execute(q, p);

  beforeAll(async () => {
    db = await createTestDatabase(); // the template has every subgraph migrated
    orm = await openSubgraphOrm(workforce, db.url);
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('are all applied, with the key posts as data', async () => {
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(workforce.migrations.map((m) => m.name));
    const posts = await sql(`select name from workforce.key_post order by sort_order`);
    expect(posts.map((p) => p.name)).toEqual(KEY_POSTS);
  });

  it('attendance is partitioned by month, 13 months back to 2 ahead, and the function is idempotent', async () => {
    const parts = await sql(
      `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'workforce.attendance'::regclass order by 1`,
    );
    expect(parts).toHaveLength(16);
    const [again] = await sql(
      `select workforce.ensure_attendance_partitions((date_trunc('month', now()) - interval '13 months')::date, 16) as n`,
    );
    expect(again.n).toBe(0);
    // Bounds are Beijing-time months: 2026-11-01 00:00 +08:00 is the first instant of 202611.
    const name: string = parts[parts.length - 3].relname; // attendance_YYYYMM of this month
    const month = `${name.slice(11, 15)}-${name.slice(15, 17)}`;
    const [bound] = await sql(
      `select (regexp_match(pg_get_expr(c.relpartbound, c.oid), '''([^'']+)'''))[1]::timestamptz = ?::timestamptz as ok
         from pg_class c where c.relname = ?`,
      [`${month}-01T00:00:00+08:00`, name],
    );
    expect(bound.ok).toBe(true);
  });

  it('roll back and apply again cleanly', async () => {
    await orm.getMigrator().down({ to: 0 });
    const tables = await sql(
      `select table_name from information_schema.tables where table_schema = 'workforce' and table_name <> 'mikro_orm_migrations'`,
    );
    expect(tables).toEqual([]);
    await orm.getMigrator().up();
    const [{ n }] = await sql(`select count(*)::int as n from workforce.key_post`);
    expect(n).toBe(KEY_POSTS.length);
  });
});
