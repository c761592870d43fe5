import { Arg, Authorized, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { FireContext } from '../context.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { InspectionStatus, STATUS_LABELS } from '../inspections/inspection.enums.js';
import { FirePermission } from '../permissions.js';
import { actionOf, countsByStatus, statusesWaitingOn, waitingOn } from './home.service.js';

@ObjectType('FireStatusCount', { description: '某一进度的抽查项目数' })
export class FireStatusCount {
  @Field(() => InspectionStatus)
  status!: InspectionStatus;

  @Field(() => String, { description: '进度名称' })
  label!: string;

  @Field(() => Int, { description: '项目数（数据权限内；与抽查项目列表按该进度筛选的总数一致）' })
  count!: number;

  @Field(() => Boolean, { description: '是否在等待本人处理（本人有处理这一步的权限）' })
  waitingOnMe!: boolean;
}

@ObjectType('FireTodo', { description: '一项待办：等待本人处理的抽查项目' })
export class FireTodo {
  @Field(() => Inspection)
  inspection!: Inspection;

  @Field(() => String, { description: '要做的事' })
  action!: string;

  @Field(() => Int, { nullable: true, description: '当前签名环节已签的签名框数（不在签名环节时为空）' })
  signed!: number | null;

  @Field(() => Int, { nullable: true, description: '当前签名环节应签的签名框数' })
  signers!: number | null;
}

@ObjectType('FireHome', { description: '首页：消防验收抽查的待办与各进度项目数（按数据权限）' })
export class FireHome {
  @Field(() => [FireStatusCount], { description: '各进度的项目数（全部七个进度）' })
  byStatus!: FireStatusCount[];

  @Field(() => Int, { description: '等待本人处理的项目数' })
  waitingOnMe!: number;
}

const MAX_TODO = 50;

/**
 * `fireHome`: one root field for the home page. Counts per status (as the list filtered by status
 * counts them) and the caller's to-dos: the inspections in the steps their permissions let them do
 * (方案签名 with fire:plan:sign, 现场检查 and 结果签名 with fire:result:record, …), most urgent first.
 */
@Resolver(() => FireHome)
export class FireHomeResolver {
  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => FireHome, { description: '首页：本人的消防验收抽查待办与概况（按数据权限）' })
  async fireHome(@Ctx() ctx: FireContext): Promise<FireHome> {
    const waiting = statusesWaitingOn(ctx.caller);
    const byStatus = (await countsByStatus(ctx.em, ctx.caller)).map((c) => ({
      ...c,
      label: STATUS_LABELS[c.status],
      waitingOnMe: waiting.includes(c.status),
    }));
    return { byStatus, waitingOnMe: byStatus.filter((c) => c.waitingOnMe).reduce((sum, c) => sum + c.count, 0) };
  }

  @FieldResolver(() => [FireTodo], {
    description: '等待本人处理的项目，最紧迫的在前（方案签名、结果签名、现场检查、生成方案）',
  })
  async todo(
    @Arg('limit', () => Int, { nullable: true, description: '最多条数（默认 8，最多 50）' }) limit: number | null,
    @Ctx() ctx: FireContext,
  ): Promise<FireTodo[]> {
    const rows = await waitingOn(ctx.em, ctx.caller, Math.min(Math.max(limit ?? 8, 1), MAX_TODO));
    return rows.map((row) => ({ ...row, action: actionOf(row, ctx.caller) }));
  }
}
