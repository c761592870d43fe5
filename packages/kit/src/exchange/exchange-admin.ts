import { CRON_FORMAT_MESSAGE, cronProblem } from '@hs/labels';
import { CronExpressionParser } from 'cron-parser';
import {
  Arg,
  Authorized,
  Directive,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
  type ClassType,
} from 'type-graphql';
import { badInput, notFound } from '../errors.js';
import { PageInput, pageWindow } from '../pagination.js';
import { Permission } from '../permissions.js';
import { SortDirection, SortOf, type Sort } from '../lists/sorting.js';
import { RunKind, RunStatus, RunTrigger, storedSettings, type ExchangeService } from './exchange-service.js';

/**
 * The admin API of one subgraph's connectors (数据交换 page, issue #12). One root field cannot be
 * served by two subgraphs, so every field is prefixed with the subgraph's name
 * (`projectsExchangeConnectors`, …); the object types are @shareable and the same everywhere.
 */

export enum ExchangeConnectorState {
  HEALTHY = 'HEALTHY',
  FAILING = 'FAILING',
  DISABLED = 'DISABLED',
  NEVER_RUN = 'NEVER_RUN',
}
export enum ExchangeCircuitState {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
  HALF_OPEN = 'HALF_OPEN',
}

registerEnumType(RunKind, {
  name: 'ExchangeRunKind',
  description: '运行类型',
  valuesConfig: { PULL: { description: '拉取' }, PUSH: { description: '推送' }, LOOKUP: { description: '查询' } },
});
registerEnumType(RunStatus, {
  name: 'ExchangeRunStatus',
  description: '运行状态',
  valuesConfig: {
    RUNNING: { description: '运行中' },
    SUCCEEDED: { description: '成功' },
    FAILED: { description: '失败（将重试）' },
    DEAD: { description: '失败（已放弃，需人工重试）' },
  },
});
registerEnumType(RunTrigger, {
  name: 'ExchangeRunTrigger',
  description: '触发方式',
  valuesConfig: { SCHEDULE: { description: '定时' }, MANUAL: { description: '手动' }, RETRY: { description: '重试' } },
});
registerEnumType(ExchangeConnectorState, {
  name: 'ExchangeConnectorState',
  description: '连接器状态',
  valuesConfig: {
    HEALTHY: { description: '正常' },
    FAILING: { description: '异常' },
    DISABLED: { description: '已停用' },
    NEVER_RUN: { description: '尚未运行' },
  },
});
registerEnumType(ExchangeCircuitState, {
  name: 'ExchangeCircuitState',
  description: '熔断状态',
  valuesConfig: {
    CLOSED: { description: '正常' },
    OPEN: { description: '已熔断' },
    HALF_OPEN: { description: '试探中' },
  },
});

@ObjectType('ExchangeConnector', { description: '数据交换连接器' })
@Directive('@shareable')
export class ExchangeConnectorView {
  @Field({ description: '连接器标识' }) name!: string;
  @Field({ description: '名称' }) title!: string;
  @Field({ description: '对接系统' }) system!: string;
  @Field(() => [RunKind], { description: '支持的运行类型' }) kinds!: RunKind[];
  @Field(() => ExchangeConnectorState) state!: ExchangeConnectorState;
  @Field() enabled!: boolean;
  @Field({ description: '接口地址' }) baseUrl!: string;
  @Field(() => Int, { description: '超时（毫秒）' }) timeoutMs!: number;
  @Field(() => Int, { description: '每页条数' }) pageSize!: number;
  @Field(() => String, { nullable: true, description: '定时同步（cron，北京时间）' }) schedule!: string | null;
  @Field(() => Date, { nullable: true }) lastRunAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastSuccessAt!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) lastErrorAt!: Date | null;
  @Field(() => Int, { nullable: true, description: '距上次成功的秒数' }) lagSeconds!: number | null;
  @Field(() => Int, { description: '待推送的消息数' }) backlog!: number;
  @Field(() => Int, { description: '推送失败已放弃的消息数（死信）' }) deadLetters!: number;
  @Field(() => ExchangeCircuitState) circuit!: ExchangeCircuitState;
  @Field({ description: '是否有拉取正在运行' }) running!: boolean;
  @Field({ description: '是否有可重试的内容：最近一次拉取失败，或有停止重试的推送消息' }) retryable!: boolean;
}

