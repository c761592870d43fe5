/* global document, window -- code passed to page.evaluate runs in the browser */
// The phone layout under /admin/m/ on a 390x844 screen (issue 3): login, the home page with large
// touch tiles for the field modules and the person's basic information, a forced change of an
// initial password, logout. Needs the built admin (npm run build -w admin) and `npx tsc -b`.
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
  for (const tile of ['现场检查', '考勤打卡', '专家活动']) await page.locator('.m-tile', { hasText: tile }).waitFor();

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

  await page.locator('.m-tile', { hasText: '专家活动' }).tap();
  await page.locator('.el-message', { hasText: '即将上线' }).waitFor();

  await page.locator('.m-logout').tap();
  await page.locator('.el-message-box').getByRole('button', { name: '退出' }).tap();
  await page.locator('input[name=username]').waitFor();
  assert.match(page.url(), /\/admin\/m\/login/);
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
