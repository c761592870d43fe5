/* global document, window, fetch, localStorage -- code passed to page.evaluate runs in the browser */
// The phone layout under /admin/m/ on a 390x844 screen (issue 3, issue 11): login, the home page with
// large touch tiles for the field modules the person may open (and only those) and their basic
// information in Beijing time on a phone set to UTC, a forced change of an initial password, logout.
// Needs the built admin (npm run build -w admin) and `npx tsc -b`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD, NEWCOMER_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

let platform;
let browser;
let context;
let page;

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    // A phone set to another zone: what the pages show is still Beijing time.
    timezoneId: 'UTC',
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

const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function login(username, password) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').tap();
}

async function logout() {
  await page.locator('.m-logout').tap();
  await page.locator('.el-message-box').getByRole('button', { name: '退出' }).tap();
  await page.locator('input[name=username]').waitFor();
}

const tileTitles = () => page.locator('.m-tile .m-tile-title').allInnerTexts();

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

/** The signed-in person as the graph has them, asked with the page's own login. */
const me = () =>
  page.evaluate(async () => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${localStorage.getItem('hs.admin.accessToken')}`,
      },
      body: JSON.stringify({ query: '{ me { lastLoginAt } }' }),
    });
    return (await response.json()).data.me;
  });

test('phone login at 390x844: a wrong password shows why, the right one opens the home page', async () => {
  await page.goto(`${platform.base}/admin/m/home`);
  await page.locator('input[name=username]').waitFor();
  assert.match(page.url(), /\/admin\/m\/login/);
  assert.ok(await noSideways(), 'nothing wider than the screen');
  await page.screenshot({ path: screenshotPath('admin-mobile-login'), animations: 'disabled' });

  await login('dy_inspector', 'Wrong#Pass2025');
  const error = page.locator('[data-test=login-error]');
  await error.waitFor();
  assert.match(await error.innerText(), /用户名或密码错误/);

  await login('dy_inspector', DEMO_PASSWORD);
  const user = page.locator('[data-test=m-user]');
  await user.waitFor();
  assert.match(page.url(), /\/admin\/m\/home$/);
  const info = await user.innerText();
  assert.match(info, /刘志明/);
  assert.match(info, /大冶市住建局/);
  assert.match(info, /区县监管员/);
  // An inspector: fire inspections, not attendance (no workforce:attendance:checkin), nothing “coming soon”.
  await page.locator('.m-tile').first().waitFor();
  assert.deepEqual(await tileTitles(), ['现场检查']);

  // Beijing time on a phone set to UTC: the login time and the greeting.
  const { lastLoginAt } = await me();
  assert.ok(lastLoginAt);
  assert.equal(await page.locator('.m-row', { hasText: '本次登录' }).locator('b').innerText(), beijing(lastLoginAt));
  const hour = Number(beijing(Date.now()).slice(11, 13));
  assert.match(info, new RegExp(hour < 12 ? '上午好' : hour < 18 ? '下午好' : '晚上好'));
  // Large touch targets, two per row, inside the screen.
  const boxes = await page
    .locator('.m-tile')
    .evaluateAll((tiles) => tiles.map((t) => t.getBoundingClientRect().toJSON()));
  for (const box of boxes) {
    assert.ok(box.height >= 100 && box.width >= 150, `tile ${JSON.stringify(box)} is large enough to tap`);
    assert.ok(box.left >= 0 && box.right <= 390, 'tile inside the screen');
  }
  assert.ok(await noSideways());
  await page.screenshot({ path: screenshotPath('admin-mobile-home'), animations: 'disabled' });

  await page.locator('[data-test=m-tile-inspection]').tap();
  await page.waitForURL(/\/admin\/m\/fire$/);
  await page.locator('[data-test=m-fire-card]').first().waitFor();
  await page.goto(`${platform.base}/admin/m/home`);

  await logout();
  assert.match(page.url(), /\/admin\/m\/login/);
});

test('each person sees the tiles of what they may open: a worker attendance, a person without a role none', async () => {
  await login('worker', DEMO_PASSWORD);
  await page.locator('.m-tile').first().waitFor();
  assert.deepEqual(await tileTitles(), ['考勤打卡']);
  await page.screenshot({ path: screenshotPath('admin-mobile-home-worker'), animations: 'disabled' });
  await page.locator('[data-test=m-tile-attendance]').tap();
  await page.waitForURL(/\/admin\/m\/attendance$/);
  await page.locator('.mb-title', { hasText: '考勤打卡' }).waitFor();
  await page.goto(`${platform.base}/admin/m/home`);
  await logout();

  await login('dy_station', DEMO_PASSWORD);
  const none = page.locator('[data-test=m-no-tiles]');
  await none.waitFor();
  assert.match(await none.innerText(), /暂无可在手机上办理的业务/);
  assert.equal(await page.locator('.m-tile').count(), 0);
  await page.screenshot({ path: screenshotPath('admin-mobile-home-none'), animations: 'disabled' });
  await logout();
});

test('an initial password must be changed before the phone home page opens', async () => {
  await login('newcomer', NEWCOMER_PASSWORD);
  await page.getByText('首次登录请修改初始密码').waitFor();
  assert.ok(await noSideways());
  await page.screenshot({ path: screenshotPath('admin-mobile-change-password'), animations: 'disabled' });

  const fields = page.locator('input[type=password]');
  await fields.nth(0).fill(NEWCOMER_PASSWORD);
  await fields.nth(1).fill('weak');
  await fields.nth(2).fill('weak');
  await page.getByRole('button', { name: '确认修改' }).tap();
  await page.getByText('新密码须至少 8 位').waitFor();

  const strong = 'Yangxin#2026ok';
  await fields.nth(1).fill(strong);
  await fields.nth(2).fill(strong);
  await page.getByRole('button', { name: '确认修改' }).tap();
  await page.locator('[data-test=m-user] .m-name', { hasText: '孙悦' }).waitFor();
  assert.match(page.url(), /\/admin\/m\/home$/);
});