@ObjectType('ExchangeRun', { description: '数据交换运行记录' })
@Directive('@shareable')
export class ExchangeRunView {
  @Field(() => ID) id!: string;
  @Field() connector!: string;
  @Field(() => RunKind) kind!: RunKind;
  @Field(() => RunTrigger) trigger!: RunTrigger;
  @Field(() => RunStatus) status!: RunStatus;
  @Field(() => Int, { description: '第几次尝试' }) attempt!: number;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int) read!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true, description: '错误类别（UNREACHABLE、TIMEOUT、HTTP_ERROR…）' })
  errorKind!: string | null;
}

@ObjectType('ExchangeRejectedRecord', { description: '被拒绝的外部记录' })
@Directive('@shareable')
export class ExchangeRejectedView {
  @Field(() => ID) id!: string;
  @Field(() => ID) runId!: string;
  @Field() connector!: string;
  @Field(() => String, { nullable: true, description: '来源记录标识' }) sourceId!: string | null;
  @Field({ description: '拒绝原因' }) reason!: string;
  @Field({ description: '原始数据的 SHA-256' }) payloadSha256!: string;
  @Field({ description: '原始数据（过长时截断）' }) payload!: string;
  @Field() payloadTruncated!: boolean;
  @Field(() => Date) createdAt!: Date;
}

function SharedPage<T extends object>(item: ClassType<T>, name: string) {
  @ObjectType(name)
  @Directive('@shareable')
  class P {
    @Field(() => [item]) items!: T[];
    @Field(() => Int) total!: number;
    @Field(() => Int) page!: number;
    @Field(() => Int) pageSize!: number;
  }
  return P;
}
export const ExchangeRunPage = SharedPage(ExchangeRunView, 'ExchangeRunPage');
export const ExchangeRejectedPage = SharedPage(ExchangeRejectedView, 'ExchangeRejectedRecordPage');

@ObjectType('ExchangeHealth', { description: '数据交换健康度（大屏、首页）' })
@Directive('@shareable')
export class ExchangeHealthView {
  @Field(() => Int) connectors!: number;
  @Field(() => Int) healthy!: number;
  @Field(() => Int) failing!: number;
  @Field(() => Int) disabled!: number;
  @Field(() => Int, { description: '待推送的消息数' }) backlog!: number;
  @Field(() => Int, { description: '死信数' }) deadLetters!: number;
}

@ObjectType('ExchangeRetryResult')
@Directive('@shareable')
export class ExchangeRetryResult {
  @Field(() => Int, { description: '重新排队的推送消息数' }) requeued!: number;
  @Field({ description: '是否重新排队了拉取' }) pullQueued!: boolean;
}

@InputType('ExchangeConfigureInput', { description: '连接器配置（不含密钥）' })
export class ExchangeConfigureInput {
  @Field({ nullable: true }) enabled?: boolean;
  @Field({ nullable: true, description: '接口地址（http 或 https）' }) baseUrl?: string;
  @Field(() => Int, { nullable: true, description: '超时（毫秒，1000～120000）' }) timeoutMs?: number;
  @Field(() => Int, { nullable: true, description: '每页条数（1～500）' }) pageSize?: number;
  @Field(() => String, { nullable: true, description: '定时同步 cron（5 段，北京时间）；空字符串表示不定时' })
  schedule?: string | null;
}

export enum ExchangeRunSortField {
  STARTED_AT = 'STARTED_AT',
}
export const ExchangeRunSort = SortOf('ExchangeRun', ExchangeRunSortField, { STARTED_AT: '开始时间' });

export const EXCHANGE_LIMITS = { timeoutMs: [1000, 120_000], pageSize: [1, 500] } as const;

