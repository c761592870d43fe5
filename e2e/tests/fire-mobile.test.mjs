/* global fetch, document, indexedDB -- Node 20 has fetch; page.evaluate bodies run in the browser */
// The inspector's phone on site (需求 1.3.5–1.3.6) at 390×844 in Debian's Chromium with its fake
// camera and a set geolocation: the visit records the position and warns when the phone is far
// from the site; the three plan signatures are drawn on the pad in order; 合格/不合格 per location
// and check line; photos taken with the page camera (no file input anywhere) go up with their stamp;
// with the network cut, results, a photo and a location added on the spot wait in IndexedDB and
// arrive when the network is back. What the server stored is checked through the graph.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 30_000 };
// 大冶市新冶大道: the site, a point near it, and one about 3 km north.
const SITE = { latitude: 30.0955, longitude: 114.9742 };
const NEAR = { latitude: 30.0957, longitude: 114.9745, accuracy: 8 };
const FAR = { latitude: 30.1225, longitude: 114.9742, accuracy: 20 };

let platform;
let browser;
let context;
let page;
let adminToken;
let inspectionId;
/** The item recorded on the phone, looked at again on the desk. */
let itemCode;

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

const stored = async () =>
  (
    await gql(
      `query($id: ID!) { fireInspection(id: $id) { status
        results { lineCode locationKey verdict note extra }
        extraLocations { label locationKey }
        photos { id url width height locationKey itemCode }
        siteVisits { farFromSite accuracy distanceMeters } } }`,
      { id: inspectionId },
    )
  ).fireInspection;

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  adminToken = (
    await gql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { accessToken } }`, {}, null)
  ).login.accessToken;
  // An inspection in 大冶市 (dy_inspector's district), as the bureau registers it, with its plan drawn.
  const created = await gql(
    `mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`,
    {
      input: {
        projectName: '大冶市新冶大道综合楼（手机端测试）',
        districtCode: '420281',
        builderUnit: '大冶市城市建设投资开发有限公司',
        designUnit: '湖北黄石建筑设计研究院有限公司',
        generalContractorUnit: '黄石市鼎盛建设集团有限公司',
        fireContractorUnit: '黄石市消防工程安装有限公司',
        supervisorUnit: '湖北东楚工程监理咨询有限公司',
        leaderName: '王建华',
        address: '大冶市新冶大道100号',
        siteLatitude: SITE.latitude,
        siteLongitude: SITE.longitude,
        category: 'NEW',
        inspectionDate: new Date().toISOString().slice(0, 10),
      },
    },
  );
  inspectionId = created.createFireInspection.id;
  await gql(
    `mutation($id: ID!) { addFireBuilding(inspectionId: $id, input: { name: "1#楼", aboveGroundFloors: 4, belowGroundFloors: 1 }) { id } }`,
    { id: inspectionId },
  );
  await gql(`mutation($id: ID!) { drawFirePlan(inspectionId: $id) { id } }`, { id: inspectionId });

  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: FAR,
    permissions: ['geolocation', 'camera'],
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  });
  page = await context.newPage();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await platform?.close();
});

/** A signature: a few strokes with the mouse (pointer events, as a finger draws). */
async function drawSignature(pad) {
  const box = await pad.locator('canvas').boundingBox();
  for (const [y, dx] of [
    [0.4, 0.5],
    [0.6, 0.35],
  ]) {
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) {
      await page.mouse.move(
        box.x + box.width * (0.15 + (dx * i) / 8),
        box.y + box.height * (y + (i % 2 ? 0.12 : -0.1)),
      );
    }
    await page.mouse.up();
  }
}

test('on site: position with accuracy and a warning when far, then the three plan signatures in order', async () => {
  await page.goto(`${platform.base}/admin/m/login`);
  await page.locator('input[name=username]').fill('dy_inspector');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').tap();
  await page.locator('[data-test=m-tile-inspection]').tap();
  await page.locator('[data-test=m-fire-search]').fill('新冶大道综合楼');
  await page.locator('.mf-search button').tap();
  await page.locator('[data-test=m-fire-card]', { hasText: '手机端测试' }).tap();

  const warning = page.locator('[data-test=m-far-warning]');
  await warning.waitFor(WAIT);
  assert.match(await warning.innerText(), /当前位置距工地约 3\.0 公里（定位精度 ±20 米），请确认是否在检查现场/);
  assert.match(await page.locator('[data-test=m-position]').innerText(), /30\.12250, 114\.97420\s*精度 ±20 米/);
  await page.screenshot({ path: screenshotPath('fire-mobile-far'), animations: 'disabled' });

  // Walking onto the site and opening the visit again: no warning.
  await context.setGeolocation(NEAR);
  await page.locator('[data-test=m-position]').getByText('精度 ±8 米').waitFor(WAIT);
  await page.locator('[data-test=m-position] .mi-link').tap();
  await warning.waitFor({ state: 'detached', ...WAIT });
  assert.match(await page.locator('[data-test=m-visit]').innerText(), /距工地约 \d{1,2} 米/);
  const visits = (await stored()).siteVisits;
  assert.deepEqual(
    visits.map((v) => [v.farFromSite, v.accuracy]),
    [
      [true, 20],
      [false, 8],
    ],
  );

  const section = page.locator('[data-test=m-plan-sign]');
  await section.waitFor(WAIT);
  assert.match(await section.innerText(), /上述抽查部位与数量，由系统随机生成，我已见证，确认无误/);
  for (const name of ['王建华', '李监察', '赵监察']) {
    await page.locator('[data-test=m-plan-signer]').fill(name);
    await drawSignature(section.locator('[data-test=m-plan-pad]'));
    if (name === '王建华')
      await page.screenshot({ path: screenshotPath('fire-mobile-plan-sign'), animations: 'disabled' });
    await page.locator('[data-test=m-plan-submit]').tap();
    const message = page.locator('.el-message').last();
    await message.waitFor(WAIT);
    assert.match(await message.innerText(), /签名已保存/);
    await message.waitFor({ state: 'detached', ...WAIT });
  }
  await page.locator('[data-test=m-item]').first().waitFor(WAIT);
  assert.equal(await page.locator('[data-test=m-plan-sign]').count(), 0);
  assert.equal((await stored()).status, 'PLAN_CONFIRMED');
  await page.screenshot({ path: screenshotPath('fire-mobile-items'), fullPage: true, animations: 'disabled' });
});

test('results and camera photos go up at once; with the network cut they wait in IndexedDB and arrive later', async () => {
  await page.locator('[data-test=m-item]:not(.na)').first().tap();
  await page.waitForURL(/\/items\/\d\d$/);
  itemCode = page.url().slice(-2);
  const firstLocation = page.locator('[data-test=m-location]').first();
  await firstLocation.waitFor(WAIT);
  assert.equal(await page.locator('input[type=file]').count(), 0, 'no way to pick a file from the gallery');

  // Online: a verdict, then a photo from the (fake) camera.
  await firstLocation.locator('[data-test=m-pass]').first().tap();
  await page.locator('[data-test=sync-state]', { hasText: '已同步' }).waitFor(WAIT);
  await firstLocation.locator('[data-test=m-photo]').tap();
  await page.locator('[data-test=camera-shoot]:not([disabled])').waitFor(WAIT);
  await page.waitForFunction(
    () => (document.querySelector('[data-test=camera] video')?.videoWidth ?? 0) > 0,
    null,
    WAIT,
  );
  await page.screenshot({ path: screenshotPath('fire-mobile-camera'), animations: 'disabled' });
  await page.locator('[data-test=camera-shoot]').tap();
  await page.locator('[data-test=camera-preview]').waitFor(WAIT);
  await page.locator('[data-test=camera-use]').tap();
  const saved = firstLocation.locator('[data-test=m-photo-saved]');
  await saved.waitFor(WAIT);
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await saved.elementHandle(), WAIT);
  let now = await stored();
  assert.equal(now.results.length, 1);
  assert.equal(now.photos.length, 1);
  assert.ok(now.photos[0].width >= 160 && now.photos[0].height >= 120, 'a real camera frame');
  // The photo is a JPEG the router serves through its signed URL.
  const download = await fetch(`${platform.base}${now.photos[0].url}`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'image/jpeg');

  // The network drops.
  await context.setOffline(true);
  await page.locator('[data-test=sync-state]', { hasText: '离线' }).waitFor(WAIT);
  const fail = firstLocation.locator('[data-test=m-line]').nth(1);
  if ((await fail.count()) === 0) throw new Error('the first location needs two check lines for this test');
  await fail.locator('[data-test=m-fail]').tap();
  await fail.locator('.mt-note').fill('疏散指示标志被遮挡');
  await fail.locator('.mt-note').press('Enter');
  await fail.locator('.mt-note').blur();
  await firstLocation.locator('[data-test=m-photo]').tap();
  await page.locator('[data-test=camera-shoot]:not([disabled])').waitFor(WAIT);
  await page.waitForFunction(
    () => (document.querySelector('[data-test=camera] video')?.videoWidth ?? 0) > 0,
    null,
    WAIT,
  );
  await page.locator('[data-test=camera-shoot]').tap();
  await page.locator('[data-test=camera-use]').tap();
  await page.locator('[data-test=m-add-location]').tap();
  await page.locator('[data-test=m-extra-label]').fill('地下车库坡道');
  await page.locator('[data-test=m-extra-save]').tap();
  const extra = page.locator('[data-test=m-location]', { hasText: '地下车库坡道' });
  await extra.waitFor(WAIT);
  await extra.locator('[data-test=m-pass]').first().tap();
  await page.locator('[data-test=sync-state]', { hasText: '离线 · 4 条待上传' }).waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('fire-mobile-offline'), fullPage: true, animations: 'disabled' });

  // Kept in IndexedDB, not only in the page's memory.
  const queued = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('hs-fire-onsite');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('ops').objectStore('ops').getAll();
          all.onsuccess = () => resolve(all.result.map((op) => [op.kind, op.state]).sort());
        };
      }),
  );
  assert.deepEqual(queued, [
    ['extra', 'pending'],
    ['photo', 'pending'],
    ['result', 'pending'], // 不合格, then its note: one entry, the newer replacing the older
    ['result', 'pending'],
  ]);
  now = await stored();
  assert.equal(now.results.length, 1, 'nothing reached the server while offline');

  // The network is back: everything arrives, in order (the new location before the result at it).
  await context.setOffline(false);
  await page.locator('[data-test=sync-state]', { hasText: '已同步' }).waitFor(WAIT);
  now = await stored();
  const failed = now.results.find((r) => r.verdict === 'FAIL');
  assert.equal(failed?.note, '疏散指示标志被遮挡');
  assert.deepEqual(
    now.extraLocations.map((e) => e.label),
    ['地下车库坡道'],
  );
  assert.ok(now.results.some((r) => r.extra && r.locationKey === now.extraLocations[0].locationKey));
  assert.equal(now.results.length, 3);
  assert.equal(now.photos.length, 2);
  assert.equal(await page.locator('[data-test=m-pending]').count(), 0);
  await page.screenshot({ path: screenshotPath('fire-mobile-synced'), fullPage: true, animations: 'disabled' });
});

test('on the desk, the item shows the photos taken on site and every visit with its position', async () => {
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  try {
    const admin = await desk.newPage();
    await admin.goto(`${platform.base}/admin/login`);
    await admin.locator('input[name=username]').fill('admin');
    await admin.locator('input[name=password]').fill(DEMO_PASSWORD);
    await admin.locator('button[type=submit]').click();
    await admin.waitForURL(/\/admin\/home/);
    await admin.goto(`${platform.base}/admin/fire/inspections/${inspectionId}?tab=results`);
    await admin
      .locator('[data-test=progress] .el-table__row')
      .nth(Number(itemCode) - 1)
      .click();
    const photos = admin.locator('[data-test=onsite-photo]');
    await photos.nth(1).waitFor(WAIT);
    assert.equal(await photos.count(), 2);
    await admin.waitForFunction(
      () => [...document.querySelectorAll('[data-test=onsite-photo] img')].every((img) => img.naturalWidth > 0),
      null,
      WAIT,
    );
    assert.match(await photos.first().innerText(), /距工地 \d+ 米/);
    const visits = admin.locator('[data-test=site-visits] .el-table__row');
    assert.equal(await visits.count(), 2);
    assert.match(await visits.first().innerText(), /±20 米\s*3\.0 公里/);
    await admin.locator('[data-test=onsite-panel]').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: screenshotPath('fire-desk-onsite'), animations: 'disabled' });
  } finally {
    await desk.close();
  }
});
