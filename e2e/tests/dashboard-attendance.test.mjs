// The big screen's second screen, 实名制考勤 (需求 4.3.1–4.3.6), in a real browser at 1920×1080,
// signed in as the `display` demo account: switched from the title bar, its figures (today's
// attendance, the district rates, both rankings, personnel statistics, the district carousel) equal
// the graph's own answers for the city and for a district focused on the map; a batch of check-ins
// posted through the graph as the `device_gateway` account moves them without a reload and without
// a single workforce query (the deltas of attendanceChanged are added on screen); ?screen= and
// ?rotate= open the screen and rotate the wall.
/* global fetch, document, window -- Node 20 has fetch; page.evaluate bodies run in the browser */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { computeIdCardCheckChar } from '../../packages/kit/dist/index.js';
import { clickDistrictLabel, waitForMapLabels } from '../dashboard-map.mjs';
import { launchBrowser, screenshotPath, startTestPlatform } from '../support.mjs';

const WAIT = { timeout: 20_000 };
const PASSWORD = 'Huangshi@2025';
/** Rows in each ranking on screen. */
const RANKING_ROWS = 8;
const TOP_TRADES = 6;
const TOP_POSTS = 6;

let platform;
let browser;
let adminToken;
let gatewayToken;
let districts;

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

async function login(username) {
  const { login: l } = await gql(
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
    { u: username, p: PASSWORD },
    null,
  );
  return l.accessToken;
}

/** What the screen must show for a scope, in readScreen's shape, from the graph's own answers. */
async function expected(districtCode = null) {
  const data = await gql(
    `query ($d: String, $n: Int!) {
      scope: workforceToday(districtCode: $d) { total { onSite keyOnSite attended registered keyAttended keyRegistered } }
      city: workforceToday { byDistrict { districtCode attended registered keyAttended keyRegistered onSite } }
      onSite: workforceOnSiteRanking(limit: $n, districtCode: $d) { items { projectId onSite registered } }
      keyPost: workforceKeyPostRanking(limit: $n, districtCode: $d) { items { projectId keyAttended keyRegistered } }
      people: workforcePersonnelStats(districtCode: $d) {
        total keyPost byTrade { key count } byPost { key count } byAgeBand { key count }
      }
    }`,
    { d: districtCode, n: RANKING_ROWS },
  );
  const t = data.scope.total;
  const byCode = new Map(data.city.byDistrict.map((r) => [r.districtCode, r]));
  return {
    today: [t.onSite, t.keyOnSite, t.attended, t.registered, t.keyAttended, t.keyRegistered],
    // Every district has a bar, with or without sites.
    districts: districts.map((d) => {
      const r = byCode.get(d.code);
      return [d.code, r?.attended ?? 0, r?.registered ?? 0, r?.keyAttended ?? 0, r?.keyRegistered ?? 0, r?.onSite ?? 0];
    }),
    onSite: data.onSite.items.map((r) => [r.projectId, r.onSite, r.registered]),
    keyPost: data.keyPost.items.map((r) => [r.projectId, r.keyAttended, r.keyRegistered]),
    personnel: {
      total: data.people.total,
      keyPost: data.people.keyPost,
      trades: data.people.byTrade.slice(0, TOP_TRADES).map((r) => [r.key, r.count]),
      posts: data.people.byPost.slice(0, TOP_POSTS).map((r) => [r.key, r.count]),
      ages: data.people.byAgeBand.map((r) => [r.key, r.count]),
    },
  };
}

/** Today's attended count of one project, from the graph. */
async function attendedOf(projectId) {
  const { workforceProjectsToday } = await gql(
    `{ workforceProjectsToday(page: { page: 1, pageSize: 100 }) { total items { projectId attended } } }`,
  );
  assert.ok(workforceProjectsToday.total <= 100, 'the demo city fits one page');
  return workforceProjectsToday.items.find((r) => r.projectId === projectId).attended;
}