/** Checks a configuration change; every error is Chinese and names its field. */
export function validateConfigure(input: ExchangeConfigureInput) {
  const change: {
    enabled?: boolean;
    baseUrl?: string;
    timeoutMs?: number;
    pageSize?: number;
    schedule?: string | null;
  } = {};
  if (input.enabled !== undefined && input.enabled !== null) change.enabled = input.enabled;
  if (input.baseUrl !== undefined && input.baseUrl !== null) {
    const text = input.baseUrl.trim();
    let url: URL | null = null;
    try {
      url = new URL(text);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || text.length > 500)
      throw badInput('接口地址必须是 http:// 或 https:// 开头的有效地址', 'baseUrl');
    if (url.username || url.password) throw badInput('接口地址中不能包含用户名或密码', 'baseUrl');
    change.baseUrl = text.replace(/\/+$/, '');
  }
  const range = (field: 'timeoutMs' | 'pageSize', label: string) => {
    const v = input[field];
    if (v === undefined || v === null) return;
    const [min, max] = EXCHANGE_LIMITS[field];
    if (!Number.isInteger(v) || v < min || v > max) throw badInput(`${label}必须是 ${min}～${max} 的整数`, field);
    change[field] = v;
  };
  range('timeoutMs', '超时（毫秒）');
  range('pageSize', '每页条数');
  if (input.schedule !== undefined) {
    const text = (input.schedule ?? '').trim();
    if (!text) change.schedule = null;
    else {
      // The admin's form runs the same check (cronProblem) before it sends; cron-parser has the last word.
      let problem = cronProblem(text);
      if (!problem) {
        try {
          CronExpressionParser.parse(text, { strict: false });
        } catch {
          problem = CRON_FORMAT_MESSAGE;
        }
      }
      if (problem) throw badInput(problem, 'schedule');
      change.schedule = text.split(/\s+/).join(' ');
    }
  }
  return change;
}

