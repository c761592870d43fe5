import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Direction {
  IN = 'IN',
  OUT = 'OUT',
}
registerEnumType(Direction, {
  name: 'AttendanceDirection',
  description: '进出方向',
  valuesConfig: { IN: { description: '进场' }, OUT: { description: '离场' } },
});

export enum AttendanceSource {
  MOBILE = 'MOBILE',
  DEVICE = 'DEVICE',
}
registerEnumType(AttendanceSource, {
  name: 'AttendanceSource',
  description: '考勤来源',
  valuesConfig: { MOBILE: { description: '手机定位打卡' }, DEVICE: { description: '考勤设备' } },
});

/** Why an attempt was refused; every attempt is kept, refused ones with one of these. */
export enum RefusalReason {
  OUTSIDE_FENCE = 'OUTSIDE_FENCE',
  NO_FENCE = 'NO_FENCE',
  DUPLICATE = 'DUPLICATE',
  NOT_ON_PROJECT = 'NOT_ON_PROJECT',
  UNKNOWN_PERSON = 'UNKNOWN_PERSON',
  BAD_TIME = 'BAD_TIME',
  LOW_ACCURACY = 'LOW_ACCURACY',
}
registerEnumType(RefusalReason, {
  name: 'AttendanceRefusalReason',
  description: '考勤被拒原因',
  valuesConfig: {
    OUTSIDE_FENCE: { description: '不在项目电子围栏范围内' },
    NO_FENCE: { description: '项目未设置电子围栏，不能手机打卡' },
    DUPLICATE: { description: '重复打卡（时间窗口内已有同方向记录）' },
    NOT_ON_PROJECT: { description: '该人员当日不在此项目在场' },
    UNKNOWN_PERSON: { description: '人员未登记' },
    BAD_TIME: { description: '考勤时间无效（晚于当前时间或过早）' },
    LOW_ACCURACY: { description: '定位精度不足' },
  },
});

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  OUTSIDE_FENCE: '您不在项目施工现场电子围栏范围内，打卡未成功',
  NO_FENCE: '该项目尚未设置电子围栏，不能手机打卡，请使用现场考勤设备',
  DUPLICATE: '重复打卡：短时间内已有同方向的打卡记录',
  NOT_ON_PROJECT: '您当日不在该项目的在场人员名单中，请联系项目劳资员办理进场登记',
  UNKNOWN_PERSON: '人员未登记：请先完成实名制登记',
  BAD_TIME: '考勤时间无效：不能晚于当前时间，也不能早于一年前',
  LOW_ACCURACY: '定位精度不足，请到开阔处重新定位后打卡',
};

@ObjectType('AttendanceRecord', { description: '一次考勤（含被拒绝的尝试）' })
export class AttendanceRecord {
  @Field(() => ID, { description: '唯一标识' })
  id!: string;

  @Field(() => Date, { description: '考勤时间' })
  occurredAt!: Date;

  @Field(() => String, { description: '考勤日期（北京时间，YYYY-MM-DD）' })
  workDate!: string;

  @Field(() => ID, { nullable: true, description: '人员 id（未能识别时为空）' })
  personId!: string | null;

  @Field(() => ID, { nullable: true, description: '工程项目 id' })
  projectId!: string | null;

  @Field(() => String, { nullable: true, description: '区县行政区划代码' })
  districtCode!: string | null;

  @Field(() => Direction, { description: '进出方向' })
  direction!: Direction;

  @Field(() => AttendanceSource, { description: '考勤来源' })
  source!: AttendanceSource;

  @Field(() => ID, { nullable: true, description: '考勤设备 id' })
  deviceId!: string | null;

  @Field(() => String, { nullable: true, description: '设备事件编号' })
  eventId!: string | null;

  @Field(() => Boolean, { description: '是否有效' })
  accepted!: boolean;

  @Field(() => RefusalReason, { nullable: true, description: '被拒原因' })
  reason!: RefusalReason | null;

  @Field(() => Boolean, { description: '是否关键岗位人员' })
  isKeyPost!: boolean;

  @Field(() => Float, { nullable: true, description: '纬度（手机打卡）' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: '经度（手机打卡）' })
  longitude!: number | null;

  @Field(() => Float, { nullable: true, description: '距围栏距离（米，围栏内为 0）' })
  distanceM!: number | null;

