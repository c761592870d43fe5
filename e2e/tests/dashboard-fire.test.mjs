// The big screen's 消防验收抽查 panels (需求 4.2.1–4.2.3) in a real browser at 1920×1080, signed in
// as the `display` demo account: the 18 items' pass/fail rates, 近3/6/12月, the monthly trend and
// the breakdown equal the graph's own fireAnalytics, for the city and for a district focused on
// the map; an inspection sealed through the GraphQL API (the last parties signing) changes the
// panels without a reload, with one fireAnalytics request for the scope on screen.
/* global fetch, document, window -- Node 20 has fetch; page.evaluate bodies run in the browser */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signatureDataUrl } from '../../subgraphs/fire/dist/seed/signature-png.js';
import { clickDistrictLabel, waitForMapLabels } from '../dashboard-map.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 20_000 };

let platform;
let browser;
let adminToken;

async function gql(query, variables = {}, token = adminToken) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** What the graph says for a scope (the city, or one district). */
async function analytics(districtCode = null) {
  const { fireAnalytics } = await gql(
    `query ($filter: FireAnalyticsFilter, $by: FireBreakdownDimension!) {
      fireAnalytics(filter: $filter) {
        totals { inspections sealed passed failed passRate }
        itemRates { code name passed failed passRate failRate }
        recentCounts { months total sealed }
        monthlyTrend(months: 12) { month total sealed failed }
        breakdown(by: $by) { key inspections sealed passed failed }
      }
    }`,
    { filter: districtCode ? { districtCode } : null, by: districtCode ? 'CATEGORY' : 'DISTRICT' },
  );
  return fireAnalytics;
}

const pct = (rate) => (rate == null ? null : Math.round(rate * 1000) / 10);

/** What the screen shows now (runs in the page). Keys in a fixed order, so two snapshots compare as JSON. */
function readScreen() {
  const values = (id) => JSON.parse(document.querySelector(`[data-testid="${id}"]`)?.dataset.values ?? 'null');
  const text = (sel) => document.querySelector(sel)?.textContent?.trim() ?? null;
  const rows = values('fire-breakdown') ?? [];
  return {
    rates: values('fire-item-rates'),
    trend: values('fire-trend'),
    by: document.querySelector('[data-testid="fire-breakdown"]')?.dataset.by ?? null,
    // Rows the graph has no inspections for are drawn as zeros; the graph leaves them out.
    breakdown: rows
      .filter((r) => r[1] > 0)
      .map(([key, ...counts]) => [key, counts])
      .sort((a, b) => a[0].localeCompare(b[0])),
    breakdownKeys: rows.map((r) => r[0]),
    tiles: ['m3', 'm6', 'm12', 'rate'].map((k) => [k, text(`[data-testid="fire-count-${k}"] .num`)]),
    sealedNotes: [
      ['m3', text('[data-testid="fire-count-m3"] .note')],
      ['rate', text('[data-testid="fire-count-rate"] .note')],
    ],
  };
}

/** The figures the panels must carry for a fireAnalytics answer, in readScreen's shape. */
function expected(a, by) {
  const period = (months) => a.recentCounts.find((c) => c.months === months);
  return {
    rates: a.itemRates.map((r) => [r.code, r.passed, r.failed, pct(r.passRate), pct(r.failRate)]),
    trend: a.monthlyTrend.map((m) => [m.month, m.total, m.sealed, m.failed]),
    by,
    breakdown: a.breakdown
      .map((r) => [r.key, [r.inspections, r.sealed, r.passed, r.failed]])
      .sort((x, y) => x[0].localeCompare(y[0])),
    tiles: [
      ['m3', String(period(3).total)],
      ['m6', String(period(6).total)],
      ['m12', String(period(12).total)],
      ['rate', a.totals.passRate == null ? '—' : (a.totals.passRate * 100).toFixed(1)],
    ],
    sealedNotes: [
      ['m3', `封存 ${period(3).sealed}`],
      ['rate', `封存 ${a.totals.sealed} 项`],
    ],
  };
}

