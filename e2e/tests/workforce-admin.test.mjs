/* global fetch, document -- Node 20 has fetch; page.waitForFunction bodies run in the browser */
// 实名制与考勤 in the admin (需求 1.2.1–1.2.3, 4.3) in Debian's Chromium, as the 市局管理员 (every
// workforce permission but the unmasked 身份证号): the people list and its filters, a person's detail
// with the masked ID number, employments, training and 30 days of attendance; the social-insurance
// panel with the 人社局 simulator up (实时) and then down (the server's message and the last known
// status with its date); per-field server errors in the form; refused attendance with the reason in
// Chinese, the person's and the project's names and the 方式 (source) filter; the fence margin and a
// device; the analytics page. Screenshots in e2e/artifacts/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { startHrBureauSimulator } from '../../simulators/hr-bureau/server.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 30_000 };

let hr;
let platform;
let browser;
let page;
let adminToken;
/** A seeded person on a project, read as the super admin (so with the real ID number). */
let sample;

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

/** GB 11643 check character for the first 17 digits. */
function withCheckDigit(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

before(async () => {
  // The test's own simulator, so it can be switched off half way (the platform then keeps using it).
  hr = await startHrBureauSimulator({ mode: 'normal' });
  process.env.HR_BUREAU_URL = hr.url;
  platform = await startTestPlatform();
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  ).newPage();
  adminToken = (
    await gql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { accessToken } }`, {}, null)
  ).login.accessToken;
  const people = await gql(
    `{ workforcePeople(filter: { keyPostOnly: true }, page: { page: 1, pageSize: 5 }) { total items { id name idCard trade
       employments { projectId projectName post active } } } }`,
  );
  sample = people.workforcePeople.items.find((p) => p.employments.some((e) => e.active));
  assert.ok(sample, 'the demo seed has people on key posts');
});

after(async () => {
  await browser?.close();
  await platform?.close();
  await hr?.close();
});

async function openMenu(group, item) {
  const leaf = page.locator('.el-menu-item', { hasText: item });
  if (!(await leaf.isVisible())) await page.locator('.el-sub-menu__title', { hasText: group }).click();
  await leaf.click();
}

async function pick(trigger, option) {
  await page.locator(trigger).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

const totalText = () => page.locator('.el-pagination__total:visible').first().innerText();

test('people list: filters by name, exact ID number and key post; detail masks the ID number', async () => {
  await page.goto(`${platform.base}/admin/`);
  await page.locator('input[name=username]').fill('city_admin');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.navbar').waitFor(WAIT);

  await openMenu('实名制与考勤', '人员管理');
  const table = page.locator('[data-test=person-table]');
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor(WAIT);
  const all = Number((await totalText()).match(/共 (\d+) 条/)[1]);
  assert.ok(all > 20, `the demo seed has people (${all})`);
  // Without workforce:person:sensitive every ID number in the list is masked.
  for (const cell of await table.locator('[data-test=id-card]').allInnerTexts())
    assert.match(cell, /^\d{6}\*+\d{3}[\dX]$/);

  await page.locator('[data-test=filter-keypost]').click();
  await page.locator('[data-test=search]').click();
  // The total changes once the filtered page has arrived (0 only while it loads: key posts exist).
  await page.waitForFunction((n) => {
    const m = document.querySelector('.el-pagination__total')?.textContent?.match(/共 (\d+) 条/);
    return m && Number(m[1]) !== n && Number(m[1]) > 0;
  }, all);
  const keyOnly = Number((await totalText()).match(/共 (\d+) 条/)[1]);
  assert.ok(keyOnly > 0 && keyOnly < all, `key posts only: ${keyOnly} of ${all}`);
  for (const row of await table.locator('.el-table__body-wrapper .el-table__row').all())
    assert.ok(await row.locator('.el-tag--warning').count(), 'every row shows a key post');

  // The exact (unmasked) number finds exactly that person, although the list shows it masked.
  await page.locator('input[data-test=filter-idcard]').fill(sample.idCard);
  await page.locator('[data-test=search]').click();
  await page.locator('.el-pagination__total', { hasText: '共 1 条' }).waitFor(WAIT);
  assert.equal(await table.locator('.person-name').innerText(), sample.name);
  await page.screenshot({ path: screenshotPath('workforce-people'), animations: 'disabled' });

  await table.locator('.person-name').click();
  const info = page.locator('[data-test=person-info]');
  await info.getByText(sample.trade).first().waitFor(WAIT);
  const shown = await page.locator('[data-test=person-idcard]').innerText();
  assert.equal(shown, `${sample.idCard.slice(0, 6)}${'*'.repeat(8)}${sample.idCard.slice(14)}`);
  await info.getByText('已脱敏').waitFor(WAIT);
  const employment = page.locator('[data-test=employment-table]');
  await employment.getByText(sample.employments.find((e) => e.active).projectName).waitFor(WAIT);
  await page.locator('[data-test=person-attendance] .el-table__row').first().waitFor(WAIT);
});

test('social insurance: live from the bureau, then the message and last known status when it is down', async () => {
  const panel = page.locator('[data-test=insurance-panel]');
  await panel.locator('[data-test=insurance-source]', { hasText: '实时' }).waitFor(WAIT);
  const status = await panel.locator('[data-test=insurance-status]').innerText();
  assert.match(status, /^(正常缴纳|欠缴|未参保)$/);
  const fetched = await panel.locator('[data-test=insurance-fetched]').innerText();
  assert.match(fetched, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.equal(await panel.locator('[data-test=insurance-message]').count(), 0);
  // Twelve months for anyone ever enrolled; none for 未参保.
  const months = await panel.locator('[data-test=insurance-months] .month').count();
  assert.equal(months, status === '未参保' ? 0 : 12);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('workforce-insurance-live'), animations: 'disabled' });

  const before = hr.requests();
  hr.setMode('down');
  await panel.locator('[data-test=insurance-refresh]').click();
  const message = panel.locator('[data-test=insurance-message]');
  await message.waitFor(WAIT);
  assert.ok(hr.requests() > before, '刷新 asked the bureau again');
  // The server's own Chinese text, naming the date of what is shown.
  assert.match(await message.innerText(), /[\u4e00-\u9fa5]/);
  assert.match(await message.innerText(), /\d{4}-\d{2}-\d{2}|\d{1,2}月\d{1,2}日/);
  await panel.locator('[data-test=insurance-source]', { hasText: '缓存' }).waitFor(WAIT);
  assert.equal(await panel.locator('[data-test=insurance-status]').innerText(), status, 'last known status stays');
  assert.equal(await panel.locator('[data-test=insurance-fetched]').innerText(), fetched, 'with its date');
  assert.equal(await panel.locator('[data-test=insurance-months] .month').count(), months);
  await page.screenshot({ path: screenshotPath('workforce-insurance-down'), animations: 'disabled' });
  hr.setMode('normal');
});

test('register a person: a bad ID number is refused next to its field, a good one is stored', async () => {
  await page.goto(`${platform.base}/admin/workforce/people/create`);
  await page.locator('input[data-test=f-name]').fill('测试工人');
  const good = withCheckDigit('42020219900101123');
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await page.locator('input[data-test=f-idcard]').fill(bad);
  await pick('[data-test=f-trade]', '钢筋工');
  await page.locator('[data-test=f-save]').click();
  const fieldError = page.locator('.el-form-item', { hasText: '身份证号' }).locator('.el-form-item__error');
  await fieldError.waitFor(WAIT);
  assert.match(await fieldError.innerText(), /身份证号/);
  await page.screenshot({ path: screenshotPath('workforce-person-form-error'), animations: 'disabled' });
  const stillNone = await gql(`query($f: WorkforcePersonFilter) { workforcePeople(filter: $f) { total } }`, {
    f: { name: '测试工人' },
  });
  assert.equal(stillNone.workforcePeople.total, 0);

  await page.locator('input[data-test=f-idcard]').fill(good);
  await page.locator('[data-test=f-save]').click();
  await page.locator('[data-test=person-info]').getByText('测试工人').waitFor(WAIT);
  assert.match(await page.locator('[data-test=person-info]').innerText(), /1990-01-01/);

  // A training record added in the dialog shows in the detail.
  await page.locator('[data-test=add-training]').click();
  await page.locator('[data-test=training-form]').getByRole('textbox').first().fill('三级安全教育');
  await page.locator('[data-test=training-form] .el-input-number input').fill('24');
  await page.locator('[data-test=training-save]').click();
  await page.locator('[data-test=training-table]').getByText('三级安全教育').waitFor(WAIT);

  // 进场登记 on a project with a labour contract, then 退场.
  await page.locator('[data-test=assign]').click();
  await page.locator('[data-test=assign-project]').click();
  const option = page.locator('.el-select-dropdown__item:visible').first();
  await option.waitFor(WAIT);
  const projectName = (await option.locator('span').first().innerText()).trim();
  await option.click();
  await page.locator('[data-test=assign-post]').click();
  await page.keyboard.type('钢筋班长');
  await page.locator('.el-select-dropdown__item:visible', { hasText: '钢筋班长' }).first().click();
  await page
    .locator('[data-test=assign-form] .el-form-item', { hasText: '劳动合同编号' })
    .locator('input')
    .fill('HT-E2E-001');
  await page.locator('[data-test=assign-save]').click();
  const employments = page.locator('[data-test=employment-table]');
  const row = employments.locator('.el-table__row', { hasText: projectName });
  await row.getByText('在场').waitFor(WAIT);
  assert.match(await row.innerText(), /钢筋班长[\s\S]*HT-E2E-001/);
  await page.screenshot({ path: screenshotPath('workforce-person-assigned'), animations: 'disabled' });
  await row.locator('[data-test=exit]').click();
  await page.locator('.el-message-box').getByRole('button', { name: '退场' }).click();
  await row.getByText('在场').waitFor({ state: 'detached', ...WAIT });
  assert.match(await row.innerText(), /\d{4}-\d{2}-\d{2}[\s\S]*\d{4}-\d{2}-\d{2}/);
});

test('attendance records: refused attempts with their reason in Chinese, names, the source filter', async () => {
  // A phone check-in by the demo worker about 1 km north of their project's fence: stored, refused.
  const worker = (
    await gql(`mutation { login(username: "worker", password: "${DEMO_PASSWORD}") { accessToken } }`, {}, null)
  ).login.accessToken;
  const mine = await gql(
    `{ myWorkforcePerson { name employments { projectId projectName active project { workforceSite { boundary } } } } }`,
    {},
    worker,
  );
  const job = mine.myWorkforcePerson.employments.find((e) => e.active && e.project.workforceSite?.boundary);
  const ring = job.project.workforceSite.boundary.coordinates[0];
  const refused = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${worker}` },
    body: JSON.stringify({
      query: `mutation($p: ID!, $lat: Float!, $lng: Float!) {
        mobileCheckIn(projectId: $p, latitude: $lat, longitude: $lng, accuracy: 10) { id } }`,
      variables: { p: job.projectId, lat: Math.max(...ring.map((c) => c[1])) + 0.01, lng: ring[0][0] },
    }),
  }).then((r) => r.json());
  assert.equal(refused.errors?.[0]?.extensions?.code, 'ATTENDANCE_REFUSED');

  await openMenu('实名制与考勤', '考勤记录');
  const table = page.locator('[data-test=attendance-table]');
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor(WAIT);
  await pick('[data-test=filter-result]', '被拒');
  await page.locator('[data-test=search]').click();
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-test=attendance-table] .el-table__body-wrapper .el-table__row');
    return rows.length > 0 && [...rows].every((r) => r.textContent.includes('被拒'));
  }, WAIT);
  const reasons = await table.locator('[data-test=refusal-reason]').allInnerTexts();
  assert.ok(reasons.length > 0);
  for (const r of reasons) assert.match(r, /^[\u4e00-\u9fa5]/, `reason in Chinese: ${r}`);
  await page.screenshot({ path: screenshotPath('workforce-attendance-refused'), animations: 'disabled' });

  await pick('[data-test=filter-reason]', '不在项目电子围栏范围内');
  await page.locator('[data-test=search]').click();
  await page.locator('.el-pagination__total', { hasText: '共 1 条' }).waitFor(WAIT);
  assert.match(
    await table.locator('[data-test=refusal-reason]').innerText(),
    /^不在项目电子围栏范围内（距围栏约 \d+ 米）$/,
  );
  assert.match(await table.locator('.el-table__row').innerText(), /手机定位/);
  // The names come with the record.
  assert.equal(await table.locator('[data-test=person-name]').innerText(), mine.myWorkforcePerson.name);
  assert.equal(await table.locator('[data-test=project-name]').innerText(), job.projectName);
  await page.screenshot({ path: screenshotPath('workforce-attendance-outside'), animations: 'disabled' });

  // 方式 手机定位 over the default 7 days: every row by phone, as many as the graph counts.
  const beijing = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(ms);
  const { attendanceRecords: byPhone } = await gql(
    `query($f: AttendanceRecordFilter) { attendanceRecords(filter: $f) { total } }`,
    { f: { source: 'MOBILE', dateFrom: beijing(Date.now() - 6 * 86_400_000), dateTo: beijing(Date.now()) } },
  );
  assert.ok(byPhone.total > 0);
  await page.getByRole('button', { name: '重置' }).click();
  await pick('[data-test=filter-source]', '手机定位');
  await page.locator('[data-test=search]').click();
  await page.locator('.el-pagination__total', { hasText: `共 ${byPhone.total} 条` }).waitFor(WAIT);
  const rows = await table.locator('.el-table__body-wrapper .el-table__row').allInnerTexts();
  assert.equal(rows.length, Math.min(byPhone.total, 20));
  for (const row of rows) assert.match(row, /手机定位/);
  // Device rows carry names too: every identified person's row shows a name, none an id.
  await pick('[data-test=filter-source]', '考勤设备');
  await page.locator('[data-test=search]').click();
  await page.waitForFunction(
    () => {
      const rows = document.querySelectorAll('[data-test=attendance-table] .el-table__body-wrapper .el-table__row');
      return rows.length > 0 && [...rows].every((r) => r.textContent.includes('考勤设备'));
    },
    undefined,
    WAIT,
  );
  const names = await table.locator('[data-test=person-name]').allInnerTexts();
  assert.ok(names.length > 0);
  for (const name of names) assert.match(name, /^[\u4e00-\u9fa5·]{2,}$/, `a name: ${name}`);
  await page.screenshot({ path: screenshotPath('workforce-attendance-source'), animations: 'disabled' });
});

