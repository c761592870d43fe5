import {
  AppError,
  describeIssues,
  ErrorCode,
  ExchangeService,
  hmacSm3Signer,
  startExchangeService,
  type ConnectorClient,
  type ConnectorClientOptions,
  type ConnectorDefinition,
  type SubgraphDeps,
} from '@hs/kit';
import type { MikroORM } from '@mikro-orm/core';
import { z } from 'zod';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { EnterpriseQualification } from '../enterprises/qualification.entity.js';
import {
  APPROVAL_SYSTEM,
  approvalProjectSchema,
  asAppError,
  MARKET_SYSTEM,
  marketEnterpriseSchema,
  marketPageSchema,
  type ApprovalProject,
  type MarketEnterprise,
} from './connectors.js';
import { mapEnterprise, syncEnterprise } from './enterprise-sync.js';

/** The projects subgraph's connectors (ADR 0014), shown in the admin's 数据交换 page. */
export const APPROVAL_CONNECTOR = 'provincial-approval';
export const MARKET_CONNECTOR = 'provincial-market-enterprises';
/** 施工图审查合格书 push to the market platform (drawing-review-push.ts writes its outbox). */
export const DRAWING_REVIEW_CONNECTOR = 'provincial-market-drawing-reviews';

export interface MarketCheckpoint {
  /** Continues the run that stopped after a page. */
  cursor: string | null;
  /** After a finished run: records changed at or after the newest updatedAt seen. */
  updatedSince: string | null;
}

/** A stored enterprise and its qualifications as plain values (see prepare). */
interface Known {
  enterprise: Pick<
    Enterprise,
    | 'id'
    | 'creditCode'
    | 'name'
    | 'registeredAddress'
    | 'legalRepresentative'
    | 'districtCode'
    | 'createdAt'
    | 'updatedAt'
  >;
  qualifications: Omit<EnterpriseQualification, 'enterprise'>[];
}

const setting = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** A setting for which 0 means "off" (the relay timer). */
const settingOrZero = (name: string, fallback: number) => {
  const text = process.env[name];
  const v = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(v) && v >= 0 ? v : fallback;
};

/** The market platform's receipt of a drawing-review submission (simulators/provincial-market/README.md). */
const drawingReviewReceiptSchema = z.object({ receiptId: z.string().min(1).max(64), duplicate: z.boolean() });

function clientOptions(): Omit<ConnectorClientOptions, 'system' | 'baseUrl' | 'timeoutMs'> {
  return {
    envelope: 'code-data',
    retries: 2,
    backoffMs: 200,
    maxBackoffMs: 2000,
    failureThreshold: 5,
    cooldownMs: setting('PROVINCIAL_CIRCUIT_COOLDOWN_MS', 30_000),
  };
}

/**
 * The connectors, their settings from the environment (PROVINCIAL_APPROVAL_URL, PROVINCIAL_MARKET_URL,
 * PROVINCIAL_MARKET_APP_KEY / _APP_SECRET, PROVINCIAL_TIMEOUT_MS). The market pull runs daily at 02:00
 * by default; 立即同步 runs it at once. The drawing-review push sends the outbox the certificate
 * service writes (drawing-review-push.ts) to the same platform, signed the same way.
 */
