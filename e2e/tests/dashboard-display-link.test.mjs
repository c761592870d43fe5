// The wall screen signs in without a person (issue 3): an administrator creates a display link
// through the graph; the screen opens /dashboard/?display=<token> with no login, keeps the token
// (a reload or a reboot needs no one), and gets a read-only token only. A revoked link falls back
// to the plain login form, where the display account still gets in.
/* global fetch, window, document, MutationObserver -- Node 20 has fetch; init scripts run in the browser */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitForMapLabels } from '../dashboard-map.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 20_000 };
let platform;
let browser;
let adminToken;

async function gql(query, variables = {}, token = adminToken) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function createLink(label) {
  const result = await gql(
    `mutation ($label: String!) { createDisplayLink(label: $label, validDays: 7) { token path link { id } } }`,
    {
      label,
    },
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data.createDisplayLink;
}

/** SQL on the identity database, through the running subgraph (to make a link run out soon). */
async function identitySql(text, params = []) {
  const identity = platform.subgraphs.find((s) => s.name === 'identity');
  return identity.orm.em.fork().getConnection().execute(text, params);
}

async function waitForDashboard(page) {
  await page.locator('.dashboard[data-loaded="true"]').waitFor(WAIT);
  await waitForMapLabels(page);
  await page.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor(WAIT);
}

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  const login = await gql(`mutation { login(username: "admin", password: "Huangshi@2025") { accessToken } }`, {}, null);
  adminToken = login.data.login.accessToken;
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

test('opens /dashboard/?display=<token> with no login, keeps it across reloads, and holds a read-only token', async () => {
  const link = await createLink('指挥中心大屏');
  assert.match(link.path, /^\/dashboard\/\?display=/);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const exchanged = page.waitForResponse(
    async (r) => r.url().endsWith('/graphql') && /DisplayLogin/.test(r.request().postData() ?? ''),
  );
  await page.goto(`${platform.base}${link.path}`);

  const body = await (await exchanged).json();
  const { accessToken, permissions, expiresIn } = body.data.displayLogin;
  assert.deepEqual(permissions, ['dashboard:view', 'enterprise:view', 'project:view']);
  assert.ok(expiresIn > 0 && expiresIn <= 900);

  await waitForDashboard(page);
  assert.equal(await page.getByTestId('login-form').count(), 0, 'no login form');
  await page.getByText('大屏链接：指挥中心大屏').waitFor();
  assert.ok(!page.url().includes('display='), 'token removed from the address bar');
  await page.screenshot({ path: screenshotPath('dashboard-display-link') });

  // The screen's token reads and nothing more, although an administrator created the link.
  const edit = await gql(
    `mutation ($id: ID!) { updateProject(id: $id, input: { name: "x" }) { id } }`,
    { id: '00000000-0000-4000-8000-000000000000' },
    accessToken,
  );
  assert.equal(edit.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  const users = await gql(`{ users { total } }`, {}, accessToken);
  assert.equal(users.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  const read = await gql(`{ projectStats { total } }`, {}, accessToken);
  assert.equal(read.errors, undefined);

  // A reload (a reboot of the screen) comes back by itself with the stored link.
  await page.goto(`${platform.base}/dashboard/`);
  await waitForDashboard(page);
  assert.equal(await page.getByTestId('login-form').count(), 0);
  await page.getByText('大屏链接：指挥中心大屏').waitFor();

  const listed = await gql(`{ displayLinks { id useCount lastUsedAt } }`);
  const row = listed.data.displayLinks.find((l) => l.id === link.link.id);
  assert.ok(row.useCount >= 2, `exchanged at each start (${row.useCount})`);
  await context.close();
});

test('without a link the login form appears; the display account signs in with its password', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`${platform.base}/dashboard/`);
  const form = page.getByTestId('login-form');
  await form.waitFor(WAIT);
  await form.locator('input[name="username"]').fill('display');
  await form.locator('input[name="password"]').fill('Huangshi@2025');
  await form.getByRole('button', { name: /登\s*录/ }).click();
  await waitForDashboard(page);
  await page.getByText('用户：指挥中心大屏').waitFor();
  await context.close();
});

test('a revoked link is refused: the screen shows why and offers the login form', async () => {
  const link = await createLink('已撤销的大屏');
  const revoked = await gql(`mutation ($id: ID!) { revokeDisplayLink(id: $id) { status } }`, { id: link.link.id });
  assert.equal(revoked.data.revokeDisplayLink.status, 'REVOKED');

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`${platform.base}${link.path}`);
  await page.getByTestId('login-form').waitFor(WAIT);
  await page.getByTestId('login-notice').filter({ hasText: '大屏链接已被撤销' }).waitFor();
  assert.equal(await page.locator('.dashboard').count(), 0, 'no data without a valid link');
  await page.screenshot({ path: screenshotPath('dashboard-link-revoked') });

  // The refused token is forgotten: a reload does not try it again.
  const tried = [];
  page.on('request', (r) => {
    if (/DisplayLogin/.test(r.postData() ?? '')) tried.push(r.url());
  });
  await page.reload();
  await page.getByTestId('login-form').waitFor(WAIT);
  assert.deepEqual(tried, []);
  await context.close();
});

test('renews its token before it expires without an outage, and shows the form once the link runs out', async () => {
  const link = await createLink('即将到期的大屏');
  // The access token never outlives its link, so a link with seconds left makes the screen renew often.
  await identitySql(`update identity.display_link set expires_at = now() + interval '45 seconds' where id = ?`, [
    link.link.id,
  ]);

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  // Every state the connection indicator goes through, in order.
  await page.addInitScript(() => {
    window.__indicatorStates = [];
    new MutationObserver(() => {
      const state = document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-state');
      if (state && window.__indicatorStates.at(-1) !== state) window.__indicatorStates.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
  let exchanges = 0;
  page.on('response', (r) => {
    if (/DisplayLogin/.test(r.request().postData() ?? '') && r.status() === 200) exchanges++;
  });
  await page.goto(`${platform.base}${link.path}`);
  await waitForDashboard(page);
  await page.getByTestId('link-warning').filter({ hasText: '大屏链接今日到期' }).waitFor();
  await page.screenshot({ path: screenshotPath('dashboard-link-expiring') });

  // Two renewals later the screen is still live and never showed 重连中 or 断开.
  const start = exchanges;
  while (exchanges < start + 2) {
    await page.waitForResponse((r) => /DisplayLogin/.test(r.request().postData() ?? ''), { timeout: 30_000 });
  }
  await page.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor();
  const states = await page.evaluate(() => window.__indicatorStates);
  const sinceConnected = states.slice(states.indexOf('ok'));
  assert.deepEqual(sinceConnected, ['ok'], `indicator states: ${states.join(' → ')}`);

  // The link runs out: the next exchange is refused and the screen says so.
  await page.getByTestId('login-notice').filter({ hasText: '大屏链接已过期' }).waitFor({ timeout: 60_000 });
  await context.close();
});
