/* global document, localStorage, fetch -- browser code in page.evaluate / waitForFunction; fetch is Node 24's own */
// The shared list page (ADR 0013, issue 11) as a clerk used to RuoYi-style admins uses it, on the
// users list first: sort a column on the server (the order on screen and the URL follow), a filter
// that survives a reload through the URL, a batch action behind a confirmation naming how many, a
// delete refused with the server's reason, column settings kept per user after a reload, an export
// of the filtered list read back with exceljs, an import whose dry run lists every bad row (nothing
// imported) and then a clean import. Needs the built admin (npm run build).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

let platform;
let browser;
let context;
let page;
let files;

const IMPORT_PASSWORD = 'Import#Pass2026';

before(async () => {
  files = await mkdtemp(join(tmpdir(), 'hs-e2e-lists-'));
  platform = await startTestPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  await page.goto(`${platform.base}/admin/login`);
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.navbar').getByText('系统管理员').waitFor();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await platform?.close();
  if (files) await rm(files, { recursive: true, force: true });
});

const admin = (path) => `${platform.base}/admin${path}`;
const users = () => page.locator('[data-test=user-table]');
const bodyRows = (table) => table.locator('.el-table__body-wrapper .el-table__row');

/** The texts of one column on screen, by its key (ListPage gives every cell the class col-<key>). */
const columnTexts = (table, key) => table.locator(`.el-table__body-wrapper td.col-${key}`).allInnerTexts();

/** Waits until the table shows what the last request answered (the loading mask gone). */
async function settled(table) {
  await table.locator('.el-loading-mask').waitFor({ state: 'hidden' });
}

/** Opens the users list and waits for its rows (or its empty text) from the answer to its query. */
async function openUsers(query = '') {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && /query Users\b/.test(r.request().postData() ?? ''),
  );
  await page.goto(admin(`/system/users${query}`));
  await answered;
  await settled(users());
}

