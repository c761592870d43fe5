/**
 * `npm start` without provincial URLs: the in-process approval simulator knows every third seeded
 * project, so a demo code finds its project, matched to the stored one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@hs/identity';
import pg from 'pg';
import type { RunningPlatform } from '../src/platform.js';
import { startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db);
});
afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

it('finds a seeded project by its 施工许可证编码 in the simulator, matched to the stored project', async () => {
  const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin')!;
  const login = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }', {
    u: admin.username,
    p: admin.password,
  });
  const token = login.data.login.accessToken;
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const { rows } = await sql
    .query(
      `select id, permit_code, name from (select *, row_number() over (order by created_at, id) n from projects.project) p
        where n % 3 = 1 and permit_code is not null order by n limit 1`,
    )
    .finally(() => sql.end());
  const body = await gql(
    'query($c: String!) { provincialProjectLookup(code: $c) { name existingProject { id } conflicts { field blocking } } }',
    { c: rows[0].permit_code },
    token,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.provincialProjectLookup.name).toBe(rows[0].name);
  expect(body.data.provincialProjectLookup.existingProject.id).toBe(rows[0].id);
  expect(body.data.provincialProjectLookup.conflicts.filter((c: any) => c.blocking)).toEqual([]);
});
