// The big screen read as a person reads it at 1920×1080 (issue #11, "The big screen"), on the demo
// data and on the benchmark dataset: every district label is drawn (maplibre placed all six: none
// dropped by collision, on top of the project points), no two labels overlap, none hides under the
// breadcrumb or the legend; no text of any chart lies on another; two series with equal values are
// both visible; and a chart with nothing to show says 无数据 instead of bare axes.
/* global fetch, document, getComputedStyle -- Node 20 has fetch; page.evaluate bodies run in the browser */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createLogger, dropDatabase, withDatabase } from '../../packages/kit/dist/index.js';
import { startPlatform } from '../../scripts/dist/platform.js';
import { clickDistrictLabel, LABEL_LAYER, mapLabels, waitForMapLabels } from '../dashboard-map.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 20_000 };
const PASSWORD = 'Huangshi@2025';
const DISTRICTS = ['黄石港区', '西塞山区', '下陆区', '铁山区', '阳新县', '大冶市'];
/** The charts of each screen (data-testid of the chart, or panel title / cell heading). */
const OVERVIEW_CHARTS = [
  'chart-districts',
  'chart-types',
  'chart-status',
  'fire-item-rates',
  'fire-trend',
  'fire-breakdown',
];
const ATTENDANCE_CHARTS = ['attendance-district-rates', '在场人员统计/工种', '在场人员统计/年龄段'];

let browser;
/** The demo platform, shared by the tests on the demo data (the benchmark test starts its own). */
let demo;

async function gql(platform, query, variables = {}, token = null) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function signIn(platform, username, password = PASSWORD) {
  const { login } = await gql(
    platform,
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken mustChangePassword } }`,
    { u: username, p: password },
  );
  return login;
}

/** `loading`: how long the first load may take (the benchmark dataset's 300 projects on a busy machine take longer). */
async function openScreen(platform, { username = 'display', password = PASSWORD, loading = WAIT } = {}) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.text().startsWith('map error')) errors.push(message.text());
  });
  await page.goto(`${platform.base}/dashboard/`);
  const form = page.getByTestId('login-form');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.locator('.dashboard[data-loaded="true"]').waitFor(loading);
  await page.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor(WAIT);
  await waitForMapLabels(page);
  return { page, errors };
}

async function showAttendance(page) {
  await page.getByTestId('screen-tabs').getByRole('tab', { name: '实名制考勤' }).click();
  await page.locator('.dashboard[data-screen="attendance"]').waitFor(WAIT);
  await page.getByTestId('map-legend').filter({ hasText: '出勤率' }).waitFor(WAIT);
  await waitForMapLabels(page, { detail: /^出勤 / });
}

const intersects = (a, b, margin = 0) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > margin &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > margin;

/**
 * Every district label in view is placed (all six for the city), on top, apart from the others,
 * inside the map and clear of its overlays.
 */
async function checkMapLabels(t, page, what, { city = true } = {}) {
  const seen = await mapLabels(page);
  t.diagnostic(
    `${what}: ${seen.labels.map((l) => `${l.name} [${l.box?.left},${l.box?.top} – ${l.box?.right},${l.box?.bottom}]`).join(', ')}`,
  );
  const names = seen.labels.map((l) => l.name).sort();
  if (city) assert.deepEqual(names, [...DISTRICTS].sort(), `${what}: every district's label`);
  for (const name of seen.inView) assert.ok(names.includes(name), `${what}: ${name}, in view, has its label`);
  assert.equal(seen.topLayer, LABEL_LAYER, `${what}: the labels are drawn over the points`);
  assert.equal(seen.shared, 0, `${what}: no pixel belongs to two labels`);
  for (const a of seen.labels) {
    assert.ok(a.box, `${what}: ${a.name} is where the map says it is`);
    assert.ok(
      a.box.left > 0 && a.box.top > 0 && a.box.right < seen.width - 1 && a.box.bottom < seen.height - 1,
      `${what}: ${a.name} is inside the map`,
    );
    for (const b of seen.labels)
      if (a !== b) assert.ok(!intersects(a.box, b.box), `${what}: ${a.name} and ${b.name} do not overlap`);
    for (const o of seen.overlays) assert.ok(!intersects(a.box, o), `${what}: ${a.name} is not under the ${o.name}`);
  }
  return seen;
}

/**
 * Runs in the page. For every chart on show (after its animation): the texts echarts drew (value
 * and axis labels, legends, titles) with their boxes, and every pair of series with equal values
 * at the same index, with whether the symbol or bar drawn first is hidden inside the one over it.
 */