/** Waits until the screen carries exactly the graph's figures; on a timeout, says what differs. */
async function waitForFigures(page, want) {
  // The reader is installed in the page (again after any navigation) so the wait can call it.
  await page.evaluate(`window.__readFireScreen = ${readScreen.toString()}`);
  try {
    await page.waitForFunction(
      (json) => {
        const { breakdownKeys: _, ...figures } = window.__readFireScreen();
        return JSON.stringify(figures) === json;
      },
      JSON.stringify(want),
      WAIT,
    );
  } catch (error) {
    const { breakdownKeys: _, ...seen } = await page.evaluate(readScreen);
    assert.deepEqual(seen, want, `the panels do not show the graph's figures (${error.message.split('\n')[0]})`);
    throw error;
  }
  return page.evaluate(readScreen);
}

/** Requests of the screen's fireAnalytics query, with their variables. */
function watchAnalyticsRequests(page) {
  const sent = [];
  page.on('request', (r) => {
    if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
    const body = JSON.parse(r.postData() ?? '{}');
    if (/DashboardFireAnalytics/.test(body.query ?? '')) sent.push(body.variables);
  });
  return sent;
}

async function inspectionIn(status) {
  const { fireInspections } = await gql(
    `query ($status: FireInspectionStatus!) {
      fireInspections(filter: { status: $status }, page: { page: 1, pageSize: 5 }) {
        items { id projectName districtCode districtName resultSignatureBoxes { party signature { id } } }
      }
    }`,
    { status },
  );
  assert.ok(fireInspections.items.length > 0, `the seed has an inspection in ${status}`);
  return fireInspections.items[0];
}

/** The remaining parties sign the results; the last signature seals the inspection. */
async function sealInspection(inspection, variant) {
  const open = inspection.resultSignatureBoxes.filter((b) => !b.signature);
  assert.ok(open.length > 0, 'parties are left to sign');
  let sealed = false;
  for (const [i, box] of open.entries()) {
    const { signFireResults } = await gql(
      `mutation ($id: ID!, $input: FireResultSignatureInput!) {
        signFireResults(inspectionId: $id, input: $input) { sealed }
      }`,
      {
        id: inspection.id,
        input: {
          party: box.party,
          signerName: `测试签名${i + 1}`,
          imageDataUrl: signatureDataUrl(900 + variant * 10 + i),
        },
      },
    );
    sealed = signFireResults.sealed;
  }
  assert.equal(sealed, true, 'the last signature seals the results');
}

async function openScreenAsDisplay() {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const analyticsRequests = watchAnalyticsRequests(page);
  await page.goto(`${platform.base}/dashboard/`);
  const form = page.getByTestId('login-form');
  await form.locator('input[name="username"]').fill('display');
  await form.locator('input[name="password"]').fill('Huangshi@2025');
  await form.locator('button[type="submit"]').click();
  await page.locator('.dashboard[data-loaded="true"]').waitFor(WAIT);
  await waitForMapLabels(page);
  await page.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor(WAIT);
  // Set in the page: still there later means the page was not reloaded.
  await page.evaluate(() => (window.__fireTestMarker = 'same page'));
  return { page, errors, analyticsRequests };
}

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  const login = await gql(`mutation { login(username: "admin", password: "Huangshi@2025") { accessToken } }`, {}, null);
  adminToken = login.login.accessToken;
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

