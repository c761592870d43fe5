import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_V1 } from '../src/catalogue/catalogue-data.js';
import {
  addBuilding,
  admin,
  caller,
  createInspection,
  dayeInspector,
  drawPlan,
  firstError,
  RECORD,
  signPlanAll,
  signResultsAll,
  startFire,
  type TestFire,
} from './helpers.js';

/**
 * 4.2 against numbers worked out by hand from a small fixture. To keep the arithmetic visible the
 * fixture first publishes a one-line-per-item catalogue (v2, through the admin API), and every
 * inspection has one building with one storey and no roof, so each applicable item is checked at
 * exactly one location:
 *
 *   items applicable by default: 01 02 03 04 05 06 08 10 11 12 13 14 15 (13 items; 07 09 16 17 18 不涉及)
 *   item 02 keeps three lines (防火间距, 消防车道, 消防车登高操作场地: the rule names them), the others one
 *   → 15 checks per inspection
 *
 *   | | district | category | 施工总包 | 检查日期 | state | 不合格 |
 *   |A| 420281 | NEW        | 甲建设 | 2026-06-01 | sealed   | items 08, 10 |
 *   |B| 420281 | EXTENSION  | 乙建设 | 2026-04-10 | sealed   | item 08 |
 *   |C| 420202 | NEW        | 甲建设 | 2026-01-20 | sealed   | none |
 *   |D| 420202 | RENOVATION | —      | 2025-07-01 | recorded, not signed | item 08 |
 *   |E| 420281 | NEW        | 甲建设 | 2025-06-30 | draft    | |
 *   |F| 420281 | NEW        | —      | (none)     | draft    | |
 *
 * asOf = 2026-06-15.
 */
let t: TestFire;
const ASOF = '2026-06-15';

async function publishSmallCatalogue() {
  const draft = (await t.ok(`mutation { createFireCatalogueDraft(note: "分析测试用") { id } }`))
    .createFireCatalogueDraft.id;
  for (const item of CATALOGUE_V1.items) {
    const keep =
      item.code === '02'
        ? item.subItems.filter((s) => ['02.01', '02.02', '02.04'].includes(s.code))
        : [item.subItems[0]];
    await t.ok(
      `mutation($v: ID!, $c: String!, $i: FireCatalogueItemInput!) { updateFireCatalogueItem(versionId: $v, itemCode: $c, input: $i) { id } }`,
      {
        v: draft,
        c: item.code,
        i: {
          name: item.name,
          subItems: keep.map((s) => ({
            code: s.code,
            name: s.name,
            lines: [{ code: s.lines[0].code, content: s.lines[0].content, importance: s.lines[0].importance }],
          })),
        },
      },
    );
  }
  await t.ok(`mutation($v: ID!) { publishFireCatalogueVersion(versionId: $v) { version } }`, { v: draft });
}

async function inspection(
  input: Record<string, unknown>,
  stage: 'SEALED' | 'RECORDED' | 'DRAFT',
  failItems: string[] = [],
) {
  const id = await createInspection(t, { projectName: `分析项目${input.inspectionDate ?? '无日期'}`, ...input });
  await addBuilding(t, id, { name: '1#楼', aboveGroundFloors: 1, hasRoof: false });
  if (stage === 'DRAFT') return id;
  const plan = await drawPlan(t, id);
  await signPlanAll(t, plan.id);
  const results = plan.items.flatMap((item: any) =>
    item.checks.flatMap((c: any) =>
      c.locations.map((l: any) => ({
        lineCode: c.lineCode,
        locationKey: l.key,
        verdict: failItems.includes(item.code) ? 'FAIL' : 'PASS',
      })),
    ),
  );
  expect(results).toHaveLength(15);
  await t.ok(RECORD, { id, results });
  if (stage === 'SEALED') await signResultsAll(t, id);
  return id;
}

