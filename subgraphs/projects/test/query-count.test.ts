import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daye, startTestSubgraph, type TestSubgraph } from './helpers.js';

/**
 * No N+1: per-request DataLoaders make a page of projects with their units, enterprises and
 * districts cost the same number of SQL statements whether it holds 10 rows or 100
 * (bench seed: 300 projects, 1,500 units, 300 enterprises).
 */
let t: TestSubgraph;

const LIST = `query($page: PageInput, $filter: ProjectFilter) {
  projects(page: $page, filter: $filter) {
    total
    items {
      id name projectCode
      district { code name }
      units { role projectLeader enterprise { id name creditCode district { name } } }
      builder { name } generalContractor { name } supervisor { name } surveyor { name } designer { name }
      createdBy { id }
    }
  }
}`;

beforeAll(async () => {
  t = await startTestSubgraph({ seed: 'bench' });
});
afterAll(async () => {
  await t?.close();
});

describe('query counts', () => {
  it('listing 100 projects with units{enterprise{name}} and district{name} costs as many queries as listing 10', async () => {
    const run = (pageSize: number, as = undefined as typeof daye | undefined) =>
      t.countQueries(async () => {
        const res = await t.gql(LIST, { page: { page: 1, pageSize } }, as);
        expect(res.errors).toBeUndefined();
        expect(res.data.projects.items).toHaveLength(Math.min(pageSize, res.data.projects.total));
        expect(
          res.data.projects.items.every(
            (p: any) => p.units.length === 5 && p.units.every((u: any) => u.enterprise.name),
          ),
        ).toBe(true);
      });
    const ten = await run(10);
    const hundred = await run(100);
    console.info(
      `SQL statements: 10 projects -> ${ten.length}, 100 projects -> ${hundred.length}\n${hundred.map((q) => q.slice(0, 140)).join('\n')}`,
    );
    expect(hundred.length).toBe(ten.length);
    // count, page, the page's units, the lead enterprise of each role (builder …: ids only, read
    // apart from the units so that a list without `units` hydrates none), their enterprises, the
    // projects' districts, then the enterprises' districts (a later batch: it is only known once
    // the enterprises are loaded).
    expect(ten.length).toBeLessThanOrEqual(7);
    // The same holds within a data scope (the scope is part of the two page queries).
    const scopedTen = await run(10, daye);
    const scopedHundred = await run(100, daye);
    console.info(`SQL statements, 大冶市 scope: 10 -> ${scopedTen.length}, 100 -> ${scopedHundred.length}`);
    expect(scopedHundred.length).toBe(scopedTen.length);
  });

  it('an _entities batch of 100 Project references is one SQL query', async () => {
    const ids = (
      await t.server.orm.em.getConnection().execute(`select id from projects.project order by id limit 100`)
    ).map((r: any) => r.id);
    const q =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id name districtCode createdBy { id } } } }';
    const sql = await t.countQueries(async () => {
      const res = await t.gql(q, { r: ids.map((id: string) => ({ __typename: 'Project', id })) });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities.map((p: any) => p.id)).toEqual(ids);
    });
    console.info(`SQL statements for _entities(100 projects): ${sql.length}`);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/from "projects"."project"/);
  });

  it('an _entities batch of mixed Enterprise and District references is one query per type', async () => {
    const ids = (
      await t.server.orm.em.getConnection().execute(`select id from projects.enterprise order by id limit 50`)
    ).map((r: any) => r.id);
    const reps = [
      ...ids.map((id: string) => ({ __typename: 'Enterprise', id })),
      { __typename: 'District', code: '420281' },
      { __typename: 'District', code: '420202' },
    ];
    const q =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { id name } ... on District { code name } } }';
    const sql = await t.countQueries(async () => {
      const res = await t.gql(q, { r: reps });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities.filter(Boolean)).toHaveLength(52);
    });
    expect(sql).toHaveLength(2);
  });
});