function readCharts() {
  const boxOf = (el) => {
    const r = el.getBoundingRect().clone();
    const m = el.getComputedTransform();
    if (m) r.applyTransform(m);
    return { left: r.x, top: r.y, right: r.x + r.width, bottom: r.y + r.height };
  };
  return [...document.querySelectorAll('.echart')]
    .filter((root) => root.echarts && root.getClientRects().length > 0)
    .map((root) => {
      const chart = root.echarts;
      const panel = root.closest('section.panel')?.querySelector('.panel-title')?.textContent ?? '';
      const cell = root.closest('.cell')?.querySelector('h3')?.textContent;
      const name = root.dataset.testid ?? (cell ? `${panel}/${cell}` : panel);
      const empty = root.dataset.empty === 'true';
      // What is painted are the text's spans (one per line), in screen coordinates; hidden labels are not listed.
      const spans = new Map();
      for (const el of chart.getZr().storage.getDisplayList(true)) {
        if (el.type !== 'tspan' || el.invisible || String(el.style.text ?? '').trim() === '') continue;
        const r = el.getBoundingRect().clone();
        if (el.transform) r.applyTransform(el.transform);
        const text = el.parent ?? el;
        const box = spans.get(text);
        if (box) box.union(r);
        else spans.set(text, r);
      }
      const texts = [...spans].map(([text, r]) => ({
        text: String(text.style.text),
        left: r.x,
        top: r.y,
        right: r.x + r.width,
        bottom: r.y + r.height,
      }));
      const series = chart
        .getModel()
        .getSeries()
        .map((s) => {
          const data = s.getData();
          return {
            name: s.name,
            index: s.seriesIndex,
            z: s.get('z') ?? 2,
            axes: `${s.get('xAxisIndex') ?? 0}/${s.get('yAxisIndex') ?? 0}`,
            stack: s.get('stack') ?? null,
            items: Array.from({ length: data.count() }, (_, i) => {
              const el = data.getItemGraphicEl(i);
              return { value: s.getRawValue(i), box: el && !el.ignore && !el.invisible ? boxOf(el) : null };
            }),
          };
        });
      const equal = [];
      for (const a of series)
        for (const b of series) {
          // b is drawn over a (higher z, or the same z and later).
          if (!(a.z < b.z || (a.z === b.z && a.index < b.index)) || a.axes !== b.axes) continue;
          a.items.forEach((item, i) => {
            const value = typeof item.value === 'object' && item.value !== null ? item.value.value : item.value;
            const other = b.items[i];
            const otherValue =
              typeof other?.value === 'object' && other?.value !== null ? other.value.value : other?.value;
            if (value == null || value !== otherValue || !item.box || !other.box) return;
            // A bar of 0 draws nothing, wherever it is.
            if (item.box.right - item.box.left < 0.5 || item.box.bottom - item.box.top < 0.5) return;
            const inside =
              item.box.left >= other.box.left - 0.5 &&
              item.box.right <= other.box.right + 0.5 &&
              item.box.top >= other.box.top - 0.5 &&
              item.box.bottom <= other.box.bottom + 0.5;
            equal.push({ under: a.name, over: b.name, index: i, value, hidden: inside, box: item.box });
          });
        }
      return { name, empty, texts, equal };
    });
}

async function readChartsWhenStill(page, names) {
  await page.waitForFunction(
    (wanted) => {
      const roots = [...document.querySelectorAll('.echart')].filter((r) => r.echarts && r.getClientRects().length > 0);
      return roots.length >= wanted && roots.every((r) => r.echarts.getZr().animation.isFinished());
    },
    names.length,
    WAIT,
  );
  const charts = await page.evaluate(readCharts);
  assert.deepEqual(
    charts.map((c) => c.name),
    names,
    'the charts of the screen',
  );
  return charts;
}

/** No chart says 无数据 (the data has something for each), no two of a chart's texts overlap, equal series both show. */
async function checkCharts(t, page, names, what) {
  const charts = await readChartsWhenStill(page, names);
  for (const chart of charts) {
    assert.equal(chart.empty, false, `${what}: ${chart.name} has data to show`);
    for (const [i, a] of chart.texts.entries())
      for (const b of chart.texts.slice(i + 1))
        assert.ok(!intersects(a, b, 1), `${what}: in ${chart.name}, 「${a.text}」 and 「${b.text}」 do not overlap`);
    for (const pair of chart.equal)
      assert.ok(
        !pair.hidden,
        `${what}: in ${chart.name}, ${pair.under} (${pair.value}) is not hidden under ${pair.over} at ${pair.index}`,
      );
  }
  t.diagnostic(
    `${what}: ${charts.map((c) => `${c.name} ${c.texts.length} texts, ${c.equal.length} equal points`).join('; ')}`,
  );
  return charts;
}

