import {
  type Caller,
  type FieldIssue,
  findHuangshiDivision,
  HUANGSHI_CITY_CODE,
  HUANGSHI_DIVISIONS,
  isIsoDate,
  throwIssues,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { currentCatalogue } from '../catalogue/catalogue.service.js';
import { CATEGORY_LABELS, InspectionCategory, UNIT_COLUMNS, UnitRole } from '../inspections/inspection.enums.js';
import { inspectionScopeSql } from '../inspections/inspection.scope.js';
import type {
  AnalyticsFilter,
  AnalyticsTotals,
  BreakdownRow,
  MonthCount,
  PeriodCount,
  RateRow,
} from './analytics.types.js';
import { BreakdownDimension } from './analytics.types.js';
import { lastMonths, windowOf } from './months.js';

/**
 * 4.2 in SQL (one grouped query per figure, within the caller's data scope; portable: no FILTER
 * clause, no generate_series). Definitions, also in the README:
 *  - rates: over recorded results (check line × location), by default only of sealed inspections;
 *    passRate = passed / (passed + failed);
 *  - 抽查次数: inspections whose 检查日期 falls in the period (any status); `sealed` those sealed;
 *  - 近 N 月: from the 1st of the month N−1 months before asOf's month to asOf inclusive.
 */

interface Where {
  sql: string;
  params: unknown[];
}

export function checkAnalyticsFilter(filter: AnalyticsFilter | null | undefined, asOf: string): void {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(asOf)) issues.push({ field: 'asOf', message: '统计截止日格式应为 YYYY-MM-DD 且为有效日期' });
  for (const key of ['dateFrom', 'dateTo'] as const) {
    const v = filter?.[key];
    if (v != null && !isIsoDate(v))
      issues.push({ field: `filter.${key}`, message: '日期格式应为 YYYY-MM-DD 且为有效日期' });
  }
  if (filter?.districtCode != null && !findHuangshiDivision(filter.districtCode)) {
    issues.push({ field: 'filter.districtCode', message: '请选择黄石市或其所辖区县' });
  }
  throwIssues(issues);
}

/** Scope + district + category (+ the date range unless `withDates` is false). */
function inspectionWhere(caller: Caller | null, filter: AnalyticsFilter | null | undefined, withDates = true): Where {
  const scope = inspectionScopeSql(caller, 'i');
  const parts = [scope.sql];
  const params = [...scope.params];
  if (filter?.districtCode && filter.districtCode !== HUANGSHI_CITY_CODE) {
    parts.push('i.district_code = ?');
    params.push(filter.districtCode);
  }
  if (filter?.category) {
    parts.push('i.category = ?');
    params.push(filter.category);
  }
  if (withDates && filter?.dateFrom) {
    parts.push('i.inspection_date >= ?');
    params.push(filter.dateFrom);
  }
  if (withDates && filter?.dateTo) {
    parts.push('i.inspection_date <= ?');
    params.push(filter.dateTo);
  }
  return { sql: parts.join(' and '), params };
}

const sealedOnly = (filter: AnalyticsFilter | null | undefined) => filter?.sealedOnly !== false;
const n = (v: unknown) => Number(v ?? 0);
const rate = (a: number, total: number) => (total > 0 ? a / total : null);

async function rows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all');
}

interface RateQueryRow {
  code: string;
  passed: string;
  failed: string;
  inspections: string;
  failed_inspections: string;
}

async function rateRows(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
  column: 'item_code' | 'sub_item_code',
) {
  const where = inspectionWhere(caller, filter);
  return rows<RateQueryRow>(
    em,
    `select r.${column} as code,
            sum(case when r.verdict = 'PASS' then 1 else 0 end) as passed,
            sum(case when r.verdict = 'FAIL' then 1 else 0 end) as failed,
            count(distinct r.inspection_id) as inspections,
            count(distinct case when r.verdict = 'FAIL' then r.inspection_id end) as failed_inspections
       from fire.inspection_result r
       join fire.inspection i on i.id = r.inspection_id
      where ${where.sql}${sealedOnly(filter) ? ' and i.sealed_at is not null' : ''}
      group by r.${column}`,
    where.params,
  );
}

function toRate(code: string, itemCode: string | null, name: string, row: RateQueryRow | undefined): RateRow {
  const passed = n(row?.passed);
  const failed = n(row?.failed);
  return {
    code,
    itemCode,
    name,
    checked: passed + failed,
    passed,
    failed,
    passRate: rate(passed, passed + failed),
    failRate: rate(failed, passed + failed),
    inspections: n(row?.inspections),
    failedInspections: n(row?.failed_inspections),
  };
}

/** 4.2.1: pass/fail rates of the 18 items (all 18 listed, in catalogue order). */
export async function itemRates(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
): Promise<RateRow[]> {
  const byCode = new Map((await rateRows(em, caller, filter, 'item_code')).map((r) => [r.code, r]));
  const catalogue = await currentCatalogue(em);
  return catalogue.content.items.map((item) =>
    toRate(item.code, null, `${item.no}. ${item.name}`, byCode.get(item.code)),
  );
}

/** 4.2.1 in detail: per sub-item of the current catalogue. */
export async function subItemRates(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
  itemCode: string | null | undefined,
): Promise<RateRow[]> {
  const byCode = new Map((await rateRows(em, caller, filter, 'sub_item_code')).map((r) => [r.code, r]));
  const catalogue = await currentCatalogue(em);
  return catalogue.content.items
    .filter((item) => !itemCode || item.code === itemCode)
    .flatMap((item) => item.subItems.map((sub) => toRate(sub.code, item.code, sub.name, byCode.get(sub.code))));
}