/** The resolver class a subgraph adds to its resolvers; `prefix` is the subgraph's name (e.g. 'projects'). */
export function exchangeAdminResolver(prefix: string, service: ExchangeService): ClassType {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(prefix)) throw new Error(`前缀“${prefix}”必须是小写字母开头的标识符`);
  const known = (connector: string) => {
    if (!service.definitions.has(connector)) throw notFound('数据交换连接器');
    return connector;
  };

  @Resolver()
  class ExchangeAdminResolver {
    @Authorized(Permission.EXCHANGE_VIEW)
    @Query(() => [ExchangeConnectorView], {
      name: `${prefix}ExchangeConnectors`,
      description: '数据交换连接器及其状态',
    })
    async connectors(): Promise<ExchangeConnectorView[]> {
      return connectorViews(service);
    }

    @Authorized(Permission.EXCHANGE_VIEW)
    @Query(() => ExchangeRunPage, { name: `${prefix}ExchangeRuns`, description: '数据交换运行记录' })
    async runs(
      @Arg('connector', () => String, { nullable: true }) connector: string | null,
      @Arg('status', () => RunStatus, { nullable: true }) status: RunStatus | null,
      @Arg('kind', () => RunKind, { nullable: true }) kind: RunKind | null,
      @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
      @Arg('sort', () => ExchangeRunSort, { nullable: true }) sort: Sort<ExchangeRunSortField> | null,
    ) {
      const w = pageWindow(page);
      if (connector) known(connector);
      const { clause, params } = filters({ connector, status, kind });
      // Newest first unless asked otherwise; id breaks ties so pages never overlap.
      const dir = sort && sort.direction === SortDirection.ASC ? 'asc' : 'desc';
      const rows = await service.query(
        `select *, count(*) over () as total from ${service.table('exchange_run')} ${clause}
         order by started_at ${dir}, id ${dir} limit ? offset ?`,
        [...params, w.limit, w.offset],
      );
      const total = rows.length
        ? Number(rows[0].total)
        : Number(
            (await service.query(`select count(*) n from ${service.table('exchange_run')} ${clause}`, params))[0].n,
          );
      return { items: rows.map(runView), total, page: w.page, pageSize: w.pageSize };
    }

    @Authorized(Permission.EXCHANGE_VIEW)
    @Query(() => ExchangeRejectedPage, { name: `${prefix}ExchangeRejected`, description: '被拒绝的外部记录' })
    async rejected(
      @Arg('connector', () => String, { nullable: true }) connector: string | null,
      @Arg('runId', () => ID, { nullable: true }) runId: string | null,
      @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    ) {
      const w = pageWindow(page);
      if (connector) known(connector);
      if (runId != null && !/^\d{1,18}$/.test(runId)) throw badInput('运行记录编号无效', 'runId');
      const { clause, params } = filters({ connector, run_id: runId });
      const order = runId ? 'order by run_id, id' : 'order by created_at desc, id desc';
      const rows = await service.query(
        `select *, count(*) over () as total from ${service.table('exchange_rejected')} ${clause} ${order} limit ? offset ?`,
        [...params, w.limit, w.offset],
      );
      const total = rows.length
        ? Number(rows[0].total)
        : Number(
            (await service.query(`select count(*) n from ${service.table('exchange_rejected')} ${clause}`, params))[0]
              .n,
          );
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          runId: String(r.run_id),
          connector: r.connector,
          sourceId: r.source_id,
          reason: r.reason,
          payloadSha256: r.payload_sha256,
          payload: r.payload,
          payloadTruncated: r.payload_truncated,
          createdAt: r.created_at,
        })),
        total,
        page: w.page,
        pageSize: w.pageSize,
      };
    }

    @Authorized(Permission.EXCHANGE_VIEW, Permission.DASHBOARD_VIEW)
    @Query(() => ExchangeHealthView, { name: `${prefix}ExchangeHealth`, description: '数据交换健康度' })
    async health(): Promise<ExchangeHealthView> {
      const views = await connectorViews(service);
      return {
        connectors: views.length,
        healthy: views.filter((v) => v.state === ExchangeConnectorState.HEALTHY).length,
        failing: views.filter((v) => v.state === ExchangeConnectorState.FAILING).length,
        disabled: views.filter((v) => v.state === ExchangeConnectorState.DISABLED).length,
        backlog: views.reduce((n, v) => n + v.backlog, 0),
        deadLetters: views.reduce((n, v) => n + v.deadLetters, 0),
      };
    }

    @Authorized(Permission.EXCHANGE_MANAGE)
    @Mutation(() => ExchangeConnectorView, { name: `${prefix}ExchangeSync`, description: '立即同步' })
    async sync(@Arg('connector', () => String) connector: string): Promise<ExchangeConnectorView> {
      known(connector);
      const def = service.definitions.get(connector)!;
      if (!def.pull && !def.push) throw badInput('该连接器没有可同步的任务', 'connector');
      const { enabled } = await service.settings(connector);
      if (!enabled) throw badInput('连接器已停用，请先启用再同步', 'connector');
      if (def.pull) await service.requestPull(connector, 'MANUAL');
      if (def.push) await service.relay(connector, { trigger: 'MANUAL' });
      return (await connectorViews(service)).find((v) => v.name === connector)!;
    }

    @Authorized(Permission.EXCHANGE_MANAGE)
    @Mutation(() => ExchangeRetryResult, {
      name: `${prefix}ExchangeRetry`,
      description: '重试：死信重新排队，失败的拉取重新运行',
    })
    async retry(@Arg('connector', () => String) connector: string): Promise<ExchangeRetryResult> {
      return service.retry(known(connector));
    }

    @Authorized(Permission.EXCHANGE_MANAGE)
    @Mutation(() => ExchangeConnectorView, { name: `${prefix}ExchangeConfigure`, description: '修改连接器配置' })
    async configure(
      @Arg('connector', () => String) connector: string,
      @Arg('input', () => ExchangeConfigureInput) input: ExchangeConfigureInput,
    ): Promise<ExchangeConnectorView> {
      known(connector);
      await service.updateSettings(connector, validateConfigure(input));
      return (await connectorViews(service)).find((v) => v.name === connector)!;
    }
  }
  return ExchangeAdminResolver;
}

