/* global fetch, localStorage -- code passed to page.evaluate runs in the browser */
// Each person's own home page and what district and enterprise users see (issue #11): a 大冶市
// inspector's home, analytics and district filters name 大冶市 only, with their to-dos (fire steps
// waiting on them, contracts to renew, refused attendance) each opening the list filtered to it;
// an enterprise's account sees its own projects and people; a worker sees their attendance.
// Needs the built admin (npm run build -w admin) and `npx tsc -b`. Screenshots in e2e/artifacts/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform, stopSubgraph } from '../support.mjs';

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

const admin = (path = '') => `${platform.base}/admin${path}`;

/** A fresh browser profile signed in as `username`, on the home page. */
async function signedIn(username) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(admin('/login'));
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/admin\/home$/);
  await page.locator('[data-test=home-scope]', { hasText: '数据范围：' }).waitFor();
  return { context, page };
}

const count = async (locator) => Number((await locator.locator('.tile-value').innerText()).trim());

test('a district inspector’s home: 大冶市 only, and their own to-dos', async () => {
  const { context, page } = await signedIn('dy_inspector');
  try {
    await page.locator('[data-test=home-scope]', { hasText: '数据范围：大冶市' }).waitFor();
    const projects = page.locator('[data-test=home-projects]');
    await projects.locator('.card-header', { hasText: '大冶市工程项目' }).waitFor();
    assert.equal(await page.getByText('各区县').count(), 0, 'no 各区县 chart for one district');
    for (const other of ['黄石港区', '西塞山区', '下陆区', '铁山区', '阳新县'])
      assert.equal(await page.locator('[data-test=home]').getByText(other).count(), 0, `${other} is not on the home`);

    // Their to-dos: the fire steps a 区县监管员 signs and records, and the labour register's.
    const todo = page.locator('[data-test=home-todo]');
    for (const key of ['fire-PLAN_PENDING', 'fire-RECORDED', 'fire-DRAFT', 'contracts', 'refused', 'not-enrolled'])
      await todo.locator(`[data-test=todo-${key}]`).waitFor();
    const contracts = todo.locator('[data-test=todo-contracts]');
    assert.ok((await count(contracts)) > 0, 'the demo register has contracts to renew');
    await page.locator('[data-test=home-figures]').waitFor();
    await page.screenshot({ path: screenshotPath('home-district'), animations: 'disabled', fullPage: true });

    // Each figure opens the list filtered to it (query keys = the list's GraphQL filter fields).
    const expected = await count(contracts);
    await contracts.click();
    await page.waitForURL(/\/admin\/workforce\/people\?contractEndTo=\d{4}-\d{2}-\d{2}$/);
    const answer = await page.evaluate(async (contractEndTo) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${localStorage.getItem('hs.admin.accessToken')}`,
        },
        body: JSON.stringify({
          query: 'query ($f: WorkforcePersonFilter) { workforcePeople(filter: $f) { total } }',
          variables: { f: { contractEndTo } },
        }),
      });
      return response.json();
    }, new URL(page.url()).searchParams.get('contractEndTo'));
    assert.equal(answer.data.workforcePeople.total, expected, 'the list behind the tile counts what the tile says');

    await page.goto(admin('/home'));
    await page.locator('[data-test=todo-fire-PLAN_PENDING]').click();
    await page.waitForURL(/\/admin\/fire\/inspections\?status=PLAN_PENDING$/);

    // The analytics pages: 大冶市 where 全市 was, and the district filter offers 大冶市 only.
    await page.goto(admin('/workforce/analytics'));
    await page.locator('[data-test=analytics-scope]', { hasText: '统计范围：大冶市' }).waitFor();
    await page.getByText('大冶市今日出勤率').waitFor();
    await page.locator('[data-test=analytics-district]').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor();
    assert.deepEqual(await options.allInnerTexts(), ['大冶市']);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('home-district-workforce-analytics'), animations: 'disabled' });

    await page.goto(admin('/fire/analytics'));
    await page.locator('[data-test=analytics-scope]', { hasText: '统计范围：大冶市' }).waitFor();
    assert.equal(await page.locator('[data-test=analytics-district] .el-select__placeholder').innerText(), '大冶市');
    await page.locator('[data-test=breakdown-table] .el-table__row').first().waitFor();
    const groups = await page.locator('[data-test=breakdown-table] .el-table__row td:first-child').allInnerTexts();
    assert.deepEqual(groups, ['大冶市']);
    await page.screenshot({ path: screenshotPath('home-district-fire-analytics'), animations: 'disabled' });
  } finally {
    await context.close();
  }
});

test('an enterprise user’s home: its own projects and people, no fire part', async () => {
  const { context, page } = await signedIn('ent_user');
  try {
    await page.locator('[data-test=home-scope]', { hasText: '数据范围：黄石市鼎盛建设集团有限公司' }).waitFor();
    await page.locator('[data-test=home-projects]').waitFor();
    await page.locator('[data-test=recent-project]').first().waitFor();
    await page.locator('[data-test=todo-contracts]').waitFor();
    assert.equal(await page.locator('[data-test^=todo-fire]').count(), 0, 'no fire to-dos without fire permissions');
    await page.locator('[data-test=figure-projects]').waitFor();
    await page.locator('[data-test=figure-registered]').waitFor();
    assert.ok(Number(await page.locator('[data-test=figure-registered] .stat-value').innerText()) > 0);
    assert.equal(
      await page.locator('[data-test=figure-enterprises]').count(),
      0,
      'the city registry is not its figure',
    );
    await page.screenshot({ path: screenshotPath('home-enterprise'), animations: 'disabled', fullPage: true });
  } finally {
    await context.close();
  }
});

test('a worker’s home: their own attendance', async () => {
  const { context, page } = await signedIn('worker');
  try {
    const mine = page.locator('[data-test=home-mine]');
    await mine.getByText('本月出勤（天）').waitFor();
    assert.equal(await page.locator('[data-test=home-todo]').count(), 0);
    assert.equal(await page.locator('[data-test=home-projects]').count(), 0);
    await page.screenshot({ path: screenshotPath('home-worker'), animations: 'disabled' });
  } finally {
    await context.close();
  }
});

test('with the fire subsystem down, the home loses only its fire tiles and says so', async () => {
  const fire = await stopSubgraph(platform, 'fire');
  const { context, page } = await signedIn('dy_inspector');
  try {
    await page.locator('[data-test=missing-parts]', { hasText: '消防子系统暂不可用' }).waitFor();
    await page.locator('[data-test=todo-contracts]').waitFor();
    await page.locator('[data-test=figure-projects]').waitFor();
    assert.equal(await page.locator('[data-test^=todo-fire]').count(), 0);
    await page.screenshot({ path: screenshotPath('home-district-fire-down'), animations: 'disabled' });
  } finally {
    await context.close();
    await fire.start();
  }
});
