import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client, type FormattedExecutionResult as WsResult } from 'graphql-ws';

/** One event as a subgraph sent it. */
export type FormattedExecutionResult = WsResult<Record<string, unknown>, unknown>;
import WebSocket from 'ws';
import { CALLER_HEADER, signCaller, type Caller, type Logger } from '@hs/kit';
import { websocketUrl, type SubgraphEndpoint } from '../supergraph.js';

/**
 * Subscriptions to subgraphs over graphql-ws: one multiplexed, lazy, self-reconnecting client
 * per subgraph, and identical subscriptions shared (same subgraph, operation, variables and
 * user): one upstream stream fanned out to every subscriber, closed when the last one leaves.
 */

export interface UpstreamOperation {
  service: string;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

export interface UpstreamListener {
  next(event: FormattedExecutionResult): void;
  /** The stream failed: an array of GraphQL errors from the subgraph, a close event, or an Error. */
  error(error: unknown): void;
  complete(): void;
  /** The connection to the subgraph dropped (or cannot be opened): events are being missed. */
  interrupted(): void;
  /** Subscribed again after an interruption: events of the outage may have been missed. */
  resumed(): void;
}

interface SharedStream {
  key: string;
  service: string;
  listeners: Set<UpstreamListener>;
  dispose: () => void;
  ended: boolean;
  /** Between a drop of the subgraph connection and the re-subscribe. */
  interrupted: boolean;
}

/**
 * Serialises to a freshly signed caller each time the client sends the subscribe message, so a
 * subscription re-sent after a reconnect is not refused as stale.
 */
class FreshSignature {
  constructor(
    private readonly key: string,
    private readonly caller: Caller | null,
    private readonly ip: string | null,
  ) {}
  toJSON(): string {
    return signCaller(this.key, this.caller, this.ip);
  }
}

/** Deterministic JSON (sorted keys) so `{a,b}` and `{b,a}` share a stream. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function dedupKey(op: UpstreamOperation, caller: Caller | null): string {
  return stableStringify([op.service, op.operationName ?? null, op.query, op.variables, caller?.userId ?? null]);
}

export interface UpstreamHubOptions {
  subgraphs: readonly SubgraphEndpoint[];
  signingKey: string;
  logger: Logger;
  /** Ping interval towards subgraphs (ms). */
  keepAlive?: number;
  /**
   * Longest wait between reconnect attempts (ms). Short: one connection per subgraph and router,
   * inside the cluster, and a restarted subgraph should be live again within seconds.
   */
  maxRetryWait?: number;
}

export class UpstreamHub {
  private readonly urls: Map<string, string>;
  private readonly clients = new Map<string, Client>();
  private readonly streams = new Map<string, SharedStream>();
  /** Subgraphs whose connection is down (closed abnormally, not yet connected again). */
  private readonly down = new Set<string>();
  private closed = false;

  constructor(private readonly options: UpstreamHubOptions) {
    this.urls = new Map(options.subgraphs.map((s) => [s.name, s.url]));
  }

  /** Upstream streams currently open (one per distinct subscription). */
  get openStreams(): number {
    return this.streams.size;
  }

