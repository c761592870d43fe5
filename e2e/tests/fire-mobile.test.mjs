/* global fetch, document, indexedDB, navigator, window -- Node 20 has fetch; page.evaluate bodies run in the browser */
// The inspector's phone on site (需求 1.3.5–1.3.7) at 390×844 in Debian's Chromium with its fake
// camera and a set geolocation, set to UTC (times shown are Beijing time all the same): opening an
// inspection only reads it (no position asked, no visit recorded) until 「到达现场，开始检查」; the
// visit records the position and warns when the phone is far from the site; the three plan
// signatures are drawn on the pad in order; 合格/不合格 per location and check line, and
// 未记录的设为合格 after a confirmation; photos taken with the page camera (no file input anywhere)
// go up with their stamp; with the network cut, results, a photo and a location added on the spot
// wait in IndexedDB and arrive when the network is back. Then the demo inspection README promises
// dy_inspector is worked end to end at README's position, to the five result signatures and the seal.
// What the server stored is checked through the graph.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

const stored = async (id = inspectionId) =>
  (
    await gql(
      `query($id: ID!) { fireInspection(id: $id) { status
        results { lineCode locationKey verdict note extra }
        extraLocations { label locationKey }
        photos { id url width height locationKey itemCode }
        siteVisits { farFromSite accuracy distanceMeters }
        resultSignatureBoxes { party signature { signerName signedAt } } } }`,
      { id },
    )
  ).fireInspection;

/** "2026-11-24 21:05:03": Beijing wall-clock time of an instant. */
const beijing = (at) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(at));

/** A phone at a position, set to UTC, that counts how often a page asks for the position. */
async function phoneContext(geolocation) {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    geolocation,
    permissions: ['geolocation', 'camera'],
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  });
  await phone.addInitScript(() => {
    const geo = navigator.geolocation;
    window.positionAsked = 0;
    for (const name of ['watchPosition', 'getCurrentPosition']) {
      const original = geo[name].bind(geo);
      geo[name] = (...args) => {
        window.positionAsked += 1;
        return original(...args);
      };
    }
  });
  return phone;
}

async function phoneLogin(p) {
  await p.goto(`${platform.base}/admin/m/login`);
  await p.locator('input[name=username]').fill('dy_inspector');
  await p.locator('input[name=password]').fill(DEMO_PASSWORD);
  await p.locator('button[type=submit]').tap();
  await p.locator('[data-test=m-user]').waitFor(WAIT);
}

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

  context = await phoneContext(FAR);
  page = await context.newPage();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await platform?.close();
});

/** A signature: a few strokes with the mouse (pointer events, as a finger draws). */
async function drawSignature(pad, p = page) {
  const canvas = pad.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  for (const [y, dx] of [
    [0.4, 0.5],
    [0.6, 0.35],
  ]) {
    await p.mouse.move(box.x + box.width * 0.15, box.y + box.height * y);
    await p.mouse.down();
    for (let i = 1; i <= 8; i++) {
      await p.mouse.move(box.x + box.width * (0.15 + (dx * i) / 8), box.y + box.height * (y + (i % 2 ? 0.12 : -0.1)));
    }
    await p.mouse.up();
  }
}

/** Three plan signatures in order, each drawn on the pad (1.3.6). */
async function signPlan(p, names) {
  const section = p.locator('[data-test=m-plan-sign]');
  await section.waitFor(WAIT);
  assert.match(await section.innerText(), /上述抽查部位与数量，由系统随机生成，我已见证，确认无误/);
  for (const name of names) {
    await p.locator('[data-test=m-plan-signer]').fill(name);
    await drawSignature(section.locator('[data-test=m-plan-pad]'), p);
    if (p === page && name === names[0])
      await p.screenshot({ path: screenshotPath('fire-mobile-plan-sign'), animations: 'disabled' });
    await p.locator('[data-test=m-plan-submit]').tap();
    const message = p.locator('.el-message').last();
    await message.waitFor(WAIT);
    assert.match(await message.innerText(), /签名已保存/);
    await message.waitFor({ state: 'detached', ...WAIT });
  }
  await p.locator('[data-test=m-item]').first().waitFor(WAIT);
  assert.equal(await p.locator('[data-test=m-plan-sign]').count(), 0);
}

