import {
  addDays,
  badInput,
  batchIds,
  chinaMidnight,
  HUANGSHI_CITY_CODE,
  isIsoDate,
  isUuid,
  pageWindow,
  pgArray,
  type Sort,
  SortOf,
} from '@hs/kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { orderSql } from '../common/order.js';
import { and, projectScopeSql, type Sql } from '../common/scope.js';
import type { WorkforceContext } from '../context.js';
import { AttendanceRecord, AttendanceSource, RefusalReason } from './attendance.types.js';

@InputType('AttendanceRecordFilter', { description: '考勤记录筛选（日期区间最长 31 天）' })
export class AttendanceFilter {
  @Field(() => String, { nullable: true, description: '开始日期（默认今天）' })
  dateFrom?: string | null;

  @Field(() => String, { nullable: true, description: '结束日期（含，默认同开始日期）' })
  dateTo?: string | null;

  @Field(() => ID, { nullable: true, description: '工程项目' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: '人员' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: '区县代码' })
  districtCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true 只看有效，false 只看被拒' })
  accepted?: boolean | null;

  @Field(() => RefusalReason, { nullable: true, description: '被拒原因' })
  reason?: RefusalReason | null;

  @Field(() => AttendanceSource, { nullable: true, description: '考勤来源（手机定位或考勤设备）' })
  source?: AttendanceSource | null;
}

/**
 * Attendance is partitioned by month of occurred_at, and the list is a range of it: the one column
 * that sorts is the one every partition indexes in order (attendance_occurred_at_idx, and the
 * person and source indexes that end in it). Sorting by a column no partition index orders by
 * (the person's name, the project's) would sort the whole range on every page.
 */
export enum AttendanceRecordSortField {
  OCCURRED_AT = 'OCCURRED_AT',
}

export const AttendanceRecordSort = SortOf('AttendanceRecord', AttendanceRecordSortField, {
  OCCURRED_AT: '考勤时间',
});

@ObjectType('AttendanceRecordPage', { description: '考勤记录分页结果' })
export class AttendancePage {
  @Field(() => [AttendanceRecord], { description: '本页数据' })
  items!: AttendanceRecord[];

  @Field(() => Int, { description: '符合条件的总条数' })
  total!: number;

  @Field(() => Int, { description: '页码' })
  page!: number;

  @Field(() => Int, { description: '每页条数' })
  pageSize!: number;
}

export const toRecord = (r: any): AttendanceRecord => ({
  id: r.id,
  occurredAt: new Date(r.occurred_at),
  workDate: r.work_date,
  personId: r.person_id,
  projectId: r.project_id,
  districtCode: r.district_code,
  direction: r.direction,
  source: r.source,
  deviceId: r.device_id,
  eventId: r.event_id,
  accepted: r.accepted,
  reason: r.reason,
  isKeyPost: r.is_key_post,
  latitude: r.latitude,
  longitude: r.longitude,
  distanceM: r.distance_m,
  snapshotSha256: r.snapshot_sha256,
  receivedAt: new Date(r.received_at),
});

export const COLUMNS = `a.id, a.occurred_at, to_char(a.work_date, 'YYYY-MM-DD') as work_date, a.person_id, a.project_id, a.district_code,
  a.direction, a.source, a.device_id, a.event_id, a.accepted, a.reason, a.is_key_post, a.latitude, a.longitude,
  a.distance_m, a.snapshot_sha256, a.received_at`;

const MAX_RANGE_DAYS = 31;

/**
 * A checked range of Beijing dates (default: today only, at most 31 days) as bounds on occurred_at,
 * which let PostgreSQL skip the other months' partitions. `fields` name the arguments in errors.
 */
export function occurredWithin(
  dateFrom: string | null | undefined,
  dateTo: string | null | undefined,
  today: string,
  fields: { from: string; to: string },
): Sql & { from: string; to: string } {
  const from = dateFrom ?? today;
  const to = dateTo ?? from;
  if (!isIsoDate(from)) throw badInput('开始日期格式应为 YYYY-MM-DD 且为有效日期', fields.from);
  if (!isIsoDate(to)) throw badInput('结束日期格式应为 YYYY-MM-DD 且为有效日期', fields.to);
  if (to < from) throw badInput('结束日期不能早于开始日期', fields.to);
  if (addDays(from, MAX_RANGE_DAYS) <= to) throw badInput(`考勤记录查询区间最长 ${MAX_RANGE_DAYS} 天`, fields.to);
  return {
    sql: 'a.occurred_at >= ? and a.occurred_at < ?',
    params: [chinaMidnight(from), chinaMidnight(addDays(to, 1))],
    from,
    to,
  };
}

