import {
  AppError,
  chinaDate,
  DownloadLink,
  ErrorCode,
  exportLink,
  hasPermission,
  HUANGSHI_CITY_CODE,
  isUuid,
  PageInput,
  pageWindow,
  pgParams,
  requireCaller,
  type Sort,
} from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscriptionHandlerData,
} from 'type-graphql';
import { linkOptions } from '../common/links.js';
import { projectScopeSql, seesAll } from '../common/scope.js';
import type { WorkforceContext } from '../context.js';
import { Person } from '../people/person.entity.js';
import { WorkforcePermission } from '../permissions.js';
import { ATTENDANCE_EXPORT, ATTENDANCE_TITLE, type AttendanceListArgs } from './attendance.lists.js';
import {
  AttendanceFilter,
  AttendancePage,
  attendanceOrder,
  attendancePage,
  AttendanceRecordSort,
  type AttendanceRecordSortField,
  attendanceWhere,
  COLUMNS,
  countAttendance,
  occurredWithin,
  toRecord,
} from './attendance.query.js';
import { ingestBatch, mobileCheckIn, type AttendanceDeps } from './attendance.service.js';
import {
  ATTENDANCE_CHANGED_TOPIC,
  AttendanceChangedEvent,
  type AttendanceChangedPayload,
  AttendanceEventInput,
  AttendanceRecord,
  BatchResult,
  Direction,
} from './attendance.types.js';

const depsOf = (ctx: WorkforceContext): AttendanceDeps => ({
  pubSub: ctx.deps.pubSub,
  logger: ctx.deps.logger,
  settings: ctx.runtime.attendance,
  now: ctx.runtime.now,
});

@Resolver(() => AttendanceRecord)
export class AttendanceResolver {
  @Authorized(WorkforcePermission.ATTENDANCE_CHECKIN)
  @Mutation(() => AttendanceRecord, {
    description:
      '手机定位打卡（1.2.2，本人账号）：在项目电子围栏内（含容差）且当日在场登记的才有效；被拒时返回 ATTENDANCE_REFUSED 错误（extensions.details.reason），该次尝试仍被记录',
  })
  async mobileCheckIn(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('latitude', () => Float, { description: '纬度（WGS-84）' }) latitude: number,
    @Arg('longitude', () => Float, { description: '经度（WGS-84）' }) longitude: number,
    @Arg('accuracy', () => Float, { description: '定位精度（米）' }) accuracy: number,
    @Arg('direction', () => Direction, { nullable: true, description: '进出方向；不填时未在场为进场，在场为离场' })
    direction: Direction | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<AttendanceRecord> {
    const id = await mobileCheckIn(
      ctx.em,
      requireCaller(ctx),
      { projectId, latitude, longitude, accuracy, direction },
      depsOf(ctx),
    );
    const [row] = await ctx.em
      .getConnection()
      .execute(
        `select ${COLUMNS} from workforce.attendance a where a.id = ? and a.occurred_at > now() - interval '1 day'`,
        [id],
        'all',
      );
    return toRecord(row);
  }

  @Authorized(WorkforcePermission.ATTENDANCE_INGEST)
  @Mutation(() => BatchResult, {
    description:
      '考勤设备批量上传（1.2.2，设备网关账号）：按 (设备, 事件编号) 幂等，重发返回首次的结果且不重复入库；逐条返回结果',
  })
  ingestAttendanceBatch(
    @Arg('deviceId', () => ID) deviceId: string,
    @Arg('batchId', () => String, { description: '批次号（设备网关生成，便于对账）' }) batchId: string,
    @Arg('events', () => [AttendanceEventInput]) events: AttendanceEventInput[],
    @Ctx() ctx: WorkforceContext,
  ): Promise<BatchResult> {
    return ingestBatch(ctx.em, deviceId, batchId, events, depsOf(ctx));
  }

  @Authorized(WorkforcePermission.ATTENDANCE_VIEW)
  @Query(() => AttendancePage, { description: '考勤记录（含被拒的尝试；按数据权限）' })
  async attendanceRecords(
    @Arg('filter', () => AttendanceFilter, { nullable: true }) filter: AttendanceFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => AttendanceRecordSort, { nullable: true, description: '排序（默认按考勤时间倒序）' })
    sort: Sort<AttendanceRecordSortField> | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<AttendancePage> {
    const window = pageWindow(page);
    const { where } = attendanceWhere(ctx, filter, chinaDate(ctx.runtime.now()));
    return attendancePage(ctx, where, attendanceOrder(sort), window);
  }

  @Authorized(WorkforcePermission.ATTENDANCE_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '导出考勤记录（Excel）：与列表相同的日期区间（最长 31 天）、筛选、排序和数据权限，或只导出所选；返回 5 分钟内有效的下载地址',
  })
  async exportAttendanceRecords(
    @Arg('filter', () => AttendanceFilter, { nullable: true }) filter: AttendanceFilter | null,
    @Arg('sort', () => AttendanceRecordSort, { nullable: true }) sort: Sort<AttendanceRecordSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些记录（批量导出所选，限筛选的日期区间内）' })
    ids: string[] | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const today = chinaDate(ctx.runtime.now());
    const { where, from, to } = attendanceWhere(ctx, filter, today, ids);
    const count = await countAttendance(ctx, where);
    // The range is sealed as dates: a link opened after midnight still exports the day it was issued for.
    const args: AttendanceListArgs = { filter: { ...filter, dateFrom: from, dateTo: to }, sort, ids };
    return exportLink(
      linkOptions(ctx),
      { kind: ATTENDANCE_EXPORT, title: ATTENDANCE_TITLE, caller, args: { ...args } },
      count,
    );
  }

