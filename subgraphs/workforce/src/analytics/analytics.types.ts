import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RateGroup {
  PROJECT = 'PROJECT',
  DISTRICT = 'DISTRICT',
}
registerEnumType(RateGroup, {
  name: 'WorkforceRateGroup',
  description: '出勤率统计口径',
  valuesConfig: { PROJECT: { description: '按项目' }, DISTRICT: { description: '按区县' } },
});

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortOrder, { name: 'WorkforceSortOrder', description: '排序方向' });

@ObjectType('WorkforceProjectAttendance', { description: '某项目某日的出勤情况' })
export class ProjectAttendance {
  @Field(() => ID, { description: '工程项目 id' })
  projectId!: string;

  @Field(() => String, { description: '项目名称' })
  projectName!: string;

  @Field(() => String, { description: '区县代码' })
  districtCode!: string;

  @Field(() => String, { description: '区县名称' })
  districtName!: string;

  @Field(() => Int, { description: '在册人数（当日在场登记）' })
  registered!: number;

  @Field(() => Int, { description: '关键岗位在册人数' })
  keyRegistered!: number;

  @Field(() => Int, { description: '出勤人数（当日有有效考勤）' })
  attended!: number;

  @Field(() => Int, { description: '关键岗位出勤人数' })
  keyAttended!: number;

  @Field(() => Int, { description: '当前在场人数（最后一次为进场）' })
  onSite!: number;

  @Field(() => Int, { description: '关键岗位当前在场人数' })
  keyOnSite!: number;

  @Field(() => Float, { nullable: true, description: '工人出勤率 = 出勤/在册（在册为 0 时为空）' })
  attendanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: '关键岗位出勤率' })
  keyPostRate!: number | null;
}

@ObjectType('WorkforceProjectAttendancePage', { description: '项目出勤分页结果' })
export class ProjectAttendancePage {
  @Field(() => [ProjectAttendance], { description: '本页数据' })
  items!: ProjectAttendance[];

  @Field(() => Int, { description: '符合条件的总条数' })
  total!: number;

  @Field(() => Int, { description: '页码' })
  page!: number;

  @Field(() => Int, { description: '每页条数' })
  pageSize!: number;
}

@ObjectType('WorkforceAttendanceTotals', { description: '出勤合计（全市或某区县）' })
export class AttendanceTotals {
  @Field(() => String, { description: '区县代码（全市为 420200）' })
  districtCode!: string;

  @Field(() => String, { description: '区县名称' })
  districtName!: string;

  @Field(() => Int, { description: '在册人数' })
  registered!: number;

  @Field(() => Int, { description: '关键岗位在册人数' })
  keyRegistered!: number;

  @Field(() => Int, { description: '出勤人数' })
  attended!: number;

  @Field(() => Int, { description: '关键岗位出勤人数' })
  keyAttended!: number;

  @Field(() => Int, { description: '当前在场人数' })
  onSite!: number;

  @Field(() => Int, { description: '关键岗位当前在场人数' })
  keyOnSite!: number;

  @Field(() => Float, { nullable: true, description: '工人出勤率' })
  attendanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: '关键岗位出勤率' })
  keyPostRate!: number | null;
}

@ObjectType('WorkforceTodaySummary', { description: '今日实时出勤（4.3.1）：合计与各区县' })
export class TodaySummary {
  @Field(() => String, { description: '日期（北京时间）' })
  date!: string;

  @Field(() => AttendanceTotals, { description: '合计' })
  total!: AttendanceTotals;

  @Field(() => [AttendanceTotals], { description: '各区县' })
  byDistrict!: AttendanceTotals[];
}

@InputType('WorkforceRateFilter', { description: '出勤率统计条件' })
export class RateFilter {
  @Field(() => String, { description: '开始日期（YYYY-MM-DD）' })
  dateFrom!: string;

  @Field(() => String, { description: '结束日期（YYYY-MM-DD，含）' })
  dateTo!: string;

  @Field(() => String, { nullable: true, description: '区县代码' })
  districtCode?: string | null;
}

@ObjectType('WorkforceAttendanceRate', { description: '一段时间的出勤率（人·日口径）' })
export class AttendanceRate {
  @Field(() => String, { description: '项目 id 或区县代码' })
  key!: string;

  @Field(() => String, { description: '项目名称或区县名称' })
  name!: string;

  @Field(() => String, { description: '区县代码' })
  districtCode!: string;

  @Field(() => Int, { description: '应出勤人·日（在册天数之和）' })
  expectedDays!: number;

  @Field(() => Int, { description: '实际出勤人·日' })
  attendedDays!: number;

  @Field(() => Int, { description: '关键岗位应出勤人·日' })
  keyExpectedDays!: number;

  @Field(() => Int, { description: '关键岗位实际出勤人·日' })
  keyAttendedDays!: number;

  @Field(() => Float, { nullable: true, description: '工人出勤率' })
  attendanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: '关键岗位出勤率' })
  keyPostRate!: number | null;
}

@ObjectType('WorkforceAttendanceRatePage', { description: '出勤率分页结果' })
export class AttendanceRatePage {
  @Field(() => [AttendanceRate], { description: '本页数据' })
  items!: AttendanceRate[];

  @Field(() => Int, { description: '符合条件的总条数' })
  total!: number;

  @Field(() => Int, { description: '页码' })
  page!: number;

  @Field(() => Int, { description: '每页条数' })
  pageSize!: number;
}

@ObjectType('WorkforceCount', { description: '分组计数' })
export class CountRow {
  @Field(() => String, { description: '分组键（工种、岗位、区县代码、年龄段、性别）' })
  key!: string;

  @Field(() => String, { description: '显示名称' })
  label!: string;

  @Field(() => Int, { description: '人数' })
  count!: number;
}

@ObjectType('WorkforcePersonnelStats', { description: '在场人员统计（3.3、4.3.5、4.3.6）' })
export class PersonnelStats {
  @Field(() => Int, { description: '在场人员总数（去重）' })
  total!: number;

  @Field(() => Int, { description: '关键岗位人数' })
  keyPost!: number;

  @Field(() => [CountRow], { description: '按工种' })
  byTrade!: CountRow[];

  @Field(() => [CountRow], { description: '按岗位' })
  byPost!: CountRow[];

  @Field(() => [CountRow], { description: '按区县（人员分布）' })
  byDistrict!: CountRow[];

  @Field(() => [CountRow], { description: '按年龄段' })
  byAgeBand!: CountRow[];

  @Field(() => [CountRow], { description: '按性别' })
  bySex!: CountRow[];
}

@ObjectType('WorkforceProjectSummary', { description: '项目劳务概况（今日）' })
export class ProjectSummary {
  @Field(() => Int, { description: '在册人数' })
  registered!: number;

  @Field(() => Int, { description: '关键岗位在册人数' })
  keyRegistered!: number;

  @Field(() => Int, { description: '今日出勤人数' })
  attendedToday!: number;

  @Field(() => Int, { description: '今日关键岗位出勤人数' })
  keyAttendedToday!: number;

  @Field(() => Int, { description: '当前在场人数' })
  onSite!: number;

  @Field(() => Float, { nullable: true, description: '今日工人出勤率' })
  attendanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: '今日关键岗位出勤率' })
  keyPostRate!: number | null;
}
