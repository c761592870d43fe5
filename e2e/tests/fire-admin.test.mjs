/* global document, fetch, localStorage -- code passed to page.waitForFunction and page.evaluate runs in the browser */
// The fire spot-check admin pages (issue 4: 1.3, 4.2) as the bureau's staff use them: filter the
// inspection list, open the seeded inspection that has no plan yet, draw a plan, try to sign box 2
// before box 1 (the server refuses and the page shows why), disagree in box 2 (the plan is void, kept
// in the history, and a new one is drawn), sign the new plan 1–3 in order with the pad drawn by mouse,
// verify it, look at a sealed inspection, export the record and the list through download links
// (ADR 0013) and read them back, open the catalogue and the analytics, and the building layout's
// defaults (no 屋面 underground, a 消防电梯 asked rather than assumed; issue #11). Needs the built
// admin (npm run build -w admin) and `npx tsc -b`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

let platform;
let browser;
let context;
let page;
/** The detail page of the inspection planned in the test. */
let detailUrl;
/** The seeded inspection without a plan (the only 改建 one). */
const DRAFT_NAME = '大冶市还地桥镇农贸市场消防改造工程';

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
const shot = (name) => page.screenshot({ path: screenshotPath(name), animations: 'disabled', fullPage: true });

async function openMenu(group, item) {
  const leaf = page.locator('.el-menu-item', { hasText: item });
  if (!(await leaf.isVisible())) await page.locator('.el-sub-menu__title', { hasText: group }).click();
  await leaf.click();
}

async function pick(trigger, option) {
  await page.locator(trigger).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/** A signature drawn with mouse moves, as a person signs with a mouse. */
async function drawSignature(box) {
  // A box opens for signing once the one before it is saved: strokes on a disabled pad are ignored.
  await box.locator('[data-test=signature-pad]:not(.disabled)').waitFor();
  const canvas = box.locator('[data-test=signature-canvas]');
  await canvas.scrollIntoViewIfNeeded();
  const b = await canvas.boundingBox();
  const y = b.y + b.height / 2;
  await page.mouse.move(b.x + 20, y);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) await page.mouse.move(b.x + 20 + i * 8, y + Math.sin(i / 2) * 25, { steps: 2 });
  await page.mouse.up();
  await box.locator('[data-test=signature-state]', { hasText: '已签名' }).waitFor();
}

async function signPlanBox(slot, name, { agree = true, opinion = '' } = {}) {
  const box = page.locator(`[data-test=plan-box-${slot}]`);
  await box.locator('[data-test=signer-name]').fill(name);
  if (agree) await drawSignature(box);
  else {
    await box.locator('[data-test=agree]').getByText('不同意').click();
    await box.locator('[data-test=opinion]').fill(opinion);
  }
  await box.locator('[data-test=sign-submit]').click();
  return box;
}

test('log in and filter the inspection list', async () => {
  await page.goto(admin('/'));
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.navbar').getByText('系统管理员').waitFor();

  await openMenu('消防验收抽查', '抽查项目');
  const table = page.locator('[data-test=fire-table]');
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor();
  assert.match(await page.locator('.el-pagination__total').innerText(), /共 13 条/);
  await shot('fire-list');

  await pick('[data-test=filter-category]', '改建');
  await page.locator('[data-test=search]').click();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-test=fire-table] .el-table__body-wrapper .el-table__row')];
    return rows.length === 1 && rows[0].textContent.includes('农贸市场');
  });
  const row = table.locator('.el-table__body-wrapper .el-table__row').first();
  assert.match(await row.innerText(), /待生成方案/);
  // Never planned: it may still be deleted.
  await row.locator('[data-test=delete]').waitFor();

  // The extra 1.3.8 conditions: a unit filter that matches nothing empties the list.
  await page.locator('[data-test=filter-more]').click();
  await page.locator('[data-test=filter-builderUnit]').fill('不存在的建设单位');
  await page.locator('[data-test=search]').click();
  await page.locator('[data-test=fire-table] .el-table__empty-text').waitFor();
  await page.locator('[data-test=filter-builderUnit]').fill('');
  await page.locator('[data-test=search]').click();
  await row.waitFor();
  await shot('fire-list-filtered');
});

