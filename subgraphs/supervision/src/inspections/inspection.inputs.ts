import { SortOf } from '@hs/kit';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { InspectionType } from './inspection.entity.js';

export enum RectificationFilter {
  OPEN = 'OPEN',
  OVERDUE = 'OVERDUE',
}
registerEnumType(RectificationFilter, {
  name: 'SupervisionRectificationFilter',
  description: '整改情况筛选',
  valuesConfig: {
    OPEN: { description: '有未完成整改的问题' },
    OVERDUE: { description: '有逾期未整改的问题（已过整改期限）' },
  },
});

@InputType('SupervisionInspectionFilter', { description: '质量安全监督检查筛选条件' })
export class InspectionFilter {
  @Field(() => ID, { nullable: true, description: '工程项目 id' })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: '区县代码（黄石市 420200 表示全部）' })
  districtCode?: string | null;

  @Field(() => InspectionType, { nullable: true, description: '检查类型' })
  type?: InspectionType | null;

  @Field(() => String, { nullable: true, description: '检查日期起（含），YYYY-MM-DD' })
  dateFrom?: string | null;

  @Field(() => String, { nullable: true, description: '检查日期止（含），YYYY-MM-DD' })
  dateTo?: string | null;

  @Field(() => String, { nullable: true, description: '处理结果代码（见 supervisionOutcomes）' })
  outcome?: string | null;

  @Field(() => Int, { nullable: true, description: '最严重隐患等级编号' })
  riskLevel?: number | null;

  @Field(() => RectificationFilter, { nullable: true, description: '整改情况' })
  rectification?: RectificationFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'false 只看未关联项目的记录，true 只看已关联的' })
  linked?: boolean | null;
}

/** The list's sortable columns, each with an index behind it (Migration20261203500000Supervision). */
export enum SupervisionInspectionSortField {
  INSPECTED_ON = 'INSPECTED_ON',
  MAX_RISK_LEVEL = 'MAX_RISK_LEVEL',
  PROBLEM_COUNT = 'PROBLEM_COUNT',
  OPEN_DEADLINE = 'OPEN_DEADLINE',
}

export const SupervisionInspectionSort = SortOf('SupervisionInspection', SupervisionInspectionSortField, {
  INSPECTED_ON: '检查日期',
  MAX_RISK_LEVEL: '隐患等级',
  PROBLEM_COUNT: '问题数',
  OPEN_DEADLINE: '最早整改期限',
});
