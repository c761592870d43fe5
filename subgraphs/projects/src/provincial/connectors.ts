import { AppError, ErrorCode, type ExchangeError, isExchangeError } from '@hs/kit';
import { z } from 'zod';

/**
 * What the two provincial systems answer (3.1.1, 3.1.2), as their simulators' READMEs document it,
 * and how their failures reach the API. The connectors themselves are in exchange.ts.
 */
export const APPROVAL_SYSTEM = '省工程建设项目审批管理系统';
export const MARKET_SYSTEM = '省建筑市场监督与诚信一体化平台';

// ------------------------------------------------------------------ answers (what the simulators' READMEs document)

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD');

export const approvalProjectSchema = z.object({
  codes: z.object({
    investmentCode: text(24).nullable().optional(),
    hubeiCode: text(32).nullable().optional(),
    permitNo: text(32).nullable().optional(),
    provincialNo: text(32).nullable().optional(),
  }),
  name: text(100),
  category: z.string(),
  purpose: z.string().nullable().optional(),
  status: z.string(),
  districtCode: z.string().regex(/^\d{6}$/),
  address: text(200),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable().optional(),
  startDate: day.nullable().optional(),
  plannedEndDate: day.nullable().optional(),
  completedDate: day.nullable().optional(),
  totalInvestment: z.number().nonnegative().nullable().optional(),
  area: z.number().nonnegative().nullable().optional(),
  units: z
    .array(
      z.object({
        role: z.string(),
        name: text(100),
        creditCode: z.string().trim().min(1).max(18),
        projectLeader: z.string().trim().max(50).nullable().optional(),
      }),
    )
    .max(50),
});
export type ApprovalProject = z.infer<typeof approvalProjectSchema>;

export const marketEnterpriseSchema = z.object({
  id: text(64),
  name: text(100),
  creditCode: z.string().trim().length(18),
  registeredAddress: z.string().trim().max(200).nullable().optional(),
  legalRepresentative: z.string().trim().max(50).nullable().optional(),
  updatedAt: z.string().datetime({ offset: true }),
  qualifications: z
    .array(
      z.object({
        certificateNo: text(50),
        category: text(100),
        grade: text(20),
        validUntil: day.nullable().optional(),
      }),
    )
    .max(50),
});
export type MarketEnterprise = z.infer<typeof marketEnterpriseSchema>;

/** A list page: the items are checked one by one by the pull, so one bad record rejects only itself. */
export const marketPageSchema = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1).nullable(),
});
export type MarketPage = z.infer<typeof marketPageSchema>;

/**
 * An exchange failure as the API reports it: unknown → NOT_FOUND (with `notFound`), an answer of
 * the wrong shape → UPSTREAM_INVALID, down / slow / refused → UPSTREAM_UNAVAILABLE.
 */
export function asAppError(error: unknown, notFound: string): unknown {
  if (!isExchangeError(error)) return error;
  const e: ExchangeError = error;
  const details = { exchangeKind: e.kind, system: e.system, ...(e.status ? { status: e.status } : {}) };
  if (e.kind === 'REJECTED' && e.status === 404) return new AppError(ErrorCode.NOT_FOUND, notFound, { details });
  if (e.kind === 'REJECTED' && e.status === 400)
    return new AppError(ErrorCode.BAD_USER_INPUT, e.remoteMessage ?? e.message, { details });
  if (e.kind === 'MALFORMED')
    return new AppError(ErrorCode.UPSTREAM_INVALID, `${e.message}，未保存任何数据`, { details });
  return e.toAppError();
}
