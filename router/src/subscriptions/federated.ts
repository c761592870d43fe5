import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type QueryPlan } from '@apollo/query-planner';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import {
  ErrorCode,
  SUBSCRIPTION_INTERRUPTED,
  SUBSCRIPTION_RESYNC,
  signalResult,
  subscriptionSignalOf,
  type Logger,
  type SubscriptionSignal,
} from '@hs/kit';
import type { RouterContext } from '../auth.js';
import type { ParsedSupergraph } from '../supergraph.js';
import { EventQueue } from './queue.js';
import type { FormattedExecutionResult, UpstreamHub, UpstreamOperation } from './upstream.js';

/**
 * Federated subscriptions, as Apollo Router does them: the query planner splits a subscription
 * into a `primary` fetch (the subgraph owning the root field, opened over graphql-ws) and `rest`
 * (fields other subgraphs own). For every event, `rest` is resolved by the gateway's own
 * executeQueryPlan, with the primary fetch answered by the event itself.
 */

type ExecuteArgs = Parameters<typeof executeQueryPlan>;
type GatewayRequestContext = ExecuteArgs[2];

/** Events a slow subscriber may fall behind by before the oldest are dropped. */
export const SUBSCRIBER_BUFFER = 1_000;
const PLAN_CACHE_SIZE = 500;

/** Errors a subgraph answered a subscribe with: sent on to the client as they are. */
export class UpstreamErrors extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'upstream error');
  }
}

export const subscriptionUnavailable = () =>
  new GraphQLError('订阅服务暂不可用，请稍后重新订阅', { extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } });

export interface SubscriptionRequest {
  document: DocumentNode;
  source: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: RouterContext;
}

export interface FederatedSubscriptionsOptions {
  parsed: ParsedSupergraph;
  dataSources: ReadonlyMap<string, GraphQLDataSource>;
  hub: UpstreamHub;
  logger: Logger;
}

export class FederatedSubscriptions {
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, QueryPlan>();

  constructor(private readonly options: FederatedSubscriptionsOptions) {
    this.planner = new QueryPlanner(options.parsed.supergraph);
  }

  plan(document: DocumentNode, source: string, operationName?: string | null): QueryPlan {
    const key = `${operationName ?? ''}\n${source}`;
    let plan = this.plans.get(key);
    if (plan) {
      this.plans.delete(key); // refresh its place in the LRU order
    } else {
      const operation = operationFromDocument(this.options.parsed.apiSchema, document, {
        operationName: operationName ?? undefined,
      });
      plan = this.planner.buildQueryPlan(operation);
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    }
    this.plans.set(key, plan);
    return plan;
  }

  /** An async iterator of results (one per event), or a single result when nothing streams. */
  async subscribe(request: SubscriptionRequest): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const plan = this.plan(request.document, request.source, request.operationName);
    const operationContext = buildOperationContext({
      schema: this.options.parsed.apiGraphQLSchema,
      operationDocument: request.document,
      operationName: request.operationName ?? undefined,
    });
    const node = plan.node;
    if (!node || node.kind !== 'Subscription') {
      // Nothing to stream (no plan node): answer once.
      return this.execute(plan, request, operationContext, this.serviceMap());
    }
    const { primary, rest } = node;
    const variables: Record<string, unknown> = {};
    for (const name of primary.variableUsages ?? []) {
      const value = request.variables?.[name];
      if (value !== undefined) variables[name] = value;
    }
    // The primary fetch is answered by the event under a name of its own, so that `rest` may
    // still fetch from the same subgraph (e.g. entities it owns deeper in the selection).
    const eventService = `${primary.serviceName}#event`;
    const eventFetch: FetchNode = { ...primary, serviceName: eventService };
    const perEvent: QueryPlan = {
      kind: 'QueryPlan',
      node: rest ? { kind: 'Sequence', nodes: [eventFetch, rest] } : eventFetch,
    };
    const resolveEvent = (event: FormattedExecutionResult) => {
      const services = this.serviceMap();
      services[eventService] = eventSource(event);
      return this.execute(perEvent, request, operationContext, services);
    };
    const upstream: UpstreamOperation = {
      service: primary.serviceName,
      query: primary.operation,
      operationName: primary.operationName,
      variables,
    };
    return new SubscriberStream(this.options.hub, upstream, request.context, resolveEvent, this.options.logger);
  }

  private serviceMap(): ServiceMap {
    const map: ServiceMap = Object.create(null);
    for (const [name, source] of this.options.dataSources) map[name] = source;
    return map;
  }

  private async execute(
    plan: QueryPlan,
    request: SubscriptionRequest,
    operationContext: ReturnType<typeof buildOperationContext>,
    services: ServiceMap,
  ): Promise<ExecutionResult> {
    const { parsed, logger } = this.options;
    // What executeQueryPlan and the data sources read of Apollo's request context; `metrics`
    // must be fresh per execution (the gateway appends error paths to it).
    const requestContext = {
      request: {
        query: request.source,
        operationName: request.operationName ?? undefined,
        variables: request.variables ?? {},
      },
      context: request.context,
      logger,
      schema: parsed.apiGraphQLSchema,
      document: request.document,
      source: request.source,
      operationName: request.operationName ?? null,
      operation: operationContext.operation,
      metrics: {},
      overallCachePolicy: undefined,
    } as unknown as GatewayRequestContext;
    const result = await executeQueryPlan(
      plan,
      services,
      requestContext,
      operationContext,
      parsed.supergraphSchema,
      parsed.apiSchema,
    );
    return {
      data: result.data as ExecutionResult['data'],
      ...(result.errors?.length ? { errors: result.errors } : {}),
    };
  }
}

