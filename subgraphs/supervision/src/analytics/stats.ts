import { badInput, type Caller, chinaDate } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { InspectionFilter } from '../inspections/inspection.inputs.js';
import { inspectionsWhere } from '../inspections/inspection.service.js';

@ObjectType('SupervisionDayCount', { description: '某日的监督检查数' })
export class DayCount {
  @Field({ description: '日期 YYYY-MM-DD' }) day!: string;
  @Field(() => Int, { description: '检查次数' }) inspections!: number;
  @Field(() => Int, { description: '发现问题数' }) problems!: number;
}

@ObjectType('SupervisionOutcomeCount', { description: '某处理结果的检查数' })
export class OutcomeCount {
  @Field({ description: '处理结果代码' }) code!: string;
  @Field({ description: '处理结果名称' }) name!: string;
  @Field(() => Int, { description: '检查次数' }) inspections!: number;
}

@ObjectType('SupervisionLevelCount', { description: '某隐患等级的问题数' })
export class LevelCount {
  @Field(() => Int, { description: '等级编号' }) level!: number;
  @Field({ description: '等级名称' }) name!: string;
  @Field({ description: '风险颜色' }) color!: string;
  @Field(() => Int, { description: '问题数' }) problems!: number;
}

@ObjectType('SupervisionDistrictCount', { description: '某区县的监督检查情况' })
export class DistrictCount {
  @Field(() => String, { nullable: true, description: '区县代码（未关联项目的记录为空）' }) districtCode!:
    string | null;
  @Field(() => Int, { description: '检查次数' }) inspections!: number;
  @Field(() => Int, { description: '发现问题数' }) problems!: number;
  @Field(() => Int, { description: '未完成整改的问题数' }) openRectifications!: number;
  @Field(() => Int, { description: '逾期未整改的问题数' }) overdueRectifications!: number;
}

@ObjectType('SupervisionStats', { description: '质量安全监督统计（按数据权限与筛选条件）' })
export class SupervisionStats {
  @Field({ description: '统计起始日期（含）' }) dateFrom!: string;
  @Field({ description: '统计截止日期（含）' }) dateTo!: string;
  @Field(() => Int, { description: '检查次数' }) inspections!: number;
  @Field(() => Int, { description: '发现问题数' }) problems!: number;
  @Field(() => Int, { description: '未完成整改的问题数（未整改、逾期未整改）' }) openRectifications!: number;
  @Field(() => Int, { description: '逾期未整改的问题数（逾期未整改，或未整改且已过整改期限）' })
  overdueRectifications!: number;
  @Field(() => [DayCount], { description: '每日检查数（期间内每天一条）' }) perDay!: DayCount[];
  @Field(() => [OutcomeCount], { description: '各处理结果的检查数（字典中每个结果一条）' }) outcomes!: OutcomeCount[];
  @Field(() => [LevelCount], { description: '各隐患等级的问题数（字典中每个等级一条，按严重程度）' })
  hazardsByLevel!: LevelCount[];
  @Field(() => [DistrictCount], { description: '各区县的检查与整改情况' }) byDistrict!: DistrictCount[];
}

const DAY = 86_400_000;
/** Without dates, the last 30 days; at most a year and a day per question (the per-day series). */
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

/** Counts per day, outcome, level and district over the filtered inspections, in four queries. */
export async function supervisionStats(
  em: EntityManager,
  caller: Caller | null,
  filter: InspectionFilter | null | undefined,
  now: Date,
): Promise<SupervisionStats> {
  const today = chinaDate(now);
  const dateTo = filter?.dateTo?.trim() || today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateTo) || Number.isNaN(Date.parse(dateTo)))
    throw badInput('日期格式应为 YYYY-MM-DD', 'filter.dateTo');
  const dateFrom =
    filter?.dateFrom?.trim() || new Date(Date.parse(dateTo) - (DEFAULT_DAYS - 1) * DAY).toISOString().slice(0, 10);
  const where = inspectionsWhere(caller, { ...filter, dateFrom, dateTo }, today);
  const days = (Date.parse(dateTo) - Date.parse(dateFrom)) / DAY + 1;
  if (days > MAX_DAYS) throw badInput(`统计期间最长 ${MAX_DAYS} 天，请缩小日期范围`, 'filter.dateFrom');
  const filtered = `select i.* from supervision.inspection i where ${where.sql}`;
  const overdue = `(p.rectification_status = 'OVERDUE' or (p.rectification_status = 'NOT_RECTIFIED' and coalesce(p.deadline, f.inspected_on) < ?::date))`;
  const perDay = await em.execute<{ day: string; inspections: number; problems: number }[]>(
    `with f as (${filtered})
       select d::date::text as day, count(f.id)::int as inspections, coalesce(sum(f.problem_count), 0)::int as problems
         from generate_series(?::date, ?::date, interval '1 day') d
         left join f on f.inspected_on = d::date
        group by d order by d`,
    [...where.params, dateFrom, dateTo],
  );
  const outcomes = await em.execute<{ code: string; name: string; inspections: number }[]>(
    `with f as (${filtered})
       select o.code, o.name, count(f.id)::int as inspections
         from supervision.inspection_outcome o left join f on f.outcome = o.code
        group by o.code, o.name, o.sort_order order by o.sort_order`,
    where.params,
  );
  const levels = await em.execute<{ level: number; name: string; color: string; problems: number }[]>(
    `with f as (${filtered})
       select h.level, h.name, h.color, count(p.id)::int as problems
         from supervision.hazard_level h
         left join (supervision.problem p join f on f.id = p.inspection_id) on p.risk_level = h.level
        group by h.level, h.name, h.color, h.severity order by h.severity`,
    where.params,
  );
  const districts = await em.execute<
    { district_code: string | null; inspections: number; problems: number; open: number; overdue: number }[]
  >(
    `with f as (${filtered}),
            per as (select f.district_code, count(*)::int as inspections, sum(f.problem_count)::int as problems
                      from f group by f.district_code),
            rect as (select f.district_code,
                            count(*) filter (where p.rectification_status in ('NOT_RECTIFIED', 'OVERDUE'))::int as open,
                            count(*) filter (where ${overdue})::int as overdue
                       from f join supervision.problem p on p.inspection_id = f.id group by f.district_code)
       select per.district_code, per.inspections, per.problems, coalesce(rect.open, 0)::int as open,
              coalesce(rect.overdue, 0)::int as overdue
         from per left join rect on rect.district_code is not distinct from per.district_code
        order by per.district_code nulls last`,
    [...where.params, today],
  );
  const byDistrict = districts.map((d) => ({
    districtCode: d.district_code,
    inspections: d.inspections,
    problems: d.problems,
    openRectifications: d.open,
    overdueRectifications: d.overdue,
  }));
  const sum = (key: keyof (typeof byDistrict)[number]) => byDistrict.reduce((n, d) => n + (d[key] as number), 0);
  return {
    dateFrom,
    dateTo,
    inspections: sum('inspections'),
    problems: sum('problems'),
    openRectifications: sum('openRectifications'),
    overdueRectifications: sum('overdueRectifications'),
    perDay,
    outcomes,
    hazardsByLevel: levels.map((l) => ({ ...l, level: Number(l.level) })),
    byDistrict,
  };
}
