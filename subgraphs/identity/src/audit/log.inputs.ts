import { SortOf } from '@hs/kit';
import { Field, InputType } from 'type-graphql';
import { LoginResult } from './login-log.entity.js';

@InputType('AuditLogFilter', { description: '操作日志查询条件' })
export class AuditLogFilter {
  @Field(() => String, {
    nullable: true,
    description: '操作人：登录名或姓名包含（按用户账号查找），或用户 ID',
  })
  actor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '操作：中文名称包含（如“删除”“用户”），或完整的操作名（如 CreateUser）',
  })
  operation?: string | null;

  @Field(() => String, { nullable: true, description: 'SUCCESS / FAILURE / PARTIAL / UNKNOWN' })
  result?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@InputType('LoginLogFilter', { description: '登录日志查询条件' })
export class LoginLogFilter {
  @Field(() => String, {
    nullable: true,
    description: '用户：登录名或姓名包含（按用户账号查找）；不存在的账号请输入完整的登录名',
  })
  username?: string | null;

  @Field(() => LoginResult, { nullable: true })
  result?: LoginResult | null;

  @Field(() => String, { nullable: true })
  ip?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

export enum AuditLogSortField {
  SEQ = 'SEQ',
  AT = 'AT',
}

export const AuditLogSort = SortOf('AuditLog', AuditLogSortField, { SEQ: '序号', AT: '时间' });

export enum LoginLogSortField {
  ID = 'ID',
  USERNAME = 'USERNAME',
  IP = 'IP',
  AT = 'AT',
}

export const LoginLogSort = SortOf('LoginLog', LoginLogSortField, {
  ID: '编号',
  USERNAME: '用户名',
  IP: 'IP 地址',
  AT: '时间',
});