async function usernamesWith(keyword) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await page.evaluate(() => localStorage.getItem('hs.admin.accessToken'))}`,
    },
    body: JSON.stringify({
      query: 'query($k: String) { users(filter: { keyword: $k }, page: { pageSize: 100 }) { items { username } } }',
      variables: { k: keyword },
    }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined);
  return body.data.users.items.map((u) => u.username).sort();
}

async function workbookOf(download) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await readFile(await download.path()));
  return workbook;
}

/** A filled-in import file with the template's own header row. */
async function importFile(path, header, rows) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('用户导入');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(header.map((h) => row[h.replace(/^\*/, '')] ?? ''));
  await workbook.xlsx.writeFile(path);
}

test('a sortable column sorts on the server; the order on screen and the URL follow', async () => {
  await openUsers();
  const header = users().locator('.el-table__header-wrapper th.col-username');
  await header.click();
  await page.waitForURL(/sort=USERNAME&direction=ASC/);
  await settled(users());
  const ascending = await columnTexts(users(), 'username');
  assert.ok(ascending.length > 5);
  assert.deepEqual(ascending, [...ascending].sort(), 'ascending by 用户名');
  assert.match(await header.getAttribute('class'), /ascending/);

  await header.click();
  await page.waitForURL(/sort=USERNAME&direction=DESC/);
  await settled(users());
  const descending = await columnTexts(users(), 'username');
  assert.deepEqual(descending, [...ascending].reverse(), 'descending by 用户名');
  await page.screenshot({ path: screenshotPath('admin-lists-users-sorted'), animations: 'disabled' });

  // The sort is in the URL: a reload keeps it, header arrow included.
  await page.reload();
  await bodyRows(users()).first().waitFor();
  await settled(users());
  assert.deepEqual(await columnTexts(users(), 'username'), descending);
  assert.match(await header.getAttribute('class'), /descending/);
});

test('a filter is kept in the URL: it survives a reload, a malformed value is ignored', async () => {
  await openUsers();
  await page.locator('[data-test=filter-keyword]').fill('dy_');
  await page.locator('[data-test=search]').click();
  await page.waitForURL(/keyword=dy_/);
  await settled(users());
  const filtered = await columnTexts(users(), 'username');
  assert.deepEqual([...filtered].sort(), await usernamesWith('dy_'));

  await page.reload();
  await bodyRows(users()).first().waitFor();
  await settled(users());
  assert.equal(await page.locator('[data-test=filter-keyword]').inputValue(), 'dy_');
  assert.deepEqual(await columnTexts(users(), 'username'), filtered);

  // A shared link with values the list does not know opens the list unfiltered, not an error.
  await openUsers('?status=SOMETHING&roleId=not-a-uuid&page=-3&pageSize=7&sort=PASSWORD&direction=UP');
  assert.equal(await page.locator('.el-alert--error').count(), 0);
  assert.deepEqual([...(await columnTexts(users(), 'username'))].sort(), await usernamesWith(''));
  // A link from elsewhere (the home page's figures) with a valid filter opens it filtered.
  await openUsers('?status=DISABLED');
  await page.locator('[data-test=user-table] .el-table__empty-text').waitFor();
});

test('column settings hide a column, and it stays hidden after a reload', async () => {
  await openUsers();
  const phoneHeader = users().locator('.el-table__header-wrapper th.col-phone');
  await phoneHeader.waitFor();
  await page.locator('[data-test=column-settings]').click();
  await page.locator('[data-test=column-toggle-phone]').click();
  await phoneHeader.waitFor({ state: 'detached' });
  await page.screenshot({ path: screenshotPath('admin-lists-column-settings'), animations: 'disabled' });
  const stored = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('hs:list:') && k.endsWith(':users')),
  );
  assert.equal(stored.length, 1, 'kept per user and list');
  await page.keyboard.press('Escape');

  await page.reload();
  await bodyRows(users()).first().waitFor();
  assert.equal(await phoneHeader.count(), 0, '手机号 stays hidden');
  await users().locator('.el-table__header-wrapper th.col-username').waitFor();

  // Back to the defaults for the tests that follow.
  await page.locator('[data-test=column-settings]').click();
  await page.locator('[data-test=column-settings-reset]').click();
  await phoneHeader.waitFor();
  await page.keyboard.press('Escape');
});

test('export of the filtered list: the downloaded workbook holds exactly the filtered rows', async () => {
  await openUsers('?keyword=dy_&sort=USERNAME&direction=ASC');
  const shown = await columnTexts(users(), 'username');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()]);
  assert.match(download.suggestedFilename(), /^用户列表-\d{8}\.xlsx$/);
  const sheet = (await workbookOf(download)).worksheets[0];
  const header = sheet.getRow(2).values;
  const usernameColumn = header.indexOf('登录名');
  assert.ok(usernameColumn > 0);
  const exported = [];
  for (let r = 3; r <= sheet.rowCount; r++) exported.push(String(sheet.getCell(r, usernameColumn).value));
  assert.deepEqual(exported, shown, 'the filter and the sort of the page');
  assert.deepEqual([...exported].sort(), await usernamesWith('dy_'));
});

test('an import with bad rows lists each with its reason and imports nothing; a clean file imports', async () => {
  await openUsers();
  await page.locator('[data-test=import]').click();
  const dialog = page.locator('.el-dialog', { hasText: '导入用户' });
  await dialog.waitFor();

  const [template] = await Promise.all([
    page.waitForEvent('download'),
    dialog.locator('[data-test=import-template]').click(),
  ]);
  const header = (await workbookOf(template)).worksheets[0].getRow(1).values.slice(1);
  assert.ok(header.includes('*登录名'), `template header ${header}`);

  const badPath = join(files, 'users-bad.xlsx');
  await importFile(badPath, header, [
    { 登录名: 'e2e_ok', 姓名: '导入甲', 部门: '信息中心' },
    { 登录名: '1bad', 姓名: '导入乙', 部门: '信息中心' },
    { 登录名: 'e2e_nodept', 姓名: '导入丙', 部门: '不存在的部门' },
    { 登录名: 'e2e_ok', 姓名: '导入丁', 部门: '信息中心' },
  ]);
  await dialog.locator('[data-test=import-file]').setInputFiles(badPath);
  await dialog.locator('[data-test=import-check]').click();
  const problems = dialog.locator('[data-test=import-problems] .el-table__body-wrapper .el-table__row');
  await problems.first().waitFor();
  const reported = (await problems.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  assert.ok(
    reported.some((t) => /^3 登录名 /.test(t)),
    `row 3's username: ${reported}`,
  );
  assert.ok(
    reported.some((t) => /^4 部门 部门“不存在的部门”不存在/.test(t)),
    `row 4's department: ${reported}`,
  );
  assert.ok(
    reported.some((t) => /^5 登录名 与第 2 行重复/.test(t)),
    `row 5 repeats row 2: ${reported}`,
  );
  await dialog.getByText('共 4 行，无误 1 行，有问题 3 行').waitFor();
  assert.equal(await dialog.locator('[data-test=import-run]').isDisabled(), true, '导入 only after a clean check');
  await page.screenshot({ path: screenshotPath('admin-lists-import-problems'), animations: 'disabled' });
  assert.deepEqual(await usernamesWith('e2e_'), [], 'nothing imported');

  const goodPath = join(files, 'users-good.xlsx');
  await importFile(goodPath, header, [
    { 登录名: 'e2e_one', 姓名: '导入一', 部门: '信息中心' },
    { 登录名: 'e2e_two', 姓名: '导入二', 部门: '信息中心', 角色: '专家' },
  ]);
  await dialog.locator('[data-test=import-file]').setInputFiles(goodPath);
  await dialog.locator('[data-test=import-check]').click();
  await dialog.getByText('检查通过：共 2 行，全部无误，可以导入').waitFor();
  assert.equal(await dialog.locator('[data-test=import-run]').isDisabled(), true, 'the initial password first');
  await dialog.locator('[data-test=import-field-initialPassword]').fill(IMPORT_PASSWORD);
  await dialog.locator('[data-test=import-check]').click();
  await dialog.getByText('检查通过：共 2 行，全部无误，可以导入').waitFor();
  await dialog.locator('[data-test=import-run]').click();
  await page.locator('.el-message--success', { hasText: '新增 2 条' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(await usernamesWith('e2e_'), ['e2e_one', 'e2e_two']);
});

