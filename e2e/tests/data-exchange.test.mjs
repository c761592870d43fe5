/* global fetch */
// 数据交换 in the admin (issue #12) in Debian's Chromium, as the super admin: the health figure and
// the connectors; the 配置 dialog refusing a bad address with the server's message, then pointing the
// enterprise pull at this test's own 省建筑市场监督与诚信一体化平台 simulator; the simulator switched
// to `down` through its control endpoint, 立即同步, the run failing and the connector marked 异常 with
// the Chinese error; the simulator back to normal, 重试, the run succeeding and the connector 正常;
// malformed answers: the run's rejected records with their reasons and payload hashes, one of them
// marked 已处理 with a note and the list filtered to 未处理; the 施工图审查合格书 push's 发件箱 with
// the seeded certificates' events sent to the simulator and their receipts; the 质量安全监督 source's
// inspection pull (the in-process 工程质量安全监督系统 simulator) and an unlinked inspection's detail.
// Screenshots in e2e/artifacts/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { startProvincialMarketSimulator } from '../../simulators/provincial-market/server.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 60_000 };

let market;
let platform;
let browser;
let page;

before(async () => {
  // The test's own simulator, so it can be switched to down and back (a small list: the pull is quick).
  market = await startProvincialMarketSimulator({ enterprises: 60 });
  process.env.PROVINCIAL_MARKET_URL = market.url;
  process.env.PROVINCIAL_MARKET_APP_KEY = market.appKey;
  process.env.PROVINCIAL_MARKET_APP_SECRET = market.appSecret;
  // The breaker that opens while the province is down lets a probe through soon after it is back.
  process.env.PROVINCIAL_CIRCUIT_COOLDOWN_MS = '1000';
  // The outbox relay looks often, so the seeded certificates' events reach the simulator soon after the start.
  process.env.PROVINCIAL_RELAY_INTERVAL_MS = '500';
  platform = await startTestPlatform();
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1600, height: 1100 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  ).newPage();
});

after(async () => {
  await browser?.close();
  await platform?.close();
  await market?.close();
});

