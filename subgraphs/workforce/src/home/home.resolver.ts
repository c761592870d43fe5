import { addDays, chinaDate, hasPermission } from '@hs/kit';
import { Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { daySummary } from '../analytics/analytics.service.js';
import { AttendanceTotals } from '../analytics/analytics.types.js';
import type { WorkforceContext } from '../context.js';
import { InsuranceState } from '../insurance/insurance.types.js';
import { WorkforcePermission } from '../permissions.js';
import {
  CONTRACT_WARNING_DAYS,
  mine,
  peopleWithContractEndingBy,
  peopleWithInsurance,
  refusedOn,
} from './home.service.js';
import { WorkforceHome, WorkforceMine } from './home.types.js';

/**
 * `workforceHome`: one root field for the home page; each part is its own field, computed only when
 * asked (one SQL statement each), and null when the caller lacks the permission its list needs.
 */
@Resolver(() => WorkforceHome)
export class WorkforceHomeResolver {
  @Authorized()
  @Query(() => WorkforceHome, { description: '首页：本人的劳务待办与概况（按数据权限）' })
  workforceHome(@Ctx() ctx: WorkforceContext): WorkforceHome {
    const date = chinaDate(ctx.runtime.now());
    return { date, contractEndTo: addDays(date, CONTRACT_WARNING_DAYS) };
  }

  @FieldResolver(() => AttendanceTotals, {
    nullable: true,
    description: '今日在册、出勤、在场合计（需 workforce:analytics:view 或 workforce:attendance:view）',
  })
  async today(@Root() home: WorkforceHome, @Ctx() ctx: WorkforceContext): Promise<AttendanceTotals | null> {
    if (!can(ctx, WorkforcePermission.ANALYTICS_VIEW) && !can(ctx, WorkforcePermission.ATTENDANCE_VIEW)) return null;
    return (await daySummary(ctx.em, ctx.caller, home.date, null)).total;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '劳动合同 30 天内到期（含已到期仍在场）的人数（需 workforce:person:view）',
  })
  contractsExpiring(@Root() home: WorkforceHome, @Ctx() ctx: WorkforceContext): Promise<number> | null {
    if (!can(ctx, WorkforcePermission.PERSON_VIEW)) return null;
    return peopleWithContractEndingBy(ctx.em, ctx.caller, home.contractEndTo);
  }

  @FieldResolver(() => Int, { nullable: true, description: '今日被拒的考勤条数（需 workforce:attendance:view）' })
  refusedToday(@Root() home: WorkforceHome, @Ctx() ctx: WorkforceContext): Promise<number> | null {
    if (!can(ctx, WorkforcePermission.ATTENDANCE_VIEW)) return null;
    return refusedOn(ctx.em, ctx.caller, home.date);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '社保未参保的人数（最近一次查询结果；需 workforce:person:view 与 workforce:insurance:view）',
  })
  notEnrolled(@Ctx() ctx: WorkforceContext): Promise<number> | null {
    return insuranceCount(ctx, InsuranceState.NOT_ENROLLED);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '社保欠缴的人数（最近一次查询结果；需 workforce:person:view 与 workforce:insurance:view）',
  })
  inArrears(@Ctx() ctx: WorkforceContext): Promise<number> | null {
    return insuranceCount(ctx, InsuranceState.ARREARS);
  }

  @FieldResolver(() => WorkforceMine, {
    nullable: true,
    description: '本人考勤：当前账号关联了实名制人员时（劳务人员手机打卡）',
  })
  mine(@Root() home: WorkforceHome, @Ctx() ctx: WorkforceContext): Promise<WorkforceMine | null> {
    return mine(ctx.em, ctx.caller, home.date);
  }
}

const can = (ctx: WorkforceContext, permission: string) => hasPermission(ctx.caller, permission);

function insuranceCount(ctx: WorkforceContext, status: InsuranceState): Promise<number> | null {
  if (!can(ctx, WorkforcePermission.PERSON_VIEW) || !can(ctx, WorkforcePermission.INSURANCE_VIEW)) return null;
  return peopleWithInsurance(ctx.em, ctx.caller, status);
}
