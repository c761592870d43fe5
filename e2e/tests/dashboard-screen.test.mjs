// The big screen (issue 3) in a real browser at 1920×1080: the Huangshi map with its six
// districts and the project points, the counts equal to the graph's own totals, district focus
// and the project card, a project edited through the graph showing up live (without re-querying
// the city), the connection indicator through a dropped and restored WebSocket, and through the
// projects subgraph stopped and restarted behind the router (部分中断, then one reload; ADR 0010).
// The screen signs in with a display link, as a wall screen does.
/* global fetch, document -- Node 20 has fetch; page.evaluate bodies run in the browser */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickDistrictLabel, mapLabels, waitForLabelDetails, waitForMapLabels } from '../dashboard-map.mjs';
import { launchBrowser, screenshotPath, startTestPlatform, stopSubgraph } from '../support.mjs';

const DISTRICTS = ['黄石港区', '西塞山区', '下陆区', '铁山区', '阳新县', '大冶市'];
const STATUS_LABELS = { PLANNED: '未开工', UNDER_CONSTRUCTION: '在建', SUSPENDED: '停工', COMPLETED: '竣工' };
const WAIT = { timeout: 20_000 };

let platform;
let browser;
let adminToken;
let displayPath;

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

/** What the graph itself says (as the city administrator): the numbers the screen must show. */
async function graphTotals() {
  const data = await gql(`{
    projectStats { total byDistrict { districtCode count district { name } } byStatus { status count } }
    enterprises(page: { page: 1, pageSize: 1 }) { total }
  }`);
  const byStatus = Object.fromEntries(data.projectStats.byStatus.map((s) => [s.status, s.count]));
  const byDistrict = Object.fromEntries(data.projectStats.byDistrict.map((d) => [d.district.name, d.count]));
  return { total: data.projectStats.total, byStatus, byDistrict, enterprises: data.enterprises.total };
}

/**
 * A project whose status can be flipped without other fields (the rules want a start date for
 * both, and a completion date only for 竣工): 在建 ↔ 停工. `skip` picks a later one.
 */
async function flippableProject(skip = 0) {
  const { projects } = await gql(`{ projects(page: { page: 1, pageSize: 100 }) { items { id name status } } }`);
  const candidates = projects.items.filter((p) => p.status === 'UNDER_CONSTRUCTION' || p.status === 'SUSPENDED');
  assert.ok(candidates.length > skip, 'the seed has projects under construction or suspended');
  const target = candidates[skip];
  return { target, next: target.status === 'SUSPENDED' ? 'UNDER_CONSTRUCTION' : 'SUSPENDED' };
}

const legendRow = (page, status) => page.getByTestId('map-legend').locator('li', { hasText: STATUS_LABELS[status] });

/** Waits until the tile shows exactly `value`. */
async function waitForTile(page, key, value) {
  await page
    .getByTestId(`count-${key}`)
    .locator('.num', { hasText: new RegExp(`^${value}$`) })
    .waitFor(WAIT);
}

async function openScreen(setup) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (setup) await setup(page);
  await page.goto(`${platform.base}${displayPath}`);
  await page.locator('.dashboard[data-loaded="true"]').waitFor(WAIT);
  await waitForMapLabels(page);
  await page.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor(WAIT);
  return { page, errors };
}

/** Non-background pixels and pixels in each status colour on the map's WebGL canvas. */
async function canvasPixels(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="map"] canvas.maplibregl-canvas');
    if (!canvas) return null;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const near = (i, [r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40;
    const colours = {
      UNDER_CONSTRUCTION: [0, 229, 255],
      PLANNED: [255, 197, 61],
      SUSPENDED: [255, 77, 106],
      COMPLETED: [61, 220, 151],
    };
    const background = [4, 20, 48];
    const counts = {
      nonBackground: 0,
      distinct: new Set(),
      status: Object.fromEntries(Object.keys(colours).map((k) => [k, 0])),
    };
    for (let i = 0; i < data.length; i += 4) {
      if (!near(i, background)) counts.nonBackground++;
      counts.distinct.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
      for (const [status, rgb] of Object.entries(colours)) if (near(i, rgb)) counts.status[status]++;
    }
    return {
      width: canvas.width,
      height: canvas.height,
      pixels: data.length / 4,
      nonBackground: counts.nonBackground,
      distinct: counts.distinct.size,
      status: counts.status,
    };
  });
}

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  const login = await gql(`mutation { login(username: "admin", password: "Huangshi@2025") { accessToken } }`, {}, null);
  adminToken = login.login.accessToken;
  const link = await gql(`mutation { createDisplayLink(label: "e2e 大屏", validDays: 30) { path } }`);
  displayPath = link.createDisplayLink.path;
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

