import {
  addDays,
  type Caller,
  type FieldIssue,
  HUANGSHI_CITY_CODE,
  HUANGSHI_DIVISIONS,
  isIsoDate,
  isUuid,
  type PageInput,
  pageWindow,
  pgParams,
  throwIssues,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { and, employmentScopeSql, projectScopeSql, type Sql } from '../common/scope.js';
import type {
  AttendanceRate,
  AttendanceRatePage,
  AttendanceTotals,
  CountRow,
  PersonnelStats,
  ProjectAttendance,
  ProjectAttendancePage,
  ProjectSummary,
  RateFilter,
  TodaySummary,
} from './analytics.types.js';
import { RateGroup, SortOrder } from './analytics.types.js';

/**
 * 4.3.1–4.3.6 and 3.3 in SQL, one grouped query per figure, within the caller's data scope.
 * Definitions (also in the README):
 *  - 在册 on a day: assignments with entry_date ≤ day ≤ exit_date (or no exit);
 *  - 出勤 on a day: a presence row (at least one accepted attempt that day, Beijing time); over a
 *    period, summed from presence_daily (presence rows counted per day and project by triggers);
 *  - 在场 now: the person's latest accepted attempt today was IN;
 *  - rates over a period: attended person-days / registered person-days (every calendar day counts).
 * Portable SQL: no FILTER clause, no generate_series (openGauss / KingbaseES).
 */

const DISTRICT_NAMES = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));
const districtName = (code: string) => DISTRICT_NAMES.get(code) ?? code;
const n = (v: unknown) => Number(v ?? 0);
const rate = (a: number, total: number) => (total > 0 ? Math.min(1, a / total) : null);
const MAX_RANGE_DAYS = 400;

async function rows<T = any>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute(sql, pgParams(params), 'all');
}

function checkDistrict(issues: FieldIssue[], field: string, code: string | null | undefined): string | null {
  if (code == null || code === HUANGSHI_CITY_CODE) return null;
  if (!DISTRICT_NAMES.has(code)) issues.push({ field, message: '请选择黄石市或其所辖区县' });
  return code;
}

const districtSql = (alias: string, code: string | null): Sql =>
  code ? { sql: `${alias}.district_code = ?`, params: [code] } : { sql: 'true', params: [] };

// ------------------------------------------------------------------------ one day, per project

interface DayRow {
  project_id: string;
  name: string;
  district_code: string;
  registered: string;
  key_registered: string;
  attended: string;
  key_attended: string;
  on_site: string;
  key_on_site: string;
}

function dayQuery(caller: Caller | null, date: string, districtCode: string | null, projectIds: string[] | null) {
  const scope = projectScopeSql(caller, 's');
  const where = and(
    scope,
    districtSql('s', districtCode),
    projectIds ? { sql: 's.project_id = any(?::uuid[])', params: [projectIds] } : { sql: 'true', params: [] },
  );
  // Registered and presence aggregated per project first, then joined to the visible sites.
  const sql = `
    with reg as (
      select e.project_id, count(distinct e.person_id) as registered,
             count(distinct case when e.is_key_post then e.person_id end) as key_registered
        from workforce.employment e
       where e.entry_date <= ? and (e.exit_date is null or e.exit_date >= ?)
       group by e.project_id),
    pres as (
      select r.project_id, count(*) as attended, sum(case when r.is_key_post then 1 else 0 end) as key_attended,
             sum(case when r.on_site then 1 else 0 end) as on_site,
             sum(case when r.on_site and r.is_key_post then 1 else 0 end) as key_on_site
        from workforce.presence r
       where r.work_date = ?
       group by r.project_id)
    select s.project_id, s.name, s.district_code,
           coalesce(reg.registered, 0) as registered, coalesce(reg.key_registered, 0) as key_registered,
           coalesce(pres.attended, 0) as attended, coalesce(pres.key_attended, 0) as key_attended,
           coalesce(pres.on_site, 0) as on_site, coalesce(pres.key_on_site, 0) as key_on_site
      from workforce.project_site s
      left join reg on reg.project_id = s.project_id
      left join pres on pres.project_id = s.project_id
     where ${where.sql}`;
  return { sql, params: [date, date, date, ...where.params] };
}

