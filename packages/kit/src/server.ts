import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Express } from 'express';
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CALLER_HEADER, verifyCaller, type SignedEnvelope } from './caller.js';
import type { BaseContext } from './context.js';
import { isConnectionLost } from './db.js';
import { AppError, ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { EVENTS_MAY_BE_MISSED } from './pubsub.js';
import { SUBSCRIPTION_EVENTS_MAY_BE_MISSED, signalResult } from './subscription-signal.js';

/** Longer than the router's idle timeout for subgraph connections (UPSTREAM_TIMEOUT_MS, 30 s). */
const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

export interface SubgraphServerOptions<Ctx extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  signingKey: string;
  port: number;
  host?: string;
  logger: Logger;
  /** Adds the subgraph's own loaders etc. to the base context; called per request and per event. */
  createContext: (base: BaseContext) => Ctx;
  /**
   * Extra routes only the router reaches: verified with the router's signature (identity's audit intake)
   * or by a signed URL the router passes through unchanged (fire's GET /files/<sha256>).
   */
  internalRoutes?: (app: Express, verify: (header: string | undefined) => SignedEnvelope) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const notThroughRouter = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, '请求未经网关签名，拒绝访问：请通过统一网关访问', {
    details: { reason: 'ROUTER_SIGNATURE' },
    httpStatus: 401,
  });

/** Errors we threw on purpose pass through; anything else is logged and masked. */
export function formatError(logger: Logger) {
  return (formatted: { message: string; extensions?: Record<string, unknown> }, error: unknown) => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    if (isConnectionLost((error as { originalError?: unknown } | null)?.originalError ?? error)) {
      // A restart or failover of PostgreSQL, not a bug: the pool reconnects for the next request.
      logger.warn({ reason: (error as Error | null)?.message }, 'database connection lost during a request');
      return {
        ...formatted,
        message: '数据库连接暂时中断，请稍后重试',
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    logger.error({ err: error }, 'unexpected error in resolver');
    return {
      ...formatted,
      message: '服务器内部错误，请稍后重试',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Serves one subgraph: HTTP for queries and mutations, graphql-ws on the same path for
 * subscriptions, /healthz. Every request must carry the router's signature.
 */
export async function startSubgraphServer<Ctx extends BaseContext>(
  options: SubgraphServerOptions<Ctx>,
): Promise<RunningServer> {
  const { schema, orm, signingKey, logger } = options;
  const verify = (header: string | undefined) => verifyCaller(signingKey, header);
  const contextFor = (envelope: SignedEnvelope): Ctx =>
    options.createContext({
      caller: envelope.caller,
      ip: envelope.ip,
      userAgent: envelope.userAgent ?? null,
      em: orm.em.fork() as never,
    });

  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  // The router's fetcher keeps idle connections for up to 30 s (its timeout doubles as the idle
  // timeout); with Node's 5 s default the subgraph closed them first, and a request sent in that
  // moment failed with "socket hang up" (seen under load in bench:lists). The client closes first now.
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  httpServer.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: options.name });
    } catch {
      res.status(503).json({ status: 'database unavailable', subgraph: options.name });
    }
  });

  options.internalRoutes?.(app, verify);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      // The router proves itself on the connection, and signs each subscriber on its subscribe message.
      onConnect: (ctx) => {
        try {
          verify(ctx.connectionParams?.[CALLER_HEADER] as string | undefined);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (_ctx, _id, payload) => {
        try {
          verify(payload.extensions?.[CALLER_HEADER] as string | undefined);
        } catch {
          return [notThroughRouter()];
        }
      },
      context: (_ctx, _id, payload) => ({ envelope: verify(payload.extensions?.[CALLER_HEADER] as string) }),
      subscribe: (args) =>
        subscribeWithFreshContext(args, (base) => contextFor((base as { envelope: SignedEnvelope }).envelope)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Ctx>({
    schema,
    csrfPrevention: true,
    introspection: true,
    // Apollo would stop itself on SIGINT/SIGTERM, racing the process' ordered stop (stopOnSignals)
    // and re-raising the signal: stops hung, and Ctrl-C logged "stop() threw" stack traces.
    stopOnTerminationSignals: false,
    formatError: formatError(logger),
    plugins: [
      // Requests still running 5 s into a stop are cut: a stop must take seconds, not minutes.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      // Traces go to Apollo's cloud, which the bureau's intranet neither reaches nor may send data to.
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are given (answers depend on the caller), and the plugin's per-field hook
      // alone makes Apollo instrument every resolver call.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              // A router that does not answer the close frame would hold the stop for ws's 30 s timeout.
              const cut = setTimeout(() => wsServer.clients.forEach((socket) => socket.terminate()), 1_000);
              await wsCleanup.dispose();
              clearTimeout(cut);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        let envelope: SignedEnvelope;
        try {
          envelope = verify(req.header(CALLER_HEADER));
        } catch {
          throw notThroughRouter();
        }
        return contextFor(envelope);
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, `subgraph ${options.name} ready`);
  return {
    url,
    port,
    close: async () => {
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/**
 * graphql-js's subscribe, except that every event is executed with a fresh context (a new
 * EntityManager fork and new DataLoaders), so nothing cached from one event leaks into the next,
 * and the PubSub's "events may have been missed" marker becomes the RESYNC signal (ADR 0010):
 * there is no event to resolve, and the subscription goes on.
 */
async function subscribeWithFreshContext(
  args: ExecutionArgs,
  freshContext: (base: unknown) => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const base = args.contextValue;
  const stream = await createSourceEventStream({ ...args, contextValue: freshContext(base) });
  if (!(Symbol.asyncIterator in (stream as object))) return stream as ExecutionResult;
  const source = stream as AsyncIterableIterator<unknown>;
  async function* events(): AsyncGenerator<ExecutionResult> {
    try {
      for await (const payload of source) {
        if (payload === EVENTS_MAY_BE_MISSED) {
          yield signalResult(SUBSCRIPTION_EVENTS_MAY_BE_MISSED);
          continue;
        }
        yield (await execute({ ...args, rootValue: payload, contextValue: freshContext(base) })) as ExecutionResult;
      }
    } finally {
      await source.return?.();
    }
  }
  return events();
}
