import { ExchangeOutboxState, type ExchangeOutboxView, Permission } from '@hs/kit';
import { Authorized, Ctx, Field, Int, ObjectType, FieldResolver, Resolver, Root } from 'type-graphql';
import { DrawingReviewCertificate } from '../certificates/certificate.entity.js';
import type { ProjectsContext } from '../context.js';
import { DrawingReviewPushEvent } from './drawing-review-push.js';

@ObjectType('DrawingReviewProvincialReport', {
  description: '合格书上报省建筑市场监督与诚信一体化平台的记录（每个事件一条）',
})
export class DrawingReviewProvincialReport {
  @Field(() => DrawingReviewPushEvent, { description: '上报的事件：发证、换发或撤销' }) event!: DrawingReviewPushEvent;
  @Field(() => ExchangeOutboxState, { description: '待上报、已上报或上报失败（已放弃）' }) state!: ExchangeOutboxState;
  @Field(() => String, { nullable: true, description: '省平台回执号（已上报时）' }) receiptId!: string | null;
  @Field(() => Int, { description: '已尝试次数' }) attempts!: number;
  @Field(() => String, { nullable: true, description: '最近一次失败的原因' }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: '下次尝试时间（待上报时）' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { description: '记入待上报的时间（与合格书变更同时）' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: '省平台确认的时间' }) sentAt!: Date | null;
}

export function reportOf(message: ExchangeOutboxView): DrawingReviewProvincialReport {
  const payload = JSON.parse(message.payload) as { event: DrawingReviewPushEvent };
  return {
    event: payload.event,
    state: message.state,
    receiptId: message.receiptId,
    attempts: message.attempts,
    lastError: message.lastError,
    nextAttemptAt: message.nextAttemptAt,
    createdAt: message.createdAt,
    sentAt: message.sentAt,
  };
}

/** `DrawingReviewCertificate.provincialReports`: this version's events at the province, by a DataLoader. */
@Resolver(() => DrawingReviewCertificate)
export class DrawingReviewReportResolver {
  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @FieldResolver(() => [DrawingReviewProvincialReport], {
    description: '上报省平台：本版本各事件（发证/换发、撤销）的上报状态与回执，先发生的在前',
  })
  async provincialReports(
    @Root() certificate: DrawingReviewCertificate,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DrawingReviewProvincialReport[]> {
    return (await ctx.loaders.provincialReports.load(certificate.id)).map(reportOf);
  }
}