test('batch actions on the selection ask first, naming how many; a refused delete says why', async () => {
  await openUsers('?keyword=e2e_');
  assert.deepEqual([...(await columnTexts(users(), 'username'))].sort(), ['e2e_one', 'e2e_two']);
  await users().locator('.el-table__header-wrapper th .el-checkbox').click();
  await page.locator('[data-test=selection-count]', { hasText: '已选 2 条' }).waitFor();

  await page.locator('[data-test=batch-disable]').click();
  const box = page.locator('.el-message-box', { hasText: '确定停用选中的 2 个用户吗' });
  await box.waitFor();
  await page.screenshot({ path: screenshotPath('admin-lists-batch-confirm'), animations: 'disabled' });
  await box.getByRole('button', { name: '停用' }).click();
  await page.locator('.el-message--success', { hasText: '已停用 2 个用户' }).waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-test=user-table] .el-table__body-wrapper td.col-status')].every((td) =>
      /停用/.test(td.textContent ?? ''),
    ),
  );

  // A user who has signed in is referred to by the login log: the delete is refused with the reason.
  const signedIn = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      variables: { u: 'city_admin', p: DEMO_PASSWORD },
    }),
  });
  assert.equal((await signedIn.json()).errors, undefined);
  await openUsers('?keyword=city_admin');
  await bodyRows(users()).first().locator('[data-test=row-delete]').click();
  await page
    .locator('.el-message-box', { hasText: '确定删除用户“王建华（city_admin）”吗' })
    .getByRole('button', { name: '删除' })
    .click();
  const refusal = page.locator('.el-message-box', { hasText: '无法删除' });
  await refusal.getByText(/用户“王建华（city_admin）”仍被 \d+ 条登录日志/).waitFor();
  await page.screenshot({ path: screenshotPath('admin-lists-delete-refused'), animations: 'disabled' });
  await refusal.getByRole('button', { name: '知道了' }).click();
  assert.deepEqual(await usernamesWith('city_admin'), ['city_admin']);

  // The imported ones never signed in: both go, after a confirmation naming how many.
  await openUsers('?keyword=e2e_');
  await users().locator('.el-table__header-wrapper th .el-checkbox').click();
  await page.locator('[data-test=batch-delete]').click();
  await page
    .locator('.el-message-box', { hasText: '确定删除选中的 2 个用户吗' })
    .getByRole('button', { name: '删除' })
    .click();
  await page.locator('.el-message--success', { hasText: '已删除 2 个用户' }).waitFor();
  await page.locator('[data-test=user-table] .el-table__empty-text').waitFor();
  assert.deepEqual(await usernamesWith('e2e_'), []);
});

/** Every other list on the same component: where it opens, one sortable column, its export. */
const LISTS = [
  { path: '/enterprises', table: 'enterprise-table', query: 'Enterprises', sort: ['creditCode', 'CREDIT_CODE'] },
  { path: '/projects', table: 'project-table', query: 'Projects', sort: ['startDate', 'START_DATE'] },
  { path: '/workforce/people', table: 'person-table', query: 'WorkforcePeople', sort: ['age', 'AGE'] },
  {
    path: '/workforce/attendance',
    table: 'attendance-table',
    query: 'AttendanceRecords',
    sort: ['occurredAt', 'OCCURRED_AT'],
  },
  { path: '/workforce/sites', table: 'site-table', query: 'WorkforceSites', sort: ['fenceMarginM', 'FENCE_MARGIN_M'] },
  {
    path: '/fire/inspections',
    table: 'fire-table',
    query: 'FireInspections',
    sort: ['inspectionDate', 'INSPECTION_DATE'],
    exportTest: 'export-list-xlsx',
  },
  { path: '/system/roles', table: 'role-table', query: 'RoleList', sort: ['name', 'NAME'] },
  { path: '/system/depts', table: 'dept-table', query: 'Departments' },
  // Logins only: the log grows while the test runs (each export is itself a logged operation).
  { path: '/system/audit-logs?operation=Login', table: 'audit-table', query: 'AuditLogs', sort: ['at', 'AT'] },
  { path: '/system/login-logs', table: 'login-log-table', query: 'LoginLogs', sort: ['at', 'AT'] },
  { path: '/system/online', table: 'session-table', query: 'Sessions', sort: ['lastActiveAt', 'LAST_ACTIVE_AT'] },
  { path: '/system/dicts', table: 'dict-type-table', query: 'DictTypes', sort: ['code', 'CODE'] },
];

