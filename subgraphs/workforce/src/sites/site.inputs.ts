import { SortOf } from '@hs/kit';
import { Field, InputType } from 'type-graphql';

@InputType('WorkforceProjectSiteFilter', { description: '项目考勤围栏筛选条件' })
export class SiteFilter {
  @Field(() => String, { nullable: true, description: '区县代码（黄石市 420200 表示全部）' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: '项目名称（包含）' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true 只看已设置电子围栏的，false 只看未设置的' })
  hasFence?: boolean | null;
}

/** The fence list's sortable columns, each with an index behind it (Migration20261202220000WorkforceListIndexes). */
export enum WorkforceProjectSiteSortField {
  NAME = 'NAME',
  DISTRICT_CODE = 'DISTRICT_CODE',
  FENCE_MARGIN_M = 'FENCE_MARGIN_M',
  SYNCED_AT = 'SYNCED_AT',
}

export const WorkforceProjectSiteSort = SortOf('WorkforceProjectSite', WorkforceProjectSiteSortField, {
  NAME: '工程项目',
  DISTRICT_CODE: '区县',
  FENCE_MARGIN_M: '围栏容差（米）',
  SYNCED_AT: '同步时间',
});
