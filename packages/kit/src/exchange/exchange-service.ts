import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PgBoss, type Job } from 'pg-boss';
import { AppError, ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SubgraphDeps } from '../module.js';
import { ConnectorClient, ExchangeError, type CircuitState, type ConnectorClientOptions } from './connector-client.js';
import { exchangeJobsSchema } from './exchange-sql.js';

/**
 * Runs one subgraph's connectors (ADR 0014): pull runs page by page (one transaction per page:
 * records, rejections, checkpoint and counters together), the outbox relay, lookups, all recorded
 * in exchange_run; pg-boss (in `<schema>_jobs`) schedules pulls, retries them with back-off,
 * keeps one queued and one active per connector, and a run that has used up its retries is DEAD.
 */

/**
 * A run's kind, trigger and status: one definition, for the service's code and (registered as the
 * GraphQL enums ExchangeRunKind, ExchangeRunTrigger, ExchangeRunStatus) for the admin API. The
 * tables' check constraints (exchange-sql.ts) list the same values.
 */
export const RunKind = { PULL: 'PULL', PUSH: 'PUSH', LOOKUP: 'LOOKUP' } as const;
export type RunKind = (typeof RunKind)[keyof typeof RunKind];
export const RunTrigger = { SCHEDULE: 'SCHEDULE', MANUAL: 'MANUAL', RETRY: 'RETRY' } as const;
export type RunTrigger = (typeof RunTrigger)[keyof typeof RunTrigger];
export const RunStatus = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', DEAD: 'DEAD' } as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** Non-secret settings, stored per connector and changed in the admin. */
export interface ConnectorSettings {
  baseUrl: string;
  timeoutMs: number;
  pageSize: number;
  /** Cron (5 fields, Asia/Shanghai) for scheduled pulls; null: only 立即同步. */
  schedule: string | null;
}

export type ApplyOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | { rejected: string };

/** A record an apply() refuses, with a Chinese reason; also accepted as a thrown error. */
export class RecordRejected extends Error {
  override name = 'RecordRejected';
}

export interface PulledRecord {
  /** The source system's id of the record when it could be read (kept with a rejection). */
  sourceId: string | null;
  payload: unknown;
}

export interface PulledPage<C> {
  records: PulledRecord[];
  /** The checkpoint stored with this page: the next run (or a restart) continues from it. */
  checkpoint: C;
  /** False on the last page of this run. */
  more: boolean;
}

export interface ApplyContext {
  runId: string;
  fetchedAt: Date;
  connector: string;
  sourceSystem: string;
  /** What prepare() returned for this page. */
  prepared?: unknown;
}

export interface PullDefinition<C> {
  fetchPage(client: ConnectorClient, checkpoint: C | null, settings: ConnectorSettings): Promise<PulledPage<C>>;
  /**
   * Once per page, in its transaction, before its records are applied: load what they match
   * (e.g. the stored records with these source ids) in one query, so apply() makes no N+1.
   */
  prepare?(em: EntityManager, payloads: unknown[], context: Omit<ApplyContext, 'prepared'>): Promise<unknown>;
  /**
   * Applies one record inside the page's transaction; what it leaves unflushed is flushed with the
   * page. Returns the outcome, or { rejected } / throws RecordRejected with a Chinese reason. May run
   * twice for one page (see applyPage): no side effects outside the EntityManager.
   */
  apply(em: EntityManager, payload: unknown, context: ApplyContext): Promise<ApplyOutcome>;
}

export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  entityType: string;
  entityId: string;
  payload: unknown;
  attempts: number;
}

export interface PushDefinition {
  /** Sends one message with its Idempotency-Key and returns the acknowledgement to store. */
  send(client: ConnectorClient, message: OutboxMessage): Promise<Record<string, unknown>>;
}

export interface ConnectorDefinition<C = unknown> {
  name: string;
  /** Chinese title shown in the admin, e.g. 省建筑市场监管平台·企业库. */
  title: string;
  /** The external system's Chinese name, used in every error message. */
  system: string;
  defaults: ConnectorSettings & { enabled?: boolean };
  /** Client options besides base URL and timeout (signer, envelope, retries…). Credentials stay out of the database. */
  client?: Omit<ConnectorClientOptions, 'system' | 'baseUrl' | 'timeoutMs'>;
  pull?: PullDefinition<C>;
  push?: PushDefinition;
}

