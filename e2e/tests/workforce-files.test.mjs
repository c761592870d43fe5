/* global fetch, document -- Node 20 has fetch; page.evaluate bodies run in the browser */
// 证件照 and 劳动合同扫描件 in the admin (需求 1.2.1) in Debian's Chromium: the 系统管理员 registers a
// person with a photo chosen from disk (uploaded to a signed URL, previewed, then shown on the
// detail page through its own signed URL), does 进场登记 with a PDF contract and opens it in a new
// tab; a text file named .jpg is refused with the server's Chinese message and neither the stored
// photo nor the stored contract changes; the 市局管理员 (no workforce:person:sensitive) sees the
// photo but not the contract, which carries the full 身份证号. Screenshots in e2e/artifacts/.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 30_000 };
const PERSON_NAME = '证照测试工';

let platform;
let browser;
let context;
let page;
let adminToken;
let dir;
const files = {};
/** The person registered in the first test, read back through the graph. */
let personId;
/** Uncaught errors in the admin page. */
const pageErrors = [];

async function graphql(query, variables = {}, token = adminToken) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function gql(query, variables = {}, token = adminToken) {
  const body = await graphql(query, variables, token);
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const FILE = 'sha256 mimeType byteSize width height url';
const storedFiles = async () =>
  (
    await gql(
      `query($id: ID!) { workforcePerson(id: $id) { photo { ${FILE} } employments { id contractFile { ${FILE} } } } }`,
      {
        id: personId,
      },
    )
  ).workforcePerson;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** GB 11643 check character for the first 17 digits. */
function withCheckDigit(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real RGB PNG (a blue-to-orange gradient) of the given size, within the photo limits of 100–6000 px. */
function png(width, height) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = Math.round((255 * y) / height);
      rows[at + 1] = 120;
      rows[at + 2] = Math.round((255 * x) / width);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a correct cross-reference table. */
function pdf() {
  const text = 'BT /F1 24 Tf 72 760 Td (Labour contract HT-E2E) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = Buffer.byteLength(body, 'latin1');
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hs-workforce-files-'));
  const write = async (name, bytes) => {
    files[name] = { path: join(dir, name), bytes };
    await writeFile(files[name].path, bytes);
  };
  await write('photo.png', png(120, 150));
  await write('contract.pdf', pdf());
  await write('not-a-photo.jpg', Buffer.from('这不是图片，只是改了扩展名的文本文件。\n', 'utf8'));
  // Over the 2 MB photo limit: the browser refuses it before sending anything.
  await write('too-big.png', Buffer.concat([png(120, 150), Buffer.alloc(2 * 1024 * 1024)]));

  platform = await startTestPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  adminToken = (
    await gql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { accessToken } }`, {}, null)
  ).login.accessToken;

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

/** True once the <img> inside the locator has decoded a picture. */
const imageLoaded = (locator) =>
  locator
    .locator('img')
    .first()
    .evaluate((img) => img.complete && img.naturalWidth > 0);

async function waitForImage(locator) {
  await locator.locator('img').first().waitFor(WAIT);
  await locator
    .locator('img')
    .first()
    .evaluate(
      (img) =>
        new Promise((resolve, reject) => {
          if (img.complete && img.naturalWidth > 0) resolve();
          img.addEventListener('load', () => resolve(), { once: true });
          img.addEventListener('error', () => reject(new Error(`image failed: ${img.src}`)), { once: true });
        }),
    );
  assert.ok(await imageLoaded(locator), 'the picture decoded');
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

/** What the server answers when the same bytes go to a fresh ticket directly (the message the page must show). */
async function serverRefusal(purpose, bytes, type) {
  const ticket = (
    await gql(`mutation($p: WorkforceFilePurpose!) { createWorkforceUploadTicket(purpose: $p) { url } }`, {
      p: purpose,
    })
  ).createWorkforceUploadTicket;
  const response = await fetch(`${platform.base}${ticket.url}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: bytes,
  });
  assert.ok(response.status >= 400 && response.status < 500, `refused with a 4xx (${response.status})`);
  const body = await response.json();
  assert.equal(body.errors[0].extensions.code, 'BAD_USER_INPUT');
  return body.errors[0].message;
}