test('draw a plan, out-of-order signing refused, a disagreement voids and redraws, 1–3 in order confirm it', async () => {
  await page.locator('[data-test=fire-table] .fire-name', { hasText: DRAFT_NAME }).click();
  await page.locator('[data-test=basic-info]').getByText(DRAFT_NAME).waitFor();
  // Without fire:inspection:sensitive the phone would be masked; admin holds `*`, so it is whole.
  assert.match(await page.locator('[data-test=leader-phone]').innerText(), /^1\d{10}$/);
  detailUrl = page.url();
  await shot('fire-detail-basic');

  await page.getByRole('tab', { name: /楼栋楼层/ }).click();
  await page.locator('[data-test=buildings-tab]').getByText('市场主楼').first().waitFor();
  await shot('fire-detail-buildings');

  await page.getByRole('tab', { name: '抽查方案' }).click();
  await page.locator('[data-test=draw-plan]').click();
  await page.locator('[data-test=plan-info]').getByText('第 1 次生成').waitFor();
  const items = page.locator('[data-test=plan-items] .el-table__body-wrapper .el-table__row');
  await items.nth(17).waitFor();
  assert.equal(await items.count(), 18);
  assert.match(await page.locator('[data-test=plan-items]').innerText(), /不涉及/);
  assert.match(await page.locator('[data-test=plan-seed]').innerText(), /^[0-9a-f]{64}$/);
  assert.match(
    await page.locator('[data-test=plan-box-1]').innerText(),
    /上述抽查部位与数量，由系统随机生成，我已见证，确认无误/,
  );
  // The rule as it was read, on the plan itself: the remaining floors are pooled over the project.
  assert.match(await page.locator('[data-test=plan-rule]').innerText(), /在全项目范围内合并计算，不按楼栋分别计算/);
  // A two-storey market hall leaves nothing to draw at random: the page does not promise a new draw.
  assert.match(await page.locator('[data-test=redraw-note]').innerText(), /重新生成的方案抽查部位与本方案相同/);
  await shot('fire-plan-drawn');

  // Box 2 before box 1: the server refuses and the page shows its message.
  const box2 = await signPlanBox(2, '陈志刚');
  const refused = box2.locator('[data-test=sign-error]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /请按顺序签名：应先由第 1 个签名框/);
  await shot('fire-plan-out-of-order');

  await signPlanBox(1, '刘德胜');
  await page.locator('[data-test=plan-box-1]').getByText('已签名确认').waitFor();
  assert.ok(await page.locator('[data-test=plan-box-1] img[alt=签名]').isVisible());

  // Box 2 disagrees: the plan is void (kept with the reason) and a new one is drawn (1.3.6), which
  // the confirmation says will have the same locations.
  await signPlanBox(2, '陈志刚', { agree: false, opinion: '2#楼已停用待拆除' });
  assert.match(await page.locator('.el-message-box').innerText(), /抽查部位与本方案相同/);
  await page.locator('.el-message-box').getByRole('button', { name: '提交' }).click();
  await page.locator('[data-test=plan-info]').getByText('第 2 次生成').waitFor();
  const history = page.locator('[data-test=void-plans]');
  await history.getByText('第 1 次').waitFor();
  assert.match(await history.innerText(), /监察科室成员（陈志刚）不同意：2#楼已停用待拆除/);
  await history.scrollIntoViewIfNeeded();
  await shot('fire-plan-redrawn');

  for (const [slot, name] of [
    [1, '刘德胜'],
    [2, '陈志刚'],
    [3, '周晓燕'],
  ]) {
    await signPlanBox(slot, name);
    await page.locator(`[data-test=plan-box-${slot}]`).getByText('已签名确认').waitFor();
  }
  await page.locator('[data-test=plan-status]', { hasText: '三方已确认' }).waitFor();
  await page.locator('[data-test=inspection-status]', { hasText: '抽查方案已确认' }).waitFor();

  await page.locator('[data-test=verify-plan]').click();
  await page.locator('[data-test=verify-result]', { hasText: '校验通过' }).waitFor();
  // The tab keeps the inspection's name across ?tab= changes.
  await page
    .locator('[data-test=tags-view]')
    .getByText(/抽查：大冶市还地桥镇农贸/)
    .waitFor();
  await shot('fire-plan-confirmed');

  // The layout is frozen now, and the page says so.
  await page.getByRole('tab', { name: /楼栋楼层/ }).click();
  await page.locator('[data-test=layout-locked]').waitFor();
  assert.equal(await page.locator('[data-test=add-building]').count(), 0);

  // Record item 1 on the confirmed plan: every drawn location × check line, saved in one call.
  await page.getByRole('tab', { name: '抽查结果' }).click();
  const resultRows = page.locator('[data-test=result-rows] .el-table__body-wrapper .el-table__row');
  await resultRows.first().waitFor();
  const count = await resultRows.count();
  await resultRows.first().getByText('不合格').click();
  await resultRows.first().locator('input').last().fill('防火涂料厚度不足');
  await page.getByRole('button', { name: '未记录的设为合格' }).click();
  await page.locator('[data-test=save-results]').click();
  await page.locator('.el-message--success', { hasText: `已保存 ${count} 条结果` }).waitFor();
  const first = page.locator('[data-test=progress] .el-table__body-wrapper .el-table__row').first();
  await first.getByText('1 处不合格').waitFor();
  await shot('fire-results-recording');
});

test('without fire:inspection:sensitive the leader phone and ID are masked (district inspector)', async () => {
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  try {
    const p = await other.newPage();
    await p.goto(admin('/login'));
    await p.locator('input[name=username]').fill('dy_inspector');
    await p.locator('input[name=password]').fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: /登\s*录/ }).click();
    await p.locator('.navbar').waitFor();
    await p.goto(detailUrl);
    await p.locator('[data-test=basic-info]').getByText(DRAFT_NAME).waitFor();
    assert.match(await p.locator('[data-test=leader-phone]').innerText(), /^1\d{2}\*+\d{2,4}$/);
    assert.match(await p.locator('[data-test=leader-id]').innerText(), /\*{4,}/);
    await p.locator('[data-test=basic-info]').getByText('已脱敏').first().waitFor();
    await p.screenshot({ path: screenshotPath('fire-detail-masked'), animations: 'disabled' });
  } finally {
    await other.close();
  }
});

