import { gql } from '@apollo/client/core';
import { cronLabel } from '@hs/labels';

/**
 * 数据交换 (issue #12): the documents, shapes and labels of this module. Each subgraph that
 * exchanges data mounts the kit's admin API with its own prefix (projectsExchangeConnectors …).
 */

export type RunKind = 'PULL' | 'PUSH' | 'LOOKUP';
export type RunTrigger = 'SCHEDULE' | 'MANUAL' | 'RETRY';
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'DEAD';
export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';
export type ConnectorState = 'HEALTHY' | 'FAILING' | 'DISABLED' | 'NEVER_RUN';
export type OutboxState = 'PENDING' | 'SENT' | 'DEAD';

export interface ExchangeConnector {
  name: string;
  title: string;
  system: string;
  kinds: RunKind[];
  state: ConnectorState;
  enabled: boolean;
  baseUrl: string;
  timeoutMs: number;
  pageSize: number;
  schedule: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lagSeconds: number | null;
  backlog: number;
  deadLetters: number;
  circuit: CircuitState;
  running: boolean;
  /** A failed last pull or dead letters: 重试 has something to redo. */
  retryable: boolean;
}

export interface ExchangeRun {
  id: string;
  connector: string;
  kind: RunKind;
  trigger: RunTrigger;
  status: RunStatus;
  attempt: number;
  startedAt: string;
  endedAt: string | null;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  errorKind: string | null;
}

export interface ExchangeRejected {
  id: string;
  runId: string;
  connector: string;
  sourceId: string | null;
  reason: string;
  payloadSha256: string;
  payload: string;
  payloadTruncated: boolean;
  createdAt: string;
  handled: boolean;
  handledAt: string | null;
  handledByName: string | null;
  handledNote: string | null;
}

/** One message of a push connector's outbox (ExchangeOutboxMessage). */
export interface ExchangeOutboxMessage {
  id: string;
  connector: string;
  idempotencyKey: string;
  entityType: string;
  entityId: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  ack: string | null;
  receiptId: string | null;
}

export interface ExchangeHealth {
  connectors: number;
  healthy: number;
  failing: number;
  disabled: number;
  backlog: number;
  deadLetters: number;
}

export interface ExchangeRetryResult {
  requeued: number;
  pullQueued: boolean;
}

/** ExchangeConfigureInput; an empty schedule means 不定时. */
export interface ConnectorSettingsInput {
  enabled: boolean;
  baseUrl: string;
  timeoutMs: number;
  pageSize: number;
  schedule: string;
}

export const RUN_KIND_LABELS: Record<RunKind, string> = { PULL: '拉取', PUSH: '推送', LOOKUP: '查询' };
export const RUN_TRIGGER_LABELS: Record<RunTrigger, string> = { SCHEDULE: '定时', MANUAL: '手动', RETRY: '重试' };
export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  RUNNING: '运行中',
  SUCCEEDED: '成功',
  FAILED: '失败（将重试）',
  DEAD: '失败（已放弃）',
};
export const RUN_STATUS_TAGS: Record<RunStatus, 'primary' | 'success' | 'warning' | 'danger'> = {
  RUNNING: 'primary',
  SUCCEEDED: 'success',
  FAILED: 'warning',
  DEAD: 'danger',
};
export const OUTBOX_STATE_LABELS: Record<OutboxState, string> = {
  PENDING: '待推送',
  SENT: '已推送',
  DEAD: '失败（已放弃）',
};
export const OUTBOX_STATE_TAGS: Record<OutboxState, 'warning' | 'success' | 'danger'> = {
  PENDING: 'warning',
  SENT: 'success',
  DEAD: 'danger',
};
/** The longest note of 标记已处理 (the kit's HANDLED_NOTE_MAX). */
export const HANDLED_NOTE_MAX = 200;

export const CIRCUIT_LABELS: Record<CircuitState, string> = {
  CLOSED: '正常',
  OPEN: '已熔断（暂停请求）',
  HALF_OPEN: '试探中',
};
/** The colour of a connector's card: 正常 / 异常 / 已停用 (and 尚未同步 before its first success). */
export const STATE_LABELS: Record<ConnectorState, string> = {
  HEALTHY: '正常',
  FAILING: '异常',
  DISABLED: '已停用',
  NEVER_RUN: '尚未同步',
};
export const STATE_TAGS: Record<ConnectorState, 'success' | 'danger' | 'info' | 'primary'> = {
  HEALTHY: 'success',
  FAILING: 'danger',
  DISABLED: 'info',
  NEVER_RUN: 'primary',
};