test('register a person with a 证件照: checked in the browser and by the server, previewed, shown on the detail page', async () => {
  await page.goto(`${platform.base}/admin/workforce/people/create`);
  await page.locator('input[data-test=f-name]').fill(PERSON_NAME);
  await page.locator('input[data-test=f-idcard]').fill(withCheckDigit('42020419850315247'));
  await page.locator('[data-test=f-trade]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '钢筋工' }).first().click();
  const upload = page.locator('[data-test=f-photo]');
  const input = upload.locator('input[data-test=file-input]');
  const uploadError = upload.locator('[data-test=upload-error]');

  // Too big: the browser says so against the ticket's limit.
  await input.setInputFiles(files['too-big.png'].path);
  await uploadError.waitFor(WAIT);
  assert.match(await uploadError.innerText(), /^文件过大：证件照不能超过 2 MB/);

  // Text named .jpg: the browser sees image/jpeg, the server reads the bytes and refuses.
  await input.setInputFiles(files['not-a-photo.jpg'].path);
  await uploadError.filter({ hasNotText: '文件过大' }).waitFor(WAIT);
  const refused = await uploadError.innerText();
  assert.equal(refused, await serverRefusal('PERSON_PHOTO', files['not-a-photo.jpg'].bytes, 'image/jpeg'));
  assert.match(refused, /[\u4e00-\u9fa5]/);
  assert.equal(await upload.locator('[data-test=file-shown]').count(), 0, 'nothing taken');
  await page.screenshot({ path: screenshotPath('workforce-files-photo-refused'), animations: 'disabled' });

  await input.setInputFiles(files['photo.png'].path);
  await waitForImage(upload.locator('[data-test=file-preview]'));
  assert.equal(await uploadError.count(), 0, 'the earlier message is gone');
  assert.match(await upload.locator('[data-test=file-facts]').innerText(), /PNG · [\d.]+ KB · 120×150/);
  await page.screenshot({ path: screenshotPath('workforce-files-photo-form'), animations: 'disabled' });

  await page.locator('[data-test=f-save]').click();
  await page.locator('[data-test=person-info]').getByText(PERSON_NAME).waitFor(WAIT);
  personId = new URL(page.url()).pathname.split('/').pop();
  const photo = page.locator('[data-test=person-photo]');
  await waitForImage(photo);
  assert.equal(await photo.locator('img').evaluate((img) => img.naturalWidth), 120);
  const stored = await storedFiles();
  assert.equal(stored.photo.sha256, sha256(files['photo.png'].bytes));
  assert.equal(stored.photo.mimeType, 'image/png');
  assert.deepEqual([stored.photo.width, stored.photo.height], [120, 150]);
  await page.screenshot({ path: screenshotPath('workforce-files-person-detail'), animations: 'disabled' });
});

test('进场登记 with a PDF labour contract; the 查看合同 link opens it as application/pdf', async () => {
  await page.locator('[data-test=assign]').click();
  await page.locator('[data-test=assign-project]').click();
  const option = page.locator('.el-select-dropdown__item:visible').first();
  await option.waitFor(WAIT);
  const projectName = (await option.locator('span').first().innerText()).trim();
  await option.click();
  await page.locator('[data-test=assign-post]').click();
  await page.keyboard.type('钢筋工');
  await page.locator('.el-select-dropdown__item:visible', { hasText: '钢筋工' }).first().click();
  await page
    .locator('[data-test=assign-form] .el-form-item', { hasText: '劳动合同编号' })
    .locator('input')
    .fill('HT-E2E-FILE-01');
  const upload = page.locator('[data-test=assign-contract]');
  await upload.locator('input[data-test=file-input]').setInputFiles(files['contract.pdf'].path);
  await upload.locator('[data-test=file-shown]').waitFor(WAIT);
  assert.match(await upload.locator('[data-test=file-facts]').innerText(), /^PDF · [\d.]+ (B|KB)$/);
  await page.screenshot({ path: screenshotPath('workforce-files-assign'), animations: 'disabled' });
  await page.locator('[data-test=assign-save]').click();

  const row = page.locator('[data-test=employment-table] .el-table__row', { hasText: projectName });
  const link = row.locator('[data-test=contract-open]');
  await link.waitFor(WAIT);
  assert.equal(await link.innerText(), '查看合同');
  const href = await link.getAttribute('href');
  assert.match(href, /^\/files\/workforce\/[0-9a-f]{64}\?.*sig=/, 'the signed URL the graph gave');
  assert.equal(await link.getAttribute('target'), '_blank');
  await row.getByText('在场').waitFor(WAIT);
  const stored = await storedFiles();
  assert.equal(stored.employments[0].contractFile.sha256, sha256(files['contract.pdf'].bytes));
  await transitionsDone();
  await page.screenshot({ path: screenshotPath('workforce-files-contract-row'), animations: 'disabled' });

  // A new tab asks for the file; the answer is the PDF itself.
  const [response] = await Promise.all([
    context.waitForEvent('response', { predicate: (r) => r.url().includes('/files/workforce/'), ...WAIT }),
    link.click(),
  ]);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^application\/pdf/);
  const opened = await fetch(`${platform.base}${href}`);
  assert.deepEqual(Buffer.from(await opened.arrayBuffer()), files['contract.pdf'].bytes);
  for (const other of context.pages()) if (other !== page) await other.close();
});

