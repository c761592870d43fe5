import pg from 'pg';
import type { PubSub } from 'type-graphql';
import type { Logger } from './logger.js';

const CHANNEL_PREFIX = 'hs:';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: events carry ids and small facts only. */
const MAX_PAYLOAD_BYTES = 7900;

type Listener = (payload: unknown) => void;

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
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly logger?: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString, max: 2 });
  }

  static channel(topic: string): string {
    const channel = CHANNEL_PREFIX + topic;
    if (Buffer.byteLength(channel) > 63) throw new Error(`topic too long for a PostgreSQL channel: ${topic}`);
    return channel;
  }

  async publish(topic: string, payload?: unknown): Promise<void> {
    const text = JSON.stringify(payload ?? null);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`event on ${topic} is too large for NOTIFY`);
    await this.pool.query('select pg_notify($1, $2)', [PgPubSub.channel(topic), text]);
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
        const finish = async (): Promise<IteratorResult<unknown>> => {
          if (!done) {
            done = true;
            waiting?.({ value: undefined, done: true });
            waiting = null;
            await this.removeListener(channel, listener);
          }
          return { value: undefined, done: true };
        };
        return {
          next: async () => {
            await ready;
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
      this.listening.set(
        channel,
        this.client().then(async (client) => {
          await client.query(`listen "${channel}"`);
        }),
      );
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
      if (this.listenerClient) await this.listenerClient.query(`unlisten "${channel}"`).catch(() => {});
    }
  }

  private client(): Promise<pg.Client> {
    if (this.listenerClient) return Promise.resolve(this.listenerClient);
    this.connecting ??= this.connect();
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      const set = this.listeners.get(message.channel);
      if (!set) return;
      let payload: unknown = null;
      try {
        payload = message.payload ? JSON.parse(message.payload) : null;
      } catch {
        this.logger?.warn({ channel: message.channel }, 'unparsable event payload');
        return;
      }
      for (const listener of set) listener(payload);
    });
    client.on('error', (error) => {
      this.logger?.error({ err: error }, 'pubsub listener connection lost; reconnecting');
      this.listenerClient = null;
      this.connecting = null;
      if (!this.closed) void this.reconnect();
    });
    await client.connect();
    this.listenerClient = client;
    return client;
  }

  private async reconnect(delayMs = 500): Promise<void> {
    await new Promise((r) => setTimeout(r, delayMs));
    if (this.closed) return;
    try {
      const client = await this.client();
      for (const channel of this.listeners.keys()) await client.query(`listen "${channel}"`);
    } catch {
      this.connecting = null;
      void this.reconnect(Math.min(delayMs * 2, 10_000));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.listenerClient?.end().catch(() => {});
    await this.pool.end();
  }
}