test('opening an inspection only reads it; 到达现场，开始检查 records the position, warns when far; the three plan signatures in order', async () => {
  await page.goto(`${platform.base}/admin/m/login`);
  await page.locator('input[name=username]').fill('dy_inspector');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').tap();
  await page.locator('[data-test=m-tile-inspection]').tap();
  await page.locator('[data-test=m-fire-search]').fill('新冶大道综合楼');
  await page.locator('.mf-search button').tap();
  await page.locator('[data-test=m-fire-card]', { hasText: '手机端测试' }).tap();

  // Read, as from the office: nothing is asked or recorded, the plan waits for signatures on site.
  await page.locator('[data-test=m-status]').waitFor(WAIT);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.positionAsked), 0, 'the page did not ask for the position');
  assert.deepEqual((await stored()).siteVisits, [], 'no visit recorded by reading');
  const begin = page.locator('[data-test=m-begin]');
  await begin.waitFor(WAIT);
  await page.locator('[data-test=m-plan-wait]').waitFor(WAIT);
  assert.equal(await page.locator('[data-test=m-plan-sign]').count(), 0);
  await page.screenshot({ path: screenshotPath('fire-mobile-read'), animations: 'disabled' });

  await begin.tap();
  const warning = page.locator('[data-test=m-far-warning]');
  await warning.waitFor(WAIT);
  assert.match(await warning.innerText(), /当前位置距工地约 3\.0 公里（定位精度 ±20 米），请确认是否在检查现场/);
  assert.match(await page.locator('[data-test=m-position]').innerText(), /30\.12250, 114\.97420\s*精度 ±20 米/);
  assert.match(await page.locator('[data-test=m-visit]').innerText(), /现场检查已开启 · 距工地约 3\.0 公里/);
  await page.screenshot({ path: screenshotPath('fire-mobile-far'), animations: 'disabled' });

  // Walking onto the site and opening the visit again: no warning.
  await context.setGeolocation(NEAR);
  await page.locator('[data-test=m-position]').getByText('精度 ±8 米').waitFor(WAIT);
  await page.locator('[data-test=m-reopen]').tap();
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

  await signPlan(page, ['王建华', '李监察', '赵监察']);
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
  // The stamp over the viewfinder: Beijing time on a phone set to UTC.
  const before = Date.now();
  const stampTime = (await page.locator('[data-test=camera-stamp]').innerText()).match(/时间 (\S+ \S+)/)[1];
  const stampAt = Date.parse(`${stampTime.replace(' ', 'T')}+08:00`);
  assert.ok(stampAt >= before - 2000 && stampAt <= Date.now() + 1000, `stamp ${stampTime} is Beijing time now`);
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

test('未记录的设为合格 on the phone, as on the desk: after a confirmation, only what has no verdict', async () => {
  const summary = (await page.locator('.mt-summary').innerText()).match(/已记录\s*(\d+)\s*\/\s*(\d+)/);
  const [recorded, required] = [Number(summary[1]), Number(summary[2])];
  assert.equal(recorded, 3);
  const passRemaining = page.locator('[data-test=m-pass-remaining]');
  const dialog = page.locator('.el-message-box');

  // Cancelled: nothing changes.
  await passRemaining.tap();
  await dialog.waitFor(WAIT);
  assert.match(
    await dialog.innerText(),
    new RegExp(`将本项 ${required - recorded} 条尚未记录的检查内容全部记为“合格”？已记录的结果（含不合格）不变`),
  );
  await page.screenshot({ path: screenshotPath('fire-mobile-pass-remaining'), animations: 'disabled' });
  await dialog.getByRole('button', { name: '取消' }).tap();
  await dialog.waitFor({ state: 'hidden', ...WAIT });
  assert.equal(await page.locator('[data-test=m-item-done]').innerText(), String(recorded));

  await passRemaining.tap();
  await dialog.getByRole('button', { name: '设为合格', exact: true }).tap();
  await page.locator('[data-test=m-item-done]', { hasText: new RegExp(`^${required}$`) }).waitFor(WAIT);
  await passRemaining.waitFor({ state: 'detached', ...WAIT });
  await page.locator('[data-test=sync-state]', { hasText: '已同步' }).waitFor(WAIT);
  const mine = (await stored()).results.filter((r) => r.lineCode.startsWith(itemCode));
  assert.equal(mine.length, required);
  assert.deepEqual(
    mine.filter((r) => r.verdict === 'FAIL').map((r) => r.note),
    ['疏散指示标志被遮挡'],
  );
});

