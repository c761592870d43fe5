import { createHash } from 'node:crypto';
import {
  describeIssues,
  ExchangeService,
  pgArray,
  Provenance,
  stableId,
  startExchangeService,
  type ConnectorDefinition,
  type SubgraphDeps,
} from '@hs/kit';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  InspectionType,
  OPEN_STATUSES,
  RectificationStatus,
  SupervisionInspection,
  SupervisionProblem,
} from '../inspections/inspection.entity.js';

/** The connector (ADR 0014), shown in the admin's 数据交换 page. */
export const SUPERVISION_CONNECTOR = 'provincial-supervision-inspections';
export const SUPERVISION_SYSTEM = '省住建厅工程质量安全监督系统';

export interface SupervisionCheckpoint {
  /** Continues the run that stopped after a page. */
  cursor: string | null;
  /** After a finished run: records changed at or after the newest updatedAt seen. */
  updatedSince: string | null;
}

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)), '不是有效日期');
const TYPES: Record<string, InspectionType> = { 质量: InspectionType.QUALITY, 安全: InspectionType.SAFETY };
const STATUSES: Record<string, RectificationStatus> = {
  未整改: RectificationStatus.NOT_RECTIFIED,
  整改完成: RectificationStatus.RECTIFIED,
  逾期未整改: RectificationStatus.OVERDUE,
  复查合格: RectificationStatus.REVIEWED,
};
const named = <T>(map: Record<string, T>) => z.string().refine((s) => s in map, '取值不在允许范围内');

/** One inspection as the system serves it (simulators/provincial-supervision/README.md). */
export const inspectionSchema = z.object({
  id: z.string().trim().min(1).max(64),
  projectCode: z.string().trim().min(1).max(40),
  permitNo: z.string().trim().max(40).nullish(),
  projectName: z.string().trim().max(200).nullish(),
  inspectionDate: date,
  type: named(TYPES),
  inspectors: z.array(z.string().trim().min(1).max(50)).max(20),
  outcome: z.string().min(1).max(20),
  problems: z
    .array(
      z.object({
        seq: z.number().int().min(1).max(10_000),
        description: z.string().trim().min(1).max(2000),
        hazardSourceType: z.string().trim().min(1).max(100),
        riskLevel: z.number().int(),
        outcome: z.string().min(1).max(20),
        deadline: date.nullish(),
        rectificationStatus: named(STATUSES),
        rectifiedOn: date.nullish(),
        reviewedOn: date.nullish(),
      }),
    )
    .max(500),
  updatedAt: z.string().datetime({ offset: true }),
});
export type PulledInspection = z.infer<typeof inspectionSchema>;

const pageSchema = z.object({ items: z.array(z.unknown()), nextCursor: z.string().min(1).nullable() });

/** What a page's records are matched against, loaded once per page (plain values: apply may run twice). */
export interface PreparedPage {
  outcomes: Map<string, { code: string; sortOrder: number }>;
  /** level → severity (1 the most severe). */
  levels: Map<number, number>;
  projectsByCode: Map<string, ProjectMatch>;
  projectsByPermit: Map<string, ProjectMatch>;
  stored: Map<string, { id: string; digest: string; createdAt: Date }>;
}
interface ProjectMatch {
  projectId: string;
  name: string;
  districtCode: string;
}

export const inspectionId = (sourceSystem: string, sourceId: string) =>
  stableId('supervision-inspection', `${sourceSystem}:${sourceId}`);