/** The simulator's control endpoint: `{ mode }` switches its answers, `{ touch: n }` changes n enterprises. */
async function control(body) {
  const response = await fetch(`${market.url}/__control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
}

const card = () => page.locator('[data-test=connector-provincial-market-enterprises]');

async function confirmBox(button) {
  const box = page.locator('.el-message-box');
  await box.waitFor(WAIT);
  await box.getByRole('button', { name: button }).click();
}

test('数据交换: connectors and the health figure', async () => {
  await page.goto(`${platform.base}/admin/`);
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.navbar').waitFor(WAIT);

  const leaf = page.locator('.el-menu-item', { hasText: '数据交换' });
  if (!(await leaf.isVisible())) await page.locator('.el-sub-menu__title', { hasText: '系统管理' }).click();
  await leaf.click();
  await page.locator('[data-test=exchange-health]').waitFor(WAIT);
  assert.match(await page.locator('[data-test=exchange-health]').innerText(), /^\d+ 个连接器，\d+ 个异常，积压 \d+ 条/);
  await card().waitFor(WAIT);
  const cards = await page.locator('.connector-card').count();
  assert.ok(cards >= 1, `connectors shown: ${cards}`);
  assert.match(await page.locator('[data-test=exchange-health]').innerText(), new RegExp(`^${cards} 个连接器`));
  // The pull's schedule in words, Beijing time; the lookup connector, never failed, offers no 重试.
  assert.equal(await card().locator('[data-test=connector-schedule]').innerText(), '每天 02:00（北京时间）');
  const lookups = page.locator('[data-test=connector-provincial-approval]');
  await lookups.waitFor(WAIT);
  assert.equal(await lookups.locator('[data-test=connector-retry]').count(), 0);
  assert.equal(await card().locator('[data-test=connector-retry]').count(), 0);
  await page.screenshot({ path: screenshotPath('data-exchange-connectors'), fullPage: true, animations: 'disabled' });
});

test('配置: the server refuses a bad address next to the field, then the pull goes to this test’s simulator', async () => {
  await card().locator('[data-test=connector-configure]').click();
  const dialog = page.locator('[data-test=connector-config]');
  await dialog.waitFor(WAIT);
  const address = dialog.locator('input[data-test=config-base-url]');
  await address.fill('ftp://province.example');
  await dialog.locator('[data-test=config-save]').click();
  await dialog
    .locator('.el-form-item__error', { hasText: '接口地址必须是 http:// 或 https:// 开头的有效地址' })
    .waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('data-exchange-config'), animations: 'disabled' });

  await address.fill(market.url);
  // A cron with a wrong field is refused in the form, before anything is sent.
  const schedule = dialog.locator('input[data-test=config-schedule]');
  await schedule.fill('61 2 * * *');
  await dialog.locator('[data-test=config-save]').click();
  await dialog.locator('.el-form-item__error', { hasText: '定时同步的“分”应为 0～59' }).waitFor(WAIT);
  await schedule.fill('30 3 * * 1');
  await dialog
    .locator('[data-test=config-schedule-preview]', { hasText: '即：每周一 03:30（北京时间）' })
    .waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('data-exchange-config-schedule'), animations: 'disabled' });
  await dialog.locator('[data-test=config-save]').click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor(WAIT);
  await dialog.waitFor({ state: 'hidden', ...WAIT });
  await card().locator('[data-test=connector-schedule]', { hasText: '每周一 03:30（北京时间）' }).waitFor(WAIT);
});

test('立即同步 with the province down: the run fails and the connector is 异常 with the Chinese error', async () => {
  await control({ mode: 'down' });
  await card().locator('[data-test=connector-sync]').click();
  await confirmBox('立即同步');
  await page.locator('.el-message--success', { hasText: '已开始同步' }).waitFor(WAIT);

  await card().locator('[data-test=connector-state]', { hasText: '异常' }).waitFor(WAIT);
  const error = await card().locator('[data-test=connector-error]').innerText();
  assert.match(error, /[\u4e00-\u9fff]/, `a Chinese error: ${error}`);
  assert.match(error, /发生于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await page.locator('.el-message--error', { hasText: '同步失败' }).waitFor(WAIT);
  const failedRun = page.locator('[data-test=exchange-runs] .el-table__body-wrapper .el-table__row', {
    hasText: '失败',
  });
  await failedRun.first().waitFor(WAIT);
  assert.match(await failedRun.first().innerText(), /拉取/);
  assert.match(await page.locator('[data-test=exchange-health]').innerText(), /[1-9]\d* 个异常/);
  await page.screenshot({ path: screenshotPath('data-exchange-failing'), fullPage: true, animations: 'disabled' });
});

test('重试 with the province back: the run succeeds and the connector is 正常', async () => {
  await control({ mode: 'normal' });
  await card().locator('[data-test=connector-retry]').click();
  await confirmBox('重试');
  await page.locator('.el-message--success', { hasText: '已重试' }).waitFor(WAIT);
  await card().locator('[data-test=connector-state]', { hasText: '正常' }).waitFor(WAIT);
  assert.equal(await card().locator('[data-test=connector-error]').count(), 0);
  assert.match(await card().locator('[data-test=connector-last-success]').innerText(), /^\d{4}-\d{2}-\d{2} /);
  const succeeded = page.locator('[data-test=exchange-runs] .el-table__body-wrapper .el-table__row', {
    hasText: '成功',
  });
  await succeeded.first().waitFor(WAIT);
  assert.match(await succeeded.first().innerText(), /重试/);

  // The run list keeps its filters in the URL.
  await page.locator('[data-test=filter-status]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '成功' }).first().click();
  await page.locator('[data-test=search]').click();
  await page.waitForURL(/status=SUCCEEDED/, WAIT);
  await page.screenshot({ path: screenshotPath('data-exchange-recovered'), fullPage: true, animations: 'disabled' });
});

test('被拒记录: a malformed answer rejects records with a reason, shown with their payload', async () => {
  await control({ touch: 25 });
  await control({ mode: 'malformed' });
  await page.locator('[data-test=reset]').click();
  await card().locator('[data-test=connector-sync]').click();
  await confirmBox('立即同步');
  const withRejections = page.locator('[data-test=exchange-runs] .el-table__body-wrapper .el-table__row', {
    has: page.locator('[data-test=run-rejected]'),
  });
  await withRejections.first().waitFor(WAIT);
  await withRejections.first().locator('[data-test=run-rejected]').click();
  await page.waitForURL(/\/system\/exchange\/rejected\?.*runId=\d+/, WAIT);
  const rows = page.locator('[data-test=exchange-rejected] .el-table__body-wrapper .el-table__row');
  await rows.first().waitFor(WAIT);
  assert.match(await rows.first().innerText(), /企业记录格式不正确/);
  assert.match(await rows.first().innerText(), /[0-9a-f]{12}…/);
  await page.screenshot({ path: screenshotPath('data-exchange-rejected'), fullPage: true, animations: 'disabled' });
  await control({ mode: 'normal' });
});

test('标记已处理: a rejected record marked handled with a note; the list filtered to 未处理', async () => {
  const rows = page.locator('[data-test=exchange-rejected] .el-table__body-wrapper .el-table__row');
  const before = await rows.count();
  const first = rows.first();
  const source = (await first.innerText()).split('\n')[0];
  await first.locator('[data-test=rejected-mark]').click();
  const box = page.locator('.el-message-box');
  await box.waitFor(WAIT);
  await box.locator('input').fill('已联系省平台更正该企业记录');
  await box.getByRole('button', { name: '标记已处理' }).click();
  await page.locator('.el-message--success', { hasText: '已标记为已处理' }).waitFor(WAIT);
  const handled = page.locator('[data-test=exchange-rejected] [data-test=rejected-handled]').first();
  await handled.waitFor(WAIT);
  assert.match(await handled.innerText(), /已处理\s+系统管理员 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.match(await handled.innerText(), /已联系省平台更正该企业记录/);
  await page.screenshot({
    path: screenshotPath('data-exchange-rejected-handled'),
    fullPage: true,
    animations: 'disabled',
  });

  await page.locator('[data-test=filter-handled]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '未处理' }).first().click();
  await page.locator('[data-test=search]').click();
  await page.waitForURL(/handled=OPEN/, WAIT);
  await page
    .locator('[data-test=exchange-rejected] [data-test=rejected-handled]')
    .waitFor({ state: 'detached', ...WAIT });
  assert.ok((await rows.count()) <= before, `unhandled rows: ${await rows.count()} of ${before}`);
  assert.ok(!(await rows.allInnerTexts()).some((t) => t.includes('已联系省平台')), `${source} is no longer listed`);
});

test('发件箱: the seeded certificates’ events pushed to the province, each with its receipt', async () => {
  const leaf = page.locator('.el-menu-item', { hasText: '数据交换' });
  await leaf.click();
  const push = page.locator('[data-test=connector-provincial-market-drawing-reviews]');
  await push.waitFor(WAIT);
  await push.locator('[data-test=connector-outbox]').click();
  await page.waitForURL(/\/system\/exchange\/outbox\?connector=provincial-market-drawing-reviews/, WAIT);
  const rows = page.locator('[data-test=exchange-outbox] .el-table__body-wrapper .el-table__row');
  const sent = page.locator('[data-test=exchange-outbox] .el-table__body-wrapper .el-table__row', {
    has: page.locator('[data-test=outbox-receipt]'),
  });
  await sent.first().waitFor(WAIT);
  const text = await sent.first().innerText();
  assert.match(text, /drawing-review:[0-9a-f-]{36}:v\d+:(ISSUED|REISSUED|REVOKED)/);
  assert.match(text, /已推送/);
  assert.match(text, /SCTS[0-9A-F]{16}/);
  // What the simulator got is what the list says was sent.
  const receipt = (
    await page.locator('[data-test=exchange-outbox] [data-test=outbox-receipt]').first().innerText()
  ).trim();
  const received = market.received().find((r) => r.receiptId === receipt);
  assert.ok(received, `the simulator holds ${receipt}`);
  assert.equal(received.duplicates, 0);
  assert.match(received.body.certificateNo, /\S/);

  await page.locator('[data-test=filter-state]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '失败（已放弃）' }).first().click();
  await page.locator('[data-test=search]').click();
  await page.waitForURL(/state=DEAD/, WAIT);
  await page.locator('[data-test=exchange-outbox] .el-table__empty-text').waitFor(WAIT);
  await page.locator('[data-test=reset]').click();
  await rows.first().waitFor(WAIT);
  await rows.first().locator('.el-table__expand-icon').click();
  await page.locator('[data-test=outbox-payload]').first().waitFor(WAIT);
  assert.match(await page.locator('[data-test=outbox-payload]').first().innerText(), /"certificateNo"/);
  await page.screenshot({ path: screenshotPath('data-exchange-outbox'), fullPage: true, animations: 'disabled' });
});

test('上报省平台 in a certificate’s detail: the event sent, with the province’s receipt', async () => {
  await page.goto(`${platform.base}/admin/projects/drawing-certificates`);
  const rows = page.locator('.el-table__body-wrapper .el-table__row');
  await rows.first().waitFor(WAIT);
  await rows.first().locator('button.mono').click();
  const reports = page.locator('.el-drawer [data-test=provincial-reports]');
  await reports.locator('.report[data-state=SENT]').first().waitFor(WAIT);
  const text = await reports.innerText();
  assert.match(text, /(发证|换发)\s*已上报\s*回执 SCTS[0-9A-F]{16} · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const receipt = /SCTS[0-9A-F]{16}/.exec(text)[0];
  assert.ok(
    market.received().some((r) => r.receiptId === receipt),
    `the simulator issued ${receipt}`,
  );
  await page.screenshot({ path: screenshotPath('data-exchange-certificate-report'), animations: 'disabled' });
});

test('质量安全监督: its pull on the 数据交换 page of its source, then the inspections, a 未关联项目 one in detail', async () => {
  await page.goto(`${platform.base}/admin/system/exchange`);
  await page.locator('[data-test=exchange-source-supervision]').click();
  await page.waitForURL(/\/system\/exchange\/supervision$/, WAIT);
  const pull = page.locator('[data-test=connector-provincial-supervision-inspections]');
  await pull.waitFor(WAIT);
  assert.match(await pull.locator('[data-test=connector-schedule]').innerText(), /每小时/);
  await pull.locator('[data-test=connector-sync]').click();
  await confirmBox('立即同步');
  await page.locator('.el-message--success', { hasText: '同步完成' }).waitFor(WAIT);
  await pull.locator('[data-test=connector-state]', { hasText: '正常' }).waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('data-exchange-supervision'), fullPage: true, animations: 'disabled' });

  // The in-process simulator knows the seeded projects by their codes, and some it names the city does not know.
  await page.goto(`${platform.base}/admin/supervision/inspections?linked=false`);
  const rows = page.locator('[data-test=supervision-inspection-list] .el-table__body-wrapper .el-table__row');
  await rows.first().waitFor(WAIT);
  assert.match(await rows.first().innerText(), /未关联项目/);
  await rows.first().getByRole('button', { name: '详情' }).click();
  const info = page.locator('[data-test=supervision-inspection-drawer] [data-test=supervision-inspection-info]');
  await info.waitFor(WAIT);
  const text = await info.innerText();
  assert.match(text, /本市项目库中未找到该项目代码或施工许可证编号/);
  assert.match(text, /省住建厅工程质量安全监督系统 · 记录号 ZLAQ[0-9A-F]{12}/);
  await page.screenshot({ path: screenshotPath('supervision-unlinked-inspection'), animations: 'disabled' });
});
