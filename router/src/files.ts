import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestHandler, Router } from 'express';
import express from 'express';
import { ErrorCode, formatByteSize, graphqlErrorBody, type Logger } from '@hs/kit';
import { type SubgraphEndpoint, serviceBaseUrl } from './supergraph.js';

export const FILE_FETCH_TIMEOUT_MS = 15_000;
/** A streamed export starts once its first batch is read; after that it may take as long as it takes. */
export const DOWNLOAD_START_TIMEOUT_MS = 30_000;
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'content-disposition',
  'x-content-type-options',
];

const SIGNED_QUERY = ['exp', 'sig', 'uid'];

/**
 * Files go through short-lived signed URLs that the owning subgraph issues (in a GraphQL field or
 * mutation) and checks; the router only passes the requests through, so clients still never talk
 * to a subgraph, and carries no token (an <img src> cannot send one):
 * - GET /files/<subgraph>/<sha256>?exp&sig — a download;
 * - POST /files/<subgraph>/upload/<purpose>?uid&exp&sig — one file's bytes (ADR 0008), at most
 *   `maxUploadBytes` here; the subgraph applies the purpose's own type and size rules;
 * - GET /files/<subgraph>/download?t — an export, template or record behind a download link
 *   (ADR 0013), streamed through as the subgraph writes it.
 */
export function fileRoutes(
  subgraphs: readonly SubgraphEndpoint[],
  rateLimit: RequestHandler,
  maxUploadBytes: number,
  logger: Logger,
): Router {
  const byName = new Map(subgraphs.map((s) => [s.name.toLowerCase(), s.url]));
  const router = express.Router();
  const signedQuery = (req: express.Request) => {
    const query = new URLSearchParams();
    for (const key of SIGNED_QUERY) if (typeof req.query[key] === 'string') query.set(key, req.query[key] as string);
    return query;
  };
  const relay = async (res: express.Response, upstream: globalThis.Response) => {
    res.status(upstream.status);
    for (const header of PASSED_HEADERS) {
      const value = upstream.headers.get(header);
      if (value) res.set(header, value);
    }
    res.end(Buffer.from(await upstream.arrayBuffer()));
  };
  const unavailable = (res: express.Response, error: unknown, subgraph: string) => {
    logger.warn({ err: error, subgraph }, 'file request failed upstream');
    res.status(502).json(graphqlErrorBody(ErrorCode.UPSTREAM_UNAVAILABLE, '文件服务暂时不可用，请稍后重试'));
  };

  router.post(
    '/files/:subgraph/upload/:purpose',
    rateLimit,
    express.raw({ type: () => true, limit: maxUploadBytes }),
    async (req: express.Request, res: express.Response) => {
      const { subgraph, purpose } = req.params as { subgraph: string; purpose: string };
      const url = byName.get(subgraph.toLowerCase());
      if (!url || !/^[A-Z][A-Z0-9_]{0,40}$/.test(purpose)) {
        res.status(404).json(graphqlErrorBody(ErrorCode.NOT_FOUND, '上传地址不存在'));
        return;
      }
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const upstream = await fetch(`${serviceBaseUrl(url)}/files/upload/${purpose}?${signedQuery(req)}`, {
          method: 'POST',
          headers: { 'content-type': req.header('content-type') ?? 'application/octet-stream' },
          body: new Uint8Array(body),
          signal: AbortSignal.timeout(FILE_FETCH_TIMEOUT_MS),
        });
        await relay(res, upstream);
      } catch (error) {
        unavailable(res, error, subgraph);
      }
    },
    // The body parser's refusal (too large, aborted) as a JSON error, not the router's generic one.
    (error: { type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error.type !== 'entity.too.large') return next(error);
      res.status(413).json(
        graphqlErrorBody(ErrorCode.PAYLOAD_TOO_LARGE, `文件过大：不能超过 ${formatByteSize(maxUploadBytes)}`, {
          maxBytes: maxUploadBytes,
        }),
      );
    },
  );

  router.get('/files/:subgraph/download', rateLimit, async (req, res) => {
    const url = byName.get(String(req.params.subgraph).toLowerCase());
    const token = req.query.t;
    if (!url || typeof token !== 'string') {
      res.status(404).json(graphqlErrorBody(ErrorCode.NOT_FOUND, '下载内容不存在'));
      return;
    }
    const abort = new AbortController();
    const startTimer = setTimeout(() => abort.abort(), DOWNLOAD_START_TIMEOUT_MS);
    res.on('close', () => abort.abort());
    try {
      const upstream = await fetch(`${serviceBaseUrl(url)}/files/download?${new URLSearchParams({ t: token })}`, {
        signal: abort.signal,
      });
      clearTimeout(startTimer);
      res.status(upstream.status);
      for (const header of PASSED_HEADERS) {
        const value = upstream.headers.get(header);
        if (value) res.set(header, value);
      }
      if (!upstream.body) {
        res.end();
        return;
      }
      await pipeline(Readable.fromWeb(upstream.body as never), res);
    } catch (error) {
      clearTimeout(startTimer);
      if (res.headersSent) {
        logger.warn({ err: error, subgraph: req.params.subgraph }, 'download cut short');
        res.destroy();
      } else unavailable(res, error, String(req.params.subgraph));
    }
  });

  router.get('/files/:subgraph/:name', rateLimit, async (req, res) => {
    const { subgraph, name } = req.params as { subgraph: string; name: string };
    const url = byName.get(subgraph.toLowerCase());
    if (!url || !/^[0-9a-f]{64}$/.test(name)) {
      res.status(404).json(graphqlErrorBody(ErrorCode.NOT_FOUND, '文件不存在'));
      return;
    }
    try {
      const upstream = await fetch(`${serviceBaseUrl(url)}/files/${name}?${signedQuery(req)}`, {
        signal: AbortSignal.timeout(FILE_FETCH_TIMEOUT_MS),
      });
      await relay(res, upstream);
    } catch (error) {
      unavailable(res, error, subgraph);
    }
  });
  return router;
}
