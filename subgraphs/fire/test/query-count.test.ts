import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEntries, preparedInspection, RECORD, startFire, type TestFire } from './helpers.js';

/**
 * No N+1 (issue #11's list benchmark found it): other bureau systems may list inspections with
 * their progress and results; per-request loaders make that cost the same number of SQL statements
 * for 2 inspections as for 4 (it was three statements more per inspection).
 */
let t: TestFire;

beforeAll(async () => {
  t = await startFire();
});
afterAll(async () => {
  await t?.close();
});

const LIST = `{ fireInspections(page: { pageSize: 20 }) { total items {
  id progress { itemCode required recorded complete } results { id verdict } currentPlan { id } } } }`;

async function recordedInspections(count: number) {
  for (let i = 0; i < count; i++) {
    const { id, plan } = await preparedInspection(t);
    await t.ok(RECORD, { id, results: allEntries(plan) });
  }
}

describe('query counts', () => {
  it('listing inspections with progress and results costs as many queries for 4 as for 2', async () => {
    const run = () =>
      t.countQueries(async () => {
        const data = await t.ok(LIST);
        for (const item of data.fireInspections.items) {
          expect(item.progress.length).toBeGreaterThan(0);
          expect(item.results.length).toBeGreaterThan(0);
        }
      });
    await recordedInspections(2);
    const two = await run();
    await recordedInspections(2);
    const four = await run();
    console.info(`SQL statements: 2 inspections -> ${two.length}, 4 -> ${four.length}`);
    expect(four.length).toBe(two.length);
  });
});
