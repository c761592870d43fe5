import { SortOf } from '@hs/kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType('SessionFilter', { description: '在线会话查询条件' })
export class SessionFilter {
  @Field(() => ID, { nullable: true })
  userId?: string | null;
}

/** The user column sorts through a relation: left out (it would need the name copied onto the session). */
export enum UserSessionSortField {
  CREATED_AT = 'CREATED_AT',
  LAST_ACTIVE_AT = 'LAST_ACTIVE_AT',
  EXPIRES_AT = 'EXPIRES_AT',
}

export const UserSessionSort = SortOf('UserSession', UserSessionSortField, {
  CREATED_AT: '登录时间',
  LAST_ACTIVE_AT: '最近活动',
  EXPIRES_AT: '最长有效至',
});
