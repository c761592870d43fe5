/**
 * A small GraphQL-over-HTTP client for the router's /graphql (same origin). The dashboard keeps
 * its own purpose-built store (see store/dashboard.ts), so it needs no normalised cache: one
 * function that posts a document, and errors that carry the graph's stable `extensions.code`.
 */

export const GRAPHQL_PATH = import.meta.env.VITE_GRAPHQL_PATH || '/graphql';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; details?: Record<string, unknown>; field?: string };
}

/** A failed request: `code` is the first error's extensions.code, or NETWORK / HTTP_<status>. */
export class GraphQLRequestError extends Error {
  readonly code: string;
  readonly status: number | null;
  readonly details: Record<string, unknown>;
  readonly errors: GraphQLErrorShape[];

  constructor(message: string, code: string, status: number | null, errors: GraphQLErrorShape[] = []) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.code = code;
    this.status = status;
    this.errors = errors;
    this.details = errors[0]?.extensions?.details ?? {};
  }

  /** The server refused the credentials (as opposed to the network or the server failing). */
  get isAuthError(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'SESSION_EXPIRED' || this.status === 401;
  }

  /** Worth trying again later: the network, a gateway or an overloaded server. */
  get isTransient(): boolean {
    return (
      this.code === 'NETWORK' ||
      this.code === 'UPSTREAM_UNAVAILABLE' ||
      this.code === 'RATE_LIMITED' ||
      (this.status !== null && this.status >= 500)
    );
  }
}

export async function postGraphQL<T>(
  query: string,
  variables: Record<string, unknown> = {},
  accessToken: string | null = null,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new GraphQLRequestError('无法连接服务器，请检查网络', 'NETWORK', null);
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] } | null = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const errors = body?.errors ?? [];
  if (errors.length > 0) {
    const code = errors[0].extensions?.code ?? `HTTP_${response.status}`;
    throw new GraphQLRequestError(errors[0].message, code, response.status, errors);
  }
  if (!response.ok || !body || body.data == null) {
    const code = response.status === 401 ? 'UNAUTHENTICATED' : `HTTP_${response.status}`;
    throw new GraphQLRequestError(`服务器错误（HTTP ${response.status}）`, code, response.status);
  }
  return body.data;
}
