/* global fetch -- Node 20 has fetch */
// 手机定位打卡 (需求 1.2.2) at 390×844 in Debian's Chromium, as the demo `worker` account: the page
// shows the person's project today and the phone's position with its accuracy; 打卡 inside the
// project's fence (taken from the graph) is accepted, outside it is refused with the distance, and
// a second 进场 right after the accepted one is refused as a duplicate. Every attempt is read back
// from the server as the admin, and the page's 7-day list (reopened) is the worker's own record on
// the server (myAttendance): the three phone attempts today, refused ones with their reason, and
// the gate's on earlier days. The phone is set to UTC: the times it shows are Beijing time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../subgraphs/identity/dist/index.js';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 30_000 };

let platform;
let browser;
let context;
let page;
let adminToken;
let person;
let employment;
let inside;
let outside;
let workerToken;

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

const login = async (username) =>
  (await gql(`mutation { login(username: "${username}", password: "${DEMO_PASSWORD}") { accessToken } }`, {}, null))
    .login.accessToken;

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  adminToken = await login('admin');
  // The worker's person and the fence of the project they are on today, as the graph has them.
  workerToken = await login('worker');
  const mine = await gql(
    `{ myWorkforcePerson { id name employments { projectId projectName active
       project { workforceSite { boundary fenceMarginM } } } } }`,
    {},
    workerToken,
  );
  person = mine.myWorkforcePerson;
  employment = person.employments.find((e) => e.active && e.project.workforceSite?.boundary);
  assert.ok(employment, 'the demo worker is on a fenced project');
  const ring = employment.project.workforceSite.boundary.coordinates[0].slice(0, -1);
  const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const north = Math.max(...ring.map((p) => p[1]));
  inside = { latitude: lat, longitude: lng, accuracy: 10 };
  // About 1.1 km north of the fence's northern edge: far beyond the margin.
  outside = { latitude: north + 0.01, longitude: lng, accuracy: 15 };

  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    geolocation: inside,
    permissions: ['geolocation'],
  });
  page = await context.newPage();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await platform?.close();
});

const result = () => page.locator('[data-test=m-att-result]');
/** Today's entries in the page's list of the last 7 days. */
const todayList = () => page.locator('[data-test=m-att-day]', { hasText: '今天' }).locator('li');

test('the worker opens 考勤打卡: today’s project and the position with its accuracy', async () => {
  await page.goto(`${platform.base}/admin/m/login`);
  await page.locator('input[name=username]').fill('worker');
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').tap();
  await page.locator('[data-test=m-tile-attendance]').tap();
  await page.locator('[data-test=m-att-project]', { hasText: employment.projectName }).waitFor(WAIT);
  const position = page.locator('[data-test=m-att-position]');
  await position.getByText('定位精度 ±10 米').waitFor(WAIT);
  assert.match(await position.innerText(), new RegExp(`${inside.latitude.toFixed(5)}, ${inside.longitude.toFixed(5)}`));
  assert.match(await position.innerText(), /在项目电子围栏内/);
  await page.screenshot({ path: screenshotPath('workforce-mobile-start'), animations: 'disabled' });
});

test('inside the fence: accepted', async () => {
  await page.locator('[data-test=m-att-dir-IN]').tap();
  await page.locator('[data-test=m-att-checkin]').tap();
  await result().getByText('打卡成功').first().waitFor(WAIT);
  assert.match(await result().innerText(), /进场打卡成功/);
  // The list is read back from the server: today's phone 进场, valid, under the project's name.
  const entry = todayList().filter({ hasText: '手机定位' });
  await entry.first().waitFor(WAIT);
  assert.equal(await entry.count(), 1);
  assert.match(await entry.innerText(), /进场[\s\S]*有效/);
  assert.ok((await entry.innerText()).includes(employment.projectName));
  // The time of the attempt as the server stored it, in Beijing time on a phone set to UTC.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const { myAttendance } = await gql(
    `query($day: String) { myAttendance(dateFrom: $day, dateTo: $day, page: { page: 1, pageSize: 10 }) {
       items { source occurredAt } } }`,
    { day: today },
    workerToken,
  );
  const stored = myAttendance.items.find((r) => r.source === 'MOBILE');
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(stored.occurredAt));
  assert.ok((await entry.innerText()).includes(clock), `${await entry.innerText()} shows ${clock}`);
  assert.ok((await result().innerText()).includes(clock.slice(0, 5)));
  await page.screenshot({ path: screenshotPath('workforce-mobile-accepted'), animations: 'disabled' });
});

