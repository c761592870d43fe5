import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { ErrorCode, type Logger } from '@hs/kit';
import { translateGraphQLMessage } from './graphql-messages.js';

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

/**
 * The message people see: ours are Chinese already; graphql-js' and Apollo's English ones are
 * translated (graphql-messages.ts) behind a prefix naming the kind of problem, and the English
 * original goes to `extensions.developerMessage` for whoever wrote the request.
 */
function chineseMessage(code: string, message: string): { message: string; developerMessage?: string } {
  if (VERBATIM_CODES.has(code) || CJK.test(message)) return { message };
  if (message.includes('Cross-Site Request Forgery')) {
    return {
      message:
        '请求被拒绝：疑似跨站请求伪造（CSRF）。请使用 Content-Type: application/json 发送请求，或添加 apollo-require-preflight 请求头',
      developerMessage: message,
    };
  }
  const kind = CHINESE_PREFIX[code] ?? '请求失败';
  const translated = translateGraphQLMessage(message);
  return { message: translated ? `${kind}：${translated}` : kind, developerMessage: message };
}

function publicExtensions(
  extensions: Record<string, unknown> | undefined,
  code: string,
  developerMessage: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { code };
  for (const key of PUBLIC_EXTENSION_KEYS) {
    if (key !== 'code' && extensions && extensions[key] !== undefined) out[key] = extensions[key];
  }
  if (developerMessage !== undefined) out.developerMessage = developerMessage;
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
    const { message, developerMessage } = chineseMessage(code, formatted.message);
    return { ...base, message, extensions: publicExtensions(extensions, code, developerMessage) };
  };
}

/**
 * @apollo/gateway reports a null it had to put where the schema promises a value (an entity another
 * subgraph resolved to nothing: out of the caller's scope, or gone) in `extensions.valueCompletion`,
 * in graphql-js' English ("Cannot return null for non-nullable field Project.address."): the same
 * Chinese as the errors, the English kept for developers.
 */
export function valueCompletionInChinese(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const extensions = response.body.singleResult.extensions;
          const notes = extensions?.valueCompletion;
          if (!Array.isArray(notes)) return;
          response.body.singleResult.extensions = {
            ...extensions,
            valueCompletion: notes.map((note: GraphQLFormattedError) => ({
              message: translateGraphQLMessage(note.message) ?? '部分数据未能取得',
              ...(note.path ? { path: note.path } : {}),
              extensions: { code: note.extensions?.code ?? ErrorCode.NOT_FOUND, developerMessage: note.message },
            })),
          };
        },
      };
    },
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

/** The part of the platform each subgraph serves, as the bureau's staff name it. */
export const SUBSYSTEM_NAMES: Readonly<Record<string, string>> = {
  identity: '用户与权限子系统',
  projects: '项目与企业子系统',
  fire: '消防子系统',
  workforce: '劳务实名制子系统',
  supervision: '质量安全监督子系统',
};

/**
 * A subgraph that cannot be reached. `details.subsystem` names it, so a client can show which
 * part of a page is missing ("消防子系统暂不可用") and keep the rest.
 */
export const upstreamUnavailable = (service: string) =>
  new GraphQLError(`${SUBSYSTEM_NAMES[service] ?? '后端服务'}暂不可用，请稍后重试`, {
    extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, serviceName: service, details: { subsystem: service } },
  });

type ResponsePath = (string | number)[];

/**
 * What a subgraph that cannot be reached "answers" to one fetch: no data, and one
 * UPSTREAM_UNAVAILABLE error per field the fetch asked for, each with its path in the
 * subgraph's response (`[field]`, or `['_entities', i, field]` for an entity fetch). The gateway
 * rewrites those paths into the client's response and nulls only those fields, so an outage
 * costs the fields of that subgraph and the client learns where (a pathless error would not say).
 */
export function unavailableAnswer(
  service: string,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): { errors: GraphQLFormattedError[] } {
  const error = upstreamUnavailable(service);
  const at = (path: ResponsePath): GraphQLFormattedError => ({
    message: error.message,
    path,
    extensions: error.extensions,
  });
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return { errors: [at([])] };
  const errors: GraphQLFormattedError[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
    const name = selection.alias?.value ?? selection.name.value;
    if (selection.name.value !== '_entities' || !selection.selectionSet) {
      errors.push(at([name]));
      continue;
    }
    const representations = Array.isArray(variables?.representations) ? variables.representations : [];
    representations.forEach((representation, i) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      for (const field of fieldsOn(selection.selectionSet!, typeof typename === 'string' ? typename : undefined)) {
        errors.push(at([name, i, field]));
      }
    });
  }
  return { errors: errors.length > 0 ? errors : [at([])] };
}

/** Response names of the fields an `_entities` selection asks of one type (fragments by type condition). */
function fieldsOn(selectionSet: SelectionSetNode, typename: string | undefined): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.push(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (!condition || condition === typename) names.push(...fieldsOn(selection.selectionSet, typename));
    }
  }
  return names;
}