test('a sealed inspection shows 结果已封存 and no editing', async () => {
  await openMenu('消防验收抽查', '抽查项目');
  await page.getByRole('button', { name: '重置' }).click();
  await pick('[data-test=filter-status]', '已封存');
  await page.locator('[data-test=search]').click();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-test=fire-table] .el-table__body-wrapper .el-table__row')];
    return rows.length === 7 && rows.every((r) => r.textContent.includes('已封存'));
  });
  await page.locator('[data-test=fire-table] .fire-name').first().click();
  await page.locator('[data-test=inspection-status]', { hasText: '结果不可更改' }).waitFor();
  await page.getByRole('tab', { name: '抽查结果' }).click();
  await page.locator('[data-test=sealed]').getByText('结果已封存').waitFor();
  await page.locator('[data-test=result-boxes] img[alt=签名]').nth(4).waitFor();
  assert.equal(await page.locator('[data-test=save-results]').count(), 0);
  assert.equal(await page.locator('[data-test=sign-submit]').count(), 0);
  await shot('fire-results-sealed');
});

test('the five result signatures appear together once all 18 items are recorded, and seal the results', async () => {
  await openMenu('消防验收抽查', '抽查项目');
  await page.getByRole('button', { name: '重置' }).click();
  await pick('[data-test=filter-status]', '待五方签名');
  await page.locator('[data-test=search]').click();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-test=fire-table] .el-table__body-wrapper .el-table__row')];
    return rows.length === 1 && rows[0].textContent.includes('待五方签名');
  });
  await page.locator('[data-test=fire-table] .fire-name').first().click();
  await page.locator('[data-test=inspection-status]', { hasText: '十八项已全部记录' }).waitFor();
  await page.getByRole('tab', { name: '抽查结果' }).click();
  const boxes = page.locator('[data-test=result-boxes] > div');
  await boxes.nth(4).waitFor();
  assert.equal(await boxes.count(), 5);
  const labels = await boxes.allInnerTexts();
  for (const party of ['建设单位', '设计单位', '施工总包单位', '监理单位', '消防施工单位'])
    assert.ok(
      labels.some((t) => t.includes(party)),
      party,
    );
  await boxes.first().scrollIntoViewIfNeeded();
  await shot('fire-result-boxes');
  const names = ['赵建设', '钱设计', '孙总包', '李监理', '周消防'];
  for (let i = 0; i < 5; i++) {
    const box = boxes.nth(i);
    await box.locator('[data-test=signer-name]').fill(names[i]);
    await drawSignature(box);
    await box.locator('[data-test=sign-submit]').click();
    await box.getByText('已签名确认').waitFor();
    // The first signature locks the results: no more verdict editing.
    if (i === 0) await page.locator('[data-test=locked]').waitFor();
  }
  await page.locator('[data-test=sealed]').getByText('结果已封存').waitFor();
  await page.locator('[data-test=inspection-status]', { hasText: '结果不可更改' }).waitFor();
  assert.equal(await page.locator('[data-test=sign-submit]').count(), 0);
  await shot('fire-results-just-sealed');

  // The whole record of that inspection as .docx (1.3.9), through a download link.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=export-record-docx]').click(),
  ]);
  assert.match(download.suggestedFilename(), /^消防验收现场评定抽查记录-.+-\d{8}\.docx$/);
  const zip = await JSZip.loadAsync(await readFile(await download.path()));
  const xml = await zip.file('word/document.xml').async('string');
  assert.match(xml, /五、抽查结果签名确认/);
  for (const name of names) assert.ok(xml.includes(name), `${name} signed in the record`);
  assert.match(xml, /<w:tblHeader\/>/);
});