/**
 * The 考勤记录 list's conditions on `workforce.attendance a` (scope, date range, filter; for an
 * export of the selection, the chosen ids), with the range they cover. List, count and export share them.
 */
export function attendanceWhere(
  ctx: WorkforceContext,
  filter: AttendanceFilter | null | undefined,
  today: string,
  ids?: readonly string[] | null,
): { where: Sql; from: string; to: string } {
  const within = occurredWithin(filter?.dateFrom, filter?.dateTo, today, {
    from: 'filter.dateFrom',
    to: 'filter.dateTo',
  });
  const parts: Sql[] = [projectScopeSql(ctx.caller, 'a'), within];
  if (filter?.projectId) {
    if (!isUuid(filter.projectId)) throw badInput('项目 id 格式错误', 'filter.projectId');
    parts.push({ sql: 'a.project_id = ?', params: [filter.projectId] });
  }
  if (filter?.personId) {
    if (!isUuid(filter.personId)) throw badInput('人员 id 格式错误', 'filter.personId');
    parts.push({ sql: 'a.person_id = ?', params: [filter.personId] });
  }
  if (filter?.districtCode && filter.districtCode !== HUANGSHI_CITY_CODE)
    parts.push({ sql: 'a.district_code = ?', params: [filter.districtCode] });
  // Refused attempts are a small share: spelled `not a.accepted` (a reason is only ever set on a
  // refused one), the planner reads them through the partial attendance_refused_occurred_at_idx.
  if (filter?.accepted != null) parts.push({ sql: filter.accepted ? 'a.accepted' : 'not a.accepted', params: [] });
  if (filter?.reason) parts.push({ sql: 'not a.accepted and a.reason = ?', params: [filter.reason] });
  if (filter?.source) parts.push({ sql: 'a.source = ?', params: [filter.source] });
  if (ids) parts.push({ sql: 'a.id = any(?::uuid[])', params: [pgArray(batchIds(ids))] });
  return { where: and(...parts), from: within.from, to: within.to };
}

/** Newest first by default; ties (the same instant) by id in the same direction. */
export const attendanceOrder = (sort: Sort<AttendanceRecordSortField> | null | undefined): string =>
  orderSql(
    sort,
    { [AttendanceRecordSortField.OCCURRED_AT]: (d) => ({ 'a.occurred_at': d }) },
    [{ 'a.occurred_at': 'desc' }],
    'a.id',
  );

/**
 * One page of attempts matching all conditions, and their total. The total is its own query: as a
 * window count over the page query, PostgreSQL 15 costs it as if the LIMIT stopped the scan early,
 * so it walked occurred_at and filtered every row of the range even where a narrower index answers
 * the count by itself (a week of the city's phone attempts: 680 ms against 6 ms with
 * attendance_source_occurred_at_idx, see Migration20261124230000).
 */
export async function attendancePage(
  ctx: WorkforceContext,
  where: Sql,
  order: string,
  window: ReturnType<typeof pageWindow>,
): Promise<AttendancePage> {
  const [list, total] = await Promise.all([
    ctx.em
      .getConnection()
      .execute(
        `select ${COLUMNS} from workforce.attendance a where ${where.sql} order by ${order} limit ? offset ?`,
        [...where.params, window.limit, window.offset],
        'all',
      ),
    countAttendance(ctx, where),
  ]);
  return { items: list.map(toRecord), total, page: window.page, pageSize: window.pageSize };
}

export async function countAttendance(ctx: WorkforceContext, where: Sql): Promise<number> {
  const [row] = await ctx.em
    .getConnection()
    .execute(`select count(*)::int as total from workforce.attendance a where ${where.sql}`, where.params, 'all');
  return row.total;
}