  /**
   * The caller's own attempts through the person linked to their account (Person.userId), whatever
   * the data scope: a worker (SELF) sees their accepted and refused check-ins. An account without a
   * linked person gets NOT_FOUND with a message saying so, rather than an empty list that would read
   * as "no attendance".
   */
  @Authorized()
  @Query(() => AttendancePage, {
    description:
      '本人考勤记录（当前账号关联的实名制人员；含被拒的尝试及原因；日期区间最长 31 天，默认今天）。账号未关联人员时返回 NOT_FOUND',
  })
  async myAttendance(
    @Arg('dateFrom', () => String, { nullable: true, description: '开始日期（YYYY-MM-DD，默认今天）' })
    dateFrom: string | null,
    @Arg('dateTo', () => String, { nullable: true, description: '结束日期（含，默认同开始日期）' })
    dateTo: string | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<AttendancePage> {
    const caller = requireCaller(ctx);
    const within = occurredWithin(dateFrom, dateTo, chinaDate(ctx.runtime.now()), { from: 'dateFrom', to: 'dateTo' });
    const window = pageWindow(page);
    const [own]: { id: string }[] = isUuid(caller.userId)
      ? await ctx.em
          .getConnection()
          .execute(`select p.id from workforce.person p where p.user_id = ?`, [caller.userId], 'all')
      : [];
    if (!own)
      throw new AppError(
        ErrorCode.NOT_FOUND,
        '当前账号未关联实名制人员，没有本人考勤记录。请联系项目劳务管理员登记并关联账号',
      );
    return attendancePage(
      ctx,
      { sql: `a.person_id = ? and ${within.sql}`, params: [own.id, ...within.params] },
      attendanceOrder(null),
      window,
    );
  }

  // --- fields: one batch per request through the loaders, never a query per row ----------------

  @FieldResolver(() => String, {
    nullable: true,
    description: '人员姓名（未识别的人员、或人员不在本账号数据权限内时为空）',
  })
  async personName(@Root() record: AttendanceRecord, @Ctx() ctx: WorkforceContext): Promise<string | null> {
    if (!record.personId) return null;
    return (await ctx.loaders.personById.load(record.personId))?.name ?? null;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: '人员（需 workforce:person:view 权限且在数据权限内，否则为空）',
  })
  async person(@Root() record: AttendanceRecord, @Ctx() ctx: WorkforceContext): Promise<Person | null> {
    if (!record.personId || !hasPermission(ctx.caller, WorkforcePermission.PERSON_VIEW)) return null;
    return ctx.loaders.personById.load(record.personId);
  }

  @FieldResolver(() => String, { nullable: true, description: '项目名称（考勤围栏副本中的名称）' })
  async projectName(@Root() record: AttendanceRecord, @Ctx() ctx: WorkforceContext): Promise<string | null> {
    if (!record.projectId) return null;
    return (await ctx.loaders.siteByProject.load(record.projectId))?.name ?? null;
  }

  @Authorized(WorkforcePermission.ATTENDANCE_VIEW)
  @Subscription(() => AttendanceChangedEvent, {
    topics: ATTENDANCE_CHANGED_TOPIC,
    description:
      '考勤变化增量（每批上传、每次打卡或每次进退场登记一条，按项目给出在场/出勤/在册变化量）：按订阅者的数据权限过滤，可按区县订阅；大屏据此累加，无需重新查询',
    filter: async ({
      payload,
      args,
      context,
    }: SubscriptionHandlerData<AttendanceChangedPayload, { districtCode?: string | null }, WorkforceContext>) =>
      (await visibleDeltas(payload, args.districtCode ?? null, context)).length > 0,
  })
  async attendanceChanged(
    @Root() payload: AttendanceChangedPayload,
    @Arg('districtCode', () => String, { nullable: true, description: '只接收该区县的变化' })
    districtCode: string | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<AttendanceChangedEvent> {
    // Register deltas default to 0: a process of the previous version may still be publishing.
    const deltas = (await visibleDeltas(payload, districtCode, ctx)).map((d) => ({
      ...d,
      registeredDelta: d.registeredDelta ?? 0,
      keyRegisteredDelta: d.keyRegisteredDelta ?? 0,
    }));
    return {
      deltas,
      workDate: payload.workDate,
      at: new Date(payload.at),
    };
  }
}

/** The deltas of an event the subscriber may see (and asked for). */
async function visibleDeltas(payload: AttendanceChangedPayload, districtCode: string | null, ctx: WorkforceContext) {
  let deltas = payload.deltas;
  if (districtCode && districtCode !== HUANGSHI_CITY_CODE)
    deltas = deltas.filter((d) => d.districtCode === districtCode);
  if (!deltas.length || seesAll(ctx.caller)) return deltas;
  if (!ctx.caller) return [];
  const inDistrict = deltas.filter((d) => ctx.caller!.scope.districtCodes.includes(d.districtCode));
  const rest = deltas.filter((d) => !inDistrict.includes(d));
  if (!rest.length || !ctx.caller.scope.enterpriseIds.length) return inDistrict;
  // An enterprise sees the projects it employs people on: one query, on a fresh fork per event.
  const scope = projectScopeSql(ctx.caller, 'x');
  const ok: { project_id: string }[] = await ctx.em
    .fork()
    .getConnection()
    .execute(
      `select x.project_id from (select unnest(?::uuid[]) as project_id, unnest(?::varchar[]) as district_code) x where ${scope.sql}`,
      pgParams([rest.map((d) => d.projectId), rest.map((d) => d.districtCode), ...scope.params]),
      'all',
    );
  const visible = new Set(ok.map((r) => r.project_id));
  return [...inDistrict, ...rest.filter((d) => visible.has(d.projectId))];
}