for (const list of LISTS) {
  test(`${list.path}: sorts on the server and exports what it shows`, async () => {
    const table = page.locator(`[data-test=${list.table}]`);
    const answerOf = () =>
      page.waitForResponse(
        (r) => r.url().endsWith('/graphql') && new RegExp(`query ${list.query}\\b`).test(r.request().postData() ?? ''),
      );
    const answered = answerOf();
    await page.goto(admin(list.path));
    assert.equal((await (await answered).json()).errors, undefined, 'the list query is answered');
    await settled(table);
    assert.equal(await page.locator('.el-alert--error').count(), 0);

    if (list.sort) {
      const [key, field] = list.sort;
      const sorted = answerOf();
      await table.locator(`.el-table__header-wrapper th.col-${key}`).click();
      await page.waitForURL(new RegExp(`sort=${field}&direction=ASC`));
      assert.equal((await (await sorted).json()).errors, undefined, `sorted by ${field}`);
      await settled(table);
    }

    await page.screenshot({
      path: screenshotPath(`admin-lists${list.path.replace(/\?.*/, '').replace(/\//g, '-')}`),
      animations: 'disabled',
    });

    // What the page says it holds is what the file holds.
    const totalText = await page.locator('.el-pagination__total, [data-test=list-total]').first().innerText();
    const total = Number(/(\d+)/.exec(totalText)[1]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-test=${list.exportTest ?? 'export'}]`).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const sheet = (await workbookOf(download)).worksheets[0];
    const headerRow = sheet.views[0]?.ySplit ?? 2;
    const rows = total === 0 ? 0 : sheet.rowCount - headerRow;
    assert.equal(rows, total, `${list.path}: ${total} on the page, ${rows} in ${download.suggestedFilename()}`);
  });
}

test('a link from the home page opens the list filtered, also when the list is already open in its tab', async () => {
  const fire = page.locator('[data-test=fire-table]');
  const fireAnswer = () =>
    page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && /query FireInspections\b/.test(r.request().postData() ?? ''),
    );
  let answered = fireAnswer();
  await page.goto(admin('/fire/inspections'));
  await answered;
  await settled(fire);
  const statuses = await columnTexts(fire, 'status');
  assert.ok(
    statuses.some((s) => s !== '已封存'),
    'the whole list first',
  );

  // Back to 首页 through its tab (the list stays alive in its own), then the 已封存 figure.
  await page.locator('[data-test=tags-view] .tag', { hasText: '首页' }).click();
  const figure = page.locator('[data-test=figure-fire-sealed]');
  const sealed = Number(await figure.locator('.stat-value').innerText());
  answered = fireAnswer();
  await figure.click();
  await page.waitForURL(/\/fire\/inspections\?status=SEALED$/);
  await answered;
  await settled(fire);
  const shown = await columnTexts(fire, 'status');
  assert.ok(shown.length > 0 && shown.every((s) => s === '已封存'), `only 已封存: ${shown}`);
  assert.equal(shown.length, sealed, 'as many as the figure says');
  assert.match(await page.locator('[data-test=filter-status]').innerText(), /已封存/, 'the form shows the filter');

  // A filter the form keeps under 更多条件 opens it.
  const people = page.locator('[data-test=person-table]');
  answered = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && /query WorkforcePeople\b/.test(r.request().postData() ?? ''),
  );
  await page.goto(admin('/workforce/people?contractEndTo=2099-12-31'));
  const response = await answered;
  assert.equal(
    response.request().postDataJSON().variables.filter.contractEndTo,
    '2099-12-31',
    'the filter is asked for',
  );
  const { data } = await response.json();
  await settled(people);
  const contractEnd = page.locator('[data-test=filter-contractEndTo] input');
  assert.equal(await contractEnd.inputValue(), '2099-12-31', '更多条件 opened, the date shown');
  const total = Number(/(\d+)/.exec(await page.locator('.el-pagination__total').innerText())[1]);
  assert.ok(total > 0, 'the demo register has contracts');
  assert.equal(total, data.workforcePeople.total);
  await page.screenshot({ path: screenshotPath('admin-lists-people-linked'), animations: 'disabled' });
});
