import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { GraphQLDataSource } from '@apollo/gateway';
import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, type Caller, type Logger } from '@hs/kit';
import { authenticate, bearerToken, requestIdOf, type RouterContext } from '../auth.js';
import type { SessionRevocations } from '../revocations.js';
import { ApolloClientErrorCode } from '../errors.js';
import { MAX_TOKENS, operationLimitErrors, type Limits } from '../limits.js';
import type { ParsedSupergraph } from '../supergraph.js';
import { FederatedSubscriptions, UpstreamErrors } from './federated.js';
import { UpstreamHub } from './upstream.js';

/** graphql-ws close code and reason for a refused connection (bad or expired token). */
export const FORBIDDEN_CLOSE_CODE = 4403;
export const FORBIDDEN_CLOSE_REASON = '禁止';
/** How long a stopping router waits for subscription clients to answer its close frame. */
const CLOSE_GRACE_MS = 1_000;
/** Concurrent subscriptions one connection may hold. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

type Extra = {
  socket: WebSocket;
  request: IncomingMessage;
  /** Set at connection_init once the token checked out. */
  caller?: Caller | null;
  ip?: string | null;
  userAgent?: string | null;
};

type ConnectionContext = Context<Record<string, unknown>, Extra>;

export interface SubscriptionServerOptions {
  httpServer: HttpServer;
  path: string;
  parsed: ParsedSupergraph;
  dataSources: ReadonlyMap<string, GraphQLDataSource>;
  signingKey: string;
  tokenSecret: string;
  /** Revoked sessions: refused at connection_init, and their open connections closed (4403). */
  revocations?: SessionRevocations;
  limits: Limits;
  logger: Logger;
  /** Client address of an upgrade request (honours the router's `trust proxy`). */
  ipOf: (request: IncomingMessage) => string | null;
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
  /** Ping interval towards clients (ms); graphql-ws default 12 s. */
  keepAlive?: number;
}

export interface SubscriptionServer {
  hub: UpstreamHub;
  close(): Promise<void>;
}

const codeError = (code: string, message: string, details?: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code, ...(details ? { details } : {}) } });

/** The Authorization value from connection params, whatever its key's case (GraphiQL sends "Authorization"). */
export function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): unknown {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === 'authorization') return value;
  return undefined;
}

