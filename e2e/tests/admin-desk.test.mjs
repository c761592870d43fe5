/* global document, localStorage, location -- code passed to page.evaluate / waitForFunction runs in the browser */
// The admin as the bureau's staff use it (issue 3): log in (a wrong password first), find a
// project by district, open it, change its address, find the change in 操作日志 and export it;
// a district inspector sees only what their role allows; an expired access token is refreshed
// without leaving the page; the idle timeout warns and logs out; repeated failures bring the
// graphical captcha. Needs the built admin (npm run build -w admin) and `npx tsc -b`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

let platform;
let browser;
let context;
let page;
const NEW_ADDRESS = `大冶市罗桥街道新冶大道 ${Date.now() % 1000} 号 e2e`;

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await platform?.close();
});

const admin = (path = '') => `${platform.base}/admin${path}`;

async function login(username, password) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Opens a menu leaf through its group, as a person would. */
async function openMenu(group, item) {
  const leaf = page.locator('.el-menu-item', { hasText: item });
  if (!(await leaf.isVisible())) await page.locator('.el-sub-menu__title', { hasText: group }).click();
  await leaf.click();
}

test('a wrong password is refused with a visible message, the right one opens the admin', async () => {
  await page.goto(admin('/'));
  await page.locator('input[name=username]').waitFor();
  assert.match(page.url(), /\/admin\/login/);
  await page.screenshot({ path: screenshotPath('admin-login'), animations: 'disabled' });

  await login('admin', 'Wrong#Pass2025');
  const error = page.locator('[data-test=login-error]');
  await error.waitFor();
  assert.match(await error.innerText(), /用户名或密码错误，还可尝试 4 次/);
  await page.screenshot({ path: screenshotPath('admin-login-error'), animations: 'disabled' });

  await login('admin', DEMO_PASSWORD);
  await page.locator('.navbar').getByText('系统管理员').waitFor();
  await page.getByText('各区县工程项目').waitFor();
  assert.match(page.url(), /\/admin\/home$/);
  // Menus built from the caller's permissions: the super administrator sees every group.
  for (const group of ['首页', '工程建设', '系统管理'])
    await page.locator('.el-menu').getByText(group, { exact: true }).waitFor();
  await page.screenshot({ path: screenshotPath('admin-home'), animations: 'disabled' });
});

test('projects: filter by district, open one, edit its address, see the change in 操作日志', async () => {
  await openMenu('工程建设', '工程项目');
  const table = page.locator('[data-test=project-table]');
  await table.locator('.el-table__row').first().waitFor();

  await page.locator('[data-test=filter-district]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '大冶市' }).click();
  await page.locator('[data-test=search]').click();
  // Every row of the answer is in 大冶市 (the list's 区县 cells are td.col-district), and the pager says how many.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-test=project-table] .el-table__body-wrapper .el-table__row')];
    return rows.length > 0 && rows.every((r) => r.querySelector('td.col-district')?.textContent?.trim() === '大冶市');
  });
  const total = await page.locator('.el-pagination__total').innerText();
  assert.match(total, /共 \d+ 条/);
  // The loading mask fades out after the answer: the screenshot shows the list at rest.
  await table.locator('.el-loading-mask').waitFor({ state: 'detached' });
  await page.screenshot({ path: screenshotPath('admin-projects-daye'), animations: 'disabled' });

  const first = table.locator('.el-table__body-wrapper .project-name').first();
  const name = (await first.innerText()).trim();
  await first.click();
  await page.locator('[data-test=project-info]').getByText(name).first().waitFor();
  await page.locator('[data-test=district-map] canvas').waitFor();
  await page.getByText('参建单位').first().waitFor();
  await page.screenshot({ path: screenshotPath('admin-project-detail'), animations: 'disabled' });

  await page.getByRole('button', { name: '编辑' }).click();
  const address = page.locator('input[name=address]');
  await address.waitFor();
  await page.waitForFunction(() => document.querySelector('input[name=address]')?.value !== '');
  await address.fill(NEW_ADDRESS);
  await page.screenshot({ path: screenshotPath('admin-project-edit'), animations: 'disabled' });
  await page.locator('[data-test=save]').click();
  await page.locator('.el-message--success', { hasText: '项目已保存' }).waitFor();
  await page.locator('[data-test=project-info]').getByText(NEW_ADDRESS).waitFor();
  assert.match(page.url(), /\/admin\/projects\/[0-9a-f-]{36}$/);

  await openMenu('系统管理', '操作日志');
  await page.locator('[data-test=filter-operation]').fill('UpdateProject');
  await page.getByRole('button', { name: '搜索' }).click();
  const row = page
    .locator('[data-test=audit-table] .el-table__body-wrapper .el-table__row', { hasText: '修改工程项目' })
    .first();
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /admin/);
  assert.match(text, /UpdateProject/);
  assert.match(text, /成功/);
  await row.locator('.el-table__expand-icon').click();
  await page.locator('.vars', { hasText: NEW_ADDRESS }).waitFor();
  await page.screenshot({ path: screenshotPath('admin-audit-log'), animations: 'disabled' });

  await page.getByRole('button', { name: '校验审计链' }).click();
  const box = page.locator('.el-message-box', { hasText: '审计日志哈希链完整' });
  await box.waitFor();
  await page.screenshot({ path: screenshotPath('admin-audit-verify'), animations: 'disabled' });
  await box.getByRole('button', { name: '确定' }).click();

  // Export the filtered rows: the server's workbook behind a download link (ADR 0013), read back.
  const listed = Number(/(\d+)/.exec(await page.locator('.el-pagination__total').innerText())[1]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()]);
  assert.match(download.suggestedFilename(), /^操作日志-\d{8}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await readFile(await download.path()));
  const sheet = workbook.getWorksheet('操作日志');
  assert.equal(sheet.getRow(2).getCell(3).value, '操作人');
  const exported = [];
  sheet.eachRow((r, n) => n > 2 && exported.push(r.values.join('|')));
  assert.equal(exported.length, listed, 'as many rows as the list shows');
  assert.ok(
    exported.every((r) => r.includes('UpdateProject')),
    'only the filtered rows are exported',
  );
});

