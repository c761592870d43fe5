import { Field, ID, InputType, Int } from 'type-graphql';
import { EnableStatus } from '../common/status.js';
import { DepartmentKind } from './department.entity.js';

@InputType('CreateDepartmentInput', { description: '新增部门' })
export class CreateDepartmentInput {
  @Field(() => String)
  name!: string;

  @Field(() => DepartmentKind)
  kind!: DepartmentKind;

  @Field(() => ID, { nullable: true, description: '上级部门；为空时是一个新的根（外部组织）' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: '所辖行政区划代码：黄石市 420200 或其下辖区县' })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: '企业部门对应的企业 ID（仅 ENTERPRISE 类型）' })
  enterpriseId?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@InputType('UpdateDepartmentInput', {
  description: '修改部门：未给出的字段不变；districtCode / enterpriseId 传空字符串表示清除',
})
export class UpdateDepartmentInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '新的上级部门（不能是自己或自己的下级）' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}

@InputType('DepartmentFilter', {
  description: '部门查询条件：某部门符合条件时，它的各级上级部门也一并列出（树形列表）',
})
export class DepartmentFilter {
  @Field(() => String, { nullable: true, description: '部门名称包含' })
  keyword?: string | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}
