import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, parse } from 'graphql';
import { CALLER_HEADER, ErrorCode, signCaller, type Logger } from '@hs/kit';
import type { RouterContext } from './auth.js';
import { unavailableAnswer, upstreamUnavailable } from './errors.js';

/** How long one subgraph fetch may take before the router gives up on it. */
export const UPSTREAM_TIMEOUT_MS = 30_000;

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * The gateway's HTTP data source for one subgraph, signing the caller into `x-hs-caller` on
 * every request (subgraphs refuse anything unsigned), and turning transport failures into
 * UPSTREAM_UNAVAILABLE instead of leaking fetch errors and internal URLs.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly name: string;
  private readonly signingKey: string;
  private readonly log: Logger;

  constructor(options: { name: string; url: string; signingKey: string; logger: Logger; timeoutMs?: number }) {
    super({ url: options.url });
    this.name = options.name;
    this.signingKey = options.signingKey;
    this.log = options.logger;
    const timeout = options.timeoutMs ?? UPSTREAM_TIMEOUT_MS;
    // Node's own fetch rather than the gateway's default (make-fetch-happen): no HTTP cache to
    // consult, and its agent read a stack trace on every request to tell http from https.
    this.fetcher = ((url: string, init: RequestInit) =>
      fetch(url, { ...init, signal: AbortSignal.timeout(timeout) })) as unknown as typeof this.fetcher;
  }

  /**
   * A subgraph that cannot be reached answers with errors at the paths of the fields it was asked
   * for (issue #10): the gateway then nulls only those fields instead of dropping the whole answer.
   */
  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== ErrorCode.UPSTREAM_UNAVAILABLE) throw error;
      const document =
        ('document' in options ? options.document : undefined) ?? parse(options.request.query ?? '{__typename}');
      return unavailableAnswer(this.name, document, options.request.variables);
    }
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const context = (options.context ?? {}) as Partial<RouterContext>;
    const headers = options.request.http!.headers;
    headers.set(
      CALLER_HEADER,
      signCaller(this.signingKey, context.caller ?? null, context.ip ?? null, { userAgent: context.userAgent }),
    );
    if (context.requestId) headers.set('x-request-id', context.requestId);
  }

  /** A non-2xx answer: keep the subgraph's own GraphQL error when it sent one. */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      body = undefined;
    }
    const first = firstGraphQLError(body);
    if (first?.extensions?.code === ErrorCode.UNAUTHENTICATED) {
      // The router already checked the user's token, so this is the subgraph refusing the
      // router's own signature (ROUTER_SIGNING_KEY differs, clocks apart): not the user's fault,
      // and UNAUTHENTICATED would send them back to the login page.
      this.log.error(
        { subgraph: this.name, status: response.status, error: first },
        'subgraph refused the router signature (ROUTER_SIGNING_KEY differs? clock skew?)',
      );
      return upstreamUnavailable(this.name);
    }
    this.log.warn(
      { subgraph: this.name, status: response.status, error: first },
      'subgraph answered with an HTTP error',
    );
    if (first) {
      return new GraphQLError(first.message, {
        extensions: {
          ...first.extensions,
          code: first.extensions?.code ?? 'DOWNSTREAM_SERVICE_ERROR',
          serviceName: this.name,
        },
      });
    }
    return upstreamUnavailable(this.name);
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    this.log.error({ subgraph: this.name, err: error }, 'subgraph request failed');
    throw upstreamUnavailable(this.name);
  }
}

function firstGraphQLError(body: unknown): { message: string; extensions?: Record<string, unknown> } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { message?: unknown; extensions?: unknown };
  if (typeof first?.message !== 'string') return undefined;
  const extensions =
    typeof first.extensions === 'object' && first.extensions !== null
      ? (first.extensions as Record<string, unknown>)
      : undefined;
  return { message: first.message, extensions };
}