test('outside the fence: refused with the distance', async () => {
  await context.setGeolocation(outside);
  await page.locator('[data-test=m-att-position]').getByText('定位精度 ±15 米').waitFor(WAIT);
  await page.locator('[data-test=m-att-checkin]').tap();
  await result().getByText('✗ 打卡未成功').waitFor(WAIT);
  assert.match(await result().innerText(), /电子围栏范围内[\s\S]*距围栏约 \d+ 米/);
  const metres = Number((await result().innerText()).match(/距围栏约 (\d+) 米/)[1]);
  assert.ok(metres > 900 && metres < 1300, `about 1.1 km: ${metres}`);
  await todayList()
    .filter({ hasText: /被拒[\s\S]*不在项目电子围栏范围内（距围栏约 \d+ 米）/ })
    .waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('workforce-mobile-outside'), animations: 'disabled' });
});

test('back inside, 进场 again right away: refused as a duplicate', async () => {
  await context.setGeolocation(inside);
  await page.locator('[data-test=m-att-position]').getByText('定位精度 ±10 米').waitFor(WAIT);
  await page.locator('[data-test=m-att-checkin]').tap();
  await result().getByText('重复打卡').first().waitFor(WAIT);
  assert.match(await result().innerText(), /打卡未成功/);
  await page.screenshot({ path: screenshotPath('workforce-mobile-duplicate'), animations: 'disabled' });

  // What the server stored for the person today: the three attempts, as the page said.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const stored = await gql(
    `query($f: AttendanceRecordFilter) { attendanceRecords(filter: $f, page: { page: 1, pageSize: 100 }) {
       items { source accepted reason direction distanceM } } }`,
    { f: { personId: person.id, dateFrom: today, dateTo: today } },
  );
  const mobile = stored.attendanceRecords.items.filter((r) => r.source === 'MOBILE');
  assert.equal(mobile.length, 3);
  assert.deepEqual(mobile.map((r) => r.reason).sort(), ['DUPLICATE', 'OUTSIDE_FENCE', null].sort());
  assert.ok(mobile.every((r) => r.direction === 'IN'));
});

test('reopened, the page lists the worker’s own record of 7 days from the server, refusals with their reason', async () => {
  await page.reload();
  const history = page.locator('[data-test=m-att-history]');
  await todayList().first().waitFor(WAIT);
  // Newest first: the duplicate, the refusal outside the fence, the accepted 进场.
  const today = await todayList().filter({ hasText: '手机定位' }).allInnerTexts();
  assert.equal(today.length, 3, today.join('\n'));
  assert.match(today[0], /被拒[\s\S]*重复打卡/);
  assert.match(today[1], /被拒[\s\S]*不在项目电子围栏范围内（距围栏约 \d+ 米）/);
  assert.match(today[2], /进场[\s\S]*有效/);

  // The same as the server's answer to the worker (the seed's gate attempts on earlier days too).
  const beijing = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(ms);
  const { myAttendance } = await gql(
    `query($from: String, $to: String) { myAttendance(dateFrom: $from, dateTo: $to, page: { page: 1, pageSize: 100 }) {
       total items { id source accepted workDate } } }`,
    { from: beijing(Date.now() - 6 * 86_400_000), to: beijing(Date.now()) },
    workerToken,
  );
  assert.equal(await history.locator('li').count(), myAttendance.items.length);
  assert.ok(
    myAttendance.items.some((r) => r.source === 'DEVICE'),
    'gate attempts of earlier days are listed',
  );
  assert.ok((await page.locator('[data-test=m-att-day]').count()) > 1, 'more than one day');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('workforce-mobile-history'), animations: 'disabled' });
});