test('an item opened away from the site (no visit on this phone) is only read', async () => {
  const office = await phoneContext(FAR);
  try {
    const p = await office.newPage();
    await phoneLogin(p);
    await p.goto(`${platform.base}/admin/m/fire/${inspectionId}/items/${itemCode}`);
    const note = p.locator('[data-test=m-no-visit]');
    await note.waitFor(WAIT);
    assert.match(await note.innerText(), /尚未开始现场检查/);
    assert.ok(await p.locator('[data-test=m-pass]').first().isDisabled());
    for (const control of ['m-pass-remaining', 'm-photo', 'm-add-location'])
      assert.equal(await p.locator(`[data-test=${control}]`).count(), 0, control);
    assert.equal(await p.evaluate(() => window.positionAsked), 0);
    await p.screenshot({ path: screenshotPath('fire-mobile-item-read'), animations: 'disabled' });
    assert.equal((await stored()).siteVisits.length, 2, 'still the two visits opened on site');
  } finally {
    await office.close();
  }
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

test('the demo inspection README gives dy_inspector in 大冶 is worked on site end to end at README’s position', async () => {
  // What README tells a person to do: the inspection's name and the position to give the browser.
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const howTo = readme.slice(readme.indexOf('#### 现场检查 on the phone'));
  const name = howTo.match(/「(.+?)」/)[1];
  const [, latitude, longitude] = howTo.match(/site is at (\d+\.\d+), (\d+\.\d+)/).map(Number);
  const demo = await phoneContext({ latitude, longitude, accuracy: 10 });
  try {
    const p = await demo.newPage();
    await phoneLogin(p);
    await p.locator('[data-test=m-tile-inspection]').tap();
    await p.locator('[data-test=m-fire-search]').fill(name);
    await p.locator('.mf-search button').tap();
    const card = p.locator('[data-test=m-fire-card]', { hasText: name });
    await card.waitFor(WAIT);
    assert.match(await card.innerText(), /大冶市/);
    await card.tap();
    await p.waitForURL(/\/m\/fire\/[0-9a-f-]{36}$/);
    const id = p.url().split('/').pop();
    assert.equal((await stored(id)).status, 'PLAN_PENDING');

    await p.locator('[data-test=m-begin]').tap();
    const visit = p.locator('[data-test=m-visit]');
    await visit.waitFor(WAIT);
    assert.equal(await p.locator('[data-test=m-far-warning]').count(), 0, 'README’s position is at the site');
    assert.ok(Number((await visit.innerText()).match(/距工地约 (\d+) 米/)[1]) < 50);
    await p.screenshot({ path: screenshotPath('fire-mobile-demo-arrived'), animations: 'disabled' });
    await signPlan(p, ['胡勇', '刘志明', '陈志刚']);

    // Every applicable item: 未记录的设为合格, sent, back to the list.
    const items = p.locator('a[data-test=m-item]');
    const count = await items.count();
    assert.ok(count > 0);
    for (let i = 0; i < count; i++) {
      await items.nth(i).tap();
      await p.locator('[data-test=m-location]').first().waitFor(WAIT);
      await p.locator('[data-test=m-pass-remaining]').tap();
      await p.locator('.el-message-box').getByRole('button', { name: '设为合格', exact: true }).tap();
      await p.locator('[data-test=m-pass-remaining]').waitFor({ state: 'detached', ...WAIT });
      await p.locator('[data-test=sync-state]', { hasText: '已同步' }).waitFor(WAIT);
      await p.locator('.mb-back').tap();
      await items.first().waitFor(WAIT);
    }
    await p.getByText('检查项目（18/18 已完成）').waitFor(WAIT);
    assert.equal((await stored(id)).status, 'RECORDED');

    // The five result signatures, together.
    const boxes = p.locator('[data-test=m-result-box]');
    await boxes.nth(4).waitFor(WAIT);
    assert.equal(await boxes.count(), 5);
    const signers = ['黄建设', '黄设计', '黄施工', '黄监理', '黄消防'];
    for (const [i, signer] of signers.entries()) {
      const box = boxes.nth(i);
      await box.locator('input').fill(signer);
      await drawSignature(box, p);
      await box.getByRole('button', { name: '确认签名' }).tap();
      await box.locator('img[alt=签名]').waitFor(WAIT);
    }
    const done = p.locator('.el-message', { hasText: '五方已全部签名，抽查结果已封存' });
    await done.waitFor(WAIT);
    await p.locator('[data-test=m-status]', { hasText: '已封存' }).waitFor(WAIT);
    const sealed = await stored(id);
    assert.equal(sealed.status, 'SEALED');
    assert.ok(sealed.results.every((r) => r.verdict === 'PASS'));

    // Signed at: Beijing time on a phone set to UTC, as the server stored it.
    const shown = await p.locator('[data-test=m-signed-at]').allInnerTexts();
    assert.deepEqual(
      shown,
      sealed.resultSignatureBoxes.map((b) => beijing(b.signature.signedAt).slice(0, 16)),
    );
    await done.waitFor({ state: 'detached', ...WAIT });
    await p.locator('[data-test=m-result-sign]').scrollIntoViewIfNeeded();
    await p.screenshot({ path: screenshotPath('fire-mobile-demo-sealed'), animations: 'disabled' });
  } finally {
    await demo.close();
  }
});