const toProject = (r: DayRow): ProjectAttendance => ({
  projectId: r.project_id,
  projectName: r.name,
  districtCode: r.district_code,
  districtName: districtName(r.district_code),
  registered: n(r.registered),
  keyRegistered: n(r.key_registered),
  attended: n(r.attended),
  keyAttended: n(r.key_attended),
  onSite: n(r.on_site),
  keyOnSite: n(r.key_on_site),
  attendanceRate: rate(n(r.attended), n(r.registered)),
  keyPostRate: rate(n(r.key_attended), n(r.key_registered)),
});

/** 今日实时出勤 per project (4.3.1), and 在场人数排名 (4.3.3) with order ON_SITE. */
export async function projectAttendanceOn(
  em: EntityManager,
  caller: Caller | null,
  date: string,
  districtCode: string | null | undefined,
  orderBy: 'onSite' | 'name' | 'keyPostRate',
  order: SortOrder,
  page: PageInput | null | undefined,
): Promise<ProjectAttendancePage> {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(date)) issues.push({ field: 'date', message: '日期格式应为 YYYY-MM-DD' });
  const district = checkDistrict(issues, 'districtCode', districtCode);
  throwIssues(issues);
  const window = pageWindow(page);
  const q = dayQuery(caller, date, district, null);
  const dir = order === SortOrder.ASC ? 'asc' : 'desc';
  const sortSql =
    orderBy === 'onSite'
      ? `on_site ${dir}, registered desc`
      : orderBy === 'keyPostRate'
        ? `case when key_registered = 0 then null else key_attended::float / key_registered end ${dir} nulls last, key_registered desc`
        : `name ${dir}`;
  const list = await rows<DayRow & { total: string }>(
    em,
    `select d.*, count(*) over () as total from (${q.sql}) d order by ${sortSql}, project_id limit ? offset ?`,
    [...q.params, window.limit, window.offset],
  );
  let total = list.length ? n(list[0].total) : 0;
  if (!list.length && window.offset > 0) {
    const [c] = await rows(em, `select count(*) as total from (${q.sql}) d`, q.params);
    total = n(c.total);
  }
  return { items: list.map(toProject), total, page: window.page, pageSize: window.pageSize };
}

function totalsOf(code: string, list: ProjectAttendance[]): AttendanceTotals {
  const sum = (k: keyof ProjectAttendance) => list.reduce((s, r) => s + (r[k] as number), 0);
  const t = {
    registered: sum('registered'),
    keyRegistered: sum('keyRegistered'),
    attended: sum('attended'),
    keyAttended: sum('keyAttended'),
    onSite: sum('onSite'),
    keyOnSite: sum('keyOnSite'),
  };
  return {
    districtCode: code,
    districtName: code === HUANGSHI_CITY_CODE ? '黄石市' : districtName(code),
    ...t,
    attendanceRate: rate(t.attended, t.registered),
    keyPostRate: rate(t.keyAttended, t.keyRegistered),
  };
}

/** 今日实时出勤 totals, city and per district (4.3.1, 4.3.2). One query over the visible projects. */
export async function daySummary(
  em: EntityManager,
  caller: Caller | null,
  date: string,
  districtCode: string | null | undefined,
): Promise<TodaySummary> {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(date)) issues.push({ field: 'date', message: '日期格式应为 YYYY-MM-DD' });
  const district = checkDistrict(issues, 'districtCode', districtCode);
  throwIssues(issues);
  const q = dayQuery(caller, date, district, null);
  const list = (await rows<DayRow>(em, q.sql, q.params)).map(toProject);
  const byCode = new Map<string, ProjectAttendance[]>();
  for (const r of list) byCode.set(r.districtCode, [...(byCode.get(r.districtCode) ?? []), r]);
  return {
    date,
    total: totalsOf(district ?? HUANGSHI_CITY_CODE, list),
    byDistrict: [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, l]) => totalsOf(code, l)),
  };
}

