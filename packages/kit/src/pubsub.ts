import pg from 'pg';
import type { PubSub } from 'type-graphql';
import { isConnectionLost } from './db.js';
import type { Logger } from './logger.js';

const CHANNEL_PREFIX = 'hs:';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: events carry ids and small facts only. */
const MAX_PAYLOAD_BYTES = 7900;

type Listener = (payload: unknown) => void;

/**
 * Yielded by a PgPubSub iterator once its listener connection is back after a drop: NOTIFYs sent
 * while it was away are lost (PostgreSQL keeps none for an absent listener). Subscribers reload;
 * the kit's subscription loop turns it into the RESYNC signal (ADR 0010). Never a published payload.
 */
export const EVENTS_MAY_BE_MISSED: unique symbol = Symbol.for('hs.pubsub.events-may-be-missed');

/**
 * Live events over PostgreSQL LISTEN/NOTIFY: works across processes and replicas with no extra
 * server. One dedicated connection listens; publishing goes through the pool. NOTIFY issued inside
 * a transaction is delivered on commit, so subscribers never see rolled-back changes.
 */
export class PgPubSub implements PubSub {
  private readonly pool: pg.Pool;
  private listenerClient: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly listening = new Map<string, Promise<void>>();
  private readonly subscribers = new Set<() => void>();
  /** Channels that had subscribers when the listener dropped and whose subscribers are owed the marker. */
  private readonly missed = new Set<string>();
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly logger?: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString, max: 2 });
    // An idle pooled client whose backend goes away is reported here; unhandled, it ends the process.
    // The pool drops that client and connects a new one for the next query.
    this.pool.on('error', (error) => {
      if (!this.closed) this.logger?.warn({ reason: error.message }, 'pubsub publishing connection lost');
    });
  }

  static channel(topic: string): string {
    const channel = CHANNEL_PREFIX + topic;
    if (Buffer.byteLength(channel) > 63) throw new Error(`topic too long for a PostgreSQL channel: ${topic}`);
    return channel;
  }

  async publish(topic: string, payload?: unknown): Promise<void> {
    const text = JSON.stringify(payload ?? null);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`event on ${topic} is too large for NOTIFY`);
    const channel = PgPubSub.channel(topic);
    try {
      await this.pool.query('select pg_notify($1, $2)', [channel, text]);
    } catch (error) {
      // The pooled connection died under us (its 'error' may not have arrived yet): one more try on a
      // fresh one. Events are facts about committed changes, so a rare duplicate is harmless.
      if (!isConnectionLost(error)) throw error;
      await this.pool.query('select pg_notify($1, $2)', [channel, text]);
    }
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    const channel = PgPubSub.channel(topic);
    return {
      [Symbol.asyncIterator]: () => {
        const queue: unknown[] = [];
        let waiting: ((r: IteratorResult<unknown>) => void) | null = null;
        let done = false;
        const listener: Listener = (payload) => {
          if (waiting) {
            waiting({ value: payload, done: false });
            waiting = null;
          } else queue.push(payload);
        };
        const ready = this.addListener(channel, listener);
        const end = () => {
          done = true;
          waiting?.({ value: undefined, done: true });
          waiting = null;
        };
        this.subscribers.add(end);
        const finish = async (): Promise<IteratorResult<unknown>> => {
          if (!done) {
            end();
            this.subscribers.delete(end);
            await this.removeListener(channel, listener);
          }
          return { value: undefined, done: true };
        };
        return {
          next: async () => {
            // Closing while LISTEN was still being set up ends the stream; it is no failure.
            await ready.catch((error: unknown) => {
              if (!this.closed) throw error;
            });
            if (queue.length) return { value: queue.shift(), done: false };
            if (done) return { value: undefined, done: true };
            return new Promise<IteratorResult<unknown>>((resolve) => (waiting = resolve));
          },
          return: finish,
          throw: async (error: unknown) => {
            await finish();
            throw error;
          },
        };
      },
    };
  }

  /** Resolves once LISTEN is in place for the topic: events published after that are delivered. */
  async ready(topic: string): Promise<void> {
    const channel = PgPubSub.channel(topic);
    await (this.listening.get(channel) ?? this.client().then((c) => c.query(`listen "${channel}"`)));
  }

  private addListener(channel: string, listener: Listener): Promise<void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const listening = this.client().then(async (client) => {
        await client.query(`listen "${channel}"`);
      });
      // Subscribers see a failure through next(); this keeps it from counting as unhandled meanwhile.
      listening.catch(() => {});
      this.listening.set(channel, listening);
    }
    set.add(listener);
    return this.listening.get(channel)!;
  }

  private async removeListener(channel: string, listener: Listener): Promise<void> {
    const set = this.listeners.get(channel);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) {
      this.listeners.delete(channel);
      this.listening.delete(channel);
      this.missed.delete(channel);
      if (this.listenerClient) await this.listenerClient.query(`unlisten "${channel}"`).catch(() => {});
    }
  }

  private client(): Promise<pg.Client> {
    if (this.listenerClient) return Promise.resolve(this.listenerClient);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      const set = this.listeners.get(message.channel);
      if (!set) return;
      // The first event after a reconnect may arrive before the re-LISTEN's reply is handled: the marker goes first.
      this.announceMissed(message.channel);
      let payload: unknown = null;
      try {
        payload = message.payload ? JSON.parse(message.payload) : null;
      } catch {
        this.logger?.warn({ channel: message.channel }, 'unparsable event payload');
        return;
      }
      for (const listener of set) listener(payload);
    });
    // A dropped backend (restart, failover, pg_terminate_backend) surfaces here; unhandled, it ends the process.
    client.on('error', (error) => this.listenerLost(client, error));
    client.on('end', () => this.listenerLost(client));
    await client.connect();
    if (this.closed) {
      await client.end().catch(() => {});
      throw new Error('pubsub is closed');
    }
    this.listenerClient = client;
    return client;
  }

  private listenerLost(client: pg.Client, error?: Error): void {
    if (this.listenerClient !== client) return;
    this.listenerClient = null;
    if (this.closed) return;
    for (const channel of this.listeners.keys()) this.missed.add(channel);
    this.logger?.warn(
      { reason: error?.message ?? 'connection ended' },
      'pubsub listener connection lost; reconnecting',
    );
    this.scheduleReconnect(100);
  }

  /** Connects again and re-LISTENs every channel that still has subscribers; backs off while the database is away. */
  private scheduleReconnect(delayMs: number): void {
    const timer = setTimeout(() => {
      if (this.closed || this.listenerClient) return;
      const relisten = this.client().then(async (client) => {
        for (const channel of this.listeners.keys()) {
          await client.query(`listen "${channel}"`);
          // Only if this connection still stands: after another drop, the next reconnect tells them.
          if (this.listenerClient === client) this.announceMissed(channel);
        }
      });
      for (const channel of this.listeners.keys()) this.listening.set(channel, relisten);
      relisten.then(
        () => this.logger?.info({ channels: this.listeners.size }, 'pubsub listener reconnected'),
        () => {
          if (!this.closed) this.scheduleReconnect(Math.min(delayMs * 2, 5_000));
        },
      );
    }, delayMs);
    timer.unref();
  }

  /** Hands the marker to every subscriber of `channel` that was subscribed when the listener dropped. */
  private announceMissed(channel: string): void {
    if (!this.missed.delete(channel)) return;
    for (const listener of this.listeners.get(channel) ?? []) listener(EVENTS_MAY_BE_MISSED);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Every open stream completes, so consumers' for-await loops end instead of waiting forever.
    for (const end of this.subscribers) end();
    this.subscribers.clear();
    this.listeners.clear();
    await this.listenerClient?.end().catch(() => {});
    await this.pool.end();
  }
}