/** What the screen shows now (runs in the page). */
function readScreen() {
  const values = (id) => JSON.parse(document.querySelector(`[data-testid="${id}"]`)?.dataset.values ?? 'null');
  return {
    today: values('attendance-today'),
    districts: values('attendance-district-rates'),
    onSite: values('onsite-ranking'),
    keyPost: values('keypost-ranking'),
    personnel: values('personnel-stats'),
  };
}

async function waitForFigures(page, want) {
  await page.evaluate(`window.__readAttendanceScreen = ${readScreen.toString()}`);
  try {
    await page.waitForFunction(
      (json) => JSON.stringify(window.__readAttendanceScreen()) === json,
      JSON.stringify(want),
      WAIT,
    );
  } catch (error) {
    assert.deepEqual(await page.evaluate(readScreen), want, `the screen does not show the graph's figures`);
    throw error;
  }
}

/**
 * Since `from`: no query for the day's figures, and personnel statistics only for a district not
 * asked for before (the carousel fetches a district's people when it first comes round to it).
 */
function assertNoRequery(requests, from, message) {
  const earlier = new Set(
    requests
      .slice(0, from)
      .filter((r) => r.name === 'DashboardPersonnelStats')
      .map((r) => r.variables.districtCode ?? 'city'),
  );
  const later = requests.slice(from);
  assert.deepEqual(
    later.filter((r) => r.name !== 'DashboardPersonnelStats').map((r) => r.name),
    [],
    `${message}: no query for the day`,
  );
  const scopes = later
    .filter((r) => r.name === 'DashboardPersonnelStats')
    .map((r) => r.variables.districtCode ?? 'city');
  for (const scope of scopes) assert.ok(!earlier.has(scope), `${message}: personnel of ${scope} was kept`);
  assert.equal(new Set(scopes).size, scopes.length, `${message}: each district's personnel fetched once`);
}

/** The screen's workforce queries, by operation. */
function watchWorkforceRequests(page) {
  const sent = [];
  page.on('request', (r) => {
    if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
    const body = JSON.parse(r.postData() ?? '{}');
    const name = /query (DashboardWorkforce\w+|DashboardPersonnelStats)/.exec(body.query ?? '')?.[1];
    if (name) sent.push({ name, variables: body.variables });
  });
  return sent;
}

async function openAsDisplay(path = '/dashboard/', setup = async () => {}) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await setup(page);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // maplibre reports a bad layer or expression as an event, not an exception: the map logs it.
  page.on('console', (message) => {
    if (message.text().startsWith('map error')) errors.push(message.text());
  });
  const requests = watchWorkforceRequests(page);
  await page.goto(`${platform.base}${path}`);
  const form = page.getByTestId('login-form');
  await form.locator('input[name="username"]').fill('display');
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.locator('.dashboard[data-loaded="true"]').waitFor(WAIT);
  await waitForMapLabels(page);
  await page.getByTestId('live-indicator').filter({ hasText: '正常' }).waitFor(WAIT);
  await page.evaluate(() => (window.__attendanceTestMarker = 'same page'));
  return { page, errors, requests };
}

