import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { createLogger, ErrorCode, formatByteSize, graphqlErrorBody, verifyAccessToken, type Logger } from '@hs/kit';
import { AuditOutbox, auditPlugin, auditRefusedRequest, startAuditRelay, type AuditRelayOptions } from './audit.js';
import { authenticate, clientIp, normalizeIp, requestIdOf, type RouterContext } from './auth.js';
import { SignedDataSource } from './datasource.js';
import { createRouterPool } from './db.js';
import { createErrorFormatter, INTERNAL_MESSAGE, valueCompletionInChinese } from './errors.js';
import { fileRoutes } from './files.js';
import { healthRoutes } from './health.js';
import { ideRoutes, sendIdePage, wantsHtml } from './ide.js';
import { limitsPlugin, MAX_TOKENS, resolveLimits, type Limits } from './limits.js';
import { perIpRateLimit, perUserRateLimit } from './ratelimit.js';
import { RevocationList, type SessionRevocations } from './revocations.js';
import { securityHeaders } from './security.js';
import { staticAppRoutes } from './static.js';
import { attachSubscriptionServer } from './subscriptions/server.js';
import { parseSupergraph, serviceBaseUrl } from './supergraph.js';

export const GRAPHQL_PATH = '/graphql';

export interface StartRouterOptions {
  port: number;
  /** Interface to listen on; default 127.0.0.1 (main() passes HOST, default 0.0.0.0). */
  host?: string;
  supergraphSdl: string;
  /** Subgraph URL overrides by subgraph name (lower-case), replacing the supergraph's join__graph urls. */
  subgraphUrls?: Record<string, string>;
  /** HMAC key for `x-hs-caller` (ROUTER_SIGNING_KEY). */
  signingKey: string;
  /** Access-token key (AUTH_TOKEN_SECRET). */
  tokenSecret: string;
  /**
   * The database the router serves with (its schema `router`, migrated beforehand by
   * migrateRouter, and identity's revoked_session_v): audit outbox, revocations, rate limits.
   */
  databaseUrl: string;
  /** Relay tuning (tests shorten the back-off). */
  audit?: Pick<AuditRelayOptions, 'maxBackoffMs' | 'pollMs' | 'staleMs' | 'timeoutMs'>;
  /** Mount path -> built SPA directory, e.g. { '/admin': 'admin/dist' }. */
  staticApps?: Record<string, string>;
  limits?: Partial<Limits>;
  logger?: Logger;
  /** Express `trust proxy` (set when behind nginx so client addresses and rate limits are right). Default false. */
  trustProxy?: boolean | number | string;
  /** Schema introspection (the IDE needs it). Default true. */
  introspection?: boolean;
}

export interface RunningRouter {
  /** http://host:port/graphql */
  url: string;
  /** ws://host:port/graphql */
  wsUrl: string;
  close(): Promise<void>;
}

