import type { RequestHandler, Router } from 'express';
import express from 'express';
import { ErrorCode, type Logger } from '@hs/kit';
import { graphqlErrorBody } from './errors.js';
import { type SubgraphEndpoint, serviceBaseUrl } from './supergraph.js';

export const FILE_FETCH_TIMEOUT_MS = 15_000;
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'content-disposition',
  'x-content-type-options',
];

/**
 * GET /files/<subgraph>/<sha256>?exp=…&sig=…: files are downloaded through short-lived signed URLs
 * that the owning subgraph issues (in a GraphQL field) and checks; the router only passes the request
 * through, so clients still never talk to a subgraph. No token: an <img src> cannot send one.
 */
export function fileRoutes(subgraphs: readonly SubgraphEndpoint[], rateLimit: RequestHandler, logger: Logger): Router {
  const byName = new Map(subgraphs.map((s) => [s.name.toLowerCase(), s.url]));
  const router = express.Router();
  router.get('/files/:subgraph/:name', rateLimit, async (req, res) => {
    const { subgraph, name } = req.params as { subgraph: string; name: string };
    const url = byName.get(subgraph.toLowerCase());
    if (!url || !/^[0-9a-f]{64}$/.test(name)) {
      res.status(404).json(graphqlErrorBody(ErrorCode.NOT_FOUND, '文件不存在'));
      return;
    }
    const query = new URLSearchParams();
    for (const key of ['exp', 'sig']) if (typeof req.query[key] === 'string') query.set(key, req.query[key] as string);
    try {
      const upstream = await fetch(`${serviceBaseUrl(url)}/files/${name}?${query}`, {
        signal: AbortSignal.timeout(FILE_FETCH_TIMEOUT_MS),
      });
      res.status(upstream.status);
      for (const header of PASSED_HEADERS) {
        const value = upstream.headers.get(header);
        if (value) res.set(header, value);
      }
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      logger.warn({ err: error, subgraph }, 'file download failed upstream');
      res.status(502).json(graphqlErrorBody(ErrorCode.UPSTREAM_UNAVAILABLE, '文件服务暂时不可用，请稍后重试'));
    }
  });
  return router;
}
