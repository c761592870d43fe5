import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  appRole,
  ConfigError,
  connectClient,
  ensureDatabase,
  loadConfig,
  migrateSubgraph,
  openSubgraphOrm,
  OWNER_ROLE,
  provisionRoles,
  runSubgraph,
  startEmbeddedPostgres,
  withDatabase,
  withRole,
  type BaseConfig,
  type EmbeddedDatabase,
  type Logger,
  type RunningSubgraph,
  type SeedOptions,
} from '@hs/kit';
import { migrateRouter, readRouterEnv, ROUTER_SCHEMA, startRouter } from '@hs/router';
import { repoPath } from './paths.js';
import { demoProjectCodes, demoProjectsForProvince } from './provincial-demo.js';
import { grantServices } from './roles.js';
import { DATABASE_GRANTS, SUBGRAPHS } from './subgraphs.js';

export interface PlatformOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Router port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Subgraph ports: their defaults (4101, 4102, …) or free ones (tests, e2e). */
  subgraphPorts?: 'default' | 'free';
  seedScale?: SeedOptions['scale'];
  /** Sees every SQL statement of every subgraph: tests count queries with it. */
  onQuery?: (subgraph: string, sql: string) => void;
}

export interface RunningPlatform {
  url: string;
  /** Mount paths of the web apps served (only those that are built). */
  apps: string[];
  /** The platform's settings; DATABASE_URL is the owner's (each subgraph runs as its own role). */
  config: BaseConfig;
  /**
   * The superuser connection the launcher created the roles with (embedded PostgreSQL, or a
   * DATABASE_URL that may create roles); null when a DBA made them (MIGRATION_DATABASE_URL).
   */
  adminUrl: string | null;
  subgraphs: RunningSubgraph[];
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'huangshi';

/** Outside systems stood in for by a simulator when their URL setting is unset (npm start, tests). */
const SIMULATORS = [
  // 1.2.3 人社局 social-insurance status (workforce)
  {
    setting: 'HR_BUREAU_URL',
    module: 'simulators/hr-bureau/server.mjs',
    start: 'startHrBureauSimulator',
    label: '人社局接口',
  },
  // 3.1.1 project by code (projects)
  {
    setting: 'PROVINCIAL_APPROVAL_URL',
    module: 'simulators/provincial-approval/server.mjs',
    start: 'startProvincialApprovalSimulator',
    label: '省工程建设项目审批管理系统',
  },
  // 3.1.2 enterprises and qualifications (projects)
  {
    setting: 'PROVINCIAL_MARKET_URL',
    module: 'simulators/provincial-market/server.mjs',
    start: 'startProvincialMarketSimulator',
    label: '省建筑市场监督与诚信一体化平台',
  },
  // 3.2.1 quality and safety inspections (supervision)
  {
    setting: 'PROVINCIAL_SUPERVISION_URL',
    module: 'simulators/provincial-supervision/server.mjs',
    start: 'startProvincialSupervisionSimulator',
    label: '省住建厅工程质量安全监督系统',
  },
] as const;

/**
 * Development secrets: generated once and kept under DATA_DIR so tokens survive a restart.
 * Production must set them in the environment (the config check refuses to start otherwise).
 */
async function developmentSecrets(dataDir: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  if (env.NODE_ENV === 'production') return {};
  return keptSecrets(dataDir, {
    ROUTER_SIGNING_KEY: () => randomBytes(32).toString('base64url'),
    AUTH_TOKEN_SECRET: () => randomBytes(32).toString('base64url'),
    FIELD_ENCRYPTION_KEY: () => randomBytes(16).toString('hex'),
  });
}

/** The secrets in DATA_DIR/secrets.json, with the `wanted` ones that are missing generated and saved. */
async function keptSecrets(dataDir: string, wanted: Record<string, () => string>): Promise<Record<string, string>> {
  const file = resolve(dataDir, 'secrets.json');
  let secrets: Record<string, string> = {};
  if (existsSync(file)) secrets = JSON.parse(await readFile(file, 'utf8'));
  let changed = false;
  for (const [key, make] of Object.entries(wanted)) {
    if (!secrets[key]) {
      secrets[key] = make();
      changed = true;
    }
  }
  if (changed) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Which subgraphs' demo data is already in; the launcher's own bookkeeping table. */
async function seededSubgraphs(databaseUrl: string): Promise<Set<string>> {
  const client = await connectClient(databaseUrl);
  try {
    await client.query(
      'create table if not exists public.hs_platform_seed (subgraph varchar(64) primary key, scale varchar(16) not null, seeded_at timestamptz not null default now())',
    );
    const { rows } = await client.query<{ subgraph: string }>('select subgraph from public.hs_platform_seed');
    return new Set(rows.map((r) => r.subgraph));
  } finally {
    await client.end();
  }
}

async function markSeeded(databaseUrl: string, subgraph: string, scale: string) {
  const client = await connectClient(databaseUrl);
  try {
    await client.query('insert into public.hs_platform_seed (subgraph, scale) values ($1, $2)', [subgraph, scale]);
  } finally {
    await client.end();
  }
}

/**
 * After a seed, the planner's statistics of the schema's tables (without them PostgreSQL guesses
 * row counts: a district's 15,000 assignments planned as 69, and nested loops over them) and their
 * visibility maps (without them an index-only count still reads every row).
 */
async function vacuumSchema(databaseUrl: string, schema: string) {
  const client = await connectClient(databaseUrl);
  try {
    const { rows } = await client.query<{ table: string }>(
      `select format('%I.%I', schemaname, tablename) as table from pg_tables where schemaname = $1`,
      [schema],
    );
    for (const { table } of rows) await client.query(`vacuum (analyze) ${table}`);
  } finally {
    await client.end();
  }
}

/** Autovacuum keeps those statistics current as data grows; it is not on on every server. */
async function warnWithoutAutovacuum(databaseUrl: string, logger: Logger) {
  const client = await connectClient(databaseUrl);
  try {
    const [{ autovacuum }] = (await client.query<{ autovacuum: string }>('show autovacuum')).rows;
    if (autovacuum !== 'on')
      logger.warn(
        'PostgreSQL autovacuum is off: table statistics go stale as data grows and query plans degrade; turn it on or schedule ANALYZE',
      );
  } finally {
    await client.end();
  }
}

/**
 * As the owner role (`databaseUrl`): migrates every subgraph, grants the services' roles what
 * they need (issue #10), and seeds the subgraphs that have no demo data yet.
 */
export async function prepareDatabase(
  databaseUrl: string,
  scale: SeedOptions['scale'],
  logger: Logger,
  config?: BaseConfig,
): Promise<void> {
  await ensureDatabase(databaseUrl);
  for (const module of SUBGRAPHS) await migrateSubgraph(module, databaseUrl);
  await migrateRouter(databaseUrl); // after identity: the router reads identity.revoked_session_v
  await grantServices(databaseUrl);
  await warnWithoutAutovacuum(databaseUrl, logger);
  const seeded = await seededSubgraphs(databaseUrl);
  for (const module of SUBGRAPHS) {
    if (!module.seed || seeded.has(module.name)) continue;
    const orm = await openSubgraphOrm(module, databaseUrl);
    try {
      logger.info(`seeding ${module.name} (${scale})`);
      await module.seed(orm.em.fork() as never, { scale, logger, config });
    } finally {
      await orm.close();
    }
    await vacuumSchema(databaseUrl, module.dbSchema);
    await markSeeded(databaseUrl, module.name, scale);
  }
}

/** Where the launcher migrates (the owner) and what each service connects as. */
interface DatabaseRoles {
  ownerUrl: string;
  serviceUrl(schema: string): string;
}

/**
 * With MIGRATION_DATABASE_URL the roles exist (a DBA ran `npm run db:roles`): migrate as it, serve
 * each subgraph as <SCHEMA>_DATABASE_URL or DATABASE_URL. Otherwise `adminUrl` (the embedded
 * server's superuser, or a DATABASE_URL that may create roles) creates the owner and one role per
 * service, with generated passwords kept in DATA_DIR/secrets.json like the other development secrets.
 */
async function databaseRoles(
  adminUrl: string | undefined,
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<DatabaseRoles> {
  if (env.MIGRATION_DATABASE_URL) {
    return {
      ownerUrl: env.MIGRATION_DATABASE_URL,
      serviceUrl: (schema) => {
        const name = `${schema.toUpperCase()}_DATABASE_URL`;
        const url = env[name] ?? env.DATABASE_URL;
        if (!url) throw new ConfigError(`配置错误：设置了 MIGRATION_DATABASE_URL 时需要 ${name} 或 DATABASE_URL`);
        return url;
      },
    };
  }
  if (!adminUrl) throw new ConfigError('配置错误：DATABASE_URL 未设置');
  const roles = [OWNER_ROLE, ...DATABASE_GRANTS.map((g) => g.role ?? appRole(g.schema))];
  const key = (role: string) => `DATABASE_PASSWORD_${role.toUpperCase()}`;
  const secrets = await keptSecrets(
    dataDir,
    Object.fromEntries(roles.map((role) => [key(role), () => randomBytes(24).toString('base64url')])),
  );
  await ensureDatabase(adminUrl);
  try {
    await provisionRoles(adminUrl, DATABASE_GRANTS, Object.fromEntries(roles.map((r) => [r, secrets[key(r)]])));
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new ConfigError(
      `DATABASE_URL 的用户不能创建数据库角色 (${(error as Error).message})：请由 DBA 执行 npm run db:roles，` +
        '并设置 MIGRATION_DATABASE_URL 与各服务的 DATABASE_URL（见 docs/DEPLOY.md）',
    );
  }
  // The launcher's bookkeeping table of an installation from before the owner role.
  const admin = await connectClient(adminUrl);
  try {
    await admin.query(`alter table if exists public.hs_platform_seed owner to ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  const as = (role: string) => withRole(adminUrl, role, secrets[key(role)]);
  return { ownerUrl: as(OWNER_ROLE), serviceUrl: (schema) => as(appRole(schema)) };
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const env = options.env ?? process.env;
  const logger = options.logger;
  const dataDir = resolve(env.DATA_DIR ?? repoPath('data'));
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl && !env.MIGRATION_DATABASE_URL) {
    const port = Number(env.EMBEDDED_PG_PORT ?? 5488);
    logger.info(`no DATABASE_URL: starting embedded PostgreSQL in ${resolve(dataDir, 'pg')} on port ${port}`);
    embedded = await startEmbeddedPostgres(resolve(dataDir, 'pg'), port);
    databaseUrl = withDatabase(embedded.url, EMBEDDED_DATABASE);
  }
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    // Reverse start order: the router stops accepting and closes its sockets first, then each
    // subgraph (server, pubsub, pool), the simulators, and PostgreSQL last.
    for (const closeOne of [...closers].reverse())
      await closeOne().catch((e: Error) => logger.warn({ reason: e.message }, 'a part did not stop cleanly'));
    closers.length = 0;
    await embedded?.stop();
  };
  try {
    const secrets = await developmentSecrets(dataDir, env);
    // Without a real address of an outside system, its simulator runs in-process (the subgraphs
    // read these settings from the process environment when they make their clients).
    for (const setting of [
      'PROVINCIAL_MARKET_APP_KEY',
      'PROVINCIAL_MARKET_APP_SECRET',
      'PROVINCIAL_SUPERVISION_APP_KEY',
      'PROVINCIAL_TIMEOUT_MS',
      'PROVINCIAL_CIRCUIT_COOLDOWN_MS',
      'PROVINCIAL_RELAY_INTERVAL_MS',
      'PROVINCIAL_PUSH_BACKOFF_MS',
      'PROVINCIAL_PUSH_MAX_ATTEMPTS',
    ])
      if (env[setting]) process.env[setting] = env[setting];
    const started = new Map<string, any>();
    for (const sim of SIMULATORS) {
      if (env[sim.setting]) {
        process.env[sim.setting] = env[sim.setting];
        continue;
      }
      const simulator = await import(pathToFileURL(repoPath(sim.module)).href);
      const running = await simulator[sim.start]();
      const settings: Record<string, string> = { [sim.setting]: running.url };
      // The market simulator checks signatures: the subgraph signs with the simulator's credentials unless set.
      if (sim.setting === 'PROVINCIAL_MARKET_URL') {
        if (running.appKey && !env.PROVINCIAL_MARKET_APP_KEY) settings.PROVINCIAL_MARKET_APP_KEY = running.appKey;
        if (running.appSecret && !env.PROVINCIAL_MARKET_APP_SECRET)
          settings.PROVINCIAL_MARKET_APP_SECRET = running.appSecret;
      }
      // The supervision simulator wants its app key as a bearer token.
      if (sim.setting === 'PROVINCIAL_SUPERVISION_URL' && !env.PROVINCIAL_SUPERVISION_APP_KEY)
        settings.PROVINCIAL_SUPERVISION_APP_KEY = running.appKey;
      Object.assign(process.env, settings);
      started.set(sim.setting, running);
      closers.push(async () => {
        await running.close();
        // A stopped simulator's address must not outlive it (a later platform in this process, or a
        // child process that inherits the environment, would call a dead port).
        for (const key of Object.keys(settings)) if (process.env[key] === settings[key]) delete process.env[key];
      });
      logger.info(`${sim.setting} unset: ${sim.label}模拟器 (simulator) at ${running.url}`);
    }
    const roles = await databaseRoles(databaseUrl, env, dataDir);
    const config = loadConfig(undefined, { ...secrets, ...env, DATABASE_URL: roles.ownerUrl });
    await prepareDatabase(roles.ownerUrl, options.seedScale ?? 'demo', logger, config);
    // The in-process approval simulator also knows the seeded demo projects, so their codes are found.
    const approvalSimulator = started.get('PROVINCIAL_APPROVAL_URL');
    if (approvalSimulator) {
      const market = started.get('PROVINCIAL_MARKET_URL');
      approvalSimulator.addProjects(
        await demoProjectsForProvince(roles.ownerUrl, (code) => market?.enterprise(code)?.name),
      );
    }
    // The in-process supervision simulator inspects the seeded projects, known by their codes.
    started.get('PROVINCIAL_SUPERVISION_URL')?.setProjects(await demoProjectCodes(roles.ownerUrl));

    const subgraphs: RunningSubgraph[] = [];
    for (const module of SUBGRAPHS) {
      const envPort = env[`${module.name.toUpperCase()}_PORT`];
      const port = options.subgraphPorts === 'free' ? 0 : Number(envPort ?? module.defaultPort);
      const onQuery = options.onQuery ? (sql: string) => options.onQuery!(module.name, sql) : undefined;
      const serviceConfig = { ...config, DATABASE_URL: roles.serviceUrl(module.dbSchema) };
      const running = await runSubgraph(module, { config: serviceConfig, logger, port, onQuery });
      closers.push(() => running.close());
      subgraphs.push(running);
    }
    // The router reads its own settings (limits, proxy trust, built apps, supergraph path) from
    // the same environment as in production; only ports and secrets come from here.
    const routerEnv = readRouterEnv({
      ...env,
      DATABASE_URL: roles.serviceUrl(ROUTER_SCHEMA),
      ROUTER_SIGNING_KEY: config.ROUTER_SIGNING_KEY,
      AUTH_TOKEN_SECRET: config.AUTH_TOKEN_SECRET,
    });
    const router = await startRouter({
      port: options.port ?? Number(env.PORT ?? 4000),
      host: options.host ?? env.HOST,
      supergraphSdl: await readFile(routerEnv.SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      signingKey: config.ROUTER_SIGNING_KEY,
      tokenSecret: config.AUTH_TOKEN_SECRET,
      databaseUrl: routerEnv.databaseUrl,
      staticApps: routerEnv.staticApps,
      limits: routerEnv.limits,
      trustProxy: routerEnv.TRUST_PROXY,
      introspection: routerEnv.GRAPHQL_INTROSPECTION,
      logger,
    });
    closers.push(() => router.close());
    return {
      url: router.url,
      apps: Object.keys(routerEnv.staticApps),
      config,
      adminUrl: env.MIGRATION_DATABASE_URL ? null : (databaseUrl ?? null),
      subgraphs,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