/** A GraphQL call as the signed-in page makes it (its token), for what the list page's buttons call. */
async function asPage(query, variables) {
  return page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${localStorage.getItem('hs.admin.accessToken')}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { query, variables },
  );
}

/** Follows a download link as the admin does (an <a download> to the router's /files/…/download). */
async function followLink(link) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(({ url, fileName }) => {
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }, link),
  ]);
  assert.equal(download.suggestedFilename(), link.fileName);
  return download.path();
}

test('the filtered list and its results export through download links and read back', async () => {
  const filter = { category: 'NEW' };
  const listed = await asPage(
    `query($f: FireInspectionFilter) { fireInspections(filter: $f, page: { pageSize: 100 }) { total items { projectName } } }`,
    { f: filter },
  );
  const names = listed.data.fireInspections.items.map((i) => i.projectName);
  assert.equal(names.length, 10);
  const exported = await asPage(
    `mutation($f: FireInspectionFilter) { exportFireInspections(filter: $f, sort: { field: PROJECT_NAME }) { url fileName rowCount } }`,
    { f: filter },
  );
  const link = exported.data.exportFireInspections;
  assert.match(link.url, /^\/files\/fire\/download\?t=/);
  assert.equal(link.rowCount, 10);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await followLink(link));
  const text = [];
  wb.worksheets[0].eachRow((row) => text.push(row.values.filter((v) => v != null).join('|')));
  const all = text.join('\n');
  for (const name of names) assert.ok(all.includes(name.trim()), `${name} in the export`);
  assert.ok(!all.includes(DRAFT_NAME), 'the 改建 inspection is filtered out');
  assert.equal(text.filter((line) => names.some((n) => line.includes(n.trim()))).length, 10);
  assert.equal(wb.worksheets[0].pageSetup.printTitlesRow, '3:3');

  // The results of those 10 inspections: counted as 10, however many result rows the file holds.
  const results = await asPage(
    `mutation($f: FireInspectionFilter) { exportFireInspectionResults(filter: $f) { url fileName rowCount } }`,
    { f: filter },
  );
  assert.equal(results.errors, undefined);
  assert.equal(results.data.exportFireInspectionResults.rowCount, 10);
  const rwb = new ExcelJS.Workbook();
  await rwb.xlsx.readFile(await followLink(results.data.exportFireInspectionResults));
  assert.ok(rwb.worksheets[0].rowCount > 5000, `${rwb.worksheets[0].rowCount} result rows`);
});