/** "3 分钟" — how long since the connector last succeeded. */
export function formatLag(seconds: number | null): string {
  if (seconds === null) return '从未成功';
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} 秒`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} 小时 ${Math.floor((seconds % 3600) / 60)} 分钟`;
  return `${Math.floor(seconds / 86400)} 天 ${Math.floor((seconds % 86400) / 3600)} 小时`;
}

/** 同步计划 in words, Beijing time (cron text where no words fit); null: only 立即同步. */
export function scheduleLabel(schedule: string | null): string {
  if (!schedule) return '不定时（仅立即同步）';
  const words = cronLabel(schedule);
  return words === schedule ? `${schedule}（cron，北京时间）` : `${words}（北京时间）`;
}

const CONNECTOR_FIELDS = `
  name
  title
  system
  kinds
  state
  enabled
  baseUrl
  timeoutMs
  pageSize
  schedule
  lastRunAt
  lastSuccessAt
  lastError
  lastErrorAt
  lagSeconds
  backlog
  deadLetters
  circuit
  running
  retryable
`;

/** The documents of one source; field names carry its prefix, argument types are the kit's. */
export function exchangeDocuments(prefix: string) {
  const field = (name: string) => `${prefix}Exchange${name}`;
  return {
    fields: {
      connectors: field('Connectors'),
      health: field('Health'),
      runs: field('Runs'),
      rejected: field('Rejected'),
      outbox: field('Outbox'),
      markHandled: field('MarkRejectedHandled'),
      sync: field('Sync'),
      retry: field('Retry'),
      configure: field('Configure'),
    },
    overview: gql`
      query ExchangeOverview {
        ${field('Health')} { connectors healthy failing disabled backlog deadLetters }
        ${field('Connectors')} { ${CONNECTOR_FIELDS} }
      }
    `,
    runs: gql`
      query ExchangeRuns($connector: String, $status: ExchangeRunStatus, $kind: ExchangeRunKind, $page: PageInput, $sort: ExchangeRunSort) {
        ${field('Runs')}(connector: $connector, status: $status, kind: $kind, page: $page, sort: $sort) {
          total
          page
          pageSize
          items {
            id connector kind trigger status attempt startedAt endedAt
            read created updated unchanged rejected error errorKind
          }
        }
      }
    `,
    rejected: gql`
      query ExchangeRejected($connector: String, $runId: ID, $handled: Boolean, $page: PageInput) {
        ${field('Rejected')}(connector: $connector, runId: $runId, handled: $handled, page: $page) {
          total
          page
          pageSize
          items {
            id runId connector sourceId reason payloadSha256 payload payloadTruncated createdAt
            handled handledAt handledByName handledNote
          }
        }
      }
    `,
    markHandled: gql`
      mutation ExchangeMarkRejectedHandled($id: ID!, $note: String) {
        ${field('MarkRejectedHandled')}(id: $id, note: $note) { id handled handledAt handledByName handledNote }
      }
    `,
    outbox: gql`
      query ExchangeOutbox($connector: String, $state: ExchangeOutboxState, $page: PageInput) {
        ${field('Outbox')}(connector: $connector, state: $state, page: $page) {
          total
          page
          pageSize
          items {
            id connector idempotencyKey entityType entityId payload state attempts nextAttemptAt
            lastError createdAt sentAt ack receiptId
          }
        }
      }
    `,
    sync: gql`
      mutation ExchangeSync($connector: String!) {
        ${field('Sync')}(connector: $connector) { ${CONNECTOR_FIELDS} }
      }
    `,
    retry: gql`
      mutation ExchangeRetry($connector: String!) {
        ${field('Retry')}(connector: $connector) { requeued pullQueued }
      }
    `,
    // Only the name back: the router's cost estimate reads the input's pageSize (每页条数, up to 500)
    // as a page size and multiplies the answer's fields by it; the page refetches the overview.
    configure: gql`
      mutation ExchangeConfigure($connector: String!, $input: ExchangeConfigureInput!) {
        ${field('Configure')}(connector: $connector, input: $input) { name }
      }
    `,
  };
}

export type ExchangeDocuments = ReturnType<typeof exchangeDocuments>;