async function preparePage(em: EntityManager, payloads: unknown[], sourceSystem: string): Promise<PreparedPage> {
  const texts = (key: string) =>
    payloads
      .map((p) => (p as Record<string, unknown> | null)?.[key])
      .filter((c): c is string => typeof c === 'string')
      .map((c) => c.trim());
  // One after the other: they share the page's transaction (one connection).
  const outcomes = await em.execute<{ code: string; name: string; sort_order: number }[]>(
    `select code, name, sort_order from supervision.inspection_outcome`,
  );
  const levels = await em.execute<{ level: number; severity: number }[]>(
    `select level, severity from supervision.hazard_level`,
  );
  const projects = await em.execute<
    { project_id: string; project_code: string; permit_code: string | null; name: string; district_code: string }[]
  >(
    `select project_id, project_code, permit_code, name, district_code from supervision.project_ref
      where project_code = any(?::text[]) or permit_code = any(?::text[])`,
    [pgArray(texts('projectCode')), pgArray(texts('permitNo'))],
  );
  const stored = await em.execute<{ id: string; src_source_id: string; digest: string; created_at: Date }[]>(
    `select id, src_source_id, digest, created_at from supervision.inspection
      where src_source_system = ? and src_source_id = any(?::text[])`,
    [sourceSystem, pgArray(texts('id'))],
  );
  const match = (p: (typeof projects)[number]): ProjectMatch => ({
    projectId: p.project_id,
    name: p.name,
    districtCode: p.district_code,
  });
  return {
    outcomes: new Map(outcomes.map((o) => [o.name, { code: o.code, sortOrder: o.sort_order }])),
    levels: new Map(levels.map((l) => [Number(l.level), Number(l.severity)])),
    projectsByCode: new Map(projects.map((p) => [p.project_code, match(p)])),
    projectsByPermit: new Map(projects.filter((p) => p.permit_code).map((p) => [p.permit_code!, match(p)])),
    stored: new Map(
      stored.map((s) => [s.src_source_id, { id: s.id, digest: s.digest, createdAt: new Date(s.created_at) }]),
    ),
  };
}

const digestOf = (payload: unknown) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

/**
 * Writes one pulled inspection (replacing the stored one and its problems when it changed). A
 * record whose project the city does not know is kept with its codes (未关联项目); a record that
 * does not fit the interface, or names an outcome or a hazard level the dictionaries lack, is
 * rejected with a Chinese reason.
 */
export async function applyInspection(
  em: EntityManager,
  payload: unknown,
  context: { sourceSystem: string; fetchedAt: Date; prepared?: unknown },
): Promise<'CREATED' | 'UPDATED' | 'UNCHANGED' | { rejected: string }> {
  const parsed = inspectionSchema.safeParse(payload);
  if (!parsed.success) return { rejected: `监督检查记录格式不正确：${describeIssues(parsed.error.issues)}` };
  const record = parsed.data;
  const prepared = context.prepared as PreparedPage;
  const outcomeOf = (name: string) => prepared.outcomes.get(name);
  const outcome = outcomeOf(record.outcome);
  if (!outcome) return { rejected: `处理结果“${record.outcome}”不在处理结果字典中` };
  for (const p of record.problems) {
    if (!outcomeOf(p.outcome)) return { rejected: `问题 ${p.seq} 的处理结果“${p.outcome}”不在处理结果字典中` };
    if (!prepared.levels.has(p.riskLevel))
      return { rejected: `问题 ${p.seq} 的隐患等级 ${p.riskLevel} 不在隐患等级字典中` };
  }
  if (new Set(record.problems.map((p) => p.seq)).size !== record.problems.length) return { rejected: '问题序号重复' };

  const digest = digestOf(record);
  const stored = prepared.stored.get(record.id);
  if (stored?.digest === digest) return 'UNCHANGED';

  const project =
    prepared.projectsByCode.get(record.projectCode) ??
    (record.permitNo ? prepared.projectsByPermit.get(record.permitNo) : undefined);
  const statuses = record.problems.map((p) => STATUSES[p.rectificationStatus]);
  const open = record.problems.filter((_, k) => OPEN_STATUSES.includes(statuses[k]));
  // An open problem without a deadline (立即整改) was due on the day of the inspection.
  const openDeadlines = open.map((p) => p.deadline ?? record.inspectionDate).sort();
  const mostSevere = record.problems
    .map((p) => p.riskLevel)
    .sort((a, b) => prepared.levels.get(a)! - prepared.levels.get(b)!)[0];

  const id = stored?.id ?? inspectionId(context.sourceSystem, record.id);
  if (stored) await em.nativeDelete(SupervisionInspection, { id });
  const inspection = em.create(SupervisionInspection, {
    id,
    provenance: new Provenance(context.sourceSystem, record.id, context.fetchedAt),
    sourceUpdatedAt: new Date(record.updatedAt),
    digest,
    projectId: project?.projectId ?? null,
    districtCode: project?.districtCode ?? null,
    projectCode: record.projectCode,
    permitCode: record.permitNo ?? null,
    projectName: project?.name ?? record.projectName ?? null,
    inspectedOn: record.inspectionDate,
    type: TYPES[record.type],
    inspectors: record.inspectors,
    outcome: outcome.code,
    problemCount: record.problems.length,
    maxRiskLevel: mostSevere ?? null,
    openCount: open.length,
    openDeadline: openDeadlines[0] ?? null,
    createdAt: stored?.createdAt ?? context.fetchedAt,
    updatedAt: context.fetchedAt,
  });
  for (const [k, p] of record.problems.entries())
    em.create(SupervisionProblem, {
      id: stableId('supervision-problem', `${id}:${p.seq}`),
      inspection,
      seq: p.seq,
      description: p.description,
      hazardSourceType: p.hazardSourceType,
      riskLevel: p.riskLevel,
      outcome: outcomeOf(p.outcome)!.code,
      deadline: p.deadline ?? null,
      rectificationStatus: statuses[k],
      rectifiedOn: p.rectifiedOn ?? null,
      reviewedOn: p.reviewedOn ?? null,
    });
  return stored ? 'UPDATED' : 'CREATED';
}