export function projectConnectors(): ConnectorDefinition<any>[] {
  const timeoutMs = setting('PROVINCIAL_TIMEOUT_MS', 5000);
  const appKey = process.env.PROVINCIAL_MARKET_APP_KEY;
  const appSecret = process.env.PROVINCIAL_MARKET_APP_SECRET;
  const approval: ConnectorDefinition = {
    name: APPROVAL_CONNECTOR,
    title: '省工程建设项目审批管理系统·项目查询',
    system: APPROVAL_SYSTEM,
    defaults: { baseUrl: process.env.PROVINCIAL_APPROVAL_URL ?? '', timeoutMs, pageSize: 1, schedule: null },
    client: clientOptions(),
  };
  const market: ConnectorDefinition<MarketCheckpoint> = {
    name: MARKET_CONNECTOR,
    title: '省建筑市场监督与诚信一体化平台·企业及资质',
    system: MARKET_SYSTEM,
    defaults: { baseUrl: process.env.PROVINCIAL_MARKET_URL ?? '', timeoutMs, pageSize: 500, schedule: '0 2 * * *' },
    client: { ...clientOptions(), ...(appKey && appSecret ? { signer: hmacSm3Signer(appKey, appSecret) } : {}) },
    pull: {
      async fetchPage(client, checkpoint: MarketCheckpoint | null, settings) {
        const page = await client.get('/api/v1/enterprises', marketPageSchema, {
          limit: settings.pageSize,
          ...(checkpoint?.cursor
            ? { cursor: checkpoint.cursor }
            : checkpoint?.updatedSince
              ? { updatedSince: checkpoint.updatedSince }
              : {}),
        });
        let latest = checkpoint?.updatedSince ?? null;
        for (const item of page.items) {
          const at = (item as { updatedAt?: unknown })?.updatedAt;
          if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && (!latest || at > latest)) latest = at;
        }
        return {
          records: page.items.map((item) => {
            const id = (item as { id?: unknown })?.id;
            return { sourceId: typeof id === 'string' ? id : null, payload: item };
          }),
          checkpoint: { cursor: page.nextCursor, updatedSince: latest },
          more: page.nextCursor !== null,
        };
      },
      // The page's enterprises the registry knows, with their qualifications: two queries a page, kept
      // as plain values so that apply, which may run twice for a page, starts from them each time.
      async prepare(em, payloads) {
        const codes = payloads
          .map((p) => (p as { creditCode?: unknown })?.creditCode)
          .filter((c): c is string => typeof c === 'string')
          .map((c) => c.trim().toUpperCase());
        const enterprises = codes.length ? await em.find(Enterprise, { creditCode: { $in: codes } }) : [];
        const qualifications = enterprises.length
          ? await em.find(EnterpriseQualification, { enterprise: { $in: enterprises.map((e) => e.id) } })
          : [];
        const known = new Map<string, Known>(
          enterprises.map((e) => [
            e.creditCode,
            {
              enterprise: {
                id: e.id,
                creditCode: e.creditCode,
                name: e.name,
                registeredAddress: e.registeredAddress,
                legalRepresentative: e.legalRepresentative,
                districtCode: e.districtCode,
                createdAt: e.createdAt,
                updatedAt: e.updatedAt,
              },
              qualifications: [],
            },
          ]),
        );
        const byId = new Map([...known.values()].map((k) => [k.enterprise.id, k]));
        for (const q of qualifications) {
          byId.get(q.enterprise.id)?.qualifications.push({
            id: q.id,
            name: q.name,
            grade: q.grade,
            certificateNo: q.certificateNo,
            validUntil: q.validUntil,
            source: q.source,
            sourceId: q.sourceId,
            fetchedAt: q.fetchedAt,
            changedAt: q.changedAt,
            position: q.position,
          });
        }
        return known;
      },
      // Refreshes only enterprises the registry knows; the others are read and left alone.
      async apply(em, payload, context) {
        const parsed = marketEnterpriseSchema.safeParse(payload);
        if (!parsed.success) return { rejected: `企业记录格式不正确：${describeIssues(parsed.error.issues)}` };
        const mapped = mapEnterprise(parsed.data as MarketEnterprise);
        const known = (context.prepared as Map<string, Known>).get(mapped.creditCode);
        if (!known) return 'UNCHANGED';
        const enterprise = em.merge(Enterprise, { ...known.enterprise });
        const existing = known.qualifications.map((q) => em.merge(EnterpriseQualification, { ...q, enterprise }));
        const changed = syncEnterprise(em, enterprise, existing, mapped, context.fetchedAt);
        return changed ? 'UPDATED' : 'UNCHANGED';
      },
    },
  };
  const drawingReviews: ConnectorDefinition = {
    name: DRAWING_REVIEW_CONNECTOR,
    title: '省建筑市场监督与诚信一体化平台·施工图审查合格书上报',
    system: MARKET_SYSTEM,
    defaults: { baseUrl: process.env.PROVINCIAL_MARKET_URL ?? '', timeoutMs, pageSize: 50, schedule: null },
    client: { ...clientOptions(), ...(appKey && appSecret ? { signer: hmacSm3Signer(appKey, appSecret) } : {}) },
    push: {
      // The same key again is the same record at the province: it answers the first receipt with duplicate: true.
      async send(client, message) {
        const receipt = await client.post(
          '/api/v1/drawing-reviews',
          message.payload,
          drawingReviewReceiptSchema,
          message.idempotencyKey,
        );
        return { receiptId: receipt.receiptId, duplicate: receipt.duplicate };
      },
    },
  };
  return [approval, market, drawingReviews];
}