test("renders the map of Huangshi with six districts, the project points and the graph's totals at 1920×1080", async () => {
  const external = [];
  const { page, errors } = await openScreen((p) =>
    p.on('request', (r) => {
      if (
        !r.url().startsWith(platform.base) &&
        !r.url().startsWith('ws://127.0.0.1') &&
        !r.url().startsWith('data:') &&
        !r.url().startsWith('blob:')
      )
        external.push(r.url());
    }),
  );
  await page.getByText('黄石市建筑业一体化监管平台 · 数据指挥中心').waitFor();

  // The district labels maplibre drew on the map, each with its count.
  const { labels } = await mapLabels(page);
  assert.deepEqual(labels.map((l) => l.name).sort(), [...DISTRICTS].sort());

  const totals = await graphTotals();
  assert.ok(totals.total > 0, 'the seed has projects');
  await waitForTile(page, 'total', totals.total);
  await waitForTile(page, 'building', totals.byStatus.UNDER_CONSTRUCTION ?? 0);
  await waitForTile(page, 'enterprises', totals.enterprises);
  await waitForTile(page, 'districts', 6);
  await waitForLabelDetails(
    page,
    Object.fromEntries(DISTRICTS.map((name) => [name, `${totals.byDistrict[name] ?? 0} 个项目`])),
  );
  for (const [status, label] of Object.entries(STATUS_LABELS)) {
    assert.equal(
      await legendRow(page, status).locator('.legend-count').innerText(),
      String(totals.byStatus[status] ?? 0),
      label,
    );
  }

  const pixels = await canvasPixels(page);
  assert.ok(pixels, 'the map canvas is there');
  assert.ok(pixels.width > 800 && pixels.height > 800, `canvas ${pixels.width}×${pixels.height}`);
  assert.ok(pixels.nonBackground > pixels.pixels * 0.2, 'the districts cover the canvas');
  assert.ok(pixels.distinct > 30, 'the canvas is not a flat colour');
  for (const [status, n] of Object.entries(pixels.status)) {
    if (totals.byStatus[status]) assert.ok(n > 0, `points of status ${status} are drawn`);
  }

  assert.ok(!page.url().includes('display='), 'the token is taken off the address bar');
  await page.getByText('大屏链接：e2e 大屏').waitFor();
  await page.screenshot({ path: screenshotPath('dashboard-city') });
  assert.deepEqual(external, [], 'nothing is loaded from outside the platform');
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking a district focuses the map and filters the panels; 返回全市 goes back', async () => {
  const { page } = await openScreen();
  const totals = await graphTotals();

  await clickDistrictLabel(page, '大冶市');
  await page.getByTestId('map-selection').filter({ hasText: '大冶市' }).waitFor(WAIT);
  await waitForTile(page, 'total', totals.byDistrict['大冶市']);
  await page
    .getByTestId('key-counts')
    .locator('xpath=ancestor::section')
    .getByText('大冶市', { exact: true })
    .waitFor();
  // The change list shows that district's projects only.
  for (const text of await page.getByTestId('change-item').allInnerTexts()) assert.match(text, /大冶市/);

  // A project's card: from the change list (the same card as hovering or clicking its point).
  const first = page.getByTestId('change-item').first();
  const name = (await first.locator('.name').innerText()).trim();
  await first.click();
  const card = page.getByTestId('project-card');
  await card.filter({ hasText: name }).waitFor(WAIT);
  for (const label of ['工建码', '施工许可证', '所属区县', '建设单位', '施工总包', '工程地址'])
    await card.getByText(label).waitFor();
  await card.locator('dd', { hasText: /^大冶市$/ }).waitFor();
  await page.screenshot({ path: screenshotPath('dashboard-district-focus') });

  await page.getByTestId('map-reset').click();
  await page.getByTestId('map-selection').waitFor({ state: 'detached', ...WAIT });
  await waitForTile(page, 'total', totals.total);
  await page.close();
});

