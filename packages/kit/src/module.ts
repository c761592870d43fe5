import { createHash } from 'node:crypto';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { SignedEnvelope } from './caller.js';
import type { BaseConfig } from './config.js';
import type { BaseContext } from './context.js';
import { createOrm, migrate } from './db.js';
import { type DownloadDefinition, mountDownloadRoute } from './lists/download-route.js';
import type { Logger } from './logger.js';
import { PgPubSub } from './pubsub.js';
import { startSubgraphServer, type RunningServer } from './server.js';

export interface SubgraphDeps {
  config: BaseConfig;
  orm: MikroORM;
  pubSub: PgPubSub;
  logger: Logger;
  /** Registers background work to stop when the service closes, before its database pool (absent in compose). */
  onClose?: (stop: () => Promise<void>) => void;
}

export interface SeedOptions {
  /** 'demo' for `npm start`, 'bench' for the benchmark dataset (300 projects, 50,000 workers, a year). */
  scale: 'demo' | 'bench';
  logger: Logger;
  /** The platform's configuration, for seeds that encrypt or sign what they write. */
  config?: BaseConfig;
  /** The instant seeds that write "today" take as now: the wall clock unless a test pins it. */
  now?: Date;
}

/** What a subgraph package exports so the launcher, the tests and the compose script treat all alike. */
export interface SubgraphModule<Ctx extends BaseContext = BaseContext> {
  name: string;
  /** The PostgreSQL schema it owns. */
  dbSchema: string;
  defaultPort: number;
  entities: NonNullable<Parameters<typeof createOrm>[0]['entities']>;
  migrations: MigrationObject[];
  /** Tables the service only appends to: its database role gets no UPDATE or DELETE on them (issue #10). */
  appendOnlyTables?: string[];
  /** Other subgraphs' published views it reads (`schema.view`; metrics views only, DESIGN.md). */
  reads?: string[];
  /**
   * The schema of its pg-boss jobs (`exchangeJobsSchema(dbSchema)`) when it runs data-exchange
   * connectors (ADR 0014): created by its own migration, used by its role with the same grants.
   */
  jobsSchema?: string;
  buildSchema(deps: SubgraphDeps): Promise<GraphQLSchema>;
  createContext(base: BaseContext, deps: SubgraphDeps): Ctx;
  /** See SubgraphServerOptions.internalRoutes. */
  internalRoutes?(app: Express, verify: (header: string | undefined) => SignedEnvelope, deps: SubgraphDeps): void;
  /** Files handed out through download links (list exports, import templates, records), by kind. */
  downloads?(deps: SubgraphDeps): Readonly<Record<string, DownloadDefinition<Ctx>>>;
  /**
   * Brings built-in rows up to what the code now defines (identity: the built-in roles' permissions,
   * ADR 0015). Runs at every start, after migrations, before serving; must be idempotent.
   */
  reconcile?(em: EntityManager, logger: Logger): Promise<void>;
  /** Demo data; runs once, on an empty schema. */
  seed?(em: EntityManager, options: SeedOptions): Promise<void>;
}

export interface RunSubgraphOptions {
  config: BaseConfig;
  logger: Logger;
  port?: number;
  host?: string;
  onQuery?: (sql: string) => void;
  /** Apply pending migrations before serving (the launcher does; production runs `npm run migrate`). */
  migrate?: boolean;
}

export interface RunningSubgraph extends RunningServer {
  name: string;
  orm: MikroORM;
  pubSub: PgPubSub;
}

export async function openSubgraphOrm(
  module: SubgraphModule<any>,
  databaseUrl: string,
  onQuery?: (sql: string) => void,
  logger?: Logger,
) {
  return createOrm({
    logger,
    schema: module.dbSchema,
    entities: module.entities,
    migrations: module.migrations,
    clientUrl: databaseUrl,
    onQuery,
  });
}

export async function migrateSubgraph(module: SubgraphModule<any>, databaseUrl: string): Promise<void> {
  const orm = await openSubgraphOrm(module, databaseUrl);
  try {
    await migrate(orm, module.dbSchema);
  } finally {
    await orm.close();
  }
}

export async function runSubgraph(module: SubgraphModule<any>, options: RunSubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger.child({ subgraph: module.name });
  const orm = await openSubgraphOrm(module, options.config.DATABASE_URL, options.onQuery, logger);
  if (options.migrate) await migrate(orm, module.dbSchema);
  await module.reconcile?.(orm.em.fork(), logger);
  const pubSub = new PgPubSub(options.config.DATABASE_URL, logger);
  const closers: (() => Promise<void>)[] = [];
  const deps: SubgraphDeps = { config: options.config, orm, pubSub, logger, onClose: (stop) => closers.push(stop) };
  const schema = await module.buildSchema(deps);
  const server = await startSubgraphServer({
    name: module.name,
    schema,
    orm,
    signingKey: options.config.ROUTER_SIGNING_KEY,
    port: options.port ?? module.defaultPort,
    host: options.host,
    logger,
    createContext: (base) => module.createContext(base, deps),
    internalRoutes: (app, verify) => {
      // Mounted everywhere, so that a link of another subgraph is refused the same way (下载链接无效).
      {
        mountDownloadRoute(app, {
          subgraph: module.name,
          fieldKey: options.config.FIELD_ENCRYPTION_KEY,
          now: () => new Date(),
          logger,
          downloads: module.downloads?.(deps) ?? {},
          contextFor: (caller) =>
            module.createContext({ caller, ip: null, userAgent: null, em: orm.em.fork() as never }, deps),
        });
      }
      module.internalRoutes?.(app, verify, deps);
    },
  });
  return {
    ...server,
    name: module.name,
    orm,
    pubSub,
    close: async () => {
      await server.close();
      for (const stop of closers.reverse())
        await stop().catch((error) => logger.warn({ err: error }, 'background work did not stop cleanly'));
      await pubSub.close();
      await orm.close();
    },
  };
}

/**
 * Deterministic UUIDs (name-based, RFC 4122 v5 layout over SHA-1) so seed data of different
 * subgraphs can refer to each other's rows without reading each other's tables.
 */
export function stableId(kind: string, key: string): string {
  const h = createHash('sha1').update(`huangshi:${kind}:${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
