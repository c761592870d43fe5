import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum InsuranceState {
  PAID = 'PAID',
  ARREARS = 'ARREARS',
  NOT_ENROLLED = 'NOT_ENROLLED',
}
registerEnumType(InsuranceState, {
  name: 'SocialInsuranceState',
  description: '社保缴纳状态',
  valuesConfig: {
    PAID: { description: '正常缴纳' },
    ARREARS: { description: '欠缴' },
    NOT_ENROLLED: { description: '未参保' },
  },
});

export enum InsuranceSource {
  LIVE = 'LIVE',
  CACHE = 'CACHE',
  NONE = 'NONE',
}
registerEnumType(InsuranceSource, {
  name: 'SocialInsuranceSource',
  description: '数据来源',
  valuesConfig: {
    LIVE: { description: '刚从人社局接口查询' },
    CACHE: { description: '人社局接口不可用，为最近一次查询结果' },
    NONE: { description: '人社局接口不可用，且从未查询成功过' },
  },
});

@ObjectType('SocialInsuranceMonth', { description: '某月缴纳情况' })
export class InsuranceMonthType {
  @Field(() => String, { description: '月份 YYYY-MM' })
  month!: string;

  @Field(() => Boolean, { description: '是否已缴' })
  paid!: boolean;

  @Field(() => Float, { description: '缴费基数（元）' })
  base!: number;
}

@ObjectType('SocialInsuranceStatus', { description: '人员社保缴纳情况（1.2.3，来自人社局接口）' })
export class InsuranceStatusType {
  @Field(() => ID, { description: '人员 id' })
  personId!: string;

  @Field(() => InsuranceState, { nullable: true, description: '缴纳状态（从未查询成功时为空）' })
  status!: InsuranceState | null;

  @Field(() => Int, { nullable: true, description: '近12个月已缴月数' })
  paidMonths!: number | null;

  @Field(() => String, { nullable: true, description: '最近缴费月份' })
  lastPaidMonth!: string | null;

  @Field(() => String, { nullable: true, description: '经办机构' })
  insurer!: string | null;

  @Field(() => [InsuranceMonthType], { description: '近12个月明细' })
  months!: InsuranceMonthType[];

  @Field(() => Date, { nullable: true, description: '数据取得时间' })
  fetchedAt!: Date | null;

  @Field(() => InsuranceSource, { description: '数据来源' })
  source!: InsuranceSource;

  @Field(() => Boolean, { description: '人社局接口本次是否不可用' })
  unavailable!: boolean;

  @Field(() => String, { nullable: true, description: '提示信息（接口不可用时说明显示的是哪天的数据）' })
  message!: string | null;
}
