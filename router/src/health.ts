import type { Router } from 'express';
import express from 'express';
import type { SubgraphEndpoint } from './supergraph.js';
import { serviceBaseUrl } from './supergraph.js';

export const READINESS_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'up' | 'down'>;
  down: string[];
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

/** GET /healthz: the process is up. GET /readyz: every subgraph answers its /healthz. */
export function healthRoutes(subgraphs: readonly SubgraphEndpoint[]): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(subgraphs);
    res.set('cache-control', 'no-store');
    if (readiness.ready) {
      res.json({ status: 'ready', subgraphs: readiness.subgraphs });
    } else {
      res.status(503).json({
        status: 'unavailable',
        message: `以下子图不可用：${readiness.down.join('、')}`,
        down: readiness.down,
        subgraphs: readiness.subgraphs,
      });
    }
  });
  return router;
}
