import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
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

/** In-memory limit per client address (runs before anything else on /graphql). */
export function perIpRateLimit(limits: Pick<Limits, 'ratePerMinutePerIp'>, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.ratePerMinutePerIp,
    identifier: 'per-ip',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).json(limited),
    logger: erlLogger(logger),
  });
}

/** In-memory limit per signed-in user (after authentication; anonymous requests are skipped). */
export function perUserRateLimit(limits: Pick<Limits, 'ratePerMinutePerUser'>, logger: Logger): RequestHandler {
  const callerOf = (res: { locals: Record<string, unknown> }) =>
    (res.locals.routerContext as RouterContext | undefined)?.caller ?? null;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.ratePerMinutePerUser,
    identifier: 'per-user',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (_req, res) => callerOf(res) === null,
    keyGenerator: (_req, res) => `user:${callerOf(res)!.userId}`,
    handler: (_req, res) => void res.status(429).json(limited),
    logger: erlLogger(logger),
  });
}