interface CountRow {
  total: string;
  sealed: string;
  failed: string;
}

const COUNTS = `count(*) as total,
  sum(case when i.sealed_at is not null then 1 else 0 end) as sealed,
  sum(case when i.sealed_at is not null and exists (select 1 from fire.inspection_result f where f.inspection_id = i.id and f.verdict = 'FAIL') then 1 else 0 end) as failed`;

/** 4.2.2: counts of the last 3, 6 and 12 months (or the given ones). */
export async function recentCounts(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
  asOf: string,
  periods: number[] = [3, 6, 12],
): Promise<PeriodCount[]> {
  const where = inspectionWhere(caller, filter, false);
  const out: PeriodCount[] = [];
  for (const months of periods) {
    const { from, to } = windowOf(asOf, months);
    const [row] = await rows<CountRow>(
      em,
      `select ${COUNTS} from fire.inspection i where ${where.sql} and i.inspection_date >= ? and i.inspection_date <= ?`,
      [...where.params, from, to],
    );
    out.push({ months, from, to, total: n(row?.total), sealed: n(row?.sealed), failed: n(row?.failed) });
  }
  return out;
}

/** 4.2.2: the monthly trend of the last `months` months (zero months included), oldest first. */
export async function monthlyTrend(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
  asOf: string,
  months: number,
): Promise<MonthCount[]> {
  const where = inspectionWhere(caller, filter, false);
  const { from, to } = windowOf(asOf, months);
  const found = await rows<CountRow & { month: string }>(
    em,
    `select to_char(i.inspection_date, 'YYYY-MM') as month, ${COUNTS}
       from fire.inspection i
      where ${where.sql} and i.inspection_date >= ? and i.inspection_date <= ?
      group by to_char(i.inspection_date, 'YYYY-MM')`,
    [...where.params, from, to],
  );
  const byMonth = new Map(found.map((r) => [r.month, r]));
  return lastMonths(asOf, months).map((month) => {
    const r = byMonth.get(month);
    return { month, total: n(r?.total), sealed: n(r?.sealed), failed: n(r?.failed) };
  });
}

const DISTRICT_NAMES = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));
const UNKNOWN_UNIT = '（未填写）';

/** 4.2.3: breakdown by district, project category or unit (of one role). */
export async function breakdown(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
  dimension: BreakdownDimension,
  unitRole: UnitRole = UnitRole.GENERAL_CONTRACTOR,
): Promise<BreakdownRow[]> {
  const where = inspectionWhere(caller, filter);
  const key =
    dimension === BreakdownDimension.DISTRICT
      ? 'i.district_code'
      : dimension === BreakdownDimension.CATEGORY
        ? 'i.category'
        : `coalesce(i.${UNIT_COLUMNS[unitRole]}, '${UNKNOWN_UNIT}')`;
  const found = await rows<{
    key: string;
    inspections: string;
    sealed: string;
    passed: string;
    failed: string;
    failed_inspections: string;
  }>(
    em,
    `select ${key} as key,
            count(*) as inspections,
            sum(case when i.sealed_at is not null then 1 else 0 end) as sealed,
            sum(coalesce(rs.passed, 0)) as passed,
            sum(coalesce(rs.failed, 0)) as failed,
            sum(case when rs.failed > 0 then 1 else 0 end) as failed_inspections
       from fire.inspection i
       left join (select inspection_id,
                         sum(case when verdict = 'PASS' then 1 else 0 end) as passed,
                         sum(case when verdict = 'FAIL' then 1 else 0 end) as failed
                    from fire.inspection_result group by inspection_id) rs
              on rs.inspection_id = i.id${sealedOnly(filter) ? ' and i.sealed_at is not null' : ''}
      where ${where.sql}
      group by ${key}
      order by count(*) desc, ${key}`,
    where.params,
  );
  const label = (k: string) =>
    dimension === BreakdownDimension.DISTRICT
      ? (DISTRICT_NAMES.get(k) ?? k)
      : dimension === BreakdownDimension.CATEGORY
        ? (CATEGORY_LABELS[k as InspectionCategory] ?? k)
        : k;
  return found.map((r) => {
    const passed = n(r.passed);
    const failed = n(r.failed);
    return {
      key: r.key,
      label: label(r.key),
      inspections: n(r.inspections),
      sealed: n(r.sealed),
      passed,
      failed,
      passRate: rate(passed, passed + failed),
      failedInspections: n(r.failed_inspections),
    };
  });
}

export async function totals(
  em: EntityManager,
  caller: Caller | null,
  filter: AnalyticsFilter | null | undefined,
): Promise<AnalyticsTotals> {
  const rowsByDistrict = await breakdown(em, caller, filter, BreakdownDimension.CATEGORY);
  const sum = (f: (r: BreakdownRow) => number) => rowsByDistrict.reduce((s, r) => s + f(r), 0);
  const passed = sum((r) => r.passed);
  const failed = sum((r) => r.failed);
  return {
    inspections: sum((r) => r.inspections),
    sealed: sum((r) => r.sealed),
    passed,
    failed,
    passRate: rate(passed, passed + failed),
  };
}
