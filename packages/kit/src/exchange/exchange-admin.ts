import { CRON_FORMAT_MESSAGE, cronProblem } from '@hs/labels';
import { CronExpressionParser } from 'cron-parser';
import {
  Arg,
  Authorized,
  Ctx,
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
import { requireCaller, type BaseContext } from '../context.js';
import { badInput, conflict, notFound } from '../errors.js';
import { PageInput, pageWindow } from '../pagination.js';
import { Permission } from '../permissions.js';
import { SortDirection, SortOf, type Sort } from '../lists/sorting.js';
import { cleanText } from '../rules.js';
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
export enum ExchangeOutboxState {
  PENDING = 'PENDING',
  SENT = 'SENT',
  DEAD = 'DEAD',
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
registerEnumType(ExchangeOutboxState, {
  name: 'ExchangeOutboxState',
  description: '推送消息状态',
  valuesConfig: {
    PENDING: { description: '待推送（含失败后等待重试）' },
    SENT: { description: '已推送（对方已确认）' },
    DEAD: { description: '推送失败（已放弃，需人工重试）' },
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
  @Field({ description: '是否已标记为已处理' }) handled!: boolean;
  @Field(() => Date, { nullable: true, description: '标记已处理的时间' }) handledAt!: Date | null;
  @Field(() => String, { nullable: true, description: '标记人（identity 的 User id）' }) handledById!: string | null;
  @Field(() => String, { nullable: true, description: '标记人姓名' }) handledByName!: string | null;
  @Field(() => String, { nullable: true, description: '处理说明' }) handledNote!: string | null;
}

@ObjectType('ExchangeOutboxMessage', { description: '推送消息（发件箱）' })
@Directive('@shareable')
export class ExchangeOutboxView {
  @Field(() => ID) id!: string;
  @Field() connector!: string;
  @Field({ description: '幂等键：对方据此识别同一条记录，重复发送不重复入库' }) idempotencyKey!: string;
  @Field({ description: '业务记录类型' }) entityType!: string;
  @Field({ description: '业务记录标识' }) entityId!: string;
  @Field({ description: '推送内容（JSON）' }) payload!: string;
  @Field(() => ExchangeOutboxState) state!: ExchangeOutboxState;
  @Field(() => Int, { description: '已尝试次数' }) attempts!: number;
  @Field(() => Date, { nullable: true, description: '下次尝试时间（待推送时）' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true, description: '最近一次失败的原因' }) lastError!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => String, { nullable: true, description: '对方的确认（JSON）' }) ack!: string | null;
  @Field(() => String, { nullable: true, description: '对方的回执号（确认中的 receiptId）' }) receiptId!: string | null;
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
export const ExchangeOutboxPage = SharedPage(ExchangeOutboxView, 'ExchangeOutboxMessagePage');

/** The longest note kept with 标记已处理. */
export const HANDLED_NOTE_MAX = 200;

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
      @Arg('handled', () => Boolean, { nullable: true, description: '只列已处理（true）或未处理（false）的' })
      handled: boolean | null,
      @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    ) {
      const w = pageWindow(page);
      if (connector) known(connector);
      if (runId != null && !/^\d{1,18}$/.test(runId)) throw badInput('运行记录编号无效', 'runId');
      const { clause, params } = filters(
        { connector, run_id: runId },
        handled === null || handled === undefined ? [] : [`resolved_at is ${handled ? 'not ' : ''}null`],
      );
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
      return { items: rows.map(rejectedView), total, page: w.page, pageSize: w.pageSize };
    }

    @Authorized(Permission.EXCHANGE_MANAGE)
    @Mutation(() => ExchangeRejectedView, {
      name: `${prefix}ExchangeMarkRejectedHandled`,
      description: '标记被拒记录为已处理（记下处理人、时间和说明）',
    })
    async markRejectedHandled(
      @Arg('id', () => ID) id: string,
      @Arg('note', () => String, { nullable: true, description: `处理说明（可选，不超过 ${HANDLED_NOTE_MAX} 字）` })
      note: string | null,
      @Ctx() ctx: BaseContext,
    ): Promise<ExchangeRejectedView> {
      const caller = requireCaller(ctx);
      if (!/^\d{1,18}$/.test(id)) throw notFound('被拒记录');
      const text = cleanText(note);
      if (text && Array.from(text).length > HANDLED_NOTE_MAX)
        throw badInput(`处理说明不能超过 ${HANDLED_NOTE_MAX} 个字`, 'note');
      const name = Array.from(caller.displayName || caller.username)
        .slice(0, 50)
        .join('');
      const [row] = await service.query(
        `update ${service.table('exchange_rejected')} set resolved_at = now(), resolved_by_id = ?, resolved_by_name = ?,
           resolved_note = ? where id = ? and resolved_at is null returning *`,
        [caller.userId, name, text, id],
      );
      if (row) return rejectedView(row);
      const [existing] = await service.query(
        `select resolved_by_name from ${service.table('exchange_rejected')} where id = ?`,
        [id],
      );
      if (!existing) throw notFound('被拒记录');
      throw conflict(`该记录已由${existing.resolved_by_name ?? '他人'}标记为已处理`);
    }

    @Authorized(Permission.EXCHANGE_VIEW)
    @Query(() => ExchangeOutboxPage, {
      name: `${prefix}ExchangeOutbox`,
      description: '推送连接器的发件箱：每条推送消息的状态、尝试次数、最近错误和对方回执（新的在前）',
    })
    async outbox(
      @Arg('connector', () => String, { nullable: true, description: '不填：全部推送连接器' }) connector: string | null,
      @Arg('state', () => ExchangeOutboxState, { nullable: true }) state: ExchangeOutboxState | null,
      @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    ) {
      const w = pageWindow(page);
      if (connector && !service.definitions.get(known(connector))!.push)
        throw badInput('该连接器没有推送任务', 'connector');
      const pushers = [...service.definitions.values()].filter((d) => d.push).map((d) => d.name);
      if (!pushers.length) return { items: [], total: 0, page: w.page, pageSize: w.pageSize };
      const { clause, params } = filters({ connector, state }, connector ? [] : ['connector in (?)']);
      const all = connector ? params : [...params, pushers];
      const rows = await service.query(
        `select *, count(*) over () as total from ${service.table('exchange_outbox')} ${clause}
         order by created_at desc, id desc limit ? offset ?`,
        [...all, w.limit, w.offset],
      );
      const total = rows.length
        ? Number(rows[0].total)
        : Number(
            (await service.query(`select count(*) n from ${service.table('exchange_outbox')} ${clause}`, all))[0].n,
          );
      return { items: rows.map(outboxView), total, page: w.page, pageSize: w.pageSize };
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

/**
 * `where a = ? and b = ?` over the given columns, skipping null ones, and `conditions` as they are;
 * the columns and conditions are ours, never input.
 */
function filters(
  values: Record<string, string | null | undefined>,
  conditions: string[] = [],
): { clause: string; params: unknown[] } {
  const used = Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== '');
  const all = [...used.map(([k]) => `${k} = ?`), ...conditions];
  return {
    clause: all.length ? `where ${all.join(' and ')}` : '',
    params: used.map(([, v]) => v),
  };
}

function rejectedView(r: Record<string, any>): ExchangeRejectedView {
  return {
    id: String(r.id),
    runId: String(r.run_id),
    connector: r.connector,
    sourceId: r.source_id,
    reason: r.reason,
    payloadSha256: r.payload_sha256,
    payload: r.payload,
    payloadTruncated: r.payload_truncated,
    createdAt: r.created_at,
    handled: r.resolved_at !== null && r.resolved_at !== undefined,
    handledAt: r.resolved_at ?? null,
    handledById: r.resolved_by_id ?? null,
    handledByName: r.resolved_by_name ?? null,
    handledNote: r.resolved_note ?? null,
  };
}

/** jsonb read by raw SQL comes parsed; shown as JSON text. */
const jsonText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** An exchange_outbox row as the API shows it; the receipt is the acknowledgement's `receiptId`, when it has one. */
export function outboxView(r: Record<string, any>): ExchangeOutboxView {
  const ack = typeof r.ack === 'string' ? (JSON.parse(r.ack) as unknown) : (r.ack as unknown);
  const receipt = (ack as { receiptId?: unknown } | null)?.receiptId;
  return {
    id: String(r.id),
    connector: r.connector,
    idempotencyKey: r.idempotency_key,
    entityType: r.entity_type,
    entityId: r.entity_id,
    payload: jsonText(r.payload) ?? '{}',
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === ExchangeOutboxState.PENDING ? (r.next_attempt_at ?? null) : null,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at ?? null,
    ack: jsonText(ack),
    receiptId: typeof receipt === 'string' ? receipt : null,
  };
}

/**
 * The outbox messages of these records (`entityType`, ids), oldest first per record, in one query
 * (index exchange_outbox_entity): for a DataLoader behind a field such as a certificate's 上报省平台.
 */
export async function outboxOfEntities(
  service: ExchangeService,
  entityType: string,
  entityIds: readonly string[],
): Promise<ExchangeOutboxView[][]> {
  const ids = [...new Set(entityIds)];
  const rows = ids.length
    ? await service.query(
        `select * from ${service.table('exchange_outbox')} where entity_type = ? and entity_id in (?)
         order by created_at, id`,
        [entityType, ids],
      )
    : [];
  const byId = new Map<string, ExchangeOutboxView[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(row.entity_id)?.push(outboxView(row));
  return entityIds.map((id) => byId.get(id) ?? []);
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