/** Panels must not overlap each other or the map at 1920×1080, and must stay on the screen. */
async function checkLayout(t, page) {
  // A card sliding in (the carousel's transition) overflows its panel until it has arrived.
  await page.waitForFunction(
    () => !document.querySelector('[class*="-enter-active"], [class*="-leave-active"]'),
    null,
    WAIT,
  );
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('main.grid section.panel, main.grid > .center, header.title-bar')].map((el) => {
      const r = el.getBoundingClientRect();
      const name = el.matches('header') ? 'title bar' : (el.querySelector('.panel-title')?.textContent ?? 'map');
      // Content that does not fit its panel (cut off): scrollHeight beyond the body's box.
      const body = el.querySelector('.panel-body');
      const clipped = body
        ? body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1
        : false;
      const content = body
        ? `content ${body.scrollWidth}×${body.scrollHeight} in ${body.clientWidth}×${body.clientHeight}`
        : '';
      return { name, clipped, content, ...r.toJSON() };
    }),
  );
  t.diagnostic(boxes.map((b) => `${b.name} ${Math.round(b.width)}×${Math.round(b.height)}`).join(', '));
  assert.equal(boxes.filter((b) => b.name !== 'map' && b.name !== 'title bar').length, 6, 'six panels');
  for (const a of boxes) {
    assert.ok(a.left >= 0 && a.top >= 0 && a.right <= 1920 && a.bottom <= 1080, `${a.name} is on the screen`);
    assert.ok(a.height > 120 || a.name === 'title bar', `${a.name} has room (${a.width}×${a.height})`);
    assert.ok(!a.clipped, `${a.name}: its content fits (${a.content})`);
    for (const b of boxes) {
      if (a === b) continue;
      const overlap =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      assert.ok(!overlap, `${a.name} and ${b.name} do not overlap`);
    }
  }
  // The title bar's own parts (clock, screen tabs, title, indicator) side by side, not on top of each other.
  const parts = await page.evaluate(() =>
    ['.clock', '[data-testid="screen-tabs"]', 'h1.title', '.side.right'].map((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { sel, left: r.left, right: r.right };
    }),
  );
  for (let i = 1; i < parts.length; i++)
    assert.ok(parts[i].left >= parts[i - 1].right - 0.5, `${parts[i - 1].sel} and ${parts[i].sel} do not overlap`);
}

/**
 * A project of the district with a device, people registered on it who have not checked in today
 * (a key post among them when one can be found) and someone on site now.
 */
async function projectToCheckIn(districtCode) {
  const { workforceSites } = await gql(
    `query ($d: String) { workforceSites(districtCode: $d, page: { page: 1, pageSize: 100 }) {
      items { projectId name districtCode devices { id enabled } } } }`,
    { d: districtCode },
  );
  let fallback = null;
  let nobodyYet = null;
  for (const site of workforceSites.items.filter((s) => s.devices.some((d) => d.enabled))) {
    const { workforcePeople, attendanceRecords } = await gql(
      `query ($p: ID!) {
        workforcePeople(filter: { projectId: $p }, page: { page: 1, pageSize: 100 }) {
          items { id employments { projectId isKeyPost active } }
        }
        attendanceRecords(filter: { projectId: $p, accepted: true }, page: { page: 1, pageSize: 100 }) {
          total items { personId direction occurredAt }
        }
      }`,
      { p: site.projectId },
    );
    assert.ok(attendanceRecords.total <= 100, 'one page holds the day’s records of a demo project');
    const last = new Map();
    for (const r of [...attendanceRecords.items].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)))
      last.set(r.personId, r.direction);
    const people = workforcePeople.items.map((p) => ({
      id: p.id,
      active: p.employments.some((e) => e.projectId === site.projectId && e.active),
      key: p.employments.some((e) => e.projectId === site.projectId && e.active && e.isKeyPost),
    }));
    // Only people still employed there count as registered (the seed ends some contracts).
    const absent = people.filter((p) => p.active && !last.has(p.id));
    const onSite = people.filter((p) => last.get(p.id) === 'IN' && !p.key);
    if (!onSite.length && absent.filter((p) => !p.key).length >= 2) nobodyYet ??= { site, absent };
    if (!absent.length || !onSite.length) continue;
    const pick = { site, device: site.devices.find((d) => d.enabled).id, absent, onSite: onSite[0] };
    if (absent.some((p) => p.key)) return pick;
    fallback ??= pick;
  }
  if (!fallback && nobodyYet) {
    // Just after midnight (Beijing time) the seeded day has no arrivals yet: one person arrives now.
    const arriving = nobodyYet.absent.find((p) => !p.key);
    const device = nobodyYet.site.devices.find((d) => d.enabled).id;
    const result = await ingest(device, [checkIn(arriving.id, 'IN')]);
    assert.equal(result.accepted, 1, JSON.stringify(result.outcomes));
    return { site: nobodyYet.site, device, absent: nobodyYet.absent.filter((p) => p !== arriving), onSite: arriving };
  }
  assert.ok(fallback, 'the seed has a project with someone still to check in');
  return fallback;
}

