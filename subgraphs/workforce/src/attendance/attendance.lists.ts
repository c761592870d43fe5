import {
  batchesOf,
  chinaDate,
  type DownloadDefinition,
  listDownload,
  pgArray,
  type Sort,
  SortDirection,
} from '@hs/kit';
import { personScopeSql } from '../common/scope.js';
import type { WorkforceContext } from '../context.js';
import { districtName } from '../people/personal-data.js';
import {
  type AttendanceFilter,
  attendanceOrder,
  type AttendanceRecordSortField,
  attendanceWhere,
  COLUMNS,
  toRecord,
} from './attendance.query.js';
import type { AttendanceRecord, RefusalReason } from './attendance.types.js';

export const ATTENDANCE_EXPORT = 'attendance';
export const ATTENDANCE_TITLE = '考勤记录';

export interface AttendanceListArgs {
  filter?: AttendanceFilter | null;
  sort?: Sort<AttendanceRecordSortField> | null;
  ids?: string[] | null;
}

/** The 结果 column's words, as the records page shows them. */
const REASON_LABELS: Record<RefusalReason, string> = {
  OUTSIDE_FENCE: '不在项目电子围栏范围内',
  NO_FENCE: '项目未设置电子围栏',
  DUPLICATE: '重复打卡',
  NOT_ON_PROJECT: '当日不在此项目在场',
  UNKNOWN_PERSON: '人员未登记',
  BAD_TIME: '考勤时间无效',
  LOW_ACCURACY: '定位精度不足',
};
const DIRECTION_LABELS = { IN: '进场', OUT: '离场' } as const;
const SOURCE_LABELS = { MOBILE: '手机定位', DEVICE: '考勤设备' } as const;

interface AttendanceRow {
  record: AttendanceRecord;
  /** Null: not identified; undefined: identified but outside the caller's scope. */
  personName: string | null | undefined;
  projectName: string | null;
}

function personText(row: AttendanceRow): string {
  if (!row.record.personId) return '未识别';
  return row.personName ?? '无权查看';
}

function resultText({ record }: AttendanceRow): string {
  if (record.accepted) return '有效';
  const label = record.reason ? REASON_LABELS[record.reason] : '';
  const distance =
    record.reason === 'OUTSIDE_FENCE' && record.distanceM != null
      ? `（距围栏约 ${Math.round(record.distanceM)} 米）`
      : '';
  return `被拒：${label}${distance}`;
}

/** Names of the people of a batch that the caller may see (the list's personName), in the export's snapshot. */
async function visibleNames(ctx: WorkforceContext, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const scope = personScopeSql(ctx.caller, 'p');
  const rows = await ctx.em.execute<{ id: string; name: string }[]>(
    `select p.id, p.name from workforce.person p where p.id = any(?::uuid[]) and ${scope.sql}`,
    [pgArray(ids), ...scope.params],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * 考勤记录 as the records page shows them. The range can hold a month of a city's attempts, so it
 * is read by keyset (after the last row's occurred_at and id, in the list's order) rather than by
 * offset: every batch is an index range scan of the partitions in the range, not a re-read of all
 * the rows before it.
 */
const attendanceExport = listDownload<WorkforceContext, AttendanceRow, AttendanceListArgs>({
  sheet: (ctx, args) => {
    const { from, to } = attendanceWhere(ctx, args.filter, chinaDate(ctx.runtime.now()));
    return {
      title: ATTENDANCE_TITLE,
      subtitle: `考勤日期：${from === to ? from : `${from} 至 ${to}`}`,
      columns: [
        { header: '考勤时间', value: (r) => r.record.occurredAt },
        { header: '人员', value: personText },
        { header: '关键岗位', value: (r) => (r.record.isKeyPost ? '是' : '') },
        { header: '工程项目', value: (r) => r.projectName },
        { header: '区县', value: (r) => (r.record.districtCode ? districtName(r.record.districtCode) : '') },
        { header: '方向', value: (r) => DIRECTION_LABELS[r.record.direction] },
        { header: '方式', value: (r) => SOURCE_LABELS[r.record.source] },
        {
          header: '位置',
          value: (r) =>
            r.record.latitude != null && r.record.longitude != null
              ? `${r.record.latitude.toFixed(5)}, ${r.record.longitude.toFixed(5)}`
              : '',
        },
        { header: '结果', value: resultText },
        { header: '接收时间', value: (r) => r.record.receivedAt },
      ],
    };
  },
  async *batches(ctx, args) {
    const { where } = attendanceWhere(ctx, args.filter, chinaDate(ctx.runtime.now()), args.ids);
    const order = attendanceOrder(args.sort);
    const descending = !args.sort || args.sort.direction === SortDirection.DESC;
    const [beyond, reach] = descending ? ['<', '<='] : ['>', '>='];
    // occurred_at as text: it round-trips to the microsecond, a JS Date only to the millisecond.
    let last: { at: string; id: string } | null = null;
    const page = async (_offset: number, limit: number) => {
      // The bound on occurred_at alone is what the partitions' index scans start from; the OR
      // only settles the rows of the last instant (as one condition it was a filter over the range).
      const after = last
        ? {
            sql: ` and a.occurred_at ${reach} ?::timestamptz and (a.occurred_at ${beyond} ?::timestamptz or a.id ${beyond} ?)`,
            params: [last.at, last.at, last.id],
          }
        : { sql: '', params: [] };
      const rows = await ctx.em.execute<any[]>(
        `select ${COLUMNS}, a.occurred_at::text as at_key, s.name as project_name
           from workforce.attendance a left join workforce.project_site s on s.project_id = a.project_id
          where ${where.sql}${after.sql} order by ${order} limit ?`,
        [...where.params, ...after.params, limit],
      );
      if (rows.length) last = { at: rows.at(-1).at_key, id: rows.at(-1).id };
      return rows;
    };
    for await (const rows of batchesOf(ctx, page)) {
      const names = await visibleNames(ctx, [...new Set(rows.map((r) => r.person_id).filter(Boolean))] as string[]);
      yield rows.map((row) => ({
        record: toRecord(row),
        personName: row.person_id ? names.get(row.person_id) : null,
        projectName: row.project_name ?? null,
      }));
    }
  },
});

export const attendanceDownloads: Record<string, DownloadDefinition<WorkforceContext>> = {
  [ATTENDANCE_EXPORT]: attendanceExport,
};
