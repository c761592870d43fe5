import type { RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type pg from 'pg';
import { ErrorCode, graphqlErrorBody, type Logger } from '@hs/kit';
import type { RouterContext } from './auth.js';
import type { Limits } from './limits.js';

const WINDOW_MS = 60_000;

const limited = graphqlErrorBody(ErrorCode.RATE_LIMITED, '请求过于频繁，请稍后再试');

function erlLogger(logger: Logger) {
  return {
    error: (error: unknown, message?: string) => logger.error({ err: error }, message ?? 'express-rate-limit error'),
    warn: (error: unknown, message?: string) => logger.warn({ err: error }, message ?? 'express-rate-limit warning'),
  };
}

/**
 * express-rate-limit counters in PostgreSQL (UNLOGGED router.rate_limit), so every router replica
 * counts against one limit (ADR 0003). Fixed window by the database's clock, one upsert per hit:
 * a row per key holds the current window and its hits; a hit in a newer window restarts the count.
 */
export class PgRateLimitStore implements Store {
  private windowMs = WINDOW_MS;
  /** Keys of different limiters must not meet in the one table. */
  readonly prefix: string;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    prefix: string,
  ) {
    this.prefix = `${prefix}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    // Keys of clients that went quiet: gone once their window is two windows old.
    this.sweeper = setInterval(() => void this.sweep().catch(() => {}), this.windowMs);
    this.sweeper.unref();
  }

  private info(row: { hits: number; window_start: string }): ClientRateLimitInfo {
    return { totalHits: row.hits, resetTime: new Date((Number(row.window_start) + 1) * this.windowMs) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.pool.query<{ hits: number; window_start: string }>(
      `insert into "router"."rate_limit" as r ("key", "window_start", "hits")
         values ($1, floor(extract(epoch from now()) * 1000 / $2), 1)
       on conflict ("key") do update
         set "hits" = case when r."window_start" >= excluded."window_start" then r."hits" + 1 else 1 end,
             "window_start" = greatest(r."window_start", excluded."window_start")
       returning "hits", "window_start"`,
      [this.prefix + key, this.windowMs],
    );
    return this.info(rows[0]);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.pool.query<{ hits: number; window_start: string }>(
      `select "hits", "window_start" from "router"."rate_limit"
        where "key" = $1 and "window_start" = floor(extract(epoch from now()) * 1000 / $2)`,
      [this.prefix + key, this.windowMs],
    );
    return rows[0] ? this.info(rows[0]) : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.pool.query(`update "router"."rate_limit" set "hits" = greatest("hits" - 1, 0) where "key" = $1`, [
      this.prefix + key,
    ]);
  }

  async resetKey(key: string): Promise<void> {
    await this.pool.query(`delete from "router"."rate_limit" where "key" = $1`, [this.prefix + key]);
  }

  async shutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private async sweep(): Promise<void> {
    await this.pool.query(
      `delete from "router"."rate_limit"
        where "key" like $1 and "window_start" < floor(extract(epoch from now()) * 1000 / $2) - 1`,
      [`${this.prefix.replace(/[\\%_]/g, '\\$&')}%`, this.windowMs],
    );
  }
}

/**
 * Limit per client address (runs before anything else on its route). `name` keeps the counters of
 * different routes apart (e.g. 'graphql-ip', 'files-ip').
 */
export function perIpRateLimit(
  limits: Pick<Limits, 'ratePerMinutePerIp'>,
  logger: Logger,
  pool: pg.Pool,
  name = 'ip',
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.ratePerMinutePerIp,
    identifier: `per-${name}`,
    store: new PgRateLimitStore(pool, name),
    // The database down costs its own features, not every request: counting resumes with it.
    passOnStoreError: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).json(limited),
    logger: erlLogger(logger),
  });
}

/** Limit per signed-in user (after authentication; anonymous requests are skipped). */
export function perUserRateLimit(
  limits: Pick<Limits, 'ratePerMinutePerUser'>,
  logger: Logger,
  pool: pg.Pool,
): RequestHandler {
  const callerOf = (res: { locals: Record<string, unknown> }) =>
    (res.locals.routerContext as RouterContext | undefined)?.caller ?? null;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.ratePerMinutePerUser,
    identifier: 'per-user',
    store: new PgRateLimitStore(pool, 'user'),
    passOnStoreError: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (_req, res) => callerOf(res) === null,
    keyGenerator: (_req, res) => callerOf(res)!.userId,
    handler: (_req, res) => void res.status(429).json(limited),
    logger: erlLogger(logger),
  });
}
