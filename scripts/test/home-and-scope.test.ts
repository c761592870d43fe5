/**
 * What district and enterprise users see, through the router (issue #11): every analytic the admin
 * pages show stays in the caller's data scope (a 大冶市 inspector sees 大冶市 only, an enterprise's
 * account its own projects and people), each home page figure counts what the list it links to
 * counts, without a query per row, and a worker sees the names of the projects they work on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hs/kit';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
const queries: { subgraph: string; sql: string }[] = [];
const tokens: Record<string, string> = {};

const DAYE = '420281';
const ENTERPRISE_ID = stableId('enterprise', '91420202TA4J35AF9G'); // 黄石市鼎盛建设集团有限公司, ent_user's

const router = routerClient(() => platform.url);
const gql = (query: string, variables: Record<string, unknown>, username: string) =>
  router.gql(query, variables, tokens[username]);
/** The answer's data, failing on any error. */
const data = (query: string, username: string, variables: Record<string, unknown> = {}) =>
  router.ok(query, variables, tokens[username]);

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db, { onQuery: (subgraph, sql) => queries.push({ subgraph, sql }) });
  for (const username of ['admin', 'dy_inspector', 'ent_user', 'worker'])
    tokens[username] = await router.login(username);
});

afterAll(async () => {
  await platform?.close();
  await db?.drop();
});

const ANALYTICS = `query ($date: String!) {
  projectStats { total byDistrict { districtCode count } }
  projects(page: { page: 1, pageSize: 100 }) { total items { id districtCode } }
  fireAnalytics { totals { inspections } breakdown(by: DISTRICT) { key inspections } }
  fireInspections(page: { page: 1, pageSize: 100 }) { total items { districtCode } }
  workforceToday { total { registered } byDistrict { districtCode registered } }
  workforceProjectsToday(page: { page: 1, pageSize: 100 }) { total items { districtCode } }
  workforceAttendanceRates(groupBy: DISTRICT, filter: { dateFrom: $date, dateTo: $date }) { items { key } }
  workforcePersonnelStats { total byDistrict { key count } }
}`;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('a district user (dy_inspector, 大冶市) sees 大冶市 only', () => {
  it('in every analytic of the home, fire and workforce pages', async () => {
    const d = await data(ANALYTICS, 'dy_inspector', { date: today() });
    expect(d.projectStats.byDistrict).toEqual([{ districtCode: DAYE, count: d.projects.total }]);
    expect(d.projects.items.every((p: any) => p.districtCode === DAYE)).toBe(true);
    // Fire: 大冶市's inspections, and those the inspector registered; the analytics count the same.
    const fireDistricts = new Set(d.fireInspections.items.map((i: any) => i.districtCode));
    expect(d.fireAnalytics.totals.inspections).toBe(d.fireInspections.total);
    expect(d.fireAnalytics.breakdown.every((b: any) => fireDistricts.has(b.key))).toBe(true);
    expect(fireDistricts.has(DAYE)).toBe(true);
    expect(d.workforceToday.byDistrict.map((r: any) => r.districtCode)).toEqual([DAYE]);
    expect(d.workforceToday.total.registered).toBe(d.workforceToday.byDistrict[0].registered);
    expect(d.workforceToday.total.registered).toBeGreaterThan(0);
    expect(d.workforceProjectsToday.items.every((p: any) => p.districtCode === DAYE)).toBe(true);
    expect(d.workforceAttendanceRates.items.map((r: any) => r.key)).toEqual([DAYE]);
    expect(d.workforcePersonnelStats.byDistrict.map((r: any) => r.key)).toEqual([DAYE]);
  });

  it('and nothing of another district, even when asking for it', async () => {
    const d = await data(
      `{ fireAnalytics(filter: { districtCode: "420202" }) { totals { inspections } }
         workforceToday(districtCode: "420202") { total { registered } byDistrict { districtCode } }
         workforcePersonnelStats(districtCode: "420202") { total } }`,
      'dy_inspector',
    );
    expect(d.fireAnalytics.totals.inspections).toBe(0);
    expect(d.workforceToday).toEqual({ total: { registered: 0 }, byDistrict: [] });
    expect(d.workforcePersonnelStats.total).toBe(0);
  });
});

