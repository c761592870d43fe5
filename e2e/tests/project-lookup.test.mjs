/* global localStorage, fetch -- browser code in page.evaluate; fetch is Node 24's own */
// 3.1.1 / 3.1.2 in the admin as a clerk uses it, against the provincial simulators `npm start`
// runs in-process: the project form filled from a 施工许可证编号, the units shown (registered or
// new), the name corrected in the form, saved after confirmation, and the project with the
// corrected name and its five units stored; then an enterprise
// looked up by its 统一社会信用代码 whose registered name differs, confirmed, and its qualifications
// shown with their status. Needs the built admin (npm run build).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { buildProjects } from '../../simulators/provincial-approval/data.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

let platform;
let browser;
let context;
let page;

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
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
});

const admin = (path) => `${platform.base}/admin${path}`;

/** The router's answer to the page's lookup query of that operation name. */
const lookupAnswer = (operation) =>
  page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && new RegExp(`query ${operation}\\b`).test(r.request().postData() ?? ''),
  );

async function answer(query, variables = {}) {
  const token = await page.evaluate(() => localStorage.getItem('hs.admin.accessToken'));
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function graphql(query, variables = {}) {
  const body = await answer(query, variables);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

test('the project form is filled from a 施工许可证编号 and saved with its units after confirmation', async () => {
  // A project under construction none of whose units the demo registry holds under another name.
  const project = buildProjects().find(
    (p) => p.status === '3' && p.codes.permitNo && p.units.every((u) => u.creditCode !== '91420202G8NQDE0RHJ'),
  );
  await page.goto(admin('/projects/create'));
  const panel = page.locator('[data-test=provincial-panel]');
  await panel.locator('[data-test=provincial-code]').fill(project.codes.permitNo);
  const answered = lookupAnswer('ProvincialProjectLookup');
  await panel.locator('[data-test=provincial-fetch]').click();
  const body = await (await answered).json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  const units = panel.locator('[data-test=provincial-units] .el-table__body-wrapper .el-table__row');
  await units.first().waitFor();
  assert.equal(await units.count(), 5);
  for (const unit of project.units) await panel.getByText(unit.name, { exact: true }).first().waitFor();
  assert.equal(await page.locator('input[name=name]').inputValue(), project.name);
  assert.equal(await page.locator('[data-test=investment-code]').inputValue(), project.codes.investmentCode);
  assert.equal(await page.locator('input[name=address]').inputValue(), project.address);
  await panel.getByText('您在表单中修改过的名称').waitFor();
  await page.screenshot({ path: screenshotPath('project-lookup-filled'), fullPage: true });

  // The clerk corrects the name in the filled form: the save carries the correction over.
  const edited = `${project.name}（核对后）`;
  await page.locator('input[name=name]').fill(edited);

  // Nothing is stored before the confirmation.
  const before = await answer('query($c: String!) { projectByCode(code: $c) { id } }', { c: project.codes.permitNo });
  assert.equal(before.errors?.[0]?.extensions?.code, 'NOT_FOUND');

  await panel.locator('[data-test=provincial-apply]').click();
  await page.locator('.el-message--success', { hasText: '项目名称按您的修改保存' }).waitFor();
  await page.waitForURL(/\/admin\/projects\/[0-9a-f-]{36}$/);
  const info = page.locator('[data-test=project-info]');
  await info.getByText(project.codes.permitNo).waitFor();
  await info.getByText(project.codes.investmentCode).waitFor();
  await page.screenshot({ path: screenshotPath('project-lookup-saved'), fullPage: true });

  const { projectByCode } = await graphql(
    'query($c: String!) { projectByCode(code: $c) { name permitCode units { role projectLeader enterprise { name creditCode } } } }',
    { c: project.codes.investmentCode },
  );
  assert.equal(projectByCode.name, edited);
  assert.equal(projectByCode.permitCode, project.codes.permitNo);
  assert.deepEqual(
    projectByCode.units.map((u) => u.enterprise.creditCode),
    project.units.map((u) => u.creditCode),
  );
});

test('an enterprise looked up by its credit code: the differing name is confirmed, the qualifications show their status', async () => {
  await page.goto(admin('/enterprises/create'));
  const panel = page.locator('[data-test=provincial-enterprise-panel]');
  await panel.locator('[data-test=provincial-credit-code]').fill('91420202G8NQDE0RHJ');
  const answered = lookupAnswer('ProvincialEnterpriseLookup');
  await panel.locator('[data-test=provincial-fetch]').click();
  const body = await (await answered).json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  const conflicts = panel.locator('[data-test=provincial-conflicts]');
  await conflicts.getByText('湖北磁湖建工集团有限公司').waitFor();
  assert.equal(await panel.locator('[data-test=provincial-apply]').isDisabled(), true);
  // The page says what this button saves: the platform's data, not edits in the form below.
  await panel.getByText('表单中的修改不随之保存').waitFor();
  await page.screenshot({ path: screenshotPath('enterprise-lookup-proposal'), fullPage: true });
  await panel.locator('[data-test=provincial-confirm]').click();
  await panel.locator('[data-test=provincial-apply]').click();
  await page.waitForURL(/\/admin\/enterprises\/[0-9a-f-]{36}$/);
  await page.getByText('湖北磁湖建工集团有限公司').first().waitFor();
  const table = page.locator('[data-test=qualifications]');
  await table.getByText('省建筑市场监督与诚信一体化平台').first().waitFor();
  assert.ok((await table.locator('[data-test^=qualification-]').count()) > 0);
  await page.screenshot({ path: screenshotPath('enterprise-lookup-saved'), fullPage: true });
});
