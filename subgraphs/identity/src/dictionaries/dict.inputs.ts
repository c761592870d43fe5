import { Field, InputType, Int, ID } from 'type-graphql';
import { MultiLine, SortOf } from '@hs/kit';
import { EnableStatus } from '../common/status.js';

@InputType('DictTypeFilter', { description: '字典类型查询条件' })
export class DictTypeFilter {
  @Field(() => String, { nullable: true, description: '编码或名称包含' })
  keyword?: string | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}

@InputType('CreateDictTypeInput', { description: '新增字典类型' })
export class CreateDictTypeInput {
  @Field(() => String, { description: '编码：小写字母开头，2–64 位小写字母、数字或下划线' })
  code!: string;

  @Field(() => String)
  name!: string;

  @MultiLine()
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}

@InputType('UpdateDictTypeInput', { description: '修改字典类型：未给出的字段不变；内置字典的编码不可修改' })
export class UpdateDictTypeInput {
  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @MultiLine()
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}

@InputType('CreateDictItemInput', { description: '新增字典数据项' })
export class CreateDictItemInput {
  @Field(() => ID, { description: '所属字典类型' })
  typeId!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  value!: string;

  @Field(() => String, { nullable: true, description: 'primary / success / info / warning / danger，空为默认' })
  tagType?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;

  @Field(() => String, { nullable: true })
  remark?: string | null;
}

@InputType('UpdateDictItemInput', { description: '修改字典数据项：未给出的字段不变；内置项的值不可修改' })
export class UpdateDictItemInput {
  @Field(() => String, { nullable: true })
  label?: string | null;

  @Field(() => String, { nullable: true })
  value?: string | null;

  @Field(() => String, { nullable: true })
  tagType?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;

  @Field(() => String, { nullable: true })
  remark?: string | null;
}

export enum DictTypeSortField {
  SORT_ORDER = 'SORT_ORDER',
  NAME = 'NAME',
  CODE = 'CODE',
  STATUS = 'STATUS',
  CREATED_AT = 'CREATED_AT',
}

export const DictTypeSort = SortOf('DictType', DictTypeSortField, {
  SORT_ORDER: '排序',
  NAME: '字典名称',
  CODE: '字典编码',
  STATUS: '状态',
  CREATED_AT: '创建时间',
});