before(async () => {
  demo = await startTestPlatform();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test('demo data: every label on the map and in the charts stands clear, on both screens and with a district focused', async (t) => {
  const { page, errors } = await openScreen(demo);
  await checkMapLabels(t, page, '综合');
  await checkCharts(t, page, OVERVIEW_CHARTS, '综合');
  await page.screenshot({ path: screenshotPath('dashboard-legibility-city') });

  // A district focused by clicking its label where the map drew it: the map flies there, the label grows.
  await clickDistrictLabel(page, '下陆区');
  await page.getByTestId('map-selection').filter({ hasText: '下陆区' }).waitFor(WAIT);
  await waitForMapLabels(page, { atLeast: 1, selected: '下陆区' });
  await checkMapLabels(t, page, '综合 · 下陆区', { city: false });
  await page.screenshot({ path: screenshotPath('dashboard-legibility-district') });
  await page.getByTestId('map-reset').click();
  await waitForMapLabels(page, { selected: null });

  await showAttendance(page);
  await checkMapLabels(t, page, '实名制考勤');
  await checkCharts(t, page, ATTENDANCE_CHARTS, '实名制考勤');
  await page.screenshot({ path: screenshotPath('dashboard-legibility-attendance') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('两条相同的曲线: months with as many sealed inspections as failing ones show both markers', async (t) => {
  const { page } = await openScreen(demo);
  const [trend] = (await readChartsWhenStill(page, OVERVIEW_CHARTS)).filter((c) => c.name === 'fire-trend');
  const months = JSON.parse(await page.getByTestId('fire-trend').getAttribute('data-values'));
  const same = trend.equal.filter((p) => p.under === '已封存' && p.over === '有不合格');
  t.diagnostic(`trend [month, total, sealed, failed]: ${JSON.stringify(months)}`);
  assert.deepEqual(
    same.map((p) => p.index),
    months.flatMap(([, , sealed, failed], i) => (sealed === failed ? [i] : [])),
    'every month with sealed = failed is compared',
  );
  assert.ok(same.length > 0, 'the demo data has such a month');
  for (const p of same) assert.ok(!p.hidden, `month ${months[p.index][0]}: 已封存 shows round 有不合格`);

  // On the canvas: the 已封存 ring shows above and below the point, the 有不合格 diamond in its middle.
  const point = same.find((p) => p.value > 0) ?? same[0];
  const colours = await page.evaluate(
    ({ box }) => {
      const canvas = document.querySelector('[data-testid="fire-trend"] canvas');
      const ratio = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d');
      const cx = (box.left + box.right) / 2;
      const cy = (box.top + box.bottom) / 2;
      const near = (px, [r, g, b]) => Math.abs(px[0] - r) + Math.abs(px[1] - g) + Math.abs(px[2] - b) < 90;
      const count = (rgb, dys) => {
        let n = 0;
        for (const dy of dys)
          for (let dx = -1; dx <= 1; dx++) {
            const px = ctx.getImageData(Math.round((cx + dx) * ratio), Math.round((cy + dy) * ratio), 1, 1).data;
            if (near(px, rgb)) n++;
          }
        return n;
      };
      return {
        ringGreen: count([61, 220, 151], [-6, -5, -4, 4, 5, 6]),
        middleRed: count([255, 77, 106], [-1, 0, 1]),
      };
    },
    { box: point.box },
  );
  t.diagnostic(`month ${months[point.index][0]} (${point.value}): ${JSON.stringify(colours)}`);
  assert.ok(colours.ringGreen >= 4, '已封存 is seen round the point');
  assert.ok(colours.middleRed >= 3, '有不合格 is seen in its middle');
  await page.getByTestId('fire-trend').screenshot({ path: screenshotPath('dashboard-legibility-equal-lines') });
  await page.close();
});

test('an account that sees no data: every chart says 无数据, the map still names every district', async (t) => {
  const admin = (await signIn(demo, 'admin')).accessToken;
  const { createRole } = await gql(
    demo,
    `mutation ($i: CreateRoleInput!) { createRole(input: $i) { id } }`,
    {
      i: {
        code: 'screen_nothing',
        name: '大屏（仅本人）',
        permissions: [
          'dashboard:view',
          'project:view',
          'enterprise:view',
          'fire:analytics:view',
          'workforce:attendance:view',
          'workforce:analytics:view',
        ],
        dataScope: 'SELF',
      },
    },
    admin,
  );
  const { departments } = await gql(demo, `{ departments { id name } }`, {}, admin);
  const initial = 'Start@2025x';
  await gql(
    demo,
    `mutation ($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    {
      i: {
        username: 'screen_nothing',
        displayName: '空数据大屏',
        departmentId: departments[0].id,
        roleIds: [createRole.id],
        initialPassword: initial,
      },
    },
    admin,
  );
  const first = await signIn(demo, 'screen_nothing', initial);
  assert.equal(first.mustChangePassword, true);
  await gql(
    demo,
    `mutation ($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { accessToken } }`,
    { o: initial, n: 'Screen@2025x' },
    first.accessToken,
  );

  const { page, errors } = await openScreen(demo, { username: 'screen_nothing', password: 'Screen@2025x' });
  await page.getByTestId('count-total').locator('.num', { hasText: /^0$/ }).waitFor(WAIT);
  const seen = await checkMapLabels(t, page, '综合, nothing in scope');
  for (const l of seen.labels) assert.equal(l.detail, '0 个项目', l.name);
  const expectEmpty = async (names, what) => {
    const charts = await readChartsWhenStill(page, names);
    assert.deepEqual(
      charts.filter((c) => !c.empty).map((c) => c.name),
      [],
      `${what}: every chart is empty`,
    );
    for (const name of names) {
      const chart = name.includes('/')
        ? page
            .locator('section.panel', { hasText: name.split('/')[0] })
            .locator('.cell', { hasText: name.split('/')[1] })
        : page.getByTestId(name);
      await chart.getByTestId('chart-empty').filter({ hasText: '无数据' }).waitFor(WAIT);
      // No bare axes: the chart's canvas is hidden.
      assert.equal(
        await chart
          .locator('canvas')
          .first()
          .evaluate((c) => getComputedStyle(c).visibility),
        'hidden',
        `${what}: ${name} shows no axes`,
      );
    }
  };
  await expectEmpty(OVERVIEW_CHARTS, '综合');
  await page.screenshot({ path: screenshotPath('dashboard-legibility-no-data') });

  await showAttendance(page);
  await page.getByTestId('personnel-stats').waitFor(WAIT);
  await expectEmpty(ATTENDANCE_CHARTS, '实名制考勤');
  await page.screenshot({ path: screenshotPath('dashboard-legibility-no-data-attendance') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('benchmark dataset (300 projects, 50,000 people): the crowded city centre keeps every label clear', async (t) => {
  // The morning's check-ins are the benchmark's own business: one day of history is enough here.
  process.env.WORKFORCE_BENCH_DAYS = '1';
  const server = process.env.HS_E2E_SERVER_URL ?? process.env.DATABASE_URL;
  const dataDir = await mkdtemp(join(tmpdir(), 'hs-e2e-bench-'));
  await chmod(dataDir, 0o755);
  const databaseUrl = server ? withDatabase(server, `hs_e2e_bench_${Date.now().toString(36)}_${process.pid}`) : null;
  const env = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { EMBEDDED_PG_PORT: '54332' }),
  };
  delete env.HS_E2E_TEMPLATE_URL;
  const started = Date.now();
  const running = await startPlatform({
    logger: createLogger('e2e', env.LOG_LEVEL),
    env,
    port: 0,
    subgraphPorts: 'free',
    seedScale: 'bench',
  });
  t.diagnostic(`benchmark dataset seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  const platform = { ...running, base: running.url.replace(/\/graphql$/, '') };
  try {
    const { projectStats } = await gql(
      platform,
      `{ projectStats { total } }`,
      {},
      (await signIn(platform, 'admin')).accessToken,
    );
    assert.equal(projectStats.total, 300);
    const { page, errors } = await openScreen(platform, { loading: { timeout: 120_000 } });
    await page.getByTestId('count-total').locator('.num', { hasText: /^300$/ }).waitFor(WAIT);
    await waitForMapLabels(page);
    await checkMapLabels(t, page, '综合 (benchmark)');
    await checkCharts(t, page, OVERVIEW_CHARTS, '综合 (benchmark)');
    await page.screenshot({ path: screenshotPath('dashboard-legibility-bench') });

    await showAttendance(page);
    await checkMapLabels(t, page, '实名制考勤 (benchmark)');
    await checkCharts(t, page, ATTENDANCE_CHARTS, '实名制考勤 (benchmark)');
    await page.screenshot({ path: screenshotPath('dashboard-legibility-bench-attendance') });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await running.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
    await rm(dataDir, { recursive: true, force: true });
  }
});
