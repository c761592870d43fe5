import pg from 'pg';
import type { Logger } from '@hs/kit';

/**
 * The router's own tables, in schema `router` of the platform's database: the audit outbox
 * (ADR 0004) and the shared rate-limit counters (ADR 0003). Created only here, by migrations the
 * router owns (run with the owner role before any service starts); serving never creates tables.
 */
export const ROUTER_SCHEMA = 'router';

/** In order; names are recorded in router.migrations, so never rename one that has shipped. */
const MIGRATIONS: { name: string; sql: string[] }[] = [
  {
    name: '20261202000000_outbox_and_rate_limit',
    sql: [
      `create table "router"."audit_outbox" (
        "id" uuid primary key,
        "record" jsonb not null,
        "caller" jsonb null,
        "state" varchar(8) not null check ("state" in ('PENDING', 'READY')),
        "created_at" timestamptz not null default now(),
        "attempts" integer not null default 0,
        "next_attempt_at" timestamptz not null default now(),
        "last_error" text null
      )`,
      `create index "audit_outbox_due_idx" on "router"."audit_outbox" ("next_attempt_at")`,
      // Counters are cheap to lose (a crash forgets at most one window): no WAL for them.
      `create unlogged table "router"."rate_limit" (
        "key" varchar(200) primary key,
        "window_start" bigint not null,
        "hits" integer not null
      )`,
    ],
  },
];

/** Applies the router's pending migrations (idempotent; safe when two processes run it at once). */
export async function migrateRouter(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${ROUTER_SCHEMA}"`);
    await client.query(
      `create table if not exists "router"."migrations" ("name" varchar(200) primary key, "applied_at" timestamptz not null default now())`,
    );
    await client.query('begin');
    try {
      await client.query('lock table "router"."migrations" in exclusive mode');
      const { rows } = await client.query<{ name: string }>('select "name" from "router"."migrations"');
      const applied = new Set(rows.map((r) => r.name));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.name)) continue;
        for (const sql of migration.sql) await client.query(sql);
        await client.query('insert into "router"."migrations" ("name") values ($1)', [migration.name]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** Names the router's sessions in pg_stat_activity. */
export const ROUTER_APPLICATION_NAME = 'hs-router';

/** The router's connection pool. A dropped connection is logged, never fatal. */
export function createRouterPool(connectionString: string, logger: Logger, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    application_name: ROUTER_APPLICATION_NAME,
  });
  // An idle connection that the server ended (restart, failover, pg_terminate_backend): the pool
  // drops it and the next query opens a new one, so this is worth a warning, not an error.
  pool.on('error', (err) =>
    logger.warn(
      { reason: err.message, code: (err as { code?: string }).code },
      'router database connection lost (pool)',
    ),
  );
  return pool;
}
