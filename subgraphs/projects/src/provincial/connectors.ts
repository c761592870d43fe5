import {
  AppError,
  ConnectorClient,
  ErrorCode,
  ExchangeError,
  hmacSm3Signer,
  isExchangeError,
  type ConnectorClientOptions,
} from '@hs/kit';
import { z } from 'zod';

/**
 * Clients of the two provincial systems (3.1.1, 3.1.2), built from the process environment when
 * first used (a launcher may set the URLs just before starting the subgraph, as `npm start` does
 * with the simulators):
 *
 * - PROVINCIAL_APPROVAL_URL — 湖北省工程建设项目审批管理系统 (project lookup by code);
 * - PROVINCIAL_MARKET_URL, PROVINCIAL_MARKET_APP_KEY, PROVINCIAL_MARKET_APP_SECRET — 湖北省建筑市场监督与
 *   诚信一体化平台 (enterprises and qualifications; requests signed with HMAC-SM3);
 * - PROVINCIAL_TIMEOUT_MS (default 5000) — per attempt; two retries with back-off follow;
 * - PROVINCIAL_CIRCUIT_COOLDOWN_MS (default 30000) — after 5 failed attempts in a row the client stops
 *   calling (熔断) for this long, then lets one probe through.
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
const marketPageSchema = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1).nullable(),
});
export type MarketPage = z.infer<typeof marketPageSchema>;

// ------------------------------------------------------------------ clients

const setting = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

function common(): Partial<ConnectorClientOptions> & { timeoutMs: number } {
  return {
    envelope: 'code-data',
    timeoutMs: setting('PROVINCIAL_TIMEOUT_MS', 5000),
    retries: 2,
    backoffMs: 200,
    maxBackoffMs: 2000,
    failureThreshold: 5,
    cooldownMs: setting('PROVINCIAL_CIRCUIT_COOLDOWN_MS', 30_000),
  };
}

export class ProvincialApproval {
  constructor(private readonly client: ConnectorClient) {}

  /** The project holding `code`; NOT_FOUND / UPSTREAM_UNAVAILABLE / UPSTREAM_INVALID as AppErrors. */
  lookup(code: string): Promise<ApprovalProject> {
    return this.client.get('/api/v1/projects/lookup', approvalProjectSchema, { code }).catch((e) => {
      throw asAppError(e, '省工程建设项目审批管理系统中未查询到该编码对应的项目，请核对编码');
    });
  }
}

export class ProvincialMarket {
  constructor(readonly client: ConnectorClient) {}

  lookup(creditCode: string): Promise<MarketEnterprise> {
    return this.client
      .get(`/api/v1/enterprises/${encodeURIComponent(creditCode)}`, marketEnterpriseSchema)
      .catch((e) => {
        throw asAppError(e, '省建筑市场监督与诚信一体化平台中未查询到该统一社会信用代码对应的企业');
      });
  }

  /** One page of the enterprise list (raw items: the caller checks each). Throws ExchangeError. */
  page(query: { updatedSince?: string | null; cursor?: string | null; limit: number }): Promise<MarketPage> {
    return this.client.get('/api/v1/enterprises', marketPageSchema, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : query.updatedSince ? { updatedSince: query.updatedSince } : {}),
    });
  }
}

let approval: { url: string; value: ProvincialApproval } | null = null;
let market: { key: string; value: ProvincialMarket } | null = null;

function notConfigured(system: string, setting: string): AppError {
  return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `未配置${system}接口地址（${setting}），暂不能从省平台获取`);
}

/** One client per process and setting, so its circuit breaker sees every call. */
export function provincialApproval(): ProvincialApproval {
  const url = process.env.PROVINCIAL_APPROVAL_URL;
  if (!url) throw notConfigured(APPROVAL_SYSTEM, 'PROVINCIAL_APPROVAL_URL');
  if (approval?.url !== url) {
    approval = {
      url,
      value: new ProvincialApproval(new ConnectorClient({ ...common(), system: APPROVAL_SYSTEM, baseUrl: url })),
    };
  }
  return approval.value;
}

export function provincialMarket(): ProvincialMarket {
  const url = process.env.PROVINCIAL_MARKET_URL;
  if (!url) throw notConfigured(MARKET_SYSTEM, 'PROVINCIAL_MARKET_URL');
  const appKey = process.env.PROVINCIAL_MARKET_APP_KEY ?? '';
  const appSecret = process.env.PROVINCIAL_MARKET_APP_SECRET ?? '';
  if (!appKey || !appSecret)
    throw new AppError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `未配置${MARKET_SYSTEM}的应用标识和密钥（PROVINCIAL_MARKET_APP_KEY / PROVINCIAL_MARKET_APP_SECRET）`,
    );
  const key = `${url}|${appKey}|${appSecret}`;
  if (market?.key !== key) {
    market = {
      key,
      value: new ProvincialMarket(
        new ConnectorClient({
          ...common(),
          system: MARKET_SYSTEM,
          baseUrl: url,
          signer: hmacSm3Signer(appKey, appSecret),
        }),
      ),
    };
  }
  return market.value;
}

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