/** Project.workforce: today's figures for many projects in one query (DataLoader). */
export async function projectSummaries(
  em: EntityManager,
  caller: Caller | null,
  date: string,
  projectIds: readonly string[],
): Promise<Map<string, ProjectSummary>> {
  const q = dayQuery(caller, date, null, [...projectIds]);
  const out = new Map<string, ProjectSummary>();
  for (const r of (await rows<DayRow>(em, q.sql, q.params)).map(toProject)) {
    out.set(r.projectId, {
      registered: r.registered,
      keyRegistered: r.keyRegistered,
      attendedToday: r.attended,
      keyAttendedToday: r.keyAttended,
      onSite: r.onSite,
      attendanceRate: r.attendanceRate,
      keyPostRate: r.keyPostRate,
    });
  }
  return out;
}

// ------------------------------------------------------------------------- rates over a period

/**
 * 关键岗位 / 工人出勤率 (4.3.2, 4.3.4) per project or district over a period, person-days. Attended
 * days come from the daily rollup the database keeps in step with presence (Migration20261124240000):
 * a year is ~110 k rollup rows instead of ~10 M presence rows.
 */
export async function attendanceRates(
  em: EntityManager,
  caller: Caller | null,
  filter: RateFilter,
  groupBy: RateGroup,
  order: SortOrder,
  orderByKeyPost: boolean,
  page: PageInput | null | undefined,
): Promise<AttendanceRatePage> {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(filter.dateFrom)) issues.push({ field: 'filter.dateFrom', message: '日期格式应为 YYYY-MM-DD' });
  if (!isIsoDate(filter.dateTo)) issues.push({ field: 'filter.dateTo', message: '日期格式应为 YYYY-MM-DD' });
  if (!issues.length && filter.dateTo < filter.dateFrom)
    issues.push({ field: 'filter.dateTo', message: '结束日期不能早于开始日期' });
  if (!issues.length && addDays(filter.dateFrom, MAX_RANGE_DAYS) < filter.dateTo)
    issues.push({ field: 'filter.dateTo', message: `统计区间最长 ${MAX_RANGE_DAYS} 天` });
  const district = checkDistrict(issues, 'filter.districtCode', filter.districtCode);
  throwIssues(issues);
  const window = pageWindow(page);
  const { dateFrom: from, dateTo: to } = filter;
  const escope = and(projectScopeSql(caller, 'e'), districtSql('e', district));
  const rscope = and(projectScopeSql(caller, 'r'), districtSql('r', district));
  const key = groupBy === RateGroup.PROJECT ? 'project_id' : 'district_code';
  const sql = `
    with expected as (
      select e.${key} as k, min(e.district_code) as district_code,
             sum(least(coalesce(e.exit_date, ?::date), ?::date) - greatest(e.entry_date, ?::date) + 1) as days,
             sum(case when e.is_key_post then least(coalesce(e.exit_date, ?::date), ?::date) - greatest(e.entry_date, ?::date) + 1 else 0 end) as key_days
        from workforce.employment e
       where e.entry_date <= ? and (e.exit_date is null or e.exit_date >= ?) and ${escope.sql}
       group by e.${key}),
    attended as (
      select r.${key} as k, sum(r.days) as days, sum(r.key_days) as key_days
        from workforce.presence_daily r
       where r.work_date between ? and ? and ${rscope.sql}
       group by r.${key})
    select x.k, x.district_code, x.days as expected_days, x.key_days as key_expected_days,
           coalesce(a.days, 0) as attended_days, coalesce(a.key_days, 0) as key_attended_days,
           ${groupBy === RateGroup.PROJECT ? 's.name' : 'x.k'} as name,
           count(*) over () as total
      from expected x
      left join attended a on a.k = x.k
      ${groupBy === RateGroup.PROJECT ? 'left join workforce.project_site s on s.project_id = x.k' : ''}
     order by case when ${orderByKeyPost ? 'x.key_days' : 'x.days'} = 0 then null
              else ${orderByKeyPost ? 'coalesce(a.key_days, 0)::float / x.key_days' : 'coalesce(a.days, 0)::float / x.days'} end
              ${order === SortOrder.ASC ? 'asc' : 'desc'} nulls last, x.k
     limit ? offset ?`;
  const params = [
    to,
    to,
    from,
    to,
    to,
    from,
    to,
    from,
    ...escope.params,
    from,
    to,
    ...rscope.params,
    window.limit,
    window.offset,
  ];
  const list = await rows(em, sql, params);
  const items: AttendanceRate[] = list.map((r: any) => ({
    key: String(r.k),
    name: groupBy === RateGroup.PROJECT ? (r.name ?? String(r.k)) : districtName(String(r.k)),
    districtCode: r.district_code,
    expectedDays: n(r.expected_days),
    attendedDays: n(r.attended_days),
    keyExpectedDays: n(r.key_expected_days),
    keyAttendedDays: n(r.key_attended_days),
    attendanceRate: rate(n(r.attended_days), n(r.expected_days)),
    keyPostRate: rate(n(r.key_attended_days), n(r.key_expected_days)),
  }));
  return { items, total: list.length ? n(list[0].total) : 0, page: window.page, pageSize: window.pageSize };
}

