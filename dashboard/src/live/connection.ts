import { createClient, type Client } from 'graphql-ws';
import { reactive } from 'vue';
import { GRAPHQL_PATH } from '../api/graphql';
import { accessToken, auth, onTokenChange, tokenRejected } from '../auth/session';

/**
 * The page's ONE graphql-ws connection (same /graphql path as HTTP). It authenticates with a
 * `connectionParams` function, so every (re)connect presents the current access token; it retries
 * forever with exponential back-off capped at 30 s; it pings every 10 s and drops a socket whose
 * pong does not come back within 5 s; and when the access token is renewed it reconnects so the
 * router never has to close it at the old token's expiry (4403).
 *
 * `live.status` drives the title bar's indicator: connecting / connected (正常) / reconnecting
 * (重连中) / disconnected (断开: no login, browser offline, or still failing after 5 attempts).
 */

export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export const live = reactive({
  status: 'idle' as LiveStatus,
  /** Failed attempts since the last good connection. */
  failures: 0,
  /** When the next attempt starts (ms since epoch), while waiting. */
  nextAttemptAt: null as number | null,
  connectedAt: null as number | null,
  lastEventAt: null as number | null,
  /** Subscriptions whose source behind the router is down (the socket itself may be fine). */
  interrupted: 0,
});

/**
 * What the router sends in `extensions.subscription` of a `next` without data (ADR 0010):
 * INTERRUPTED when the subscription's source drops, RESYNC once it is subscribed again.
 */
interface SubscriptionSignal {
  status: 'INTERRUPTED' | 'RESYNC';
  message: string;
}

function signalOf(extensions: unknown): SubscriptionSignal | null {
  const signal = (extensions as { subscription?: Partial<SubscriptionSignal> } | undefined)?.subscription;
  return signal?.status === 'INTERRUPTED' || signal?.status === 'RESYNC' ? (signal as SubscriptionSignal) : null;
}

const RETRY_CAP_MS = 30_000;
const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;
/** After this many failed attempts in a row the indicator says 断开 (it keeps retrying every ≤ 30 s). */
const DISCONNECTED_AFTER = 5;
/** Application close codes (4000–4999 are ours): the client retries them. */
const CLOSE_TOKEN_RENEWED = 4000;
const CLOSE_PONG_TIMEOUT = 4408;
const FORBIDDEN = 4403;

/** 1 s, 2 s, 4 s … capped at 30 s, ±20 % jitter so a room of screens does not reconnect in step. */
export function retryDelay(retries: number): number {
  return Math.round(Math.min(RETRY_CAP_MS, 1000 * 2 ** retries) * (0.8 + Math.random() * 0.4));
}

function wsUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

let client: Client | null = null;
let socket: WebSocket | null = null;
let everConnected = false;
let restartRequested = false;
let pongTimer: ReturnType<typeof setTimeout> | undefined;
const reconnectListeners = new Set<() => void>();

function markDown() {
  if (!navigator.onLine || auth.phase === 'login' || live.failures >= DISCONNECTED_AFTER) live.status = 'disconnected';
  else live.status = everConnected ? 'reconnecting' : 'connecting';
}

export function liveClient(): Client {
  if (client) return client;
  client = createClient({
    url: wsUrl,
    lazy: true,
    keepAlive: PING_INTERVAL_MS,
    retryAttempts: Infinity,
    // Every failure is worth another try: network errors, closes, a token we could not get.
    shouldRetry: () => true,
    connectionParams: async () => ({ authorization: `Bearer ${await accessToken()}` }),
    retryWait: async (retries) => {
      if (restartRequested) {
        // Our own restart after a token renewal: reconnect at once, it is not an outage.
        restartRequested = false;
        return;
      }
      live.failures = retries + 1;
      const delay = retryDelay(retries);
      live.nextAttemptAt = Date.now() + delay;
      markDown();
      await new Promise((r) => setTimeout(r, delay));
      live.nextAttemptAt = null;
    },
    on: {
      connecting: () => {
        if (live.status === 'idle') live.status = 'connecting';
      },
      connected: (s) => {
        socket = s as WebSocket;
        const wasReconnect = everConnected;
        everConnected = true;
        live.status = 'connected';
        live.failures = 0;
        live.nextAttemptAt = null;
        live.connectedAt = Date.now();
        // Events may have been missed while we were away: let the store catch up.
        if (wasReconnect) for (const l of reconnectListeners) l();
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (socket?.readyState === WebSocket.OPEN) socket.close(CLOSE_PONG_TIMEOUT, 'Pong timeout');
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        socket = null;
        clearTimeout(pongTimer);
        const code = (event as CloseEvent | undefined)?.code;
        // The router refused or expired our token: get a fresh one before the next attempt.
        if (code === FORBIDDEN) tokenRejected().catch(() => {});
        if (live.status === 'connected' && !restartRequested) markDown();
      },
    },
  });
  onTokenChange((reason) => {
    if (reason === 'renewed' && socket?.readyState === WebSocket.OPEN) {
      restartRequested = true;
      socket.close(CLOSE_TOKEN_RENEWED, 'Token renewed');
    } else if (reason === 'cleared') {
      // Signed out or the link was refused: no more data on this socket.
      live.status = 'disconnected';
      socket?.close(4001, 'Signed out');
    }
  });
  window.addEventListener('offline', () => {
    live.status = 'disconnected';
    socket?.close(4001, 'Browser offline');
  });
  return client;
}

/** Called after every reconnect (not the first connect). */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/**
 * A subscription that stays up: if the server ends it or answers with an error (e.g. while the
 * token was being renewed), it subscribes again with back-off. `onMissed` is called once each time
 * events may have been missed: the router's RESYNC after its source was down, or a subscription
 * started again here. Returns the unsubscribe function.
 */
export function subscribeForever<T>(
  query: string,
  variables: Record<string, unknown>,
  onData: (data: T) => void,
  options: { onError?: (message: string) => void; onMissed?: () => void } = {},
): () => void {
  const { onError = () => {}, onMissed = () => {} } = options;
  let stopped = false;
  let dispose: (() => void) | null = null;
  let failures = 0;
  let started = false;
  let interrupted = false;
  const setInterrupted = (value: boolean) => {
    if (interrupted === value) return;
    interrupted = value;
    live.interrupted += value ? 1 : -1;
  };
  const start = () => {
    if (stopped) return;
    setInterrupted(false);
    // Events published between the end of the last subscription and this one are lost.
    if (started) onMissed();
    started = true;
    dispose = liveClient().subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          const signal = signalOf(result.extensions);
          if (signal?.status === 'INTERRUPTED') {
            setInterrupted(true);
            onError(signal.message);
            return;
          }
          if (signal?.status === 'RESYNC') {
            setInterrupted(false);
            onMissed();
            return;
          }
          if (result.data) {
            failures = 0;
            live.lastEventAt = Date.now();
            onData(result.data as T);
          }
          if (result.errors?.length) onError(result.errors[0].message);
        },
        error: (error) => {
          const message = Array.isArray(error)
            ? String(error[0]?.message ?? error[0])
            : error instanceof Error
              ? error.message
              : '订阅中断';
          onError(message);
          setTimeout(start, retryDelay(failures++));
        },
        complete: () => {
          if (!stopped) setTimeout(start, retryDelay(failures++));
        },
      },
    );
  };
  start();
  return () => {
    stopped = true;
    setInterrupted(false);
    dispose?.();
  };
}