test('fence margin and a device for a project; the analytics page', async () => {
  await openMenu('实名制与考勤', '考勤围栏与设备');
  const table = page.locator('[data-test=site-table]');
  const first = table.locator('.el-table__row').first();
  await first.waitFor(WAIT);
  const name = await first.locator('td.col-name').innerText();
  await first.locator('[data-test=margin-input] input, input[data-test=margin-input]').fill('80');
  await first.locator('[data-test=margin-input] input, input[data-test=margin-input]').blur();
  await first.locator('[data-test=margin-save]').click();
  await page.locator('.el-message', { hasText: '80 米' }).waitFor(WAIT);
  const sites = await gql(`{ workforceSites(page: { page: 1, pageSize: 100 }) { items { name fenceMarginM } } }`);
  assert.equal(sites.workforceSites.items.find((s) => s.name === name).fenceMarginM, 80);

  await first.locator('.el-table__expand-icon').click();
  await page.locator('[data-test=add-device]').first().click();
  await page.locator('input[data-test=device-name]').fill('1号门人脸机');
  await page.locator('input[data-test=device-serial]').fill('E2E-FACE-0001');
  await page.locator('[data-test=device-save]').click();
  await page.locator('[data-test=device-list]').getByText('E2E-FACE-0001').waitFor(WAIT);
  // Disabling it: the server stores it (its uploads are refused from then on).
  const deviceRow = page.locator('[data-test=device-list] .el-table__row', { hasText: 'E2E-FACE-0001' });
  await deviceRow.locator('[data-test=device-enabled]').click();
  await page.locator('.el-message', { hasText: '已停用“1号门人脸机”' }).waitFor(WAIT);
  const devices = await gql(
    `{ workforceSites(page: { page: 1, pageSize: 100 }) { items { devices { serialNo enabled } } } }`,
  );
  const stored = devices.workforceSites.items.flatMap((s) => s.devices).find((d) => d.serialNo === 'E2E-FACE-0001');
  assert.equal(stored.enabled, false);
  await page.screenshot({ path: screenshotPath('workforce-sites'), animations: 'disabled' });

  await openMenu('实名制与考勤', '考勤分析');
  await page.locator('[data-test=onsite-ranking] .el-table__row').first().waitFor(WAIT);
  assert.match(await page.locator('[data-test=today-cards]').innerText(), /在册人数[\s\S]*工人出勤率/);
  await page.locator('[data-test=rate-table] .el-table__row').first().waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('workforce-analytics'), animations: 'disabled' });
  await page.locator('[data-test=personnel-stats] canvas').first().waitFor(WAIT);
  await page.locator('[data-test=personnel-stats]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('workforce-analytics-personnel'), animations: 'disabled' });
});
