/**
 * Issue #10: provisioning on a database an earlier version migrated as the superuser (every
 * installation before the owner role) hands every object to the owner, and runs twice alike.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyGrants,
  databaseName,
  dropDatabase,
  ensureDatabase,
  migrateSubgraph,
  openSubgraphOrm,
  provisionRoles,
  withDatabase,
} from '@hs/kit';
import { DATABASE_GRANTS, SUBGRAPHS } from '../../../scripts/src/subgraphs.js';
import { ownerUrl, serviceUrl, TEST_ROLE_PASSWORDS } from './roles.js';

const template = inject('templateDatabaseUrl');
const url = withDatabase(template, `${databaseName(template)}_legacy_${randomBytes(3).toString('hex')}`);

afterAll(async () => {
  await dropDatabase(url);
});

async function query(connection: string, text: string) {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('an installation migrated as the superuser', () => {
  it('is handed to the owner role, and the services then work as their own roles', async () => {
    await ensureDatabase(url);
    for (const module of SUBGRAPHS) await migrateSubgraph(module, url); // the old way: as postgres
    for (let run = 0; run < 2; run++) await provisionRoles(url, DATABASE_GRANTS, TEST_ROLE_PASSWORDS);
    for (const module of SUBGRAPHS) await migrateSubgraph(module, ownerUrl(url));
    await applyGrants(ownerUrl(url), DATABASE_GRANTS);

    const owners = await query(
      url,
      `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('identity', 'projects', 'fire', 'workforce') and c.relkind in ('r', 'p', 'v', 'S')
       union select distinct pg_get_userbyid(p.proowner) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('identity', 'projects', 'fire', 'workforce')`,
    );
    expect(owners).toEqual([{ owner: 'hs_owner' }]);
    const [created] = await query(
      serviceUrl(url, 'workforce'),
      `select workforce.ensure_attendance_partitions('2031-01-01', 1) as n`,
    );
    expect(created.n).toBe(1); // as its owner, through the one function the service may call
    await expect(query(serviceUrl(url, 'projects'), 'select count(*) from fire.inspection')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('gives the service what a later migration adds, through default privileges', async () => {
    await query(ownerUrl(url), 'create table fire.added_later (id serial primary key, note text)');
    await query(serviceUrl(url, 'fire'), `insert into fire.added_later (note) values ('x')`);
    expect(await query(serviceUrl(url, 'fire'), 'select note from fire.added_later')).toEqual([{ note: 'x' }]);
    await expect(query(serviceUrl(url, 'fire'), 'truncate fire.added_later')).rejects.toThrow(/permission denied/);
    await expect(query(serviceUrl(url, 'identity'), 'select * from fire.added_later')).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('role provisioning of several databases on one server at once', () => {
  // Roles belong to the server; each database's launcher (or test run) provisions them. Run side by
  // side they update the same role rows, which PostgreSQL refuses with "tuple concurrently updated".
  it('succeeds for every database', async () => {
    const urls = [0, 1, 2, 3].map((n) => withDatabase(template, `${databaseName(template)}_race${n}`));
    try {
      for (const each of urls) await ensureDatabase(each);
      for (let round = 0; round < 3; round++)
        await Promise.all(urls.map((each) => provisionRoles(each, DATABASE_GRANTS, TEST_ROLE_PASSWORDS)));
    } finally {
      for (const each of urls) await dropDatabase(each).catch(() => {});
    }
  });
});

describe("a service's ORM connections", () => {
  it('run without JIT (scoped counts compiled longer than they ran)', async () => {
    const orm = await openSubgraphOrm(SUBGRAPHS[0], serviceUrl(url, SUBGRAPHS[0].dbSchema));
    try {
      expect(await orm.em.getConnection().execute('show jit')).toEqual([{ jit: 'off' }]);
    } finally {
      await orm.close();
    }
  });
});
