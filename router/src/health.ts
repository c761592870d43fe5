import type { Router } from 'express';
import express from 'express';
import type pg from 'pg';
import type { SubgraphEndpoint } from './supergraph.js';
import { serviceBaseUrl } from './supergraph.js';

export const READINESS_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'up' | 'down'>;
  down: string[];
}

/**
 * The router's own database: without it no mutation runs (its audit row has nowhere to go, ADR 0004)
 * and no revocation arrives, so a router that cannot reach it is not ready.
 */
export async function checkDatabase(pool: pg.Pool, timeoutMs = READINESS_TIMEOUT_MS): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => (timer = setTimeout(() => resolve('down'), timeoutMs)));
  const ping = pool.query('select 1').then(
    () => 'up' as const,
    () => 'down' as const,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks every subgraph's own GET /healthz, in parallel; a subgraph is up only on a 2xx answer. */
export async function checkReadiness(
  subgraphs: readonly SubgraphEndpoint[],
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const response = await fetch(`${serviceBaseUrl(url)}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel().catch(() => {});
        return [name, response.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  const down = results.filter(([, state]) => state === 'down').map(([name]) => name);
  return { ready: down.length === 0, subgraphs: Object.fromEntries(results), down };
}

/** GET /healthz: the process is up. GET /readyz: every subgraph answers its /healthz and the router's database answers. */
export function healthRoutes(subgraphs: readonly SubgraphEndpoint[], pool: pg.Pool): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [readiness, database] = await Promise.all([checkReadiness(subgraphs), checkDatabase(pool)]);
    res.set('cache-control', 'no-store');
    if (readiness.ready && database === 'up') {
      res.json({ status: 'ready', subgraphs: readiness.subgraphs, database });
    } else {
      const problems = [
        ...(readiness.down.length ? [`以下子图不可用：${readiness.down.join('、')}`] : []),
        ...(database === 'down' ? ['网关数据库不可用（审计与会话吊销依赖它）'] : []),
      ];
      res.status(503).json({
        status: 'unavailable',
        message: problems.join('；'),
        down: readiness.down,
        subgraphs: readiness.subgraphs,
        database,
      });
    }
  });
  return router;
}