test('an expired or refused access token is refreshed once and the page carries on', async () => {
  await openMenu('工程建设', '工程项目');
  await page.locator('[data-test=project-table] .el-table__row').first().waitFor();
  const before = await page.evaluate(() => ({
    url: location.pathname,
    refresh: localStorage.getItem('hs.admin.refreshToken'),
  }));
  // What the router answers for an expired token (401 UNAUTHENTICATED) is what it answers for this one.
  await page.evaluate(() => localStorage.setItem('hs.admin.accessToken', 'expired.token.value'));
  const answered401 = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.status() === 401);
  await page.getByPlaceholder('项目名称/工建码/许可证编码/地址').fill('工程');
  await page.locator('[data-test=search]').click();
  await answered401;
  await page.waitForFunction(() => localStorage.getItem('hs.admin.accessToken') !== 'expired.token.value');
  await page.locator('[data-test=project-table] .el-table__row').first().waitFor();
  const afterRefresh = await page.evaluate(() => ({
    url: location.pathname,
    refresh: localStorage.getItem('hs.admin.refreshToken'),
  }));
  assert.equal(afterRefresh.url, before.url, 'the person stays on the page');
  assert.notEqual(afterRefresh.refresh, before.refresh, 'the refresh token was rotated');
  assert.equal(await page.locator('.el-alert--error').count(), 0);
});

test('after 30 minutes without activity a warning, then logout back to the login page', async () => {
  await page.evaluate(() => localStorage.setItem('hs.admin.lastActivity', String(Date.now() - 29 * 60_000)));
  const warning = page.locator('.el-dialog', { hasText: '长时间未操作' });
  await warning.waitFor();
  await page.screenshot({ path: screenshotPath('admin-idle-warning'), animations: 'disabled' });
  await page.evaluate(() => localStorage.setItem('hs.admin.lastActivity', String(Date.now() - 31 * 60_000)));
  await page.locator('.el-message', { hasText: '超过 30 分钟未操作' }).waitFor();
  await page.locator('input[name=username]').waitFor();
  assert.match(page.url(), /\/admin\/login\?redirect=/);
  assert.equal(await page.evaluate(() => localStorage.getItem('hs.admin.refreshToken')), null);
});

test('a district inspector sees only the menus and buttons of the role', async () => {
  await login('dy_inspector', DEMO_PASSWORD);
  // Back where the idle timeout ended the previous session.
  await page.locator('[data-test=project-table] .el-table__row').first().waitFor();
  assert.match(page.url(), /\/admin\/projects/);
  const menu = page.locator('.el-menu');
  await menu.getByText('系统管理').click();
  await menu.getByText('用户管理').waitFor();
  for (const hidden of ['角色管理', '操作日志', '在线用户', '字典管理']) {
    assert.equal(await menu.getByText(hidden).count(), 0, `${hidden} is not in the inspector's menu`);
  }
  await menu.getByText('用户管理').click();
  await page.locator('.el-table__row', { hasText: '区县监管员' }).locator('.el-tag').first().waitFor();
  assert.equal(await page.getByRole('button', { name: '新增用户' }).count(), 0, 'no 新增用户 without system:user:edit');
  assert.equal(await page.getByRole('button', { name: '重置密码' }).count(), 0);
  await page.screenshot({ path: screenshotPath('admin-inspector-users'), animations: 'disabled' });

  // A page the role does not include does not exist for it.
  await page.goto(admin('/system/roles'));
  await page.getByText('您访问的页面不存在').waitFor();

  await page.locator('[data-test=user-menu]').click();
  await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '退出登录' }).click();
  await page.locator('input[name=username]').waitFor();
});

test('repeated failures bring the graphical captcha', async () => {
  await page.goto(admin('/login'));
  await login('city_admin', 'Wrong#Pass1');
  // With the failed attempt of the first test, this address now has 2 recent failures: the
  // answer says so and the picture is shown at once, before the next attempt.
  await page.locator('[data-test=login-error]').waitFor();
  const captcha = page.locator('[data-test=captcha-image]');
  await captcha.waitFor();
  const src = await captcha.getAttribute('src');
  assert.match(src, /^data:image\/svg\+xml/);
  assert.doesNotMatch(decodeURIComponent(src), /<text/);
  await page.screenshot({ path: screenshotPath('admin-login-captcha'), animations: 'disabled' });

  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('input[name=captcha]').fill('XXXX');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('[data-test=login-error]', { hasText: '图形验证码错误或已过期' }).waitFor();
  // Every picture answers once: a new one after the failed attempt.
  await page.waitForFunction(
    (old) => document.querySelector('[data-test=captcha-image]')?.getAttribute('src') !== old,
    src,
  );
  assert.match(page.url(), /\/admin\/login/);
});
