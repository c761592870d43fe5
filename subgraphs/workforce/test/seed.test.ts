import { checkIdCard, decryptField, openSubgraphOrm, runSubgraph, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../projects/src/index.js';
import { workforce } from '../src/index.js';
import { applyProjectChange } from '../src/sites/site.service.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';

/**
 * The demo seed on top of the projects subgraph's demo seed: every site is copied with its fence,
 * people have valid numbers that decrypt, the `worker` account has a person on a fenced site, and
 * today's and past attendance are there for the analytics. Also the replica following a change.
 */
type Db = Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let server: Awaited<ReturnType<typeof runSubgraph>>;
const config = () => testConfig(db.serviceUrl('workforce'));
// The checks read projects' tables too: as the owner, not through workforce's own role.
let ownerOrm: Awaited<ReturnType<typeof openSubgraphOrm>>;
const sql = (q: string, p: unknown[] = []): Promise<any[]> => ownerOrm.em.getConnection().execute(q, p);
let seedMs = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  const projectsOrm = await openSubgraphOrm(projects, db.ownerUrl);
  await projects.seed!(projectsOrm.em.fork() as never, { scale: 'demo', logger: testLogger });
  await projectsOrm.close();
  ownerOrm = await openSubgraphOrm(workforce, db.ownerUrl);
  const t0 = Date.now();
  await workforce.seed!(ownerOrm.em.fork() as never, { scale: 'demo', logger: testLogger, config: config() });
  seedMs = Date.now() - t0;
  server = await runSubgraph(workforce, { config: config(), logger: testLogger, port: 0 });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await ownerOrm?.close();
  await db?.drop();
});

describe('workforce demo seed', () => {
  it('copies every project into the site replica, fences included', async () => {
    const [p] = await sql(`select count(*)::int as n, count(site_boundary)::int as f from projects.project`);
    const [s] = await sql(`select count(*)::int as n, count(boundary)::int as f from workforce.project_site`);
    expect(s).toEqual(p);
    console.info(`workforce demo seed: ${seedMs} ms`);
  });

  it('people have valid numbers that decrypt, and a few hundred are on site', async () => {
    const people = await sql(`select id_card_cipher, birth_date::text as birth from workforce.person`);
    expect(people.length).toBeGreaterThan(150);
    for (const p of people.slice(0, 50)) {
      const number = decryptField(p.id_card_cipher, config().FIELD_ENCRYPTION_KEY);
      expect(checkIdCard(number).ok).toBe(true);
      expect(p.birth).toBe(`${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`);
    }
  });

  it('the worker account is linked to a person on a fenced project under construction', async () => {
    const [row] = await sql(
      `select s.boundary is not null as fenced, e.exit_date from workforce.person p
         join workforce.employment e on e.person_id = p.id join workforce.project_site s on s.project_id = e.project_id
        where p.user_id = ?`,
      [stableId('user', 'worker')],
    );
    expect(row).toEqual({ fenced: true, exit_date: null });
  });

  it('today has attendance and the last 30 days have presence rows, IN and OUT events for each', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const [t] = await sql(`select count(*)::int as n from workforce.presence where work_date = ?`, [today]);
    expect(t.n).toBeGreaterThan(50);
    const [h] = await sql(
      `select count(distinct work_date)::int as days, count(*)::int as n from workforce.presence where work_date < ?`,
      [today],
    );
    expect(h.days).toBe(30);
    const [a] = await sql(`select count(*)::int as n from workforce.attendance where work_date < ?`, [today]);
    expect(a.n).toBe(h.n * 2);
  });

  it('the replica follows projects.changed: name, district and fence', async () => {
    const [site] = await sql(`select project_id from workforce.project_site limit 1`);
    const fence = {
      type: 'Polygon',
      coordinates: [
        [
          [114.9, 30.1],
          [114.91, 30.1],
          [114.91, 30.11],
          [114.9, 30.1],
        ],
      ],
    };
    await applyProjectChange(server.orm.em.fork() as never, {
      projectId: site.project_id,
      districtCode: '420281',
      name: '改名后的项目',
      location: { lng: 114.905, lat: 30.103 },
      siteBoundary: fence,
    });
    const [after] = await sql(`select name, district_code, boundary from workforce.project_site where project_id = ?`, [
      site.project_id,
    ]);
    expect(after).toEqual({ name: '改名后的项目', district_code: '420281', boundary: fence });
    const [moved] = await sql(
      `select count(*)::int as n from workforce.employment where project_id = ? and district_code <> '420281'`,
      [site.project_id],
    );
    expect(moved.n).toBe(0);
    // A too-large fence left out of the event keeps the replica's copy.
    await applyProjectChange(server.orm.em.fork() as never, {
      projectId: site.project_id,
      districtCode: '420281',
      name: '改名后的项目',
      siteBoundary: null,
      siteBoundaryOmitted: true,
    });
    const [kept] = await sql(`select boundary from workforce.project_site where project_id = ?`, [site.project_id]);
    expect(kept.boundary).toEqual(fence);
  });
});