  subscribe(
    op: UpstreamOperation,
    who: { caller: Caller | null; ip: string | null },
    listener: UpstreamListener,
  ): () => void {
    if (this.closed) throw new Error('upstream hub is closed');
    const key = dedupKey(op, who.caller);
    let stream = this.streams.get(key);
    if (!stream) stream = this.open(key, op, who);
    stream.listeners.add(listener);
    // Joining while the subgraph is unreachable: say so now, not at the next failed attempt.
    if (this.down.has(op.service)) stream.interrupted = true;
    if (stream.interrupted) listener.interrupted();
    const shared = stream;
    return () => {
      if (!shared.listeners.delete(listener)) return;
      if (shared.listeners.size === 0 && !shared.ended) {
        this.end(shared);
        shared.dispose(); // sends `complete` to the subgraph
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stream of [...this.streams.values()]) {
      this.end(stream);
      stream.dispose();
      for (const listener of stream.listeners) listener.complete();
    }
    for (const client of this.clients.values()) await client.dispose();
    this.clients.clear();
  }

  private open(key: string, op: UpstreamOperation, who: { caller: Caller | null; ip: string | null }): SharedStream {
    const stream: SharedStream = {
      key,
      service: op.service,
      listeners: new Set(),
      dispose: () => {},
      ended: false,
      interrupted: false,
    };
    this.streams.set(key, stream);
    const each = (f: (l: UpstreamListener) => void) => {
      for (const listener of [...stream.listeners]) {
        try {
          f(listener);
        } catch (err) {
          this.options.logger.error({ err }, 'subscription listener failed');
        }
      }
    };
    stream.dispose = this.client(op.service).subscribe(
      {
        query: op.query,
        operationName: op.operationName,
        variables: op.variables,
        extensions: { [CALLER_HEADER]: new FreshSignature(this.options.signingKey, who.caller, who.ip) },
      },
      {
        next: (event) => each((l) => l.next(event)),
        error: (error) => {
          this.end(stream);
          this.options.logger.warn({ subgraph: op.service, error: describe(error) }, 'upstream subscription failed');
          each((l) => l.error(error));
        },
        complete: () => {
          this.end(stream);
          each((l) => l.complete());
        },
      },
    );
    return stream;
  }

  /** Tells every open stream of `service` that it dropped, once per outage. */
  private interrupt(service: string): void {
    this.down.add(service);
    for (const stream of this.streams.values()) {
      if (stream.service !== service || stream.interrupted) continue;
      stream.interrupted = true;
      for (const listener of [...stream.listeners]) this.notify(() => listener.interrupted());
    }
  }

  /** After a reconnect: the interrupted streams of `service` have been subscribed again. */
  private resume(service: string): void {
    this.down.delete(service);
    // graphql-ws sends the pending subscribe messages right after `connected` (in the same turn):
    // signal once they are out, so a client reloading on the signal does not race its own stream.
    setImmediate(() => {
      for (const stream of this.streams.values()) {
        if (stream.service !== service || !stream.interrupted || this.down.has(service)) continue;
        stream.interrupted = false;
        for (const listener of [...stream.listeners]) this.notify(() => listener.resumed());
      }
    });
  }

  private notify(f: () => void): void {
    try {
      f();
    } catch (err) {
      this.options.logger.error({ err }, 'subscription listener failed');
    }
  }

  private end(stream: SharedStream): void {
    stream.ended = true;
    if (this.streams.get(stream.key) === stream) this.streams.delete(stream.key);
    // The lazy client stops retrying with no stream left: the next one finds out for itself.
    if (![...this.streams.values()].some((s) => s.service === stream.service)) this.down.delete(stream.service);
  }

  private client(service: string): Client {
    let client = this.clients.get(service);
    if (client) return client;
    const url = this.urls.get(service);
    if (!url) throw new Error(`unknown subgraph "${service}"`);
    const { signingKey, logger } = this.options;
    const maxWait = this.options.maxRetryWait ?? 5_000;
    client = createClient({
      url: websocketUrl(url),
      webSocketImpl: WebSocket,
      // Signed afresh on every (re)connect: the router proves itself to the subgraph.
      connectionParams: () => ({ [CALLER_HEADER]: signCaller(signingKey, null, null) }),
      lazy: true,
      lazyCloseTimeout: 1_000,
      keepAlive: this.options.keepAlive ?? 10_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      // A subgraph that refuses the router's signature (4403: keys differ) will not change its
      // mind: fail the subscriptions instead of retrying forever in silence.
      shouldRetry: (event) => {
        if (this.closed) return false;
        if (closeCode(event) === 4403) {
          logger.error(
            { subgraph: service },
            'subgraph refused the router signature on the subscription connection (ROUTER_SIGNING_KEY differs?)',
          );
          return false;
        }
        return true;
      },
      retryWait: async (retries) => {
        const wait = Math.min(maxWait, 250 * 2 ** Math.min(retries, 10));
        await sleep(wait / 2 + Math.random() * (wait / 2));
      },
      on: {
        connected: () => {
          logger.info({ subgraph: service }, 'subscription connection to subgraph open');
          this.resume(service);
        },
        closed: (event) => {
          const code = closeCode(event);
          if (code === 1000 || this.closed) return;
          logger.warn(
            { subgraph: service, code, reason: (event as { reason?: string }).reason },
            'subscription connection to subgraph closed',
          );
          // 4403 is not retried: the streams fail with an error instead (see shouldRetry).
          if (code !== 4403) this.interrupt(service);
        },
      },
    });
    this.clients.set(service, client);
    return client;
  }
}

function closeCode(event: unknown): number | undefined {
  const code = typeof event === 'object' && event !== null ? (event as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

function describe(error: unknown): unknown {
  if (Array.isArray(error)) return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return { code: (error as { code: unknown }).code, reason: (error as { reason?: unknown }).reason };
  }
  return String(error);
}