test('the fire panels show the graph’s fireAnalytics, follow district focus and update live when results are sealed', async (t) => {
  const { page, errors, analyticsRequests } = await openScreenAsDisplay();

  // The city.
  const city = await analytics();
  assert.equal(city.itemRates.length, 18, 'the catalogue has eighteen items');
  assert.ok(city.totals.sealed > 0, 'the seed has sealed inspections');
  const cityOnScreen = await waitForFigures(page, expected(city, 'DISTRICT'));
  assert.equal(cityOnScreen.breakdownKeys.length, 6, 'every district has a bar, with or without inspections');
  // The items failing most often are named in full.
  const worst = [...city.itemRates]
    .filter((r) => r.failed > 0)
    .sort((a, b) => b.failRate - a.failRate || b.failed - a.failed || a.code.localeCompare(b.code))
    .slice(0, 3)
    .map((r) => r.name.replace(/^\d+\.\s*/, ''));
  assert.deepEqual(
    (await page.getByTestId('fire-worst-item').locator('.name').allInnerTexts()).map((s) => s.trim()),
    worst,
  );
  await page.screenshot({ path: screenshotPath('dashboard-fire-city') });

  // Panels must not overlap each other or the map at 1920×1080, and must stay on the screen.
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('main.grid section.panel, main.grid > .center')].map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.querySelector('.panel-title')?.textContent ?? 'map', ...r.toJSON() };
    }),
  );
  t.diagnostic(boxes.map((b) => `${b.name} ${Math.round(b.width)}×${Math.round(b.height)}`).join(', '));
  for (const a of boxes) {
    assert.ok(a.left >= 0 && a.top >= 0 && a.right <= 1920 && a.bottom <= 1080, `${a.name} is on the screen`);
    assert.ok(a.height > 120 && a.width > 180, `${a.name} has room (${a.width}×${a.height})`);
    for (const b of boxes) {
      if (a === b) continue;
      const overlap =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      assert.ok(!overlap, `${a.name} and ${b.name} do not overlap`);
    }
  }

  // Focus the district of an inspection waiting for its last signatures: the panels filter to it.
  const signing = await inspectionIn('SIGNING');
  await clickDistrictLabel(page, signing.districtName);
  await page.getByTestId('map-selection').filter({ hasText: signing.districtName }).waitFor(WAIT);
  const districtBefore = await analytics(signing.districtCode);
  await waitForFigures(page, expected(districtBefore, 'CATEGORY'));
  await page
    .getByTestId('fire-counts')
    .locator('xpath=ancestor::section')
    .locator('.panel-subtitle', { hasText: signing.districtName })
    .waitFor(WAIT);

  // Sealed through the API: the district's figures change on the screen, no reload.
  const requestsBefore = analyticsRequests.length;
  await signAndWatch(t, page, signing, 1, signing.districtCode);
  const districtAfter = await analytics(signing.districtCode);
  assert.notDeepEqual(
    expected(districtAfter, 'CATEGORY'),
    expected(districtBefore, 'CATEGORY'),
    'sealing changes the district’s figures',
  );
  await waitForFigures(page, expected(districtAfter, 'CATEGORY'));
  await page.getByTestId('fire-last-sealed').filter({ hasText: signing.projectName }).waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('dashboard-fire-district-live') });
  const afterEvent = analyticsRequests.slice(requestsBefore);
  assert.deepEqual(
    afterEvent,
    [{ filter: { districtCode: signing.districtCode }, by: 'CATEGORY' }],
    'one refetch, of the scope on screen',
  );

  // Back to the city: its stale answer is fetched again and shows the sealed inspection.
  await page.getByTestId('map-reset').click();
  await page.getByTestId('map-selection').waitFor({ state: 'detached', ...WAIT });
  const cityAfterFirst = await analytics();
  assert.equal(cityAfterFirst.totals.sealed, city.totals.sealed + 1);
  await waitForFigures(page, expected(cityAfterFirst, 'DISTRICT'));

  // Sealed while the city is on screen: the city's figures change live.
  const recorded = await inspectionIn('RECORDED');
  const beforeSecond = analyticsRequests.length;
  await signAndWatch(t, page, recorded, 2, null);
  const cityAfterSecond = await analytics();
  assert.equal(cityAfterSecond.totals.sealed, city.totals.sealed + 2);
  await waitForFigures(page, expected(cityAfterSecond, 'DISTRICT'));
  await page.getByTestId('fire-last-sealed').filter({ hasText: recorded.projectName }).waitFor(WAIT);
  assert.deepEqual(
    analyticsRequests.slice(beforeSecond),
    [{ filter: null, by: 'DISTRICT' }],
    'one refetch, of the city',
  );
  await page.screenshot({ path: screenshotPath('dashboard-fire-city-live') });

  assert.equal(await page.evaluate(() => window.__fireTestMarker), 'same page', 'the page was not reloaded');
  assert.deepEqual(errors, []);
  await page.close();
});

/** Seals the inspection and reports how long the screen took to show it. */
async function signAndWatch(t, page, inspection, variant, districtCode) {
  const sent = Date.now();
  await sealInspection(inspection, variant);
  await waitForFigures(page, expected(await analytics(districtCode), districtCode ? 'CATEGORY' : 'DISTRICT'));
  t.diagnostic(`${inspection.projectName}: on screen ${Date.now() - sent} ms after the first signature was sent`);
}