beforeAll(async () => {
  t = await startFire();
  await publishSmallCatalogue();
  await inspection(
    { districtCode: '420281', category: 'NEW', generalContractorUnit: '甲建设', inspectionDate: '2026-06-01' },
    'SEALED',
    ['08', '10'],
  );
  await inspection(
    { districtCode: '420281', category: 'EXTENSION', generalContractorUnit: '乙建设', inspectionDate: '2026-04-10' },
    'SEALED',
    ['08'],
  );
  await inspection(
    { districtCode: '420202', category: 'NEW', generalContractorUnit: '甲建设', inspectionDate: '2026-01-20' },
    'SEALED',
  );
  await inspection(
    { districtCode: '420202', category: 'RENOVATION', generalContractorUnit: null, inspectionDate: '2025-07-01' },
    'RECORDED',
    ['08'],
  );
  await inspection(
    { districtCode: '420281', category: 'NEW', generalContractorUnit: '甲建设', inspectionDate: '2025-06-30' },
    'DRAFT',
  );
  await inspection(
    { districtCode: '420281', category: 'NEW', generalContractorUnit: null, inspectionDate: null },
    'DRAFT',
  );
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const ANALYTICS = `query($f: FireAnalyticsFilter, $asOf: String) { fireAnalytics(filter: $f, asOf: $asOf) {
  asOfDate
  totals { inspections sealed passed failed passRate }
  itemRates { code name checked passed failed passRate failRate inspections failedInspections }
  subItemRates(itemCode: "08") { code itemCode name checked passed failed }
  recentCounts { months from to total sealed failed }
  monthlyTrend { month total sealed failed }
  byDistrict: breakdown(by: DISTRICT) { key label inspections sealed passed failed passRate failedInspections }
  byCategory: breakdown(by: CATEGORY) { key label inspections sealed passed failed passRate failedInspections }
  byContractor: breakdown(by: UNIT, unitRole: GENERAL_CONTRACTOR) { key label inspections sealed passed failed passRate failedInspections }
} }`;

const rate = (code: string, rows: any[]) => rows.find((r) => r.code === code);

describe('4.2.1 pass and fail rates per item and sub-item (sealed results)', () => {
  it('matches the hand-computed figures', async () => {
    const a = (await t.ok(ANALYTICS, { asOf: ASOF })).fireAnalytics;
    expect(a.itemRates).toHaveLength(18);
    // Item 08: A FAIL, B FAIL, C PASS (D is not sealed).
    expect(rate('08', a.itemRates)).toEqual({
      code: '08',
      name: '8. 安全疏散',
      checked: 3,
      passed: 1,
      failed: 2,
      passRate: 1 / 3,
      failRate: 2 / 3,
      inspections: 3,
      failedInspections: 2,
    });
    // Item 10: A FAIL, B and C PASS.
    expect(rate('10', a.itemRates)).toMatchObject({
      checked: 3,
      passed: 2,
      failed: 1,
      passRate: 2 / 3,
      failedInspections: 1,
    });
    // Item 02 has three lines: 3 × 3 sealed inspections, all PASS.
    expect(rate('02', a.itemRates)).toMatchObject({ checked: 9, passed: 9, failed: 0, passRate: 1, failRate: 0 });
    // 不涉及 everywhere: no data, no rate.
    expect(rate('18', a.itemRates)).toMatchObject({ checked: 0, passRate: null, failRate: null, inspections: 0 });
    expect(a.subItemRates).toEqual([
      { code: '08.01', itemCode: '08', name: '安全出口', checked: 3, passed: 1, failed: 2 },
    ]);
    expect(a.totals).toEqual({ inspections: 6, sealed: 3, passed: 42, failed: 3, passRate: 42 / 45 });
  });

  it('with sealedOnly: false also counts recorded but unsigned results (D)', async () => {
    const a = (await t.ok(ANALYTICS, { asOf: ASOF, f: { sealedOnly: false } })).fireAnalytics;
    expect(rate('08', a.itemRates)).toMatchObject({
      checked: 4,
      passed: 1,
      failed: 3,
      inspections: 4,
      failedInspections: 3,
    });
    expect(a.totals).toMatchObject({ passed: 56, failed: 4 });
  });
});

describe('4.2.2 counts for the last 3, 6 and 12 months and the monthly trend', () => {
  it('matches the hand-computed figures', async () => {
    const a = (await t.ok(ANALYTICS, { asOf: ASOF })).fireAnalytics;
    expect(a.asOfDate).toBe(ASOF);
    expect(a.recentCounts).toEqual([
      { months: 3, from: '2026-04-01', to: ASOF, total: 2, sealed: 2, failed: 2 }, // A, B
      { months: 6, from: '2026-01-01', to: ASOF, total: 3, sealed: 3, failed: 2 }, // + C
      { months: 12, from: '2025-07-01', to: ASOF, total: 4, sealed: 3, failed: 2 }, // + D; E is a day too early, F has no date
    ]);
    const trend = Object.fromEntries(a.monthlyTrend.map((m: any) => [m.month, [m.total, m.sealed, m.failed]]));
    expect(Object.keys(trend)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(trend).toMatchObject({
      '2025-07': [1, 0, 0],
      '2026-01': [1, 1, 0],
      '2026-04': [1, 1, 1],
      '2026-06': [1, 1, 1],
      '2026-05': [0, 0, 0],
    });
    // The last-N counts are the sums of the last N bars.
    expect(a.monthlyTrend.slice(-6).reduce((s: number, m: any) => s + m.total, 0)).toBe(a.recentCounts[1].total);
  });
});

describe('4.2.3 breakdowns by district, project category and unit', () => {
  it('matches the hand-computed figures', async () => {
    const a = (await t.ok(ANALYTICS, { asOf: ASOF })).fireAnalytics;
    expect(a.byDistrict).toEqual([
      {
        key: '420281',
        label: '大冶市',
        inspections: 4,
        sealed: 2,
        passed: 27,
        failed: 3,
        passRate: 0.9,
        failedInspections: 2,
      },
      {
        key: '420202',
        label: '黄石港区',
        inspections: 2,
        sealed: 1,
        passed: 15,
        failed: 0,
        passRate: 1,
        failedInspections: 0,
      },
    ]);
    expect(a.byCategory).toEqual([
      {
        key: 'NEW',
        label: '新建',
        inspections: 4,
        sealed: 2,
        passed: 28,
        failed: 2,
        passRate: 28 / 30,
        failedInspections: 1,
      },
      {
        key: 'EXTENSION',
        label: '扩建',
        inspections: 1,
        sealed: 1,
        passed: 14,
        failed: 1,
        passRate: 14 / 15,
        failedInspections: 1,
      },
      {
        key: 'RENOVATION',
        label: '改建',
        inspections: 1,
        sealed: 0,
        passed: 0,
        failed: 0,
        passRate: null,
        failedInspections: 0,
      },
    ]);
    expect(a.byContractor).toEqual([
      {
        key: '甲建设',
        label: '甲建设',
        inspections: 3,
        sealed: 2,
        passed: 28,
        failed: 2,
        passRate: 28 / 30,
        failedInspections: 1,
      },
      {
        key: '（未填写）',
        label: '（未填写）',
        inspections: 2,
        sealed: 0,
        passed: 0,
        failed: 0,
        passRate: null,
        failedInspections: 0,
      },
      {
        key: '乙建设',
        label: '乙建设',
        inspections: 1,
        sealed: 1,
        passed: 14,
        failed: 1,
        passRate: 14 / 15,
        failedInspections: 1,
      },
    ]);
  });

  it('filters by district, category and date range', async () => {
    const a = (await t.ok(ANALYTICS, { asOf: ASOF, f: { districtCode: '420202' } })).fireAnalytics;
    expect(a.totals).toEqual({ inspections: 2, sealed: 1, passed: 15, failed: 0, passRate: 1 });
    expect(a.recentCounts[2].total).toBe(2); // C, D
    const b = (
      await t.ok(ANALYTICS, { asOf: ASOF, f: { category: 'NEW', dateFrom: '2026-01-01', dateTo: '2026-05-31' } })
    ).fireAnalytics;
    expect(b.totals).toMatchObject({ inspections: 1, sealed: 1, passed: 15, failed: 0 }); // C only
  });
});

describe('scope and access', () => {
  it('a district inspector’s figures cover their district only', async () => {
    const a = (await t.ok(ANALYTICS, { asOf: ASOF }, dayeInspector)).fireAnalytics;
    expect(rate('08', a.itemRates)).toMatchObject({ checked: 2, failed: 2 }); // A, B
    expect(a.recentCounts[2].total).toBe(2);
    expect(a.byDistrict.map((r: any) => r.key)).toEqual(['420281']);
  });

  it('the dashboard may read them; others may not; bad dates are refused', async () => {
    const dashboard = caller({ permissions: ['dashboard:view'] });
    expect(
      (await t.ok(`{ fireAnalytics(asOf: "${ASOF}") { totals { sealed } } }`, {}, dashboard)).fireAnalytics.totals
        .sealed,
    ).toBe(3);
    const other = caller({ permissions: ['project:view'] });
    expect(firstError(await t.gql(`{ fireAnalytics { totals { sealed } } }`, {}, other))?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const bad = await t.gql(`{ fireAnalytics(asOf: "2026-02-30") { asOfDate } }`, {}, admin);
    expect(firstError(bad)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(bad)?.message).toBe('统计截止日格式应为 YYYY-MM-DD 且为有效日期');
  });
});
