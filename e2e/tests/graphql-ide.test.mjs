// The offline GraphQL IDE in a real browser: a person opens it on the intranet (no CDN),
// logs in with a mutation, puts the token in the headers and queries the federated graph.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

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

async function replaceEditor(page, selector, text) {
  await page.locator(`${selector} .CodeMirror:visible`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText types the text as one input, so the editor's bracket auto-closing does not double it.
  await page.keyboard.insertText(text);
}

async function runAndRead(page) {
  await page.click('.graphiql-execute-button');
  const result = page.locator('.graphiql-response .CodeMirror-code');
  await result.filter({ hasText: /"data"|"errors"/ }).waitFor();
  return result.innerText();
}

test('GraphiQL loads offline, logs in and queries projects joined with their creators', async () => {
  const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const external = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(platform.base) && !request.url().startsWith('ws://127.0.0.1'))
      external.push(request.url());
  });

  await page.goto(`${platform.base}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await page.screenshot({ path: screenshotPath('graphiql-start') });

  await replaceEditor(
    page,
    '.graphiql-query-editor',
    `mutation { login(username: "${admin.username}", password: "${admin.password}") { accessToken user { displayName } } }`,
  );
  const loginText = await runAndRead(page);
  const token = /"accessToken":\s*"([^"]+)"/.exec(loginText.replace(/\n/g, ''))?.[1];
  assert.ok(token, `no access token in: ${loginText}`);
  await page.screenshot({ path: screenshotPath('graphiql-login') });

  // The headers editor is open by default (defaultEditorToolsVisibility: 'headers').
  await replaceEditor(page, '.graphiql-editor-tool', `{ "Authorization": "Bearer ${token}" }`);
  await replaceEditor(
    page,
    '.graphiql-query-editor',
    '{ projects(page: { page: 1, pageSize: 3 }) { total items { name district { name } createdBy { displayName } } } }',
  );
  const projectsText = await runAndRead(page);
  assert.match(projectsText, /"total"/);
  assert.match(projectsText, /黄石港区|西塞山区|下陆区|铁山区|阳新县|大冶市/);
  assert.match(projectsText, /"displayName"/);
  assert.doesNotMatch(projectsText, /"errors"/);
  await page.screenshot({ path: screenshotPath('graphiql-projects') });

  assert.deepEqual(external, [], 'the IDE must not load anything from outside the platform');
  await page.close();
});
