import { getConstructionPlans, getUninstallPlans } from 'pg-boss';

/**
 * The exchange tables of one subgraph, in its own schema, and pg-boss in `<schema>_jobs`
 * (ADR 0014). A subgraph's migration runs `up` as the owner role; the service role gets DML on
 * both schemas through DATABASE_GRANTS (SubgraphModule.jobsSchema) and owns nothing.
 */
export const exchangeJobsSchema = (schema: string) => `${schema}_jobs`;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The pg-boss version this SQL installs; starting a newer pg-boss against it needs a migration (ADR 0014). */
export const PG_BOSS_SCHEMA_VERSION = 46;

// pg-boss wraps its plans in BEGIN/COMMIT; a migration already runs in a transaction that must not be committed early.
function unwrapped(plan: string): string {
  const sql = plan.trim();
  if (!/^BEGIN;/.test(sql) || !/COMMIT;$/.test(sql)) throw new Error('pg-boss 安装脚本的格式与预期不符');
  return sql.slice('BEGIN;'.length, -'COMMIT;'.length);
}

export interface ExchangeMigrationSql {
  up: string[];
  down: string[];
}

export function exchangeMigrationSql(schema: string): ExchangeMigrationSql {
  const s = ident(schema);
  const jobs = exchangeJobsSchema(schema);
  const plan = unwrapped(getConstructionPlans(ident(jobs), { createSchema: false }));
  if (!plan.includes(`VALUES ('${PG_BOSS_SCHEMA_VERSION}')`)) throw new Error('pg-boss 的数据库结构版本与迁移不符');
  const up = [
    `create table ${s}.exchange_connector (
      name text primary key,
      title text not null,
      enabled boolean not null default true,
      settings jsonb not null default '{}',
      checkpoint jsonb,
      last_run_at timestamptz,
      last_success_at timestamptz,
      last_error text,
      last_error_at timestamptz,
      circuit_state text not null default 'CLOSED' check (circuit_state in ('CLOSED', 'OPEN', 'HALF_OPEN')),
      circuit_changed_at timestamptz,
      updated_at timestamptz not null default now()
    )`,
    `create table ${s}.exchange_run (
      id bigserial primary key,
      connector text not null references ${s}.exchange_connector (name) on delete cascade,
      kind text not null check (kind in ('PULL', 'PUSH', 'LOOKUP')),
      trigger text not null check (trigger in ('SCHEDULE', 'MANUAL', 'RETRY')),
      status text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'DEAD')),
      started_at timestamptz not null default now(),
      ended_at timestamptz,
      heartbeat_at timestamptz not null default now(),
      attempt int not null default 1,
      read_count int not null default 0,
      created_count int not null default 0,
      updated_count int not null default 0,
      unchanged_count int not null default 0,
      rejected_count int not null default 0,
      error text,
      error_kind text
    )`,
    // The admin's run list filters by connector, status and kind and sorts by start time.
    `create index exchange_run_connector_started on ${s}.exchange_run (connector, started_at, id)`,
    `create index exchange_run_connector_status_started on ${s}.exchange_run (connector, status, started_at, id)`,
    `create index exchange_run_status_started on ${s}.exchange_run (status, started_at, id)`,
    `create index exchange_run_kind_started on ${s}.exchange_run (kind, started_at, id)`,
    `create index exchange_run_started on ${s}.exchange_run (started_at, id)`,
    // One pull at a time per connector, whichever process or job started it.
    `create unique index exchange_run_one_pull on ${s}.exchange_run (connector) where kind = 'PULL' and status = 'RUNNING'`,
    `create table ${s}.exchange_rejected (
      id bigserial primary key,
      run_id bigint not null references ${s}.exchange_run (id) on delete cascade,
      connector text not null references ${s}.exchange_connector (name) on delete cascade,
      source_id text,
      reason text not null,
      payload_sha256 char(64) not null,
      payload text not null,
      payload_truncated boolean not null default false,
      created_at timestamptz not null default now(),
      resolved_at timestamptz
    )`,
    `create index exchange_rejected_connector_created on ${s}.exchange_rejected (connector, created_at, id)`,
    `create index exchange_rejected_run on ${s}.exchange_rejected (run_id, id)`,
    `create table ${s}.exchange_outbox (
      id bigserial primary key,
      connector text not null references ${s}.exchange_connector (name) on delete cascade,
      idempotency_key text not null unique,
      entity_type text not null,
      entity_id text not null,
      payload jsonb not null,
      state text not null default 'PENDING' check (state in ('PENDING', 'SENT', 'DEAD')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      ack jsonb
    )`,
    `create index exchange_outbox_due on ${s}.exchange_outbox (connector, next_attempt_at) where state = 'PENDING'`,
    `create index exchange_outbox_connector_state on ${s}.exchange_outbox (connector, state)`,
    `create index exchange_outbox_entity on ${s}.exchange_outbox (entity_type, entity_id)`,
    `create schema if not exists ${ident(jobs)}`,
    plan,
  ];
  const down = [
    getUninstallPlans(ident(jobs)),
    `drop schema if exists ${ident(jobs)}`,
    `drop table if exists ${s}.exchange_outbox, ${s}.exchange_rejected, ${s}.exchange_run, ${s}.exchange_connector`,
  ];
  return { up, down };
}

/**
 * The second step of the exchange tables (issue #12, the push admin): who marked a rejected record
 * handled, when and with what note, and the indexes of the admin's outbox list (by connector and
 * state, newest first) and of the rejected list filtered by handled / unhandled. A subgraph adds it
 * as its own migration after the one that ran `exchangeMigrationSql`.
 */
export function exchangeHandledMigrationSql(schema: string): ExchangeMigrationSql {
  const s = ident(schema);
  return {
    up: [
      `alter table ${s}.exchange_rejected add column resolved_by_id text, add column resolved_by_name text,
         add column resolved_note text`,
      `create index exchange_rejected_unresolved on ${s}.exchange_rejected (connector, created_at, id) where resolved_at is null`,
      `create index exchange_rejected_resolved on ${s}.exchange_rejected (connector, created_at, id) where resolved_at is not null`,
      `create index exchange_rejected_open_created on ${s}.exchange_rejected (created_at, id) where resolved_at is null`,
      // (connector, state) is a prefix of the list's index: the counts use it as they used the old one.
      `drop index ${s}.exchange_outbox_connector_state`,
      `create index exchange_outbox_connector_state_created on ${s}.exchange_outbox (connector, state, created_at, id)`,
      `create index exchange_outbox_connector_created on ${s}.exchange_outbox (connector, created_at, id)`,
    ],
    down: [
      `drop index ${s}.exchange_outbox_connector_created`,
      `drop index ${s}.exchange_outbox_connector_state_created`,
      `create index exchange_outbox_connector_state on ${s}.exchange_outbox (connector, state)`,
      `drop index ${s}.exchange_rejected_open_created`,
      `drop index ${s}.exchange_rejected_resolved`,
      `drop index ${s}.exchange_rejected_unresolved`,
      `alter table ${s}.exchange_rejected drop column resolved_note, drop column resolved_by_name, drop column resolved_by_id`,
    ],
  };
}

/**
 * Added after the first exchange migration (a subgraph's later migration runs it): 重试 and the
 * connector list ask for a connector's last run of one kind (its last PULL among many LOOKUPs).
 */
export function exchangeLastRunIndexSql(schema: string): ExchangeMigrationSql {
  const s = ident(schema);
  return {
    up: [`create index exchange_run_connector_kind_started on ${s}.exchange_run (connector, kind, started_at, id)`],
    down: [`drop index ${s}.exchange_run_connector_kind_started`],
  };
}
