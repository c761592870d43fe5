/* global fetch, document -- Node 20 has fetch; page.evaluate bodies run in the browser */
// 施工图联合审查合格书 in the admin (需求 1.1) in Debian's Chromium: on a project's detail page the
// 系统管理员 uploads a PDF certificate (signed upload, checked by content) and sees it listed as
// 第 1 版; a text file named .pdf is refused with the server's Chinese message; 换发 with a new PDF
// makes 第 2 版 current and keeps 第 1 版 as 已换发 history; 下载 saves the file the server stored;
// the detail drawer shows the version timeline and the share log with that download; the
// 施工图审查合格书 list page lists it. Screenshots in e2e/artifacts/.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { certificatePdf } from '../../subgraphs/projects/dist/certificates/certificate.seed.js';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 30_000 };
const NUMBER = '鄂黄施审字〔2026〕第E2E01号';

let platform;
let browser;
let page;
let adminToken;
let dir;
let project;
const files = {};
const pageErrors = [];

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

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hs-certificates-'));
  const write = async (name, bytes) => {
    files[name] = { path: join(dir, name), bytes };
    await writeFile(files[name].path, bytes);
  };
  await write('certificate-v1.pdf', certificatePdf(['Drawing review certificate', 'E2E version 1']));
  await write('certificate-v2.pdf', certificatePdf(['Drawing review certificate', 'E2E version 2 (revised)']));
  await write('not-a-pdf.pdf', Buffer.from('这不是 PDF，只是改了扩展名的文本文件。\n', 'utf8'));

  platform = await startTestPlatform();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  adminToken = (
    await gql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { accessToken } }`, {}, null)
  ).login.accessToken;
  // A housing project that has no certificate yet (the seed gives some of them theirs).
  const { projects } = await gql(
    `query { projects(filter: { type: HOUSING }, page: { pageSize: 100 }, sort: { field: NAME }) {
      items { id name drawingReviewCertificates { id } } } }`,
  );
  project = projects.items.find((p) => p.drawingReviewCertificates.length === 0);
  assert.ok(project, 'a housing project without certificates');

  await page.goto(`${platform.base}/admin/`);
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.navbar').waitFor(WAIT);
});

after(async () => {
  await browser?.close();
  await platform?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const formItem = (label) => page.locator('.el-dialog .el-form-item', { hasText: label }).first();

async function pickDate(label, value) {
  const input = formItem(label).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Lets finite CSS transitions end (el-tag zooms in when its row first appears) so screenshots show the page at rest. */
const transitionsDone = () =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );

/** The certificates' own rows (an expanded row holds its versions' table, whose rows have no version badge). */
const rows = () =>
  page
    .locator('[data-test=certificate-table] tr.el-table__row')
    .filter({ has: page.locator('[data-test=certificate-version]') });

test('upload a PDF certificate on a project: listed as 第 1 版; a text file named .pdf is refused', async () => {
  await page.goto(`${platform.base}/admin/projects/${project.id}`);
  await page.locator('[data-test=project-certificates]').waitFor(WAIT);
  await page.locator('[data-test=certificate-table]').getByText('暂无施工图联合审查合格书').waitFor(WAIT);
  await page.locator('[data-test=certificate-upload]').click();
  await page.locator('.el-dialog').getByText('上传施工图联合审查合格书').waitFor(WAIT);

  await formItem('合格书编号').locator('input').fill(NUMBER);
  await formItem('审查机构').locator('input').first().fill('湖北省建筑设计施工图审查中心（黄石）有限公司');
  await pickDate('审查日期', '2026-05-18');
  for (const label of ['建筑', '结构', '消防']) {
    await formItem('审查范围')
      .locator('.el-checkbox', { hasText: new RegExp(`^${label}$`) })
      .click();
  }
  await pickDate('有效期', '2026-05-18');
  const end = formItem('有效期').locator('input').nth(1);
  await end.fill('2028-05-17');
  await end.press('Enter');

  const upload = formItem('合格书文件');
  const input = upload.locator('input[data-test=file-input]');
  await input.setInputFiles(files['not-a-pdf.pdf'].path);
  const uploadError = upload.locator('[data-test=upload-error]');
  await uploadError.waitFor(WAIT);
  assert.equal(await uploadError.innerText(), '合格书文件必须是 PDF、JPEG 或 PNG 文件（按文件内容检查）');
  await page.screenshot({ path: screenshotPath('drawing-certificates-refused'), animations: 'disabled' });

  await input.setInputFiles(files['certificate-v1.pdf'].path);
  await upload.locator('[data-test=file-shown]').waitFor(WAIT);
  assert.match(await upload.locator('[data-test=file-facts]').innerText(), /^PDF · [\d.]+ (B|KB)$/);
  await page.screenshot({ path: screenshotPath('drawing-certificates-upload'), animations: 'disabled' });
  await page.locator('[data-test=cert-save]').click();

  await page.locator('.el-message', { hasText: `合格书 ${NUMBER} 已上传` }).waitFor(WAIT);
  const row = rows().filter({ hasText: NUMBER });
  await row.waitFor(WAIT);
  assert.equal(await row.locator('[data-test=certificate-version]').innerText(), '第 1 版');
  assert.equal(await row.locator('[data-test=certificate-status]').innerText(), '有效');
  assert.match(await row.innerText(), /建筑、结构、消防/);
  assert.match(await row.innerText(), /2026-05-18 至 2028-05-17/);
  await transitionsDone();
  await page.screenshot({ path: screenshotPath('drawing-certificates-v1'), animations: 'disabled' });
});

test('换发 with a new PDF: 第 2 版 is current, 第 1 版 stays as 已换发 history', async () => {
  const row = rows().filter({ hasText: NUMBER });
  await row.locator('[data-test=certificate-reissue]').click();
  await page.locator('.el-dialog').getByText('当前第 1 版').waitFor(WAIT);
  assert.equal(await formItem('合格书编号').locator('input').inputValue(), NUMBER, 'pre-filled');
  await formItem('审查范围')
    .locator('.el-checkbox', { hasText: /^节能$/ })
    .click();
  const upload = formItem('合格书文件');
  await upload.locator('input[data-test=file-input]').setInputFiles(files['certificate-v2.pdf'].path);
  await upload.locator('[data-test=file-shown]').waitFor(WAIT);
  await formItem('换发原因').locator('input').fill('设计变更：增加节能专篇');
  await page.screenshot({ path: screenshotPath('drawing-certificates-reissue'), animations: 'disabled' });
  await page.locator('[data-test=cert-save]').click();
  await page.locator('.el-message', { hasText: `已换发：${NUMBER} 第 2 版` }).waitFor(WAIT);

  const current = rows().filter({ hasText: NUMBER });
  await current.locator('[data-test=certificate-version]', { hasText: '第 2 版' }).waitFor(WAIT);
  assert.equal(await rows().filter({ hasText: NUMBER }).count(), 1, 'one row per certificate');
  await current.locator('.el-table__expand-icon').click();
  const versions = page.locator('[data-test=certificate-versions] .el-table__row');
  await versions.nth(1).waitFor(WAIT);
  assert.deepEqual(
    (await versions.allInnerTexts()).map((t) =>
      t
        .replace(/\s+/g, ' ')
        .match(/第 \d 版|有效|已换发/g)
        .join(' '),
    ),
    ['第 2 版 有效', '第 1 版 已换发'],
  );
  await page.screenshot({ path: screenshotPath('drawing-certificates-versions'), animations: 'disabled' });
});

test('下载 saves the file the server stored; the drawer shows the versions and the download in the share log', async () => {
  const row = rows().filter({ hasText: NUMBER });
  const [download] = await Promise.all([
    page.waitForEvent('download', WAIT),
    row.locator('[data-test=certificate-download]').click(),
  ]);
  assert.equal(download.suggestedFilename(), `施工图审查合格书-${NUMBER}-第2版.pdf`);
  const saved = join(dir, 'downloaded.pdf');
  await download.saveAs(saved);
  assert.equal(sha256(await readFile(saved)), sha256(files['certificate-v2.pdf'].bytes));

  await row.locator('[data-test=certificate-no]').click();
  const drawer = page.locator('.el-drawer');
  await drawer.locator('[data-test=version-timeline]').waitFor(WAIT);
  await drawer.locator('[data-test=version-1]').getByText('已换发').waitFor(WAIT);
  const log = drawer.locator('[data-test=share-log] .el-table__row');
  await log.first().waitFor(WAIT);
  const entries = (await log.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  assert.ok(
    entries.some((t) => /系统管理员 信息中心 下载文件 2/.test(t)),
    entries.join(' | '),
  );
  assert.ok(
    entries.some((t) => /系统管理员 信息中心 查看详情 2/.test(t)),
    entries.join(' | '),
  );
  await page.screenshot({ path: screenshotPath('drawing-certificates-drawer'), animations: 'disabled' });
  await page.keyboard.press('Escape');
});

test('the 施工图审查合格书 list page lists it under 工程建设', async () => {
  await page.locator('.el-menu').getByText('施工图审查合格书').click();
  await page.waitForURL(/\/admin\/projects\/drawing-certificates/, WAIT);
  const table = page.locator('[data-test=certificate-list]');
  await table.waitFor(WAIT);
  const row = table.locator('.el-table__row', { hasText: NUMBER });
  await row.waitFor(WAIT);
  assert.match(await row.innerText(), /第 2 版/);
  assert.match(await row.innerText(), new RegExp(project.name.slice(0, 8)));
  await page.screenshot({ path: screenshotPath('drawing-certificates-list'), animations: 'disabled' });
  assert.deepEqual(pageErrors, []);
});
