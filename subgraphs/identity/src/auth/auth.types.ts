import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';

@ObjectType('AuthPayload', { description: '登录结果：访问令牌与刷新令牌' })
export class AuthPayload {
  @Field(() => String, { description: '访问令牌（JWT），请求时放在 Authorization: Bearer 中' })
  accessToken!: string;

  @Field(() => String, { description: '刷新令牌：只能使用一次，每次刷新都会换新' })
  refreshToken!: string;

  @Field(() => Int, { description: '访问令牌有效期（秒）' })
  expiresIn!: number;

  @Field(() => Boolean, { description: '为 true 时必须先修改密码，此前访问令牌不带任何权限' })
  mustChangePassword!: boolean;

  @Field(() => User)
  user!: User;
}
