import { notFound } from '@hs/kit';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { WorkforceContext } from '../context.js';
import { WorkforcePermission } from '../permissions.js';
import { socialInsuranceStatus } from './insurance.service.js';
import { InsuranceStatusType } from './insurance.types.js';

@Resolver()
export class InsuranceResolver {
  @Authorized(WorkforcePermission.INSURANCE_VIEW)
  @Query(() => InsuranceStatusType, {
    description: '人员社保缴纳情况（1.2.3）：查询人社局接口；接口不可用时返回最近一次结果及说明，不报错',
  })
  async socialInsuranceStatus(
    @Arg('personId', () => ID) personId: string,
    @Arg('refresh', () => Boolean, { nullable: true, description: '忽略 10 分钟内的缓存，重新查询' })
    refresh: boolean | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<InsuranceStatusType> {
    const person = await ctx.loaders.personById.load(personId);
    if (!person) throw notFound('人员');
    return socialInsuranceStatus(ctx.em, person, {
      ...ctx.runtime.hrBureau,
      fieldKey: ctx.runtime.fieldKey,
      logger: ctx.deps.logger,
      now: ctx.runtime.now,
      refresh: refresh ?? false,
    });
  }
}
