import pg from 'pg';
import { ACCESS_TOKEN_TTL_SECONDS, type Logger } from '@hs/kit';
import { ROUTER_APPLICATION_NAME } from './db.js';

/**
 * Revoked sessions, checked from memory on every request (logout, force-logout, refresh-token
 * reuse, password change, disabled user: identity stamps `revoked_at` on the session). The
 * contract with identity (docs/ARCHITECTURE.md):
 *   - view `identity.revoked_session_v (session_id, revoked_at)`, read-only;
 *   - channel `hs:session-revoked`, NOTIFYed by a trigger in the revoking transaction, payload
 *     `{ "sessionId": "…" }`.
 * Each router LISTENs first and loads second (nothing falls between the two), and loads again
 * whenever its listener reconnects (notifications sent meanwhile are lost). A revocation older
 * than an access token's lifetime can match no valid token and is forgotten.
 */
export const REVOKED_CHANNEL = 'hs:session-revoked';
/** Access-token lifetime plus clock skew between identity and the router. */
const KEEP_MS = (ACCESS_TOKEN_TTL_SECONDS + 120) * 1000;

export interface SessionRevocations {
  isRevoked(sessionId: string): boolean;
  /** Calls `listener` once when `sessionId` is revoked; returns the unsubscribe. */
  onRevoked(sessionId: string, listener: () => void): () => void;
}

export class RevocationList implements SessionRevocations {
  /** sessionId -> when the router learned of it (ms), for forgetting. */
  private readonly revoked = new Map<string, number>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private closed = false;
  private readonly pruneTimer: NodeJS.Timeout;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {
    this.pruneTimer = setInterval(() => this.prune(), 60_000);
    this.pruneTimer.unref();
  }

  /** Listens and loads; resolves once the list is complete (the router serves only then). */
  async start(): Promise<void> {
    await this.listen();
    await this.load();
  }

  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  onRevoked(sessionId: string, listener: () => void): () => void {
    let set = this.watchers.get(sessionId);
    if (!set) this.watchers.set(sessionId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.watchers.get(sessionId) === set) this.watchers.delete(sessionId);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pruneTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => {});
    this.client = null;
  }

  private add(sessionId: string): void {
    if (!this.revoked.has(sessionId)) this.revoked.set(sessionId, Date.now());
    const set = this.watchers.get(sessionId);
    if (!set) return;
    this.watchers.delete(sessionId);
    for (const listener of set) listener();
  }

  private async load(): Promise<void> {
    const { rows } = await this.pool.query<{ session_id: string }>(
      `select "session_id" from "identity"."revoked_session_v" where "revoked_at" > now() - $1 * interval '1 millisecond'`,
      [KEEP_MS],
    );
    for (const row of rows) this.add(String(row.session_id));
  }

  private prune(): void {
    const before = Date.now() - KEEP_MS;
    for (const [id, at] of this.revoked) if (at < before) this.revoked.delete(id);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: ROUTER_APPLICATION_NAME,
    });
    client.on('notification', (message) => {
      try {
        const { sessionId } = JSON.parse(message.payload ?? '{}') as { sessionId?: unknown };
        if (typeof sessionId === 'string' && sessionId) this.add(sessionId);
      } catch {
        this.logger.warn({ channel: message.channel }, 'unparsable session revocation');
      }
    });
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      if (this.closed) return;
      // Reconnecting reloads the list, so nothing revoked meanwhile is missed: a warning, not an error.
      this.logger.warn(
        { reason: (err as Error | undefined)?.message },
        'session revocation listener lost; reconnecting',
      );
      this.reconnect(500);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`listen "${REVOKED_CHANNEL}"`);
    this.client = client;
  }

  private reconnect(delayMs: number): void {
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      if (this.closed) return;
      try {
        await this.listen();
        await this.load(); // revocations notified while the listener was away
        this.logger.info('session revocation listener back; revocations reloaded');
      } catch (err) {
        this.logger.warn({ err }, 'session revocation listener: reconnect failed');
        const half = this.client;
        this.client = null; // before end(): its 'end' event must not schedule a second reconnect
        await half?.end().catch(() => {});
        this.reconnect(Math.min(delayMs * 2, 10_000));
      }
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