test('a project edited through the graph updates its point, the counts and the change list live', async (t) => {
  const { page } = await openScreen();
  const graphRequests = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.method() === 'POST')
      graphRequests.push(JSON.parse(r.postData() ?? '{}').query ?? '');
  });

  const { target, next } = await flippableProject(0);
  const before = await graphTotals();

  const sent = Date.now();
  const updated = await gql(
    `mutation ($id: ID!, $status: ProjectStatus!) { updateProject(id: $id, input: { status: $status }) { id status } }`,
    {
      id: target.id,
      status: next,
    },
  );
  assert.equal(updated.updateProject.status, next);

  const item = page.getByTestId('change-item').first();
  await item.filter({ hasText: target.name }).waitFor(WAIT);
  t.diagnostic(`change visible ${Date.now() - sent} ms after the mutation was sent`);
  assert.match(await item.innerText(), new RegExp(`状态：${STATUS_LABELS[target.status]} → ${STATUS_LABELS[next]}`));
  assert.match(await item.innerText(), /更新/);

  const afterTotals = await graphTotals();
  assert.equal(afterTotals.byStatus[next], (before.byStatus[next] ?? 0) + 1);
  await waitForTile(page, 'building', afterTotals.byStatus.UNDER_CONSTRUCTION ?? 0);
  await waitForTile(page, 'total', afterTotals.total);
  await legendRow(page, next)
    .locator('.legend-count', { hasText: new RegExp(`^${afterTotals.byStatus[next]}$`) })
    .waitFor(WAIT);

  // The point: its card shows the new status.
  await item.click();
  await page
    .getByTestId('project-card')
    .filter({ hasText: target.name })
    .filter({ hasText: STATUS_LABELS[next] })
    .waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('dashboard-live-update') });

  // Incremental: the event was applied as it came, the city was not queried again.
  assert.deepEqual(
    graphRequests.filter((q) => /DashboardProjects|DashboardProjectStats/.test(q)),
    [],
    'no full reload per event',
  );
  await page.close();
});

test('the connection indicator shows 重连中 while the WebSocket is down and catches up after it returns', async () => {
  let blocked = false;
  const open = [];
  const { page } = await openScreen((p) =>
    p.routeWebSocket(/\/graphql$/, (ws) => {
      if (blocked) {
        ws.close({ code: 4002, reason: 'network down (test)' });
        return;
      }
      const server = ws.connectToServer();
      open.push({ ws, server });
    }),
  );

  blocked = true;
  for (const { ws, server } of open.splice(0)) {
    server.close();
    ws.close({ code: 4001, reason: 'network dropped (test)' });
  }
  const indicator = page.getByTestId('live-indicator');
  await indicator.filter({ hasText: '重连中' }).waitFor(WAIT);
  assert.equal(await indicator.getAttribute('data-state'), 'retry');
  await page.screenshot({ path: screenshotPath('dashboard-reconnecting') });

  // A change made while the screen is cut off …
  const { target, next } = await flippableProject(1);
  await gql(
    `mutation ($id: ID!, $status: ProjectStatus!) { updateProject(id: $id, input: { status: $status }) { id } }`,
    {
      id: target.id,
      status: next,
    },
  );
  const totals = await graphTotals();

  // … is on the screen once the connection is back (it reloads once after a reconnect).
  blocked = false;
  await indicator.filter({ hasText: '正常' }).waitFor({ timeout: 45_000 });
  await legendRow(page, next)
    .locator('.legend-count', { hasText: new RegExp(`^${totals.byStatus[next]}$`) })
    .waitFor(WAIT);
  await waitForTile(page, 'building', totals.byStatus.UNDER_CONSTRUCTION ?? 0);
  await page.screenshot({ path: screenshotPath('dashboard-reconnected') });
  await page.close();
});

test('the projects subgraph stopped behind the router: 部分中断, and after its restart one reload, then live again', async (t) => {
  const { page } = await openScreen();
  const reloads = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && /DashboardProjectStats/.test(JSON.parse(r.postData() ?? '{}').query ?? ''))
      reloads.push(r);
  });
  const indicator = page.getByTestId('live-indicator');

  // The socket to the router stays up; the router says the projects source is interrupted.
  const projects = await stopSubgraph(platform, 'projects');
  await indicator.filter({ hasText: '部分中断' }).waitFor(WAIT);
  assert.equal(await indicator.getAttribute('data-state'), 'retry');
  await page.screenshot({ path: screenshotPath('dashboard-source-interrupted') });

  const restarted = Date.now();
  const reloaded = page.waitForResponse((r) => reloads.includes(r.request()), WAIT);
  await projects.start();
  await indicator.filter({ hasText: '正常' }).waitFor({ timeout: 45_000 });
  await reloaded;
  t.diagnostic(`reloaded ${Date.now() - restarted} ms after the projects subgraph was started again`);

  // An event after the RESYNC arrives on the same subscription, so by the time it is on screen a
  // second reload for that RESYNC would have been requested already.
  const { target, next } = await flippableProject(2);
  await gql(
    `mutation ($id: ID!, $status: ProjectStatus!) { updateProject(id: $id, input: { status: $status }) { id } }`,
    {
      id: target.id,
      status: next,
    },
  );
  await page
    .getByTestId('change-item')
    .filter({ hasText: target.name })
    .filter({ hasText: `状态：${STATUS_LABELS[target.status]} → ${STATUS_LABELS[next]}` })
    .waitFor(WAIT);
  assert.equal(reloads.length, 1, 'one reload after the RESYNC');
  await page.close();
});