/** `where a = ? and b = ?` over the given columns, skipping null ones; the columns are ours, never input. */
function filters(values: Record<string, string | null | undefined>): { clause: string; params: unknown[] } {
  const used = Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return {
    clause: used.length ? `where ${used.map(([k]) => `${k} = ?`).join(' and ')}` : '',
    params: used.map(([, v]) => v),
  };
}

function runView(r: Record<string, any>): ExchangeRunView {
  return {
    id: String(r.id),
    connector: r.connector,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    attempt: r.attempt,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    read: r.read_count,
    created: r.created_count,
    updated: r.updated_count,
    unchanged: r.unchanged_count,
    rejected: r.rejected_count,
    error: r.error,
    errorKind: r.error_kind,
  };
}

/** Every connector with its state, in one query (outbox counts and a running pull joined in). */
export async function connectorViews(service: ExchangeService): Promise<ExchangeConnectorView[]> {
  const rows = await service.query(
    `select c.*, extract(epoch from now() - c.last_success_at)::int as lag,
       (select count(*) from ${service.table('exchange_outbox')} o where o.connector = c.name and o.state = 'PENDING')::int as backlog,
       (select count(*) from ${service.table('exchange_outbox')} o where o.connector = c.name and o.state = 'DEAD')::int as dead,
       exists (select 1 from ${service.table('exchange_run')} r where r.connector = c.name and r.kind = 'PULL' and r.status = 'RUNNING') as running,
       (select r.status in ('FAILED', 'DEAD') from ${service.table('exchange_run')} r where r.connector = c.name and r.kind = 'PULL'
         order by r.started_at desc, r.id desc limit 1) as pull_failed
     from ${service.table('exchange_connector')} c order by c.name`,
  );
  const byName = new Map(rows.map((r) => [r.name as string, r]));
  const views: ExchangeConnectorView[] = [];
  for (const def of service.definitions.values()) {
    const r = byName.get(def.name);
    const { enabled: _e, ...defaults } = def.defaults;
    const settings = storedSettings(defaults, r?.settings ?? null);
    const enabled: boolean = r ? r.enabled : (def.defaults.enabled ?? true);
    const lastErrorAt: Date | null = r?.last_error_at ?? null;
    const lastSuccessAt: Date | null = r?.last_success_at ?? null;
    const dead = r?.dead ?? 0;
    const circuit: ExchangeCircuitState = r?.circuit_state ?? ExchangeCircuitState.CLOSED;
    const failing =
      (lastErrorAt !== null && (lastSuccessAt === null || lastErrorAt > lastSuccessAt)) ||
      dead > 0 ||
      circuit === ExchangeCircuitState.OPEN;
    const state = !enabled
      ? ExchangeConnectorState.DISABLED
      : failing
        ? ExchangeConnectorState.FAILING
        : lastSuccessAt === null
          ? ExchangeConnectorState.NEVER_RUN
          : ExchangeConnectorState.HEALTHY;
    const kinds: RunKind[] = [];
    if (def.pull) kinds.push(RunKind.PULL);
    if (def.push) kinds.push(RunKind.PUSH);
    kinds.push(RunKind.LOOKUP);
    views.push({
      name: def.name,
      title: def.title,
      system: def.system,
      kinds,
      state,
      enabled,
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      pageSize: settings.pageSize,
      schedule: settings.schedule ?? null,
      lastRunAt: r?.last_run_at ?? null,
      lastSuccessAt,
      lastError: r?.last_error ?? null,
      lastErrorAt,
      lagSeconds: r?.lag ?? null,
      backlog: r?.backlog ?? 0,
      deadLetters: dead,
      circuit,
      running: r?.running ?? false,
      retryable: dead > 0 || (!!def.pull && r?.pull_failed === true),
    });
  }
  return views;
}