/** Starts the federation router: HTTP + graphql-ws on /graphql, IDE, health, static apps. */
export async function startRouter(options: StartRouterOptions): Promise<RunningRouter> {
  const logger = options.logger ?? createLogger('router');
  const limits = resolveLimits(options.limits);
  const parsed = parseSupergraph(options.supergraphSdl, options.subgraphUrls);
  const { signingKey, tokenSecret } = options;

  const dataSources = new Map(
    parsed.subgraphs.map(({ name, url }) => [name, new SignedDataSource({ name, url, signingKey, logger })] as const),
  );

  const pool = createRouterPool(options.databaseUrl, logger);
  const revocations = new RevocationList(pool, options.databaseUrl, logger);
  try {
    await revocations.start(); // serve only with the complete list
  } catch (error) {
    await revocations.close();
    await pool.end().catch(() => {});
    throw error;
  }
  const identityUrl = parsed.urlOf('identity');
  const relay = startAuditRelay({
    pool,
    url: identityUrl ? `${serviceBaseUrl(identityUrl)}/internal/audit` : null,
    signingKey,
    logger,
    ...options.audit,
  });
  const audit = new AuditOutbox(pool, () => relay.nudge());
  if (!identityUrl) logger.warn('the supergraph has no identity subgraph: mutation audit records wait in the outbox');
  const releaseDatabase = async () => {
    await relay.close();
    await revocations.close();
    await pool.end();
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  const httpServer = createServer(app);
  const formatError = createErrorFormatter(logger);
  const componentLogger = logger.child({ component: 'apollo' });

  // @apollo/gateway otherwise reports usage metrics to Apollo's servers and probes cloud
  // metadata endpoints (AWS/GCP/Azure/Alibaba) from its constructor: nothing may leave the
  // bureau's intranet. Read by the constructor; an explicit setting in the environment wins.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Never reveal query plans (subgraph layout) to clients, whatever NODE_ENV says.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name }) => {
      const source = dataSources.get(name);
      if (!source) throw new Error(`no data source for subgraph "${name}"`);
      return source;
    },
    logger: componentLogger,
  });

  const apollo = new ApolloServer<RouterContext>({
    gateway,
    csrfPrevention: true,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // Apollo would stop itself on SIGINT/SIGTERM, racing the process' ordered stop (stopOnSignals)
    // and re-raising the signal: stops hung, and Ctrl-C logged "stop() threw" stack traces.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError,
    logger: componentLogger,
    plugins: [
      // Requests still running 5 s into a stop are cut: a stop must take seconds, not minutes.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      ApolloServerPluginLandingPageDisabled(),
      // Answers are per caller: no cache hints, and no per-field hook instrumenting every resolver.
      ApolloServerPluginCacheControlDisabled(),
      noSubscriptionsOverHttp(),
      limitsPlugin<RouterContext>(limits),
      auditPlugin(audit, logger, (token) => verifyAccessToken(tokenSecret, token)),
      valueCompletionInChinese(),
    ],
  });
  try {
    await apollo.start();
  } catch (error) {
    await releaseDatabase().catch(() => {});
    throw error;
  }

  app.use(securityHeaders());
  app.use(healthRoutes(parsed.subgraphs, pool));
  app.use(ideRoutes());
  app.use(
    fileRoutes(parsed.subgraphs, perIpRateLimit(limits, logger, pool, 'files-ip'), limits.maxUploadBytes, logger),
  );
  app.get(GRAPHQL_PATH, (req, res, next) => (wantsHtml(req) ? sendIdePage(req, res) : next()));
  app.use(
    GRAPHQL_PATH,
    perIpRateLimit(limits, logger, pool),
    express.json({ limit: limits.maxBodyBytes }),
    authenticateRequest(tokenSecret, revocations, audit, logger),
    perUserRateLimit(limits, logger, pool),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        (res.locals.routerContext as RouterContext | undefined) ?? {
          caller: null,
          ip: clientIp(req),
          userAgent: req.get('user-agent') ?? null,
          requestId: requestIdOf(undefined),
        },
    }),
  );
  if (options.staticApps && Object.keys(options.staticApps).length > 0) app.use(staticAppRoutes(options.staticApps));
  app.use((_req, res) => {
    res.status(404).json(graphqlErrorBody(ErrorCode.NOT_FOUND, '请求的地址不存在'));
  });
  app.use(errorHandler(limits, logger));

  const subscriptions = attachSubscriptionServer({
    httpServer,
    path: GRAPHQL_PATH,
    parsed,
    dataSources,
    signingKey,
    tokenSecret,
    revocations,
    limits,
    logger,
    ipOf: upgradeIp(app),
    formatError,
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // e.g. EADDRINUSE: release what was started so the process can exit or retry.
    await subscriptions.close().catch(() => {});
    await apollo.stop().catch(() => {});
    await releaseDatabase().catch(() => {});
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const publicHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${publicHost}:${port}${GRAPHQL_PATH}`;
  const wsUrl = `ws://${publicHost}:${port}${GRAPHQL_PATH}`;
  logger.info({ url, subgraphs: parsed.subgraphs.map((s) => s.name) }, 'router ready');

  let closing: Promise<void> | null = null;
  return {
    url,
    wsUrl,
    close: () =>
      (closing ??= (async () => {
        await subscriptions.close();
        await apollo.stop(); // drains and closes the HTTP server, stops the gateway
        await releaseDatabase();
      })()),
  };
}

/** The gateway cannot run subscriptions: they live on graphql-ws at the same /graphql path. */
function noSubscriptionsOverHttp(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (rc.operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          throw new GraphQLError('订阅（subscription）请通过 WebSocket（graphql-ws 协议）连接同一地址 /graphql', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}

/**
 * Resolves the caller from `Authorization: Bearer …` once per request. A bad, expired or revoked
 * token is answered here (401, UNAUTHENTICATED): nothing reaches a subgraph. A mutation refused
 * this way is still audited.
 */
function authenticateRequest(tokenSecret: string, revocations: SessionRevocations, audit: AuditOutbox, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const who = {
      ip: clientIp(req),
      userAgent: req.get('user-agent') ?? null,
      requestId: requestIdOf(req.get('x-request-id')),
    };
    res.setHeader('x-request-id', who.requestId);
    let caller: RouterContext['caller'];
    try {
      caller = await authenticate(tokenSecret, req.headers.authorization, revocations);
    } catch (err) {
      // Duck-typed: kit's AppError may come from another copy of graphql in some test setups.
      const known = err as { message?: unknown; extensions?: { code?: unknown; details?: unknown } } | null;
      const deliberate = known?.extensions?.code === ErrorCode.UNAUTHENTICATED && typeof known.message === 'string';
      const message = deliberate ? (known!.message as string) : '访问令牌无效，请重新登录';
      const details = deliberate && known!.extensions!.details ? { details: known!.extensions!.details } : {};
      await auditRefusedRequest(audit, logger, req.body, who, ErrorCode.UNAUTHENTICATED);
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer error="invalid_token"')
        .json({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED, ...details } }] });
      return;
    }
    res.locals.routerContext = { ...who, caller } satisfies RouterContext;
    next();
  };
}

/** Errors outside GraphQL (body parsing, unexpected): a JSON GraphQL error body with a code. */
function errorHandler(limits: Limits, logger: Logger) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; statusCode?: number };
    const status = e.status ?? e.statusCode;
    if (e.type === 'entity.too.large' || status === 413) {
      res.status(413).json(
        graphqlErrorBody(ErrorCode.PAYLOAD_TOO_LARGE, `请求体过大，上限为 ${formatByteSize(limits.maxBodyBytes)}`, {
          maxBytes: limits.maxBodyBytes,
        }),
      );
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(graphqlErrorBody('BAD_REQUEST', '请求体不是合法的 JSON'));
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(graphqlErrorBody('BAD_REQUEST', '请求无效'));
      return;
    }
    logger.error({ err }, 'unhandled error in HTTP pipeline');
    res.status(500).json(graphqlErrorBody(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE));
  };
}

/** Client address of a WebSocket upgrade, resolved exactly as express resolves `req.ip`. */
function upgradeIp(app: Express) {
  return (request: IncomingMessage): string | null => {
    const req = Object.create(app.request, {
      headers: { value: request.headers },
      socket: { value: request.socket },
      connection: { value: request.socket },
    }) as Request;
    try {
      return normalizeIp(req.ip);
    } catch {
      return normalizeIp(request.socket.remoteAddress);
    }
  };
}