test('catalogue and analytics pages', async () => {
  await openMenu('消防验收抽查', '抽查库');
  const items = page.locator('[data-test=catalogue-items] .el-collapse-item');
  await items.nth(17).waitFor();
  assert.equal(await items.count(), 18);
  await items.nth(1).locator('.el-collapse-item__header').click();
  await items.nth(1).getByText('消防车道').first().waitFor();
  await shot('fire-catalogue');

  // A draft copy of the current version: change one line's class, publish it.
  await page.getByRole('button', { name: '新建草稿' }).click();
  await page.locator('.el-message-box input').fill('e2e 修订');
  await page.locator('.el-message-box').getByRole('button', { name: '新建' }).click();
  await page.locator('.el-message--success', { hasText: '已新建第 2 版草稿' }).waitFor();
  const draftItem = page.locator('[data-test=catalogue-items] .el-collapse-item').first();
  await draftItem.locator('button.edit').click();
  const dialog = page.locator('.el-dialog', { hasText: '编辑检查项目' });
  await dialog.locator('textarea').first().fill('e2e 修订后的检查内容');
  await shot('fire-catalogue-edit');
  await dialog.getByRole('button', { name: '保存到草稿' }).click();
  await page.locator('.el-message--success', { hasText: '检查项目已保存到草稿' }).waitFor();
  await draftItem.locator('.el-collapse-item__header').click();
  await draftItem.getByText('e2e 修订后的检查内容').waitFor();
  await page.locator('[data-test=publish]').click();
  await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click();
  await page.locator('.el-message--success', { hasText: '已发布为现行版本' }).waitFor();
  const versions = await page.locator('[data-test=catalogue-versions] .el-table__body-wrapper').innerText();
  assert.match(versions, /第 2 版\s+现行/);
  assert.match(versions, /第 1 版\s+历史/);

  await openMenu('消防验收抽查', '数据分析');
  await page.locator('[data-test=totals]').waitFor();
  assert.match(await page.locator('[data-test=totals]').innerText(), /抽查项目/);
  await page.locator('[data-test=fire-analytics] canvas').nth(3).waitFor();
  await page.locator('[data-test=breakdown-table] .el-table__body-wrapper .el-table__row').first().waitFor();
  // Let the charts finish their entry animation before the picture.
  await page.waitForTimeout(800);
  await shot('fire-analytics');
  await page.locator('[data-test=breakdown-by]').getByText('按项目类别').click();
  await page.locator('[data-test=breakdown-table]').getByText('新建').waitFor();
  await page.locator('[data-test=breakdown-table]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  await shot('fire-analytics-breakdown');
});

test('the form shows the server message next to each bad field, saves, and a never-planned inspection can be deleted', async () => {
  await openMenu('消防验收抽查', '抽查项目');
  await page.getByRole('button', { name: '新增抽查项目' }).click();
  // Linking a Project fills in its name, district, address and units.
  await page.locator('[data-test=project-select]').click();
  await page.keyboard.type('团城山小学');
  await page.locator('.el-select-dropdown__item:visible', { hasText: '团城山小学迁建工程' }).first().click();
  await page.locator('.el-message--success', { hasText: '已按工程项目带出' }).waitFor();
  assert.equal(await page.locator('input[name=projectName]').inputValue(), '团城山小学迁建工程');
  assert.notEqual(await page.locator('input[name=builderUnit]').inputValue(), '');
  await page.locator('input[name=projectName]').fill('e2e 消防验收测试项目');
  await pick('[data-test=district]', '下陆区');
  await page.locator('input[name=address]').fill('黄石市下陆区团城山路 1 号');
  await page.locator('[data-test=category]').getByText('扩建').click();
  await page.locator('input[name=leaderName]').fill('王测试');
  await page.locator('input[name=leaderPhone]').fill('12345678901');
  await page.locator('input[name=leaderIdCard]').fill('420204199001011235');
  await page.locator('[data-test=save]').click();
  const phoneItem = page.locator('.el-form-item', { has: page.locator('input[name=leaderPhone]') });
  const idItem = page.locator('.el-form-item', { has: page.locator('input[name=leaderIdCard]') });
  await phoneItem.locator('.el-form-item__error', { hasText: '项目负责人联系电话无效' }).waitFor();
  await idItem.locator('.el-form-item__error', { hasText: '项目负责人身份证号无效' }).waitFor();
  await page.locator('[data-test=form-error]').waitFor();
  await shot('fire-form-errors');

  await page.locator('input[name=leaderPhone]').fill('13971400999');
  await page.locator('input[name=leaderIdCard]').fill('');
  await page.locator('[data-test=save]').click();
  await page.locator('.el-message--success', { hasText: '抽查项目已登记' }).waitFor();
  await page.locator('[data-test=basic-info]').getByText('e2e 消防验收测试项目').waitFor();
  assert.match(await page.locator('[data-test=basic-info]').innerText(), /扩建/);
  await page.locator('[data-test=basic-info]').getByRole('link', { name: '团城山小学迁建工程' }).waitFor();

  // 1.3.3: a building whose floors are generated from its counts.
  await page.getByRole('tab', { name: /楼栋楼层/ }).click();
  await page.locator('[data-test=add-building]').click();
  const dialog = page.locator('.el-dialog', { hasText: '新增楼栋' });
  await dialog.locator('.el-form-item', { hasText: '地上层数' }).locator('input').fill('3');
  await dialog.locator('.el-form-item', { hasText: '地下层数' }).locator('input').fill('1');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.locator('.el-message--success', { hasText: '楼栋已添加' }).waitFor();
  const floors = await page.locator('[data-test=buildings-tab] .el-card').first().innerText();
  for (const floor of ['地下1层', '1层', '2层', '3层', '屋面']) assert.ok(floors.includes(floor), floor);
  await shot('fire-building-added');

  // An underground garage: with no floor above ground the 屋面 switch goes off, and no 屋面 is made.
  await page.locator('[data-test=add-building]').click();
  await dialog.locator('[data-test=building-name]').fill('地下车库');
  await dialog.locator('.el-form-item', { hasText: '地上层数' }).locator('input').fill('0');
  await dialog.locator('.el-form-item', { hasText: '地下层数' }).locator('input').fill('2');
  await dialog.locator('.el-form-item', { hasText: '地下层数' }).locator('input').blur();
  await dialog.locator('[data-test=has-roof].is-disabled:not(.is-checked)').waitFor();
  await dialog.getByRole('button', { name: '保存' }).click();
  const garage = page.locator('[data-test="building-地下车库"]');
  await garage.getByText('地下2层').waitFor();
  assert.ok(!(await garage.innerText()).includes('屋面'), 'no 屋面 for an underground-only building');

  // A ten-storey building without a height may need a 消防电梯: asked, not set to 不涉及.
  await page.locator('[data-test=add-building]').click();
  await dialog.locator('[data-test=building-name]').fill('2#楼');
  await dialog.locator('.el-form-item', { hasText: '地上层数' }).locator('input').fill('10');
  await dialog.getByRole('button', { name: '保存' }).click();
  const tower = page.locator('[data-test="building-2#楼"]');
  await tower.locator('[data-test=fire-lift-question]', { hasText: '可能需要设置消防电梯' }).waitFor();
  await tower.scrollIntoViewIfNeeded();
  await shot('fire-building-fire-lift-question');
  await tower.getByRole('button', { name: '编辑' }).first().click();
  const edit = page.locator('.el-dialog', { hasText: '编辑楼栋：2#楼' });
  await edit.locator('[data-test=fire-lift]').getByText('设有').click();
  await edit.getByRole('button', { name: '保存' }).click();
  await page.locator('.el-message--success', { hasText: '楼栋已保存' }).waitFor();
  await tower.getByText('消防电梯：有').waitFor();
  assert.equal(await tower.locator('[data-test=fire-lift-question]').count(), 0);

  await openMenu('消防验收抽查', '抽查项目');
  await page.getByRole('button', { name: '重置' }).click();
  await page.locator('[data-test=filter-keyword]').fill('e2e 消防验收测试');
  await page.locator('[data-test=search]').click();
  const row = page.locator('[data-test=fire-table] .el-table__body-wrapper .el-table__row', {
    hasText: 'e2e 消防验收测试项目',
  });
  await row.locator('[data-test=delete]').click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await page.locator('.el-message--success', { hasText: '已删除' }).waitFor();
  await page.locator('[data-test=fire-table] .el-table__empty-text').waitFor();
});