export interface ExchangeServiceOptions {
  /** The subgraph's schema; pg-boss lives in `<schema>_jobs`. */
  schema: string;
  orm: MikroORM;
  logger: Logger;
  connectors: ConnectorDefinition<any>[];
  /** For pg-boss, which keeps its own small pool (the service's role). */
  databaseUrl: string;
  /** Retries of a failed pull job after its first attempt (pg-boss retryLimit). */
  pullRetries?: number;
  /** First retry delay in seconds; doubled each retry with jitter (pg-boss retryBackoff). */
  pullRetryDelaySeconds?: number;
  /** Attempts before an outbox message is DEAD. */
  pushMaxAttempts?: number;
  pushBackoffMs?: number;
  /** How often each process looks for due outbox messages; 0 turns the relay timer off. */
  relayIntervalMs?: number;
  /** A RUNNING pull whose heartbeat is older than this was interrupted (process killed) and is closed as FAILED. */
  staleRunMs?: number;
  /** Largest raw payload kept with a rejection (its hash covers the whole). */
  maxRejectedPayloadBytes?: number;
  /** pg-boss polling interval for pull jobs. */
  pollingIntervalSeconds?: number;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
}

interface PullJobData {
  trigger: RunTrigger;
}

/** pg_type oid of timestamptz, as pg reports a result's columns. */
const TIMESTAMPTZ_OID = 1184;

const PULL_QUEUE = (connector: string) => `exchange-pull-${connector}`;
const NAME = /^[a-z][a-z0-9-]{1,62}$/;

export const sha256OfText = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload) ?? String(payload);
  } catch {
    return String(payload);
  }
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : '未知错误';

export interface ExchangeEvents {
  started: [{ connector: string; kind: RunKind; runId: string }];
  page: [{ connector: string; runId: string; page: number; read: number }];
  run: [{ connector: string; kind: RunKind; result: RunResult }];
  relay: [{ connector: string; sent: number; failed: number; dead: number }];
}

export class ExchangeService extends EventEmitter<ExchangeEvents> {
  readonly schema: string;
  readonly jobsSchema: string;
  private readonly o: Required<
    Omit<ExchangeServiceOptions, 'orm' | 'logger' | 'connectors' | 'schema' | 'databaseUrl'>
  >;
  private readonly orm: MikroORM;
  private readonly logger: Logger;
  private readonly databaseUrl: string;
  readonly definitions: ReadonlyMap<string, ConnectorDefinition<any>>;
  private readonly clients = new Map<string, { key: string; client: ConnectorClient }>();
  private boss: PgBoss | null = null;
  private relayTimer: NodeJS.Timeout | null = null;
  private relaying = new Set<string>();
  /** The last relay failure logged per connector. */
  private relayFailures = new Map<string, string>();
  private stopped = false;
  private readonly t: (table: string) => string;

  constructor(options: ExchangeServiceOptions) {
    super();
    for (const c of options.connectors)
      if (!NAME.test(c.name)) throw new Error(`连接器名称“${c.name}”只能包含小写字母、数字和连字符`);
    this.schema = options.schema;
    this.jobsSchema = exchangeJobsSchema(options.schema);
    this.orm = options.orm;
    this.logger = options.logger.child({ exchange: options.schema });
    this.databaseUrl = options.databaseUrl;
    this.definitions = new Map(options.connectors.map((c) => [c.name, c]));
    this.o = {
      pullRetries: options.pullRetries ?? 3,
      pullRetryDelaySeconds: options.pullRetryDelaySeconds ?? 30,
      pushMaxAttempts: options.pushMaxAttempts ?? 8,
      pushBackoffMs: options.pushBackoffMs ?? 30_000,
      relayIntervalMs: options.relayIntervalMs ?? 5000,
      staleRunMs: options.staleRunMs ?? 10 * 60_000,
      maxRejectedPayloadBytes: options.maxRejectedPayloadBytes ?? 64 * 1024,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    };
    this.t = (table) => `"${this.schema}".${table}`;
  }

  /** `"<schema>".<table>`, for SQL over the exchange tables. */
  table(name: 'exchange_connector' | 'exchange_run' | 'exchange_rejected' | 'exchange_outbox'): string {
    return this.t(name);
  }

