import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InspectionCategory } from '../inspections/inspection.enums.js';

export enum BreakdownDimension {
  DISTRICT = 'DISTRICT',
  CATEGORY = 'CATEGORY',
  UNIT = 'UNIT',
}

registerEnumType(BreakdownDimension, {
  name: 'FireBreakdownDimension',
  description: '分组维度（4.2.3）',
  valuesConfig: {
    DISTRICT: { description: '按区县' },
    CATEGORY: { description: '按项目类别' },
    UNIT: { description: '按参建单位（配合 unitRole）' },
  },
});

@InputType('FireAnalyticsFilter', { description: '数据分析条件（按数据权限）' })
export class AnalyticsFilter {
  @Field(() => String, { nullable: true, description: '区县行政区划代码；420200 或不填为全市' })
  districtCode?: string | null;

  @Field(() => InspectionCategory, { nullable: true })
  category?: InspectionCategory | null;

  @Field(() => String, { nullable: true, description: '检查日期起（含）；不影响“近 N 月”和月度趋势' })
  dateFrom?: string | null;

  @Field(() => String, { nullable: true, description: '检查日期止（含）；不影响“近 N 月”和月度趋势' })
  dateTo?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: '合格率只统计五方已签名（封存）的结果（默认是）',
  })
  sealedOnly?: boolean | null;
}

@ObjectType('FireRate', { description: '合格率统计' })
export class RateRow {
  @Field(() => String, { description: '检查项目或子项编码' })
  code!: string;

  @Field(() => String, { nullable: true, description: '所属检查项目编码（子项统计时）' })
  itemCode!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: '已记录的检查（检查内容 × 部位）数' })
  checked!: number;

  @Field(() => Int)
  passed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, { nullable: true, description: '合格率 0–1（无数据为空）' })
  passRate!: number | null;

  @Field(() => Float, { nullable: true, description: '不合格率 0–1（无数据为空）' })
  failRate!: number | null;

  @Field(() => Int, { description: '涉及的抽查项目数' })
  inspections!: number;

  @Field(() => Int, { description: '出现不合格的抽查项目数' })
  failedInspections!: number;
}

@ObjectType('FirePeriodCount', { description: '近 N 月抽查次数（4.2.2）' })
export class PeriodCount {
  @Field(() => Int)
  months!: number;

  @Field(() => String, { description: '起始日（含）' })
  from!: string;

  @Field(() => String, { description: '截止日（含）' })
  to!: string;

  @Field(() => Int, { description: '抽查次数（检查日期在期间内的项目数）' })
  total!: number;

  @Field(() => Int, { description: '其中已封存' })
  sealed!: number;

  @Field(() => Int, { description: '其中已封存且有不合格' })
  failed!: number;
}

@ObjectType('FireMonthCount', { description: '月度抽查次数' })
export class MonthCount {
  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  sealed!: number;

  @Field(() => Int)
  failed!: number;
}

@ObjectType('FireBreakdownRow', { description: '分组统计（4.2.3）' })
export class BreakdownRow {
  @Field(() => String, { description: '分组键：区县代码、类别或单位名称' })
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { description: '抽查项目数' })
  inspections!: number;

  @Field(() => Int)
  sealed!: number;

  @Field(() => Int)
  passed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, { nullable: true })
  passRate!: number | null;

  @Field(() => Int, { description: '出现不合格的抽查项目数' })
  failedInspections!: number;
}

@ObjectType('FireAnalyticsTotals')
export class AnalyticsTotals {
  @Field(() => Int)
  inspections!: number;

  @Field(() => Int)
  sealed!: number;

  @Field(() => Int)
  passed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, { nullable: true })
  passRate!: number | null;
}

/** The root of `fireAnalytics`; each field runs its own query when asked. */
@ObjectType('FireAnalytics', { description: '消防验收现场评定抽查数据分析（4.2）' })
export class Analytics {
  filter!: AnalyticsFilter | null;
  asOf!: string;

  @Field(() => String, { description: '统计截止日（YYYY-MM-DD，中国时间）' })
  asOfDate!: string;
}