test('a text file named .jpg is refused with the server message; the stored photo and contract stay', async () => {
  const before = await storedFiles();

  await page.goto(`${platform.base}/admin/workforce/people/${personId}/edit`);
  const upload = page.locator('[data-test=f-photo]');
  await waitForImage(upload.locator('[data-test=file-preview]'));
  await upload.locator('input[data-test=file-input]').setInputFiles(files['not-a-photo.jpg'].path);
  const uploadError = upload.locator('[data-test=upload-error]');
  await uploadError.waitFor(WAIT);
  assert.equal(
    await uploadError.innerText(),
    await serverRefusal('PERSON_PHOTO', files['not-a-photo.jpg'].bytes, 'image/jpeg'),
  );
  assert.ok(await imageLoaded(upload.locator('[data-test=file-preview]')), 'the stored photo is still shown');
  await page.screenshot({ path: screenshotPath('workforce-files-edit-refused'), animations: 'disabled' });
  await page.locator('[data-test=f-save]').click();
  await page.locator('.el-message', { hasText: '没有需要保存的修改' }).waitFor(WAIT);

  await page.goto(`${platform.base}/admin/workforce/people/${personId}`);
  const row = page.locator('[data-test=employment-table] .el-table__row').first();
  await row.locator('[data-test=contract-open]').waitFor(WAIT);
  await row.locator('[data-test=contract-edit]').click();
  const dialog = page.locator('.el-dialog', { hasText: '劳动合同扫描件' });
  await dialog.locator('[data-test=file-facts]', { hasText: 'PDF' }).waitFor(WAIT);
  await dialog.locator('input[data-test=file-input]').setInputFiles(files['not-a-photo.jpg'].path);
  const contractError = dialog.locator('[data-test=upload-error]');
  await contractError.waitFor(WAIT);
  assert.equal(
    await contractError.innerText(),
    await serverRefusal('CONTRACT', files['not-a-photo.jpg'].bytes, 'image/jpeg'),
  );
  assert.ok(await dialog.locator('[data-test=contract-save]').isDisabled(), 'nothing to save');
  await page.screenshot({ path: screenshotPath('workforce-files-contract-refused'), animations: 'disabled' });
  await dialog.getByRole('button', { name: '取消' }).click();

  const after = await storedFiles();
  assert.equal(after.photo.sha256, before.photo.sha256);
  assert.equal(after.employments[0].contractFile.sha256, before.employments[0].contractFile.sha256);
});

test('更换合同 replaces the scan of an existing employment with a PNG', async () => {
  const row = page.locator('[data-test=employment-table] .el-table__row').first();
  await row.locator('[data-test=contract-edit]').click();
  const dialog = page.locator('.el-dialog', { hasText: '劳动合同扫描件' });
  await dialog.locator('input[data-test=file-input]').setInputFiles(files['photo.png'].path);
  await waitForImage(dialog.locator('[data-test=file-preview]'));
  await dialog.locator('[data-test=contract-save]').click();
  await page.locator('.el-message', { hasText: '劳动合同扫描件已保存' }).waitFor(WAIT);
  await dialog.waitFor({ state: 'hidden', ...WAIT });
  const contract = (await storedFiles()).employments[0].contractFile;
  assert.equal(contract.sha256, sha256(files['photo.png'].bytes));
  assert.equal(contract.mimeType, 'image/png');
  await page.waitForFunction(
    (sha) => document.querySelector('[data-test=contract-open]')?.getAttribute('href')?.includes(sha),
    contract.sha256,
    WAIT,
  );
});

test('without workforce:person:sensitive the photo shows and the contract is listed without a link', async () => {
  const other = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    const cityPage = await other.newPage();
    await cityPage.goto(`${platform.base}/admin/`);
    await cityPage.locator('input[name=username]').fill('city_admin');
    await cityPage.locator('input[name=password]').fill(DEMO_PASSWORD);
    await cityPage.getByRole('button', { name: /登\s*录/ }).click();
    await cityPage.locator('.navbar').waitFor(WAIT);
    await cityPage.goto(`${platform.base}/admin/workforce/people/${personId}`);
    await waitForImage(cityPage.locator('[data-test=person-photo]'));
    const contract = cityPage.locator('[data-test=employment-table] [data-test=contract-file]').first();
    await contract.getByText('已上传（无权查看原件）').waitFor(WAIT);
    assert.equal(await contract.locator('a').count(), 0);
    await cityPage.screenshot({ path: screenshotPath('workforce-files-no-sensitive'), animations: 'disabled' });
  } finally {
    await other.close();
  }
});

test('删除 removes the photo: the detail page shows the placeholder', async () => {
  await page.goto(`${platform.base}/admin/workforce/people/${personId}/edit`);
  const upload = page.locator('[data-test=f-photo]');
  await waitForImage(upload.locator('[data-test=file-preview]'));
  await upload.locator('[data-test=file-remove]').click();
  await upload.getByText('原证件照将在保存后删除').waitFor(WAIT);
  await page.locator('[data-test=f-save]').click();
  await page.locator('[data-test=person-photo]').getByText('未上传证件照').waitFor(WAIT);
  assert.equal((await storedFiles()).photo, null);
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
});
