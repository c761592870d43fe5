import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, type Logger } from '@hs/kit';

/**
 * Error shaping at the edge. Clients switch on `extensions.code`; people read the Chinese message.
 * Anything we did not raise on purpose is logged and masked, so no stack, SQL or internal URL
 * ever reaches a browser.
 */

export const INTERNAL_MESSAGE = '服务器内部错误';

/** Codes Apollo Server / graphql-js use for requests a client got wrong. */
export const ApolloClientErrorCode = {
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
} as const;

/** Codes that mean "something broke inside", never shown to people as they are. */
const INTERNAL_CODES = new Set<string>([ErrorCode.INTERNAL_SERVER_ERROR, 'DOWNSTREAM_SERVICE_ERROR']);

/** Codes the router itself may return with their message (after making sure it is Chinese). */
const PASS_THROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...Object.values(ApolloClientErrorCode),
]);

/** Protocol messages client libraries match on (APQ): left exactly as they are. */
const VERBATIM_CODES = new Set<string>([
  ApolloClientErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloClientErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

const CHINESE_PREFIX: Record<string, string> = {
  [ApolloClientErrorCode.GRAPHQL_PARSE_FAILED]: '查询语法错误',
  [ApolloClientErrorCode.GRAPHQL_VALIDATION_FAILED]: '查询不符合接口定义',
  [ApolloClientErrorCode.BAD_REQUEST]: '请求无效',
  [ApolloClientErrorCode.OPERATION_RESOLUTION_FAILURE]: '无法确定要执行的操作',
  [ErrorCode.BAD_USER_INPUT]: '输入参数有误',
};

const CJK = /[\u3400-\u9fff]/;

/** Extension keys a client may see; the rest (serviceName, stacktrace, upstream response…) stay inside. */
const PUBLIC_EXTENSION_KEYS = ['code', 'field', 'details'] as const;

function chineseMessage(code: string, message: string): string {
  if (VERBATIM_CODES.has(code) || CJK.test(message)) return message;
  if (message.includes('Cross-Site Request Forgery')) {
    return '请求被拒绝：疑似跨站请求伪造（CSRF）。请使用 Content-Type: application/json 发送请求，或添加 apollo-require-preflight 请求头';
  }
  return `${CHINESE_PREFIX[code] ?? '请求失败'}：${message}`;
}

function publicExtensions(extensions: Record<string, unknown> | undefined, code: string): Record<string, unknown> {
  const out: Record<string, unknown> = { code };
  for (const key of PUBLIC_EXTENSION_KEYS) {
    if (key !== 'code' && extensions && extensions[key] !== undefined) out[key] = extensions[key];
  }
  return out;
}

/** True when the error is one the client may see as it is (modulo the Chinese prefix). */
export function isPublicError(extensions: Record<string, unknown> | undefined): boolean {
  const code = typeof extensions?.code === 'string' ? extensions.code : undefined;
  if (!code || INTERNAL_CODES.has(code)) return false;
  // Errors a subgraph raised on purpose carry its name (added by the gateway) and pass through.
  return PASS_THROUGH_CODES.has(code) || typeof extensions?.serviceName === 'string';
}

/**
 * Apollo Server `formatError` (also used for subscription results): keeps deliberate errors,
 * masks the rest as INTERNAL_SERVER_ERROR after logging the original.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions as Record<string, unknown> | undefined;
    const base: GraphQLFormattedError = {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (!isPublicError(extensions)) {
      logger.error(
        {
          err: error instanceof Error ? error : undefined,
          message: formatted.message,
          extensions: internalExtensions(extensions),
        },
        'masked internal error',
      );
      return { ...base, message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    const code = extensions!.code as string;
    return {
      ...base,
      message: chineseMessage(code, formatted.message),
      extensions: publicExtensions(extensions, code),
    };
  };
}

function internalExtensions(extensions: Record<string, unknown> | undefined) {
  if (!extensions) return undefined;
  const { stacktrace: _stacktrace, ...rest } = extensions;
  return rest;
}

/** A GraphQLError with a code and, for HTTP, the status Apollo Server should answer with. */
export function httpGraphQLError(code: string, message: string, status: number, details?: Record<string, unknown>) {
  return new GraphQLError(message, {
    extensions: { code, ...(details ? { details } : {}), http: { status } },
  });
}

export const upstreamUnavailable = (service: string) =>
  new GraphQLError('后端服务暂不可用，请稍后重试', {
    extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, serviceName: service },
  });
