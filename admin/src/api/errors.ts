/**
 * Errors from the graph, for people: every error carries a stable `extensions.code` and a Chinese
 * message; form errors name the input field in `extensions.field` (and all of them in
 * `extensions.details.issues`), so forms show them next to the right field.
 */
export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; field?: string; details?: Record<string, unknown> };
}

interface ApolloErrorLike {
  graphQLErrors?: readonly GraphQLErrorLike[];
  networkError?: (Error & { statusCode?: number; result?: unknown }) | null;
  message?: string;
}

/** The GraphQL errors of an ApolloError, including those inside a non-2xx HTTP answer (401, 413, 429…). */
export function graphQLErrorsOf(error: unknown): GraphQLErrorLike[] {
  const e = error as ApolloErrorLike | null;
  if (!e) return [];
  if (e.graphQLErrors && e.graphQLErrors.length > 0) return [...e.graphQLErrors];
  const result =
    (e.networkError as { result?: { errors?: GraphQLErrorLike[] } } | null | undefined)?.result ??
    (e as { result?: { errors?: GraphQLErrorLike[] } }).result;
  if (result && typeof result === 'object' && Array.isArray(result.errors)) return result.errors;
  return [];
}

export function errorCode(error: unknown): string | null {
  const first = graphQLErrorsOf(error)[0];
  if (first?.extensions?.code) return first.extensions.code;
  const status = (error as ApolloErrorLike)?.networkError?.statusCode ?? (error as { statusCode?: number })?.statusCode;
  if (status) return `HTTP_${status}`;
  if ((error as ApolloErrorLike)?.networkError) return 'NETWORK';
  return null;
}

/** True for a refused/expired access token (HTTP 401 or the UNAUTHENTICATED code). */
export function isUnauthenticated(error: unknown): boolean {
  const status = (error as { statusCode?: number })?.statusCode ?? (error as ApolloErrorLike)?.networkError?.statusCode;
  if (status === 401) return true;
  return graphQLErrorsOf(error).some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

const GENERIC: Record<string, string> = {
  NETWORK: '网络连接失败，请检查网络后重试',
  HTTP_502: '服务暂不可用，请稍后重试',
  HTTP_503: '服务暂不可用，请稍后重试',
  HTTP_504: '服务响应超时，请稍后重试',
};

export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  const first = graphQLErrorsOf(error)[0];
  if (first?.message) return first.message;
  const code = errorCode(error);
  if (code && GENERIC[code]) return GENERIC[code];
  if (code === 'NETWORK' || (error instanceof TypeError && /fetch/i.test(error.message))) return GENERIC.NETWORK;
  return fallback;
}

export function errorDetails(error: unknown): Record<string, unknown> {
  return graphQLErrorsOf(error)[0]?.extensions?.details ?? {};
}

/** `input.units[0].enterpriseId` / `units.0.enterpriseId` -> `units.0.enterpriseId`. */
export function normaliseField(field: string): string {
  return field
    .replace(/^(input|filter)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** Field -> message for every field-level problem the server reported. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of graphQLErrorsOf(error)) {
    const issues = (e.extensions?.details as { issues?: { field?: string; message?: string }[] } | undefined)?.issues;
    if (Array.isArray(issues)) {
      for (const issue of issues) {
        if (issue.field && issue.message) out[normaliseField(issue.field)] ??= issue.message;
      }
    }
    if (e.extensions?.field) out[normaliseField(e.extensions.field)] ??= e.message;
  }
  return out;
}

/**
 * A subsystem that is down costs only its own fields (the router nulls them and sends
 * UPSTREAM_UNAVAILABLE at their paths, e.g. "消防子系统暂不可用，请稍后重试"). The notes to show
 * above what did arrive, one per subsystem; empty when nothing is missing.
 */
export function missingPartNotes(error: unknown): string[] {
  const notes = graphQLErrorsOf(error)
    .filter((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE' && (e as { path?: unknown[] }).path?.length)
    .map((e) => e.message);
  return [...new Set(notes)];
}

/** True when `field` (the last step of an error's path) is null because its subsystem is down. */
export function isPartMissing(error: unknown, field: string): boolean {
  return graphQLErrorsOf(error).some(
    (e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE' && (e as { path?: unknown[] }).path?.at(-1) === field,
  );
}

/** True when the answer is usable: every error is a missing part, none is about the request itself. */
export function onlyPartsMissing(error: unknown): boolean {
  const errors = graphQLErrorsOf(error);
  return (
    errors.length > 0 &&
    missingPartNotes(error).length > 0 &&
    errors.every((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE')
  );
}