// ------------------------------------------------------------------------------ personnel

const AGE_BANDS: [string, string][] = [
  ['<30', '30岁以下'],
  ['30-39', '30–39岁'],
  ['40-49', '40–49岁'],
  ['50-59', '50–59岁'],
  ['>=60', '60岁及以上'],
];

/** 人员统计 (3.3, 4.3.5, 4.3.6): people with an open assignment, by trade, post, district, age, sex. */
export async function personnelStats(
  em: EntityManager,
  caller: Caller | null,
  districtCode: string | null | undefined,
  projectId: string | null | undefined,
  today: string,
): Promise<PersonnelStats> {
  const issues: FieldIssue[] = [];
  const district = checkDistrict(issues, 'districtCode', districtCode);
  if (projectId != null && !isUuid(projectId)) issues.push({ field: 'projectId', message: '项目 id 格式错误' });
  throwIssues(issues);
  const where = and(
    employmentScopeSql(caller, 'e'),
    districtSql('e', district),
    projectId ? { sql: 'e.project_id = ?', params: [projectId] } : { sql: 'true', params: [] },
  );
  const base = `from workforce.employment e join workforce.person p on p.id = e.person_id
                where e.exit_date is null and ${where.sql}`;
  const group = async (expr: string) =>
    rows<{ k: string; c: string }>(
      em,
      `select ${expr} as k, count(distinct p.id) as c ${base} group by 1 order by 2 desc, 1`,
      where.params,
    );
  const [[totals], trade, post, dist, sex, age] = await Promise.all([
    rows(
      em,
      `select count(distinct p.id) as total, count(distinct case when e.is_key_post then p.id end) as key_post ${base}`,
      where.params,
    ),
    group('p.trade'),
    group('e.post'),
    group('e.district_code'),
    group('p.sex'),
    rows<{ k: string; c: string }>(
      em,
      `select case when a < 30 then '<30' when a < 40 then '30-39' when a < 50 then '40-49' when a < 60 then '50-59' else '>=60' end as k,
              count(*) as c
         from (select distinct p.id, extract(year from age(?::date, p.birth_date)) as a ${base}) x group by 1`,
      [today, ...where.params],
    ),
  ]);
  const rowsOf = (list: { k: string; c: string }[], label: (k: string) => string): CountRow[] =>
    list.map((r) => ({ key: r.k, label: label(r.k), count: n(r.c) }));
  const ages = new Map(age.map((r) => [r.k, n(r.c)]));
  return {
    total: n(totals?.total),
    keyPost: n(totals?.key_post),
    byTrade: rowsOf(trade, (k) => k),
    byPost: rowsOf(post, (k) => k),
    byDistrict: rowsOf(dist, districtName),
    bySex: rowsOf(sex, (k) => (k === 'MALE' ? '男' : '女')),
    byAgeBand: AGE_BANDS.map(([k, label]) => ({ key: k, label, count: ages.get(k) ?? 0 })),
  };
}
