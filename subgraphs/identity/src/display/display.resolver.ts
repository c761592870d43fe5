import { Permission, requireCaller } from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { ClientInfo } from '../auth/auth.service.js';
import type { IdentityContext } from '../context.js';
import { User } from '../users/user.entity.js';
import { DisplayLink, DisplayLinkStatus } from './display-link.entity.js';
import { displayLinkState } from './display-link.rules.js';
import { DisplayLinkService } from './display.service.js';

@ObjectType('CreatedDisplayLink', { description: '新建的大屏链接：令牌只在此时返回一次，请立即复制' })
export class CreatedDisplayLink {
  @Field(() => DisplayLink)
  link!: DisplayLink;

  @Field(() => String, { description: '链接令牌（只显示这一次；服务器只保存其 SM3 摘要）' })
  token!: string;

  @Field(() => String, { description: '大屏地址（相对路径），在前面加上平台地址即可，如 /dashboard/?display=…' })
  path!: string;
}

@ObjectType('DisplayLoginPayload', { description: '大屏链接换取的只读访问令牌' })
export class DisplayLoginPayload {
  @Field(() => String, { description: '访问令牌（只读：dashboard:view、project:view、enterprise:view，全市范围）' })
  accessToken!: string;

  @Field(() => Int, { description: '访问令牌有效期（秒）；到期前请用同一链接令牌再次换取' })
  expiresIn!: number;

  @Field(() => [String], { description: '令牌携带的权限' })
  permissions!: string[];

  @Field(() => String, { description: '链接名称' })
  label!: string;

  @Field(() => Date, { description: '链接本身的有效期' })
  linkExpiresAt!: Date;
}

const service = (ctx: IdentityContext) => new DisplayLinkService(ctx.em, ctx.deps.config.AUTH_TOKEN_SECRET);
const clientOf = (ctx: IdentityContext): ClientInfo => ({ ip: ctx.ip, userAgent: ctx.userAgent });

/** 大屏展示链接: a wall screen signs in without a password, read-only (display-link.rules.ts). */
@Resolver(() => DisplayLink)
export class DisplayLinkResolver {
  @Authorized(Permission.USER_EDIT, Permission.USER_VIEW)
  @Query(() => [DisplayLink], { description: '大屏展示链接（含已过期、已撤销），最新在前' })
  displayLinks(@Ctx() ctx: IdentityContext): Promise<DisplayLink[]> {
    return service(ctx).list();
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => CreatedDisplayLink, {
    description: '创建大屏展示链接（需数据权限为“全部”）。持有链接的大屏可免登录只读查看数据指挥中心',
  })
  createDisplayLink(
    @Arg('label', () => String, { description: '名称，如“指挥中心大屏”' }) label: string,
    @Arg('validDays', () => Int, { description: '有效天数（1–366）' }) validDays: number,
    @Ctx() ctx: IdentityContext,
  ): Promise<CreatedDisplayLink> {
    return service(ctx).create(requireCaller(ctx), label, validDays, clientOf(ctx));
  }

  @Authorized(Permission.USER_EDIT)
  @Mutation(() => DisplayLink, {
    description: '撤销大屏展示链接：此后不能再换取访问令牌（已换取的令牌最长 10 分钟后失效）',
  })
  revokeDisplayLink(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<DisplayLink> {
    return service(ctx).revoke(requireCaller(ctx), id, clientOf(ctx));
  }

  @Mutation(() => DisplayLoginPayload, {
    description: '大屏用链接令牌换取只读访问令牌（无需登录）；到期前再次调用即可续期',
  })
  displayLogin(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext): Promise<DisplayLoginPayload> {
    return service(ctx).exchange(token, clientOf(ctx));
  }

  @FieldResolver(() => DisplayLinkStatus, { description: '有效 / 已过期 / 已撤销' })
  status(@Root() link: DisplayLink): DisplayLinkStatus {
    return displayLinkState(link, new Date()) as DisplayLinkStatus;
  }

  @FieldResolver(() => User, { nullable: true, description: '创建人（账号已删除时为空）' })
  createdBy(@Root() link: DisplayLink, @Ctx() ctx: IdentityContext): Promise<User | null> | null {
    return link.createdById ? ctx.loaders.userById.load(link.createdById) : null;
  }
}