  /**
   * Runs read SQL (placeholders `?`) on a fresh EntityManager; timestamptz columns come back as
   * Date. (MikroORM's connection leaves them as PostgreSQL's text, '2026-12-02 18:16:15.508374+00',
   * which the DateTimeISO scalar refuses and which compares wrongly as text.)
   */
  async query(sql: string, params: unknown[] = []): Promise<Record<string, any>[]> {
    const expanded = expandArrayParams(sql, params);
    const result: { rows: Record<string, any>[]; fields: { name: string; dataTypeID: number }[] } = await this.em()
      .getKnex()
      .raw(expanded.sql, expanded.params as never[]);
    const stamps = result.fields.filter((f) => f.dataTypeID === TIMESTAMPTZ_OID).map((f) => f.name);
    for (const row of stamps.length ? result.rows : [])
      for (const name of stamps) if (typeof row[name] === 'string') row[name] = new Date(row[name]);
    return result.rows;
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  private definition(name: string): ConnectorDefinition<any> {
    const d = this.definitions.get(name);
    if (!d) throw new Error(`连接器“${name}”不存在`);
    return d;
  }

  /**
   * Creates the connectors' rows with their default settings (existing settings are kept). The
   * default address is the deployment's (an environment setting, ADR 0015): it is remembered as
   * `deploymentBaseUrl`, and a later start with another one moves the address along only while it
   * is still the deployment's, so an address changed in the admin survives restarts.
   */
  async ensureConnectors(): Promise<void> {
    const em = this.em();
    for (const d of this.definitions.values()) {
      const { enabled = true, ...settings } = d.defaults;
      const c = this.t('exchange_connector');
      await em.execute(
        `insert into ${c} as c (name, title, enabled, settings) values (?, ?, ?, ?::jsonb)
         on conflict (name) do update set title = excluded.title,
           settings = c.settings || case
             when excluded.settings->>'baseUrl' = '' then '{}'::jsonb
             when coalesce(c.settings->>'baseUrl', '') = ''
               or c.settings->>'baseUrl' = coalesce(c.settings->>'deploymentBaseUrl', c.settings->>'baseUrl')
               then jsonb_build_object('baseUrl', excluded.settings->>'baseUrl', 'deploymentBaseUrl', excluded.settings->>'baseUrl')
             else jsonb_build_object('deploymentBaseUrl', excluded.settings->>'baseUrl') end`,
        [d.name, d.title, enabled, JSON.stringify({ ...settings, deploymentBaseUrl: settings.baseUrl })],
      );
    }
  }

  /** Starts pg-boss (schedules and pull workers) and the outbox relay. */
  async start(options: { jobs?: boolean } = {}): Promise<void> {
    this.stopped = false;
    await this.ensureConnectors();
    if (options.jobs !== false) {
      const boss = new PgBoss({
        connectionString: this.databaseUrl,
        schema: this.jobsSchema,
        migrate: false,
        createSchema: false,
        // Rebuilding indexes needs ownership; the service role owns nothing (ADR 0012).
        reindex: false,
        max: 3,
        application_name: `${this.schema}-exchange`,
      });
      boss.on('error', (error) => this.logger.warn({ err: error }, 'pg-boss error'));
      await boss.start();
      this.boss = boss;
      for (const d of this.definitions.values()) {
        if (!d.pull) continue;
        const queue = PULL_QUEUE(d.name);
        // stately: at most one queued and one active job per connector.
        await boss.createQueue(queue, {
          policy: 'stately',
          retryLimit: this.o.pullRetries,
          retryDelay: this.o.pullRetryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: 3600,
        });
        await boss.work<PullJobData>(
          queue,
          { includeMetadata: true, pollingIntervalSeconds: this.o.pollingIntervalSeconds, batchSize: 1 },
          async ([job]) => this.pullJob(d.name, job),
        );
        await this.syncSchedule(d.name);
      }
    }
    if (this.o.relayIntervalMs > 0) this.scheduleRelay();
  }

  /** Stops workers and the relay. A pull in progress stops after its current page (as a killed process would, its run stays RUNNING until it is found stale). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.relayTimer) clearTimeout(this.relayTimer);
    this.relayTimer = null;
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, timeout: 10_000 });
  }

  private scheduleRelay(): void {
    this.relayTimer = setTimeout(async () => {
      for (const d of this.definitions.values()) {
        if (this.stopped) return;
        if (!d.push) continue;
        try {
          await this.relay(d.name);
          this.relayFailures.delete(d.name);
        } catch (error) {
          // Once per failure, not at every pass: an address not configured would log every 5 s.
          const text = messageOf(error);
          if (this.relayFailures.get(d.name) !== text)
            this.logger.warn({ err: error, connector: d.name }, 'outbox relay failed (logged again when it changes)');
          this.relayFailures.set(d.name, text);
        }
      }
      if (!this.stopped) this.scheduleRelay();
    }, this.o.relayIntervalMs);
    this.relayTimer.unref();
  }

  // ---------------------------------------------------------------- settings and clients

  async settings(name: string): Promise<{ enabled: boolean; settings: ConnectorSettings; checkpoint: unknown }> {
    const d = this.definition(name);
    const [row] = await this.em().execute(
      `select enabled, settings, checkpoint from ${this.t('exchange_connector')} where name = ?`,
      [name],
    );
    const { enabled: _e, ...defaults } = d.defaults;
    return row
      ? { enabled: row.enabled, settings: storedSettings(defaults, row.settings), checkpoint: row.checkpoint }
      : { enabled: d.defaults.enabled ?? true, settings: defaults, checkpoint: null };
  }

  /** The connector's client for its current settings; the breaker's state lives as long as the settings do. */
  async client(name: string): Promise<ConnectorClient> {
    const d = this.definition(name);
    const { settings } = await this.settings(name);
    const key = `${settings.baseUrl}|${settings.timeoutMs}`;
    const cached = this.clients.get(name);
    if (cached?.key === key) return cached.client;
    const client = new ConnectorClient({
      ...d.client,
      system: d.system,
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      onCircuitChange: (snapshot) => {
        d.client?.onCircuitChange?.(snapshot);
        void this.storeCircuit(name, snapshot.state);
      },
    });
    this.clients.set(name, { key, client });
    return client;
  }

  private async storeCircuit(name: string, state: CircuitState): Promise<void> {
    await this.em()
      .execute(
        `update ${this.t('exchange_connector')} set circuit_state = ?, circuit_changed_at = now() where name = ?`,
        [state, name],
      )
      .catch((error) => this.logger.warn({ err: error }, 'could not store the circuit state'));
  }

  /** Changes settings (already validated by the caller); a changed schedule is applied at once. */
  async updateSettings(name: string, change: { enabled?: boolean } & Partial<ConnectorSettings>): Promise<void> {
    const { enabled, ...settings } = change;
    await this.em().execute(
      `update ${this.t('exchange_connector')}
         set enabled = coalesce(?, enabled), settings = settings || ?::jsonb, updated_at = now() where name = ?`,
      [enabled ?? null, JSON.stringify(settings), name],
    );
    this.clients.delete(name);
    await this.syncSchedule(name);
  }

  private async syncSchedule(name: string): Promise<void> {
    const boss = this.boss;
    const d = this.definition(name);
    if (!boss || !d.pull) return;
    const { enabled, settings } = await this.settings(name);
    const queue = PULL_QUEUE(name);
    if (enabled && settings.schedule) {
      await boss.schedule(queue, settings.schedule, { trigger: 'SCHEDULE' } satisfies PullJobData, {
        tz: 'Asia/Shanghai',
      });
    } else {
      await boss.unschedule(queue);
    }
  }

  /** 立即同步: queues a pull now (at most one waits per connector). Returns false when one is already queued. */
  async requestPull(name: string, trigger: RunTrigger = 'MANUAL'): Promise<boolean> {
    if (!this.definition(name).pull) throw new Error(`连接器“${name}”没有拉取任务`);
    if (!this.boss) throw new Error('数据交换任务未启动');
    const id = await this.boss.send(PULL_QUEUE(name), { trigger } satisfies PullJobData);
    return id !== null;
  }

  // ---------------------------------------------------------------- pull

  private async pullJob(name: string, job: Job<PullJobData> & { retryCount?: number; retryLimit?: number }) {
    const retryCount = job.retryCount ?? 0;
    const final = retryCount >= (job.retryLimit ?? this.o.pullRetries);
    const trigger: RunTrigger = retryCount > 0 ? 'RETRY' : job.data.trigger;
    const result = await this.runPull(name, { trigger, attempt: retryCount + 1, final });
    // pg-boss retries only what may succeed later; a rejection or bad data is DEAD at once.
    if (result?.status === 'FAILED') throw new Error(result.error ?? '同步失败');
    return result;
  }

  /**
   * One pull run: from the stored checkpoint, page by page until the source says there is no more.
   * Returns null when the connector is disabled or another pull of it is running.
   */
  async runPull(
    name: string,
    options: { trigger?: RunTrigger; attempt?: number; final?: boolean } = {},
  ): Promise<RunResult | null> {
    const d = this.definition(name);
    if (!d.pull) throw new Error(`连接器“${name}”没有拉取任务`);
    const { enabled, settings, checkpoint: stored } = await this.settings(name);
    if (!enabled) return null;
    const runId = await this.openPullRun(name, options.trigger ?? 'MANUAL', options.attempt ?? 1);
    if (runId === null) return null;
    const counts = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    let checkpoint = stored;
    try {
      const client = await this.client(name);
      for (let page = 1; ; page++) {
        if (this.stopped) return null; // abandoned like a killed process: the checkpoint of the last page holds
        const fetched = await d.pull.fetchPage(client, checkpoint, settings);
        const fetchedAt = new Date();
        const pageCounts = { read: fetched.records.length, created: 0, updated: 0, unchanged: 0, rejected: 0 };
        await this.em().transactional(async (em) => {
          const base = { runId, fetchedAt, connector: name, sourceSystem: d.system };
          const prepared = d.pull!.prepare
            ? await d.pull!.prepare(
                em,
                fetched.records.map((r) => r.payload),
                base,
              )
            : undefined;
          const context: ApplyContext = { ...base, prepared };
          const outcomes = await this.applyPage(em, d.pull!, fetched.records, context);
          for (const [i, outcome] of outcomes.entries()) {
            if (typeof outcome === 'object') {
              pageCounts.rejected++;
              await this.insertRejected(em, runId, name, fetched.records[i], outcome.rejected);
            } else if (outcome === 'CREATED') pageCounts.created++;
            else if (outcome === 'UPDATED') pageCounts.updated++;
            else pageCounts.unchanged++;
          }
          await em.execute(`update ${this.t('exchange_connector')} set checkpoint = ?::jsonb where name = ?`, [
            JSON.stringify(fetched.checkpoint ?? null),
            name,
          ]);
          await em.execute(
            `update ${this.t('exchange_run')} set read_count = read_count + ?, created_count = created_count + ?,
               updated_count = updated_count + ?, unchanged_count = unchanged_count + ?,
               rejected_count = rejected_count + ?, heartbeat_at = now() where id = ?`,
            [pageCounts.read, pageCounts.created, pageCounts.updated, pageCounts.unchanged, pageCounts.rejected, runId],
          );
        });
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += pageCounts[k];
        checkpoint = fetched.checkpoint;
        this.emit('page', { connector: name, runId, page, read: counts.read });
        if (!fetched.more) break;
      }
      return await this.closeRun(name, 'PULL', runId, 'SUCCEEDED', counts, null);
    } catch (error) {
      const retryable = !(error instanceof ExchangeError) || error.retryable;
      const status: RunStatus = retryable && !options.final ? 'FAILED' : 'DEAD';
      this.logger.warn({ err: error, connector: name, runId, status }, 'pull run failed');
      return await this.closeRun(name, 'PULL', runId, status, counts, error);
    }
  }

  /**
   * Applies a page's records: first all in one unit of work flushed once (fast); if the database
   * refuses that flush, the page again record by record, each in a savepoint, so only the refused
   * record is rejected. apply() may therefore run twice for a page with such a record.
   */
  private async applyPage(
    em: EntityManager,
    pull: PullDefinition<unknown>,
    records: PulledRecord[],
    context: ApplyContext,
  ): Promise<ApplyOutcome[]> {
    const rejectedBy = (error: unknown): ApplyOutcome | null =>
      error instanceof RecordRejected ? { rejected: error.message } : null;
    await em.execute('savepoint exchange_page');
    try {
      const pageEm = em.fork({ clear: true, keepTransactionContext: true }) as EntityManager;
      const outcomes: ApplyOutcome[] = [];
      for (const record of records) {
        try {
          outcomes.push(await pull.apply(pageEm, record.payload, context));
        } catch (error) {
          const rejected = rejectedBy(error);
          if (!rejected) throw error;
          outcomes.push(rejected);
        }
      }
      await pageEm.flush();
      await em.execute('release savepoint exchange_page');
      return outcomes;
    } catch (error) {
      await em.execute('rollback to savepoint exchange_page');
      if (!isDataError(error)) throw error;
    }
    const outcomes: ApplyOutcome[] = [];
    for (const record of records) {
      await em.execute('savepoint exchange_record');
      try {
        const recordEm = em.fork({ clear: true, keepTransactionContext: true }) as EntityManager;
        const outcome = await pull.apply(recordEm, record.payload, context);
        await recordEm.flush();
        await em.execute('release savepoint exchange_record');
        outcomes.push(outcome);
      } catch (error) {
        await em.execute('rollback to savepoint exchange_record');
        if (!(error instanceof RecordRejected) && !isDataError(error)) throw error;
        outcomes.push(rejectedBy(error) ?? { rejected: databaseRefusal(error) });
      }
    }
    return outcomes;
  }

  /** Opens the run; closes first a RUNNING one that stopped beating (a killed process). Null when one is running. */
  private async openPullRun(name: string, trigger: RunTrigger, attempt: number): Promise<string | null> {
    const em = this.em();
    await em.execute(
      `update ${this.t('exchange_run')} set status = 'FAILED', ended_at = now(),
         error = '运行中断（服务停止或重启），下次同步将从断点继续', error_kind = 'INTERRUPTED'
       where connector = ? and kind = 'PULL' and status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => ?)`,
      [name, this.o.staleRunMs / 1000],
    );
    const rows = await em.execute(
      `insert into ${this.t('exchange_run')} (connector, kind, trigger, status, attempt) values (?, 'PULL', ?, 'RUNNING', ?)
       on conflict do nothing returning id`,
      [name, trigger, attempt],
    );
    if (!rows.length) return null;
    await em.execute(`update ${this.t('exchange_connector')} set last_run_at = now() where name = ?`, [name]);
    const runId = String(rows[0].id);
    this.emit('started', { connector: name, kind: 'PULL', runId });
    return runId;
  }

  private async insertRejected(em: EntityManager, runId: string, name: string, record: PulledRecord, reason: string) {
    const text = payloadText(record.payload);
    const max = this.o.maxRejectedPayloadBytes;
    const truncated = Buffer.byteLength(text) > max;
    const kept = truncated
      ? Buffer.from(text)
          .subarray(0, max)
          .toString('utf8')
          .replace(/\uFFFD$/, '')
      : text;
    await em.execute(
      `insert into ${this.t('exchange_rejected')} (run_id, connector, source_id, reason, payload_sha256, payload, payload_truncated)
       values (?, ?, ?, ?, ?, ?, ?)`,
      [
        runId,
        name,
        record.sourceId,
        reason.slice(0, 500),
        sha256OfText(text),
        kept.replaceAll('\u0000', ''),
        truncated,
      ],
    );
  }

  private async closeRun(
    name: string,
    kind: RunKind,
    runId: string,
    status: RunStatus,
    counts: Omit<RunResult, 'runId' | 'status' | 'error'>,
    error: unknown,
  ): Promise<RunResult> {
    const message = error === null ? null : messageOf(error).slice(0, 1000);
    const errorKind = error instanceof ExchangeError ? error.kind : error === null ? null : 'INTERNAL';
    const em = this.em();
    await em.transactional(async (tx) => {
      await tx.execute(
        `update ${this.t('exchange_run')} set status = ?, ended_at = now(), error = ?, error_kind = ?,
           read_count = ?, created_count = ?, updated_count = ?, unchanged_count = ?, rejected_count = ? where id = ?`,
        [
          status,
          message,
          errorKind,
          counts.read,
          counts.created,
          counts.updated,
          counts.unchanged,
          counts.rejected,
          runId,
        ],
      );
      // A lookup's success says the system answers, not that a pull connector's data is fresh.
      if (status === 'SUCCEEDED' && (kind !== 'LOOKUP' || !this.definition(name).pull))
        await tx.execute(`update ${this.t('exchange_connector')} set last_success_at = now() where name = ?`, [name]);
      else if (status !== 'SUCCEEDED')
        await tx.execute(
          `update ${this.t('exchange_connector')} set last_error = ?, last_error_at = now() where name = ?`,
          [message, name],
        );
    });
    const result: RunResult = { runId, status, ...counts, error: message };
    this.emit('run', { connector: name, kind, result });
    return result;
  }

  // ---------------------------------------------------------------- lookups

  /**
   * A lookup (e.g. an enterprise by 统一社会信用代码) recorded as a LOOKUP run, so the admin sees
   * lookups' failures too. A 404 (the system does not know the code) is an answer, not a failure.
   */
  async lookup<T>(name: string, fn: (client: ConnectorClient) => Promise<T>): Promise<T> {
    const em = this.em();
    const [row] = await em.execute(
      `insert into ${this.t('exchange_run')} (connector, kind, trigger, status) values (?, 'LOOKUP', 'MANUAL', 'RUNNING') returning id`,
      [name],
    );
    const runId = String(row.id);
    const zero = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    try {
      const value = await fn(await this.client(name));
      await this.closeRun(name, 'LOOKUP', runId, 'SUCCEEDED', { ...zero, read: 1 }, null);
      return value;
    } catch (error) {
      const notFound = error instanceof ExchangeError && error.kind === 'REJECTED' && error.status === 404;
      await this.closeRun(name, 'LOOKUP', runId, notFound ? 'SUCCEEDED' : 'FAILED', zero, notFound ? null : error);
      throw error;
    }
  }

  // ---------------------------------------------------------------- outbox

  /**
   * One relay pass over the connector's due messages: each is sent with its Idempotency-Key under a
   * row lock (skip locked, so relays in several processes share the work), and its acknowledgement
   * and SENT are stored in the same transaction. If that transaction is lost after the send, the
   * message stays PENDING and goes again with the same key, which the receiver answers as a duplicate.
   */
  async relay(
    name: string,
    options: { limit?: number; trigger?: RunTrigger } = {},
  ): Promise<{ sent: number; failed: number; dead: number }> {
    const limit = options.limit ?? 50;
    const d = this.definition(name);
    if (!d.push) throw new Error(`连接器“${name}”没有推送任务`);
    if (this.relaying.has(name)) return { sent: 0, failed: 0, dead: 0 };
    this.relaying.add(name);
    try {
      const { enabled } = await this.settings(name);
      if (!enabled) return { sent: 0, failed: 0, dead: 0 };
      const client = await this.client(name);
      const totals = { sent: 0, failed: 0, dead: 0 };
      const run: { id: string | null; lastError: unknown } = { id: null, lastError: null };
      const em = this.em();
      const pass = em.transactional(async (tx) => {
        const rows = await tx.execute(
          `select id, idempotency_key, entity_type, entity_id, payload, attempts from ${this.t('exchange_outbox')}
           where connector = ? and state = 'PENDING' and next_attempt_at <= now()
           order by next_attempt_at, id limit ? for update skip locked`,
          [name, limit],
        );
        if (!rows.length) return;
        run.id = await this.openRun(name, 'PUSH', options.trigger ?? 'SCHEDULE');
        for (const row of rows) {
          const message: OutboxMessage = {
            id: String(row.id),
            idempotencyKey: row.idempotency_key,
            entityType: row.entity_type,
            entityId: row.entity_id,
            payload: row.payload,
            attempts: row.attempts,
          };
          try {
            const ack = await d.push!.send(client, message);
            // A savepoint: if storing the acknowledgement fails, the message is retried (same key) later.
            await tx.transactional((inner) =>
              inner.execute(
                `update ${this.t('exchange_outbox')} set state = 'SENT', sent_at = now(), ack = ?::jsonb,
                   attempts = attempts + 1, last_error = null where id = ?`,
                [JSON.stringify(ack ?? {}), message.id],
              ),
            );
            totals.sent++;
          } catch (error) {
            run.lastError = error;
            const attempts = message.attempts + 1;
            const final = attempts >= this.o.pushMaxAttempts || (error instanceof ExchangeError && !error.retryable);
            const delay = Math.floor(
              Math.random() * Math.min(24 * 3600_000, this.o.pushBackoffMs * 2 ** (attempts - 1)),
            );
            await tx.execute(
              `update ${this.t('exchange_outbox')} set attempts = ?, last_error = ?, state = ?,
                 next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
              [attempts, messageOf(error).slice(0, 1000), final ? 'DEAD' : 'PENDING', delay / 1000, message.id],
            );
            if (final) totals.dead++;
            else totals.failed++;
          }
        }
      });
      try {
        await pass;
      } catch (error) {
        // The pass's transaction was lost: every message in it stays PENDING as it was.
        if (run.id !== null)
          await this.closeRun(
            name,
            'PUSH',
            run.id,
            'FAILED',
            { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 },
            error,
          );
        throw error;
      }
      if (run.id !== null) {
        const status: RunStatus = totals.dead ? 'DEAD' : totals.failed ? 'FAILED' : 'SUCCEEDED';
        await this.closeRun(
          name,
          'PUSH',
          run.id,
          status,
          {
            read: totals.sent + totals.failed + totals.dead,
            created: totals.sent,
            updated: 0,
            unchanged: 0,
            rejected: totals.dead,
          },
          status === 'SUCCEEDED' ? null : run.lastError,
        );
        this.emit('relay', { connector: name, ...totals });
      }
      return totals;
    } finally {
      this.relaying.delete(name);
    }
  }

  private async openRun(name: string, kind: RunKind, trigger: RunTrigger): Promise<string> {
    const [row] = await this.em().execute(
      `insert into ${this.t('exchange_run')} (connector, kind, trigger, status) values (?, ?, ?, 'RUNNING') returning id`,
      [name, kind, trigger],
    );
    return String(row.id);
  }

  /**
   * 重试: dead outbox messages go back to PENDING, and a failed or dead last pull is queued again.
   * Refused (NOTHING_TO_RETRY) when there is neither: nothing failed that a retry would redo.
   */
  async retry(name: string): Promise<{ requeued: number; pullQueued: boolean }> {
    const d = this.definition(name);
    const em = this.em();
    const requeued = await em.execute(
      `update ${this.t('exchange_outbox')} set state = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = null
       where connector = ? and state = 'DEAD' returning id`,
      [name],
    );
    let pullFailed = false;
    let pullQueued = false;
    if (d.pull) {
      const [last] = await em.execute(
        `select status from ${this.t('exchange_run')} where connector = ? and kind = 'PULL' order by started_at desc, id desc limit 1`,
        [name],
      );
      pullFailed = last?.status === 'FAILED' || last?.status === 'DEAD';
      if (pullFailed) pullQueued = await this.requestPull(name, 'RETRY');
    }
    if (requeued.length === 0 && !pullFailed)
      throw new AppError(ErrorCode.NOTHING_TO_RETRY, '该连接器没有失败的同步，也没有停止重试的推送消息，无需重试');
    return { requeued: requeued.length, pullQueued };
  }
}

/**
 * `in (?)` with an array, as MikroORM's execute reads it: one placeholder per element (knex.raw
 * would bind the array as one PostgreSQL array, which `in` compares as a single value).
 */
function expandArrayParams(sql: string, params: unknown[]): { sql: string; params: unknown[] } {
  if (!params.some(Array.isArray)) return { sql, params };
  const flat: unknown[] = [];
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    const param = params[i++];
    if (!Array.isArray(param)) {
      flat.push(param);
      return '?';
    }
    flat.push(...param);
    return param.map(() => '?').join(', ');
  });
  return { sql: text, params: flat };
}

/** A connector's settings: its defaults overlaid by the stored ones (without the bookkeeping of ensureConnectors). */
export function storedSettings(defaults: ConnectorSettings, stored: Record<string, unknown> | null): ConnectorSettings {
  const { deploymentBaseUrl: _d, ...settings } = stored ?? {};
  return { ...defaults, ...settings } as ConnectorSettings;
}

/**
 * Writes a message to the outbox in the caller's transaction (`em` inside em.transactional), so it
 * exists exactly when the change does. The key identifies the record at the receiver: the same key
 * is one record there, however often it is sent. A second enqueue of the same key is ignored.
 */
export async function enqueueOutbox(
  em: EntityManager,
  schema: string,
  connector: string,
  message: { key: string; entityType: string; entityId: string; payload: unknown },
): Promise<boolean> {
  const rows = await em.execute(
    `insert into "${schema}".exchange_outbox (connector, idempotency_key, entity_type, entity_id, payload)
     values (?, ?, ?, ?, ?::jsonb) on conflict (idempotency_key) do nothing returning id`,
    [connector, message.key, message.entityType, message.entityId, JSON.stringify(message.payload)],
  );
  return rows.length > 0;
}

/** The reason kept for a record the database refused: the constraint, not the SQL (which the driver's message starts with). */
function databaseRefusal(error: unknown): string {
  const e = error as { constraint?: unknown; code?: unknown };
  // "<sql> - <what PostgreSQL said> - detail: <the row>": keep what it said, not the SQL or the row.
  const parts = messageOf(error).split(' - ');
  const said = (parts.length > 1 ? parts[1] : parts[0]).slice(0, 300);
  const constraint = typeof e.constraint === 'string' ? `（约束 ${e.constraint}）` : '';
  return `数据库拒绝了该记录${constraint}：${said}`;
}

/** SQLSTATE class 22 (data exception) and 23 (integrity constraint): the record, not the database, is at fault. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/**
 * For a subgraph's buildSchema (when it serves, i.e. deps.orm is there): the service on the
 * subgraph's database and logger, started, and stopped when the subgraph closes.
 */
export async function startExchangeService(
  deps: Pick<SubgraphDeps, 'config' | 'orm' | 'logger' | 'onClose'>,
  options: Omit<ExchangeServiceOptions, 'orm' | 'logger' | 'databaseUrl'> & { databaseUrl?: string; jobs?: boolean },
): Promise<ExchangeService> {
  const { jobs, ...rest } = options;
  const service = new ExchangeService({
    ...rest,
    orm: deps.orm,
    logger: deps.logger,
    databaseUrl: options.databaseUrl ?? deps.config.DATABASE_URL,
  });
  await service.start({ jobs });
  deps.onClose?.(() => service.stop());
  return service;
}