let eventSeq = 0;
const checkIn = (personId, direction) => ({
  eventId: `e2e-${process.pid}-${++eventSeq}`,
  personId,
  occurredAt: new Date().toISOString(),
  direction,
});

/** A batch from the device, as the device gateway posts it. */
async function ingest(deviceId, events) {
  const { ingestAttendanceBatch } = await gql(
    `mutation ($d: ID!, $b: String!, $e: [AttendanceEventInput!]!) {
      ingestAttendanceBatch(deviceId: $d, batchId: $b, events: $e) { accepted refused outcomes { accepted reason } }
    }`,
    { d: deviceId, b: `e2e-batch-${process.pid}-${++eventSeq}`, e: events },
    gatewayToken,
  );
  return ingestAttendanceBatch;
}

before(async () => {
  platform = await startTestPlatform();
  browser = await launchBrowser();
  adminToken = await login('admin');
  gatewayToken = await login('device_gateway');
  const data = await gql(`{ districts { code name kind } }`);
  districts = data.districts.filter((d) => d.kind !== 'CITY');
  assert.equal(districts.length, 6);
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

test('实名制考勤 shows the graph’s figures, follows district focus and moves with every check-in batch', async (t) => {
  const { page, errors, requests } = await openAsDisplay();
  assert.deepEqual(requests, [], 'the overview screen asks nothing of the workforce graph');

  await page.getByTestId('screen-tabs').getByRole('tab', { name: '实名制考勤' }).click();
  await page.locator('.dashboard[data-screen="attendance"]').waitFor(WAIT);
  const city = await expected();
  assert.ok(city.today[2] > 0 && city.today[0] > 0, 'the seed has check-ins this morning');
  await waitForFigures(page, city);
  await checkLayout(t, page);
  // Give the map a moment to paint its colours before the picture is taken.
  await page.getByTestId('map-legend').filter({ hasText: '出勤率' }).waitFor(WAIT);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: screenshotPath('dashboard-attendance-city') });
  const loadRequests = requests.map((r) => r.name);
  t.diagnostic(`loading the screen: ${loadRequests.join(', ')}`);
  assert.equal(loadRequests.filter((n) => n === 'DashboardWorkforceToday').length, 1);

  // Focus the district of the project the check-ins are posted for: no query for the day's figures.
  // Just after Beijing midnight the seeded day may have nobody on site yet: one arrival is posted
  // first (workforce/test/day-boundary.test.ts holds the 出勤 of that night).
  const target = await projectToCheckIn(null);
  const districtName = districts.find((d) => d.code === target.site.districtCode).name;
  const beforeFocus = requests.length;
  await clickDistrictLabel(page, districtName);
  await page.getByTestId('map-selection').filter({ hasText: districtName }).waitFor(WAIT);
  const district = await expected(target.site.districtCode);
  await waitForFigures(page, district);
  const carousel = page.getByTestId('district-carousel');
  await page.waitForFunction(
    ([code, values]) => {
      const el = document.querySelector('[data-testid="district-carousel"]');
      return el?.dataset.code === code && el.dataset.values === values;
    },
    [
      target.site.districtCode,
      JSON.stringify([
        target.site.districtCode,
        district.personnel.total,
        district.personnel.keyPost,
        district.today[0],
        district.today[2],
      ]),
    ],
    WAIT,
  );
  assert.ok(await carousel.isVisible());
  await checkLayout(t, page);

  // A ranking row pins the project's card on the map, with today's figures of that project.
  const [topId, topOnSite, topRegistered] = district.onSite[0];
  await page.getByTestId('onsite-ranking').locator('li').first().click();
  const card = page.getByTestId('project-card-attendance');
  await card.waitFor(WAIT);
  assert.deepEqual(
    (await card.locator('b').allInnerTexts()).slice(0, 2).map((x) => x.trim()),
    [String(topOnSite), `${await attendedOf(topId)}/${topRegistered}`],
  );
  await page.screenshot({ path: screenshotPath('dashboard-attendance-card') });
  await page.getByTestId('project-card').locator('button.close').click();
  await card.waitFor({ state: 'detached', ...WAIT });
  const onFocus = requests.slice(beforeFocus).map((r) => r.name);
  assert.ok(
    onFocus.every((n) => n === 'DashboardPersonnelStats') && onFocus.length <= 1,
    `focusing a district fetches at most its personnel statistics (${onFocus.join(', ')})`,
  );

  // The device gateway posts a batch: people arriving (first check-in today) and one leaving.
  const arriving = target.absent.slice(0, 2);
  const events = [...arriving.map((p) => checkIn(p.id, 'IN')), checkIn(target.onSite.id, 'OUT')];
  const beforeBatch = requests.length;
  const sent = Date.now();
  const ingestAttendanceBatch = await ingest(target.device, events);
  const shownBefore = JSON.stringify(district.today);
  await page.waitForFunction(
    (before) => document.querySelector('[data-testid="attendance-today"]')?.dataset.values !== before,
    shownBefore,
    WAIT,
  );
  t.diagnostic(`batch of ${events.length}: the screen moved ${Date.now() - sent} ms after the post began (diagnostic)`);
  assert.equal(ingestAttendanceBatch.accepted, events.length, JSON.stringify(ingestAttendanceBatch.outcomes));
  const afterBatch = await expected(target.site.districtCode);
  assert.equal(afterBatch.today[2], district.today[2] + arriving.length, 'the graph counts the new arrivals');
  assert.equal(afterBatch.today[0], district.today[0] + arriving.length - 1, 'and the one who left');
  await waitForFigures(page, afterBatch);
  await page.getByTestId('attendance-last-event').filter({ hasText: target.site.name }).waitFor(WAIT);
  await page.screenshot({ path: screenshotPath('dashboard-attendance-district-live') });
  assert.deepEqual(requests.slice(beforeBatch), [], 'the check-ins were added on screen: no workforce query');

  // Back to the city: the city's figures include the batch, still without a query for the day.
  await page.getByTestId('map-reset').click();
  await page.getByTestId('map-selection').waitFor({ state: 'detached', ...WAIT });
  const cityAfter = await expected();
  assert.equal(cityAfter.today[2], city.today[2] + arriving.length);
  await waitForFigures(page, cityAfter);
  assertNoRequery(requests, beforeBatch, 'the city was kept: its figures moved with the deltas');

  // A second batch while the city is on screen: the same person leaving again is a duplicate (refused,
  // kept for the record), a second arrival counts.
  const second = target.absent[2] ?? null;
  const more = [checkIn(target.onSite.id, 'OUT'), ...(second ? [checkIn(second.id, 'IN')] : [])];
  const r2 = await ingest(target.device, more);
  assert.equal(r2.refused, 1, 'the repeated OUT is refused');
  await waitForFigures(page, await expected());
  await page.screenshot({ path: screenshotPath('dashboard-attendance-city-live') });

  // Over to 综合 and back: the overview's panels are there, the attendance figures are not fetched again.
  await page.getByTestId('screen-tabs').getByRole('tab', { name: '综合' }).click();
  await page.getByTestId('key-counts').waitFor(WAIT);
  await page.getByTestId('map-legend').filter({ hasText: '项目状态' }).waitFor(WAIT);
  await page.getByTestId('screen-tabs').getByRole('tab', { name: '实名制考勤' }).click();
  await waitForFigures(page, await expected());
  assertNoRequery(requests, beforeBatch, 'switching screens re-queries nothing');

  // 进场登记 of a newcomer on a key post: 在册 follows through the subscription without a reload of
  // the day; only the personnel answer of the scope on screen is asked again (it counts the register).
  const beforeRegister = requests.length;
  const first17 = `42020219700707${String(process.pid % 1000).padStart(3, '0')}`;
  const { createWorkforcePerson } = await gql(
    `mutation ($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`,
    {
      i: { name: '大屏进场测试', idCard: first17 + computeIdCardCheckChar(first17), ethnicity: '汉族', trade: '电工' },
    },
  );
  const entryDate = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await gql(`mutation ($i: WorkforceEmploymentInput!) { assignWorkforcePerson(input: $i) { id } }`, {
    i: { personId: createWorkforcePerson.id, projectId: target.site.projectId, post: '安全员', entryDate },
  });
  const registered = await expected();
  assert.equal(registered.today[3], cityAfter.today[3] + 1, 'the graph counts the newcomer on the register');
  assert.equal(registered.today[5], cityAfter.today[5] + 1, 'as a key post');
  await waitForFigures(page, registered);
  assert.deepEqual(
    requests
      .slice(beforeRegister)
      .map((r) => r.name)
      .filter((name) => name !== 'DashboardPersonnelStats'),
    [],
    'the register moved with the event: no query for the day',
  );

  assert.equal(await page.evaluate(() => window.__attendanceTestMarker), 'same page', 'the page was not reloaded');
  assert.deepEqual(errors, []);
  await page.close();
});

