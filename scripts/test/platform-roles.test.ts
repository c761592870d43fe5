/**
 * Issue #10: `npm start` with no DATABASE_URL (embedded PostgreSQL, its own DATA_DIR) creates the
 * owner and one role per service with generated passwords kept in DATA_DIR/secrets.json, migrates
 * as the owner and serves each subgraph as its own role; a second start finds the same roles.
 */
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../src/platform.js';
import { testLogger } from '../../packages/kit/test/support.js';

let dataDir: string;
let platform: RunningPlatform | undefined;

const start = () =>
  startPlatform({
    logger: testLogger,
    // No DATABASE_URL here even when the test run has one: this is the embedded path.
    env: { NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_PG_PORT: process.env.ROLES_TEST_PG_PORT ?? '5581' },
    port: 0,
    subgraphPorts: 'free',
  });

const currentUsers = (p: RunningPlatform) =>
  Promise.all(
    p.subgraphs.map(async (s) => {
      const [row] = await s.orm.em.getConnection().execute('select current_user as name');
      return [s.name, row.name];
    }),
  );

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hs-roles-'));
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as a user of its own that must reach ./pg
  platform = await start();
}, 300_000);

afterAll(async () => {
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded default', () => {
  it('serves every subgraph as its own role, which is no superuser', async () => {
    expect(Object.fromEntries(await currentUsers(platform!))).toEqual({
      identity: 'hs_identity_app',
      projects: 'hs_projects_app',
      fire: 'hs_fire_app',
      workforce: 'hs_workforce_app',
      supervision: 'hs_supervision_app',
    });
    const [activity] = await platform!.subgraphs[0].orm.em
      .getConnection()
      .execute(`select r.rolsuper, r.rolcreaterole, r.rolcreatedb from pg_roles r where r.rolname = current_user`);
    expect(activity).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8'));
    expect(Object.keys(secrets)).toEqual(
      expect.arrayContaining(['DATABASE_PASSWORD_HS_OWNER', 'DATABASE_PASSWORD_HS_FIRE_APP']),
    );
  });

  it('migrated as the owner: every table of the platform belongs to hs_owner', async () => {
    const owners = await platform!.subgraphs[0].orm.em.getConnection().execute(
      `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('identity', 'projects', 'fire', 'workforce') and c.relkind in ('r', 'p', 'v', 'S')`,
    );
    expect(owners).toEqual([{ owner: 'hs_owner' }]);
  });

  it('starts again on the same DATA_DIR with the kept passwords', async () => {
    await platform!.close();
    platform = undefined;
    platform = await start();
    expect((await currentUsers(platform)).map(([, user]) => user)).toContain('hs_fire_app');
    const res = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "x") { accessToken } }' }),
    });
    expect(res.status).toBe(200); // a wrong password, answered: identity reached its tables as its role
  });
});