/**
 * What a subscriber gets when the upstream stream fails. A subgraph's `error` message before
 * execution is about the request (passed on), except UNAUTHENTICATED: that is the subgraph
 * refusing the router's signature, not the user's token, and must not send them to log in.
 */
function upstreamFailure(error: unknown, logger: Logger): Error {
  if (!Array.isArray(error) || error.length === 0) return subscriptionUnavailable();
  const errors = error as GraphQLFormattedError[];
  if (errors.some((e) => e.extensions?.code === ErrorCode.UNAUTHENTICATED)) {
    logger.error(
      { errors },
      'subgraph refused the router signature on a subscription (ROUTER_SIGNING_KEY differs? clock skew?)',
    );
    return subscriptionUnavailable();
  }
  return new UpstreamErrors(errors);
}

/** The primary fetch, answered by the event the subgraph pushed. */
function eventSource(event: FormattedExecutionResult): GraphQLDataSource {
  return {
    process: async () => ({
      data: (event.data ?? null) as Record<string, unknown> | null,
      ...(event.errors?.length ? { errors: event.errors } : {}),
    }),
  };
}

/**
 * One client subscription: listens on the shared upstream stream, resolves each event for this
 * subscriber (its own caller signs the `rest` fetches) and hands results out in order.
 */
class SubscriberStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue = new EventQueue<FormattedExecutionResult | { signal: SubscriptionSignal }>(SUBSCRIBER_BUFFER);
  /** An event held back while the RESYNC for the events dropped before it goes out. */
  private held: FormattedExecutionResult | null = null;
  private readonly unsubscribe: () => void;
  private warnedDrops = 0;
  private closedByClient = false;

  constructor(
    hub: UpstreamHub,
    operation: UpstreamOperation,
    subscriber: RouterContext,
    private readonly resolve: (event: FormattedExecutionResult) => Promise<ExecutionResult>,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = hub.subscribe(
      operation,
      { caller: subscriber.caller, ip: subscriber.ip },
      {
        // A subgraph's own signal (its LISTEN dropped, ADR 0010) is no event: passed on as the router's are.
        next: (event) => {
          const signal = subscriptionSignalOf(event);
          this.queue.push(signal ? { signal } : event);
        },
        error: (error) => this.queue.end(upstreamFailure(error, logger)),
        complete: () => this.queue.end(),
        interrupted: () => this.queue.push({ signal: SUBSCRIPTION_INTERRUPTED }),
        resumed: () => this.queue.push({ signal: SUBSCRIPTION_RESYNC }),
      },
    );
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    let event = this.held;
    this.held = null;
    if (!event) {
      let item: IteratorResult<FormattedExecutionResult | { signal: SubscriptionSignal }, undefined>;
      try {
        item = await this.queue.next();
      } catch (err) {
        this.unsubscribe();
        throw err;
      }
      if (item.done) {
        this.unsubscribe();
        return item;
      }
      if ('signal' in item.value) return { value: signalResult(item.value.signal), done: false };
      event = item.value;
      if (this.queue.dropped > this.warnedDrops) {
        this.logger.warn({ dropped: this.queue.dropped - this.warnedDrops }, 'slow subscriber: dropped events');
        this.warnedDrops = this.queue.dropped;
        // Events were lost before this one: the client must reload, then gets this event.
        this.held = event;
        return { value: signalResult(SUBSCRIPTION_RESYNC), done: false };
      }
    }
    let result: ExecutionResult;
    try {
      result = await this.resolve(event);
    } catch (err) {
      this.logger.error({ err }, 'resolving a subscription event failed');
      result = {
        data: null,
        errors: [new GraphQLError('服务器内部错误', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })],
      };
    }
    // The client may have left while this event was being resolved: send nothing after `complete`.
    if (this.closedByClient) return { value: undefined, done: true };
    return { value: result, done: false };
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.closedByClient = true;
    this.queue.close();
    this.unsubscribe();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.return();
    throw error;
  }
}