  @Field(() => String, { nullable: true, description: '抓拍照片 SHA-256' })
  snapshotSha256!: string | null;

  @Field(() => Date, { description: '平台接收时间' })
  receivedAt!: Date;
}

@InputType('AttendanceEventInput', { description: '设备上传的一条考勤事件' })
export class AttendanceEventInput {
  @Field(() => String, { description: '设备内唯一的事件编号（重发时不变，用于去重）' })
  eventId!: string;

  @Field(() => String, {
    nullable: true,
    description: '身份证号 SM3 摘要（64位十六进制，规范化后的号码）；与 personId 二选一',
  })
  idCardHash?: string | null;

  @Field(() => ID, { nullable: true, description: '人员 id（设备已下发人员名单时）' })
  personId?: string | null;

  @Field(() => Date, { description: '发生时间' })
  occurredAt!: Date;

  @Field(() => Direction, { description: '进出方向' })
  direction!: Direction;

  @Field(() => String, { nullable: true, description: '抓拍照片 SHA-256' })
  snapshotSha256?: string | null;
}

@ObjectType('AttendanceEventOutcome', { description: '一条上传事件的处理结果' })
export class EventOutcome {
  @Field(() => String, { description: '设备事件编号' })
  eventId!: string;

  @Field(() => Boolean, { description: '是否为有效考勤' })
  accepted!: boolean;

  @Field(() => RefusalReason, { nullable: true, description: '被拒原因（有效时为空）' })
  reason!: RefusalReason | null;

  @Field(() => String, { nullable: true, description: '被拒说明' })
  message!: string | null;

  @Field(() => ID, { nullable: true, description: '考勤记录 id' })
  attendanceId!: string | null;

  @Field(() => Boolean, { description: '此前已上传过（重发），返回的是当时的结果' })
  replayed!: boolean;
}

@ObjectType('AttendanceBatchResult', { description: '一批考勤上传的结果' })
export class BatchResult {
  @Field(() => String, { description: '批次号' })
  batchId!: string;

  @Field(() => Int, { description: '本次新记录的有效考勤数' })
  accepted!: number;

  @Field(() => Int, { description: '本次新记录的被拒数' })
  refused!: number;

  @Field(() => Int, { description: '重发（此前已处理）的事件数' })
  replayed!: number;

  @Field(() => [EventOutcome], { description: '逐条结果，顺序同上传' })
  outcomes!: EventOutcome[];
}

@ObjectType('AttendanceProjectDelta', { description: '某项目的考勤变化量（大屏按此增量更新，无需重新查询）' })
export class ProjectDelta {
  @Field(() => ID, { description: '工程项目 id' })
  projectId!: string;

  @Field(() => String, { description: '区县行政区划代码' })
  districtCode!: string;

  @Field(() => Int, { description: '当前在场人数变化' })
  onSiteDelta!: number;

  @Field(() => Int, { description: '关键岗位在场人数变化' })
  keyPostDelta!: number;

  @Field(() => Int, { description: '今日出勤人数变化（当日首次有效考勤）' })
  attendedDelta!: number;

  @Field(() => Int, { description: '今日关键岗位出勤人数变化' })
  keyAttendedDelta!: number;

  @Field(() => Int, { description: '有效考勤条数' })
  accepted!: number;

  @Field(() => Int, { description: '被拒条数' })
  refused!: number;

  @Field(() => Int, { description: '今日在册人数变化（进场、退场登记或岗位变更；考勤为 0）' })
  registeredDelta!: number;

  @Field(() => Int, { description: '今日关键岗位在册人数变化' })
  keyRegisteredDelta!: number;
}

@ObjectType('AttendanceChangedEvent', { description: '考勤变化事件：每批上传、每次打卡或每次进退场登记一条' })
export class AttendanceChangedEvent {
  @Field(() => [ProjectDelta], { description: '各项目的变化量' })
  deltas!: ProjectDelta[];

  @Field(() => String, { description: '考勤日期（北京时间）：增量作用于这一天的计数' })
  workDate!: string;

  @Field(() => Date, { description: '提交时间' })
  at!: Date;
}

/** What goes over NOTIFY (small: one device's batch touches one project). */
export interface AttendanceChangedPayload {
  deltas: ProjectDelta[];
  workDate: string;
  at: string;
}

export const ATTENDANCE_CHANGED_TOPIC = 'workforce.attendance';
