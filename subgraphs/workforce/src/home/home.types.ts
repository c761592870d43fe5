import { Field, ID, Int, ObjectType } from 'type-graphql';

/** The caller's own attendance, through the person linked to their account (a worker's home page). */
@ObjectType('WorkforceMine', { description: '本人考勤（当前账号关联的实名制人员）' })
export class WorkforceMine {
  @Field(() => ID, { description: '人员 id' })
  personId!: string;

  @Field(() => String, { description: '姓名' })
  name!: string;

  @Field(() => Int, { description: '本月出勤天数（北京时间）' })
  monthAttendedDays!: number;

  @Field(() => Boolean, { description: '今日是否已出勤（有有效考勤）' })
  attendedToday!: boolean;

  @Field(() => Boolean, { description: '当前是否在场（今日最后一次有效考勤为进场）' })
  onSite!: boolean;

  @Field(() => Int, { description: '今日被拒的打卡次数' })
  refusedToday!: number;
}

/**
 * The workforce part of a person's home page (issue #11): their to-dos and figures, each in the
 * caller's data scope and each counted exactly as the list it links to counts (people list,
 * attendance records). A part the caller has no permission for is null.
 */
@ObjectType('WorkforceHome', { description: '首页：劳务实名制的待办与概况（按数据权限；无相应权限的部分为空）' })
export class WorkforceHome {
  @Field(() => String, { description: '今天（北京时间，YYYY-MM-DD）' })
  date!: string;

  @Field(() => String, { description: '“合同即将到期”的截止日期：今天起 30 天（人员列表筛选 contractEndTo）' })
  contractEndTo!: string;
}