test('?screen=attendance opens the attendance screen and ?rotate= switches screens by itself', async () => {
  const { page, errors } = await openAsDisplay('/dashboard/?screen=attendance&rotate=15');
  await page.locator('.dashboard[data-screen="attendance"]').waitFor(WAIT);
  await page.getByTestId('rotate-countdown').waitFor(WAIT);
  await waitForFigures(page, await expected());
  // The rotation interval is 15 s: wait for the switch itself, not for a time.
  await page.locator('.dashboard[data-screen="overview"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('key-counts').waitFor(WAIT);
  assert.deepEqual(errors, []);
  await page.close();
});

test('check-ins posted while the connection is down are on screen after it returns, with one reload', async () => {
  let blocked = false;
  const open = [];
  const { page, errors, requests } = await openAsDisplay('/dashboard/?screen=attendance', (p) =>
    p.routeWebSocket(/\/graphql$/, (ws) => {
      if (blocked) {
        ws.close({ code: 4002, reason: 'network down (test)' });
        return;
      }
      open.push({ ws, server: ws.connectToServer() });
    }),
  );
  await waitForFigures(page, await expected());
  const before = requests.length;

  blocked = true;
  for (const { ws, server } of open.splice(0)) {
    server.close();
    ws.close({ code: 4001, reason: 'network dropped (test)' });
  }
  const indicator = page.getByTestId('live-indicator');
  await indicator.filter({ hasText: '重连中' }).waitFor(WAIT);

  // A batch the screen cannot hear about …
  const target = await projectToCheckIn(null);
  const result = await ingest(target.device, [checkIn(target.absent[0].id, 'IN')]);
  assert.equal(result.accepted, 1);
  const want = await expected();

  // … is there once the connection is back: the day is loaded again, once.
  blocked = false;
  await indicator.filter({ hasText: '正常' }).waitFor({ timeout: 45_000 });
  await waitForFigures(page, want);
  const after = requests.slice(before).map((r) => r.name);
  assert.equal(after.filter((n) => n === 'DashboardWorkforceToday').length, 1, `one reload (${after.join(', ')})`);
  assert.deepEqual(errors, []);
  await page.close();
});