describe('an enterprise user (ent_user) sees its own projects and people', () => {
  it('projects it takes part in, with no district at 0, and only the people it employs', async () => {
    const d = await data(
      `query ($date: String!) {
        projectStats { total byDistrict { districtCode count } }
        projects(page: { page: 1, pageSize: 100 }) { total items { id districtCode units { enterprise { id } } } }
        projectsHome { stats { total } recent(limit: 20) { id } }
        workforcePeople(page: { page: 1, pageSize: 100 }) { total items { employments { enterprise { id } } } }
        workforcePersonnelStats { total byDistrict { key } }
        workforceToday { byDistrict { districtCode } }
        workforceAttendanceRates(groupBy: PROJECT, filter: { dateFrom: $date, dateTo: $date }) { items { key } }
      }`,
      'ent_user',
      { date: today() },
    );
    const projectIds = new Set(d.projects.items.map((p: any) => p.id));
    const districts = new Set(d.projects.items.map((p: any) => p.districtCode));
    expect(d.projects.total).toBeGreaterThan(0);
    expect(d.projects.items.every((p: any) => p.units.some((u: any) => u.enterprise.id === ENTERPRISE_ID))).toBe(true);
    expect(d.projectStats.total).toBe(d.projects.total);
    expect(d.projectStats.byDistrict.every((r: any) => r.count > 0 && districts.has(r.districtCode))).toBe(true);
    expect(d.projectsHome.stats.total).toBe(d.projects.total);
    expect(d.projectsHome.recent.every((p: any) => projectIds.has(p.id))).toBe(true);
    // Its people: the ones it employs (the demo's crews work for each project's 施工总包).
    expect(d.workforcePeople.total).toBeGreaterThan(0);
    for (const person of d.workforcePeople.items)
      expect(person.employments.some((e: any) => e.enterprise?.id === ENTERPRISE_ID)).toBe(true);
    expect(d.workforcePersonnelStats.total).toBeGreaterThan(0);
    expect(d.workforcePersonnelStats.byDistrict.every((r: any) => districts.has(r.key))).toBe(true);
    expect(d.workforceToday.byDistrict.every((r: any) => districts.has(r.districtCode))).toBe(true);
    expect(d.workforceAttendanceRates.items.every((r: any) => projectIds.has(r.key))).toBe(true);
  });

  it('has no fire part (no fire permission): FORBIDDEN, not an empty answer', async () => {
    const answer = await gql('{ fireHome { waitingOnMe } }', {}, 'ent_user');
    expect(answer.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('each home figure counts what the list it links to counts', () => {
  const HOME = `{
    projectsHome { stats { total byStatus { status count } byDistrict { districtCode count } } }
    fireHome { waitingOnMe byStatus { status count waitingOnMe } todo(limit: 50) { action signed signers inspection { id status districtCode } } }
    workforceHome { date contractEndTo contractsExpiring refusedToday notEnrolled inArrears today { registered } mine { name } }
  }`;

  it.each(['dy_inspector', 'admin'])('for %s', async (username) => {
    const home = await data(HOME, username);
    const { fireHome, workforceHome, projectsHome } = home;
    for (const { status, count } of projectsHome.stats.byStatus) {
      const list = await data(`query ($s: ProjectStatus) { projects(filter: { status: $s }) { total } }`, username, {
        s: status,
      });
      expect(list.projects.total, status).toBe(count);
    }
    for (const { districtCode, count } of projectsHome.stats.byDistrict) {
      const list = await data(`query ($d: String) { projects(filter: { districtCode: $d }) { total } }`, username, {
        d: districtCode,
      });
      expect(list.projects.total, districtCode).toBe(count);
    }
    for (const { status, count } of fireHome.byStatus) {
      const list = await data(
        `query ($s: FireInspectionStatus) { fireInspections(filter: { status: $s }) { total } }`,
        username,
        { s: status },
      );
      expect(list.fireInspections.total, status).toBe(count);
    }
    const waiting = fireHome.byStatus.filter((s: any) => s.waitingOnMe);
    expect(waiting.map((s: any) => s.status)).toEqual(
      expect.arrayContaining(['DRAFT', 'PLAN_PENDING', 'PLAN_CONFIRMED', 'RECORDING', 'RECORDED', 'SIGNING']),
    );
    expect(fireHome.waitingOnMe).toBe(waiting.reduce((sum: number, s: any) => sum + s.count, 0));
    expect(fireHome.todo.length).toBe(Math.min(50, fireHome.waitingOnMe));
    for (const todo of fireHome.todo) {
      expect(waiting.some((s: any) => s.status === todo.inspection.status)).toBe(true);
      expect(todo.action).toMatch(/[\u4e00-\u9fff]/);
      if (todo.inspection.status === 'PLAN_PENDING') expect(todo.signers).toBe(3);
    }

    const lists = await data(
      `query ($to: String!, $day: String!) {
        expiring: workforcePeople(filter: { contractEndTo: $to }) { total }
        notEnrolled: workforcePeople(filter: { insuranceStatus: NOT_ENROLLED }) { total }
        inArrears: workforcePeople(filter: { insuranceStatus: ARREARS }) { total }
        refused: attendanceRecords(filter: { accepted: false, dateFrom: $day, dateTo: $day }) { total }
        workforceToday { total { registered } }
      }`,
      username,
      { to: workforceHome.contractEndTo, day: workforceHome.date },
    );
    expect(workforceHome.contractsExpiring).toBe(lists.expiring.total);
    expect(workforceHome.contractsExpiring).toBeGreaterThan(0);
    expect(workforceHome.notEnrolled).toBe(lists.notEnrolled.total);
    expect(workforceHome.inArrears).toBe(lists.inArrears.total);
    expect(workforceHome.refusedToday).toBe(lists.refused.total);
    expect(workforceHome.today.registered).toBe(lists.workforceToday.total.registered);
    expect(workforceHome.mine).toBeNull();
  });

  it('the to-do list costs the same number of SQL statements for 1 row as for 50', async () => {
    const TODO = `query ($n: Int!) { fireHome { todo(limit: $n) { action signed inspection { id projectName districtCode } } } }`;
    const counts: number[] = [];
    for (const n of [1, 50]) {
      queries.length = 0;
      const d = await data(TODO, 'admin', { n });
      expect(d.fireHome.todo.length).toBeGreaterThanOrEqual(Math.min(n, 2));
      counts.push(queries.filter((q) => q.subgraph === 'fire').length);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('a worker', () => {
  it('sees the names of the projects they are employed on, and nothing more of them', async () => {
    const d = await data('{ myWorkforcePerson { name employments { projectName project { id name } } } }', 'worker');
    expect(d.myWorkforcePerson.employments.length).toBeGreaterThan(0);
    for (const e of d.myWorkforcePerson.employments) expect(e.project.name).toBe(e.projectName);
    // Any other field of the project is the projects subgraph's, in its data scope: not the worker's.
    const more = await gql('{ myWorkforcePerson { name employments { project { id name address } } } }', {}, 'worker');
    expect(more.data.myWorkforcePerson.name).toBe(d.myWorkforcePerson.name);
    expect(more.data.myWorkforcePerson.employments[0].project).toBeNull();
    // The gateway's note of that null, in Chinese like every message (the English for developers).
    expect(more.extensions?.valueCompletion[0]).toMatchObject({
      message: '未能取得“Project.address”（不能为空）：数据不存在或无权查看',
      path: ['myWorkforcePerson', 'employments', 0, 'project', 'address'],
      extensions: { developerMessage: 'Cannot return null for non-nullable field Project.address.' },
    });
  });

  it('has their own attendance on the home page, and no one else’s figures', async () => {
    const d = await data(
      '{ workforceHome { contractsExpiring refusedToday today { registered } mine { name monthAttendedDays attendedToday onSite refusedToday } } }',
      'worker',
    );
    expect(d.workforceHome.contractsExpiring).toBeNull();
    expect(d.workforceHome.refusedToday).toBeNull();
    expect(d.workforceHome.today).toBeNull();
    expect(d.workforceHome.mine.name).toBeTruthy();
    expect(d.workforceHome.mine.monthAttendedDays).toBeGreaterThanOrEqual(0);
    const projects = await gql('{ projectsHome { stats { total } } }', {}, 'worker');
    expect(projects.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
