import { SortOf, type DataScopeKind } from '@hs/kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EnableStatus } from '../common/status.js';
import { DataScopeKindEnum } from './role.entity.js';

@InputType('CreateRoleInput', { description: '新增角色' })
export class CreateRoleInput {
  @Field(() => String, { description: '角色编码：小写字母开头，2–64 位小写字母、数字或下划线' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { description: '权限代码（见 permissions 查询）' })
  permissions!: string[];

  @Field(() => DataScopeKindEnum)
  dataScope!: DataScopeKind;

  @Field(() => [ID], { defaultValue: [], description: '自定义数据权限的部门（仅 CUSTOM）' })
  customDepartmentIds!: string[];

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@InputType('UpdateRoleInput', { description: '修改角色：未给出的字段不变' })
export class UpdateRoleInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  permissions?: string[] | null;

  @Field(() => DataScopeKindEnum, { nullable: true })
  dataScope?: DataScopeKind | null;

  @Field(() => [ID], { nullable: true })
  customDepartmentIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}

@ObjectType('PermissionInfo', { description: '权限代码及其中文名称' })
export class PermissionInfo {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;
}

@InputType('RoleFilter', { description: '角色查询条件' })
export class RoleFilter {
  @Field(() => String, { nullable: true, description: '角色名称或编码包含' })
  keyword?: string | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;
}

export enum RoleSortField {
  SORT_ORDER = 'SORT_ORDER',
  NAME = 'NAME',
  CODE = 'CODE',
  STATUS = 'STATUS',
  CREATED_AT = 'CREATED_AT',
}

export const RoleSort = SortOf('Role', RoleSortField, {
  SORT_ORDER: '排序',
  NAME: '角色名称',
  CODE: '角色编码',
  STATUS: '状态',
  CREATED_AT: '创建时间',
});
