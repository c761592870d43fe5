// Issue 3's promise end to end: a change a person makes in the admin shows on the wall screen
// within a second, with both apps open in the same browser as two people would have them.
/* global fetch, document -- Node 20 has fetch; the waitForFunction body runs in the browser */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 20_000 };
let platform;
let browser;

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

async function gql(query, token) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

test('an address edited in the admin appears in the dashboard’s change list live', async (t) => {
  const { login } = await gql('mutation { login(username: "admin", password: "Huangshi@2025") { accessToken } }');
  const link = await gql('mutation { createDisplayLink(label: "e2e 联动", validDays: 1) { path } }', login.accessToken);

  const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await screen.goto(`${platform.base}${link.createDisplayLink.path}`);
  await screen.locator('.dashboard[data-loaded="true"]').waitFor(WAIT);
  await screen.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor(WAIT);

  const desk = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await desk.goto(`${platform.base}/admin/login`);
  await desk.locator('input[name=username]').fill('admin');
  await desk.locator('input[name=password]').fill('Huangshi@2025');
  await desk.getByRole('button', { name: /登\s*录/ }).click();
  await desk.locator('.el-menu-item', { hasText: '首页' }).waitFor(WAIT);
  await desk.goto(`${platform.base}/admin/projects`);
  const first = desk.locator('[data-test=project-table] .el-table__body-wrapper .project-name').first();
  const name = (await first.innerText()).trim();
  await first.click();
  // The list has an 编辑 per row: wait for the detail page before looking for its one.
  await desk.waitForURL(/\/admin\/projects\/[0-9a-f-]{36}$/, WAIT);
  await desk.getByRole('button', { name: '编辑' }).click();
  const address = desk.locator('input[name=address]');
  await desk.waitForFunction(() => document.querySelector('input[name=address]')?.value !== '');
  const newAddress = `黄石市黄石港区联动测试路 ${Date.now() % 1000} 号`;
  await address.fill(newAddress);

  const saved = Date.now();
  await desk.locator('[data-test=save]').click();
  await desk.locator('.el-message--success', { hasText: '项目已保存' }).waitFor(WAIT);
  await screen.getByTestId('change-item').first().filter({ hasText: name }).waitFor(WAIT);
  t.diagnostic(`the dashboard showed the change ${Date.now() - saved} ms after 保存 was clicked`);
  assert.match(await screen.getByTestId('change-item').first().innerText(), /更新/);
  await screen.screenshot({ path: screenshotPath('admin-to-dashboard') });
  await screen.close();
  await desk.close();
});