const setting = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * The inspection pull (PROVINCIAL_SUPERVISION_URL, PROVINCIAL_SUPERVISION_APP_KEY sent as
 * `Authorization: Bearer`, PROVINCIAL_TIMEOUT_MS): every hour by default, incrementally by
 * updatedAt; 立即同步 runs it at once.
 */
export function supervisionConnectors(): ConnectorDefinition<any>[] {
  const appKey = process.env.PROVINCIAL_SUPERVISION_APP_KEY;
  const pull: ConnectorDefinition<SupervisionCheckpoint> = {
    name: SUPERVISION_CONNECTOR,
    title: '省住建厅工程质量安全监督系统·监督检查记录',
    system: SUPERVISION_SYSTEM,
    defaults: {
      baseUrl: process.env.PROVINCIAL_SUPERVISION_URL ?? '',
      timeoutMs: setting('PROVINCIAL_TIMEOUT_MS', 5000),
      pageSize: 200,
      schedule: '0 * * * *',
    },
    client: {
      envelope: 'code-data',
      retries: 2,
      backoffMs: 200,
      maxBackoffMs: 2000,
      failureThreshold: 5,
      cooldownMs: setting('PROVINCIAL_CIRCUIT_COOLDOWN_MS', 30_000),
      ...(appKey ? { headers: { authorization: `Bearer ${appKey}` } } : {}),
    },
    pull: {
      async fetchPage(client, checkpoint, settings) {
        const page = await client.get('/api/v1/inspections', pageSchema, {
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
          // A finished run's next one asks from the newest change seen; a page's cursor resumes a run.
          checkpoint: { cursor: page.nextCursor, updatedSince: latest },
          more: page.nextCursor !== null,
        };
      },
      prepare: (em, payloads, context) => preparePage(em, payloads, context.sourceSystem),
      apply: (em, payload, context) => applyInspection(em, payload, context),
    },
  };
  return [pull];
}

const services = new WeakMap<object, ExchangeService>();

/** The subgraph's exchange service: started when it serves (deps.orm), a stopped one for compose. */
export async function supervisionExchange(deps: SubgraphDeps): Promise<ExchangeService> {
  const options = { schema: 'supervision', connectors: supervisionConnectors(), relayIntervalMs: 0 };
  if (!deps.orm) return new ExchangeService({ ...options, orm: deps.orm, logger: deps.logger, databaseUrl: '' });
  const service = await startExchangeService(deps, options);
  services.set(deps.orm, service);
  return service;
}

/** The running service of the subgraph whose ORM this is (tests run a pull with it). */
export function supervisionExchangeOf(orm: MikroORM): ExchangeService {
  const service = services.get(orm);
  if (!service) throw new Error('supervision exchange service not started');
  return service;
}