/**
 * graphql-ws on the router's /graphql (same path as HTTP): authenticates at connection_init,
 * validates every subscribe (schema, depth, cost, variables) and runs it as a federated
 * subscription.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { parsed, limits, logger, formatError } = options;
  const schema = parsed.apiGraphQLSchema;
  const hub = new UpstreamHub({ subgraphs: parsed.subgraphs, signingKey: options.signingKey, logger });
  const federated = new FederatedSubscriptions({ parsed, dataSources: options.dataSources, hub, logger });
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: limits.maxBodyBytes,
  });

  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.flatMap((error) => {
      const original = error.originalError;
      if (original instanceof UpstreamErrors) return original.errors.map((e) => formatError(e, original));
      return [formatError(error.toJSON(), error)];
    });

  const refuse = (ctx: ConnectionContext, why: unknown) => {
    logger.info(
      { ip: ctx.extra.ip ?? null, reason: why instanceof Error ? why.message : String(why) },
      'subscription connection refused',
    );
    ctx.extra.socket.close(FORBIDDEN_CLOSE_CODE, FORBIDDEN_CLOSE_REASON);
    return false as const;
  };

  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      onConnect: async (ctx) => {
        ctx.extra.ip = options.ipOf(ctx.extra.request);
        ctx.extra.userAgent = ctx.extra.request.headers['user-agent'] ?? null;
        const authorization = authorizationParam(ctx.connectionParams);
        try {
          ctx.extra.caller = await authenticate(options.tokenSecret, authorization, options.revocations);
        } catch (err) {
          return refuse(ctx, err);
        }
        if (ctx.extra.caller) closeWhenTokenExpires(ctx, authorization, logger);
        if (ctx.extra.caller && options.revocations) {
          const stop = options.revocations.onRevoked(ctx.extra.caller.sessionId, () => {
            logger.info({ userId: ctx.extra.caller?.userId }, 'subscription connection closed: session revoked');
            ctx.extra.socket.close(FORBIDDEN_CLOSE_CODE, FORBIDDEN_CLOSE_REASON);
          });
          ctx.extra.socket.once('close', stop);
        }
        return true;
      },

      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [codeError(ErrorCode.RATE_LIMITED, `每个连接最多同时订阅 ${MAX_SUBSCRIPTIONS_PER_CONNECTION} 个`)];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (err) {
          return [codeError(ApolloClientErrorCode.GRAPHQL_PARSE_FAILED, `查询语法错误：${(err as Error).message}`)];
        }
        const invalid = validate(schema, document, specifiedRules);
        if (invalid.length > 0) {
          return invalid.map((e) =>
            codeError(ApolloClientErrorCode.GRAPHQL_VALIDATION_FAILED, `查询不符合接口定义：${e.message}`),
          );
        }
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) {
          return [
            codeError(ApolloClientErrorCode.OPERATION_RESOLUTION_FAILURE, '无法确定要执行的操作，请指定 operationName'),
          ];
        }
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            codeError(
              ApolloClientErrorCode.BAD_REQUEST,
              'WebSocket 只用于订阅（subscription），查询和变更请通过 HTTP 发送',
            ),
          ];
        }
        const overLimit = operationLimitErrors(
          schema,
          document,
          { operationName: payload.operationName, variables: payload.variables },
          limits,
        );
        if (overLimit.length > 0) return overLimit;
        const coerced = getVariableValues(
          schema,
          operation.variableDefinitions ?? [],
          (payload.variables ?? {}) as Record<string, unknown>,
        );
        if (coerced.errors) {
          return coerced.errors.map((e) => codeError(ErrorCode.BAD_USER_INPUT, `输入参数有误：${e.message}`));
        }
        const contextValue: RouterContext & { source: string } = {
          caller: ctx.extra.caller ?? null,
          ip: ctx.extra.ip ?? null,
          userAgent: ctx.extra.userAgent ?? null,
          requestId: requestIdOf(undefined),
          source: payload.query,
        };
        return {
          schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: (payload.variables ?? {}) as Record<string, unknown>,
          contextValue,
        };
      },

      // Must not throw: graphql-ws would close the whole connection (4500) over one subscription.
      subscribe: async (args) => {
        const { source, ...context } = args.contextValue as RouterContext & { source: string };
        try {
          return await federated.subscribe({
            document: args.document,
            source,
            operationName: args.operationName,
            variables: args.variableValues as Record<string, unknown> | undefined,
            context,
          });
        } catch (err) {
          logger.error({ err, requestId: context.requestId }, 'starting a subscription failed');
          return {
            errors: [
              err instanceof GraphQLError
                ? err
                : new GraphQLError(String((err as Error)?.message ?? err), { originalError: err as Error }),
            ],
          };
        }
      },

      onNext: (_ctx, _id, _payload, _args, result) => {
        const { errors, data, extensions } = result;
        return {
          ...(data !== undefined ? { data } : {}),
          ...(errors?.length ? { errors: format(errors) } : {}),
          ...(extensions ? { extensions } : {}),
        };
      },

      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wsServer,
    options.keepAlive,
  );

  return {
    hub,
    async close() {
      // dispose() sends every client "going away" and waits for each close handshake; a client that
      // does not answer (asleep, network gone) would hold the stop for ws's 30 s close timeout.
      const cut = setTimeout(() => wsServer.clients.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS);
      await disposable.dispose();
      clearTimeout(cut);
      await hub.close();
    },
  };
}

/** Access tokens are short-lived: a connection opened with one closes (4403) when it expires. */
function closeWhenTokenExpires(ctx: ConnectionContext, authorization: unknown, logger: Logger) {
  let exp: number | undefined;
  try {
    exp = decodeJwt(bearerToken(authorization) ?? '').exp;
  } catch {
    return;
  }
  if (!exp) return;
  const delay = Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1);
  const timer = setTimeout(
    () => {
      logger.info({ userId: ctx.extra.caller?.userId }, 'subscription connection closed: access token expired');
      ctx.extra.socket.close(FORBIDDEN_CLOSE_CODE, FORBIDDEN_CLOSE_REASON);
    },
    Math.max(delay, 0),
  );
  timer.unref();
  ctx.extra.socket.once('close', () => clearTimeout(timer));
}
