import { SortOf } from '@hs/kit';
import { Field, ID, InputType } from 'type-graphql';
import { EnableStatus } from '../common/status.js';

@InputType('UserFilter', { description: '用户查询条件' })
export class UserFilter {
  @Field(() => String, { nullable: true, description: '用户名或姓名包含；也可输入完整手机号或身份证号精确查找' })
  keyword?: string | null;

  @Field(() => ID, { nullable: true, description: '部门（含下级部门）' })
  departmentId?: string | null;

  @Field(() => EnableStatus, { nullable: true })
  status?: EnableStatus | null;

  @Field(() => ID, { nullable: true })
  roleId?: string | null;
}

@InputType('CreateUserInput', { description: '新增用户' })
export class CreateUserInput {
  @Field(() => String, { description: '登录名：字母开头，3–32 位字母、数字、下划线、点或短横线' })
  username!: string;

  @Field(() => String, { description: '姓名' })
  displayName!: string;

  @Field(() => ID)
  departmentId!: string;

  @Field(() => [ID], { defaultValue: [] })
  roleIds!: string[];

  @Field(() => String, { nullable: true, description: '手机号' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '身份证号' })
  idCardNo?: string | null;

  @Field(() => String, { description: '初始密码：用户首次登录后必须修改' })
  initialPassword!: string;
}

@InputType('UpdateUserInput', { description: '修改用户：未给出的字段不变；phone / idCardNo 传空字符串表示清除' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => [ID], { nullable: true })
  roleIds?: string[] | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  idCardNo?: string | null;
}

export enum UserSortField {
  USERNAME = 'USERNAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
  STATUS = 'STATUS',
  CREATED_AT = 'CREATED_AT',
  LAST_LOGIN_AT = 'LAST_LOGIN_AT',
}

export const UserSort = SortOf('User', UserSortField, {
  USERNAME: '登录名',
  DISPLAY_NAME: '姓名',
  STATUS: '状态',
  CREATED_AT: '创建时间',
  LAST_LOGIN_AT: '最后登录时间',
});