const services = new WeakMap<object, ExchangeService>();

/**
 * The subgraph's exchange service: started when it serves (deps.orm), a stopped one for compose
 * (the admin API's schema only). The URL settings of the environment are the connectors' default
 * addresses: they follow the environment (`npm start`'s simulators get a new port each time) until
 * an address is changed in the admin, which then survives restarts (ADR 0015).
 */
export async function projectsExchange(deps: SubgraphDeps): Promise<ExchangeService> {
  const options = {
    schema: 'projects',
    connectors: projectConnectors(),
    // The push's pace (PROVINCIAL_PUSH_*): how often the relay looks, how long it waits after a failure, when it gives up.
    relayIntervalMs: settingOrZero('PROVINCIAL_RELAY_INTERVAL_MS', 5000),
    pushBackoffMs: setting('PROVINCIAL_PUSH_BACKOFF_MS', 30_000),
    pushMaxAttempts: setting('PROVINCIAL_PUSH_MAX_ATTEMPTS', 8),
  };
  if (!deps.orm) {
    return new ExchangeService({ ...options, orm: deps.orm, logger: deps.logger, databaseUrl: '' });
  }
  const service = await startExchangeService(deps, options);
  services.set(deps.orm, service);
  return service;
}

/** The running service of the subgraph whose ORM this is (tests and the benchmark run a pull with it). */
export function exchangeOf(orm: MikroORM): ExchangeService {
  const service = services.get(orm);
  if (!service) throw new Error('projects exchange service not started');
  return service;
}

function notConfigured(system: string, setting: string): AppError {
  return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `未配置${system}接口地址（${setting}），暂不能从省平台获取`);
}

/** A lookup through the connector, recorded as a LOOKUP run; failures as the API reports them. */
async function lookup<T>(
  service: ExchangeService,
  name: string,
  setting: string,
  system: string,
  notFound: string,
  fn: (client: ConnectorClient) => Promise<T>,
): Promise<T> {
  const { settings } = await service.settings(name);
  if (!settings.baseUrl) throw notConfigured(system, setting);
  try {
    return await service.lookup(name, fn);
  } catch (error) {
    throw asAppError(error, notFound);
  }
}

export function lookupApprovalProject(service: ExchangeService, code: string): Promise<ApprovalProject> {
  return lookup(
    service,
    APPROVAL_CONNECTOR,
    'PROVINCIAL_APPROVAL_URL',
    APPROVAL_SYSTEM,
    '省工程建设项目审批管理系统中未查询到该编码对应的项目，请核对编码',
    (client) => client.get('/api/v1/projects/lookup', approvalProjectSchema, { code }),
  );
}

export function lookupMarketEnterprise(service: ExchangeService, creditCode: string): Promise<MarketEnterprise> {
  return lookup(
    service,
    MARKET_CONNECTOR,
    'PROVINCIAL_MARKET_URL',
    MARKET_SYSTEM,
    '省建筑市场监督与诚信一体化平台中未查询到该统一社会信用代码对应的企业',
    (client) => client.get(`/api/v1/enterprises/${encodeURIComponent(creditCode)}`, marketEnterpriseSchema),
  );
}
