import type { Writable } from 'node:stream';
import type { Express, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Caller } from '../caller.js';
import type { BaseContext } from '../context.js';
import { isConnectionLost } from '../db.js';
import { ErrorCode, graphqlErrorBody } from '../errors.js';
import type { Logger } from '../logger.js';
import { openDownloadLink } from './download-link.js';
import { type ListSheet, writeListWorkbook, XLSX_MIME } from './list-workbook.js';

/** One kind of file a subgraph hands out through download links (a list export, a template, a record). */
export interface DownloadDefinition<Ctx extends BaseContext = BaseContext> {
  mimeType: string;
  /** Writes the whole file to `out`, as the caller sealed in the link may see it. */
  write(ctx: Ctx, args: Record<string, unknown>, out: Writable): Promise<void>;
}

/** A list as a streamed workbook: the sheet's layout and the rows in batches, both from the link's arguments. */
export function listDownload<Ctx extends BaseContext, Row, Args = Record<string, unknown>>(list: {
  sheet(ctx: Ctx, args: Args): ListSheet<Row> | Promise<ListSheet<Row>>;
  batches(ctx: Ctx, args: Args): AsyncIterable<Row[]>;
}): DownloadDefinition<Ctx> {
  return {
    mimeType: XLSX_MIME,
    async write(ctx, args, out) {
      const sheet = await list.sheet(ctx, args as Args);
      await writeListWorkbook(out, sheet, list.batches(ctx, args as Args));
    },
  };
}

/** A file built in memory (a Word record, a template): for documents, not for long lists. */
export function bufferDownload<Ctx extends BaseContext>(
  mimeType: string,
  build: (ctx: Ctx, args: Record<string, unknown>) => Promise<Buffer>,
): DownloadDefinition<Ctx> {
  return {
    mimeType,
    async write(ctx, args, out) {
      const bytes = await build(ctx, args);
      await new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Reads a list in batches of `size` within one REPEATABLE READ transaction, so that a long export is
 * one consistent snapshot (rows changing meanwhile are neither doubled nor skipped by the offsets).
 */
export async function* batchesOf<Row>(
  ctx: BaseContext,
  page: (offset: number, limit: number) => Promise<Row[]>,
  size = 500,
): AsyncGenerator<Row[]> {
  const connection = ctx.em.getConnection();
  const knex = connection.getKnex();
  const trx = await knex.transaction(undefined, { isolationLevel: 'repeatable read' });
  const em = ctx.em;
  try {
    em.setTransactionContext(trx);
    for (let offset = 0; ; offset += size) {
      const rows = await page(offset, size);
      if (rows.length) yield rows;
      em.clear();
      if (rows.length < size) break;
    }
    await trx.commit();
  } catch (error) {
    await trx.rollback().catch(() => undefined);
    throw error;
  } finally {
    em.resetTransactionContext();
  }
}

const contentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json(graphqlErrorBody(code, message));
}

/**
 * GET /files/download?t=<link> — the target of the router's /files/<subgraph>/download pass-through.
 * The link is the authorisation (a browser download sends no bearer token): it was issued by a
 * GraphQL field that checked the caller's permission and carries that caller, whose data scope the
 * file is then built under. Errors before the first byte are GraphQL-shaped JSON with a Chinese
 * message; an error after it can only cut the download short, which the browser shows as failed.
 */
export function mountDownloadRoute<Ctx extends BaseContext>(
  app: Express,
  options: {
    subgraph: string;
    fieldKey: string;
    now: () => Date;
    logger: Logger;
    downloads: Readonly<Record<string, DownloadDefinition<Ctx>>>;
    contextFor(caller: Caller | null): Ctx;
  },
): void {
  const { subgraph, fieldKey, now, logger, downloads } = options;
  app.get('/files/download', async (req, res) => {
    const opened = openDownloadLink(fieldKey, subgraph, req.query.t, now());
    if (!opened.ok) {
      return refuse(
        res,
        403,
        ErrorCode.FORBIDDEN,
        opened.reason === 'expired' ? '下载链接已过期，请重新导出' : '下载链接无效',
      );
    }
    const { kind, args, caller, fileName } = opened.request;
    const download = Object.hasOwn(downloads, kind) ? downloads[kind] : undefined;
    if (!download) return refuse(res, 404, ErrorCode.NOT_FOUND, '下载内容不存在');
    res.status(200).set({
      'Content-Type': download.mimeType,
      'Content-Disposition': contentDisposition(fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await download.write(options.contextFor(caller), args, res);
      res.end();
      logger.info({ subgraph, kind, userId: caller?.userId ?? null }, 'file downloaded');
    } catch (error) {
      // A refusal we threw on purpose (the record was deleted after the link was issued, the
      // caller's scope no longer covers it…) keeps its code and Chinese message.
      if (!res.headersSent && error instanceof GraphQLError && typeof error.extensions.code === 'string') {
        res.removeHeader('Content-Disposition');
        const status =
          error.extensions.code === ErrorCode.NOT_FOUND
            ? 404
            : error.extensions.code === ErrorCode.FORBIDDEN
              ? 403
              : 400;
        return refuse(res, status, error.extensions.code, error.message);
      }
      const lost = isConnectionLost(error);
      logger[lost ? 'warn' : 'error']({ err: error, subgraph, kind }, 'download failed');
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        return lost
          ? refuse(res, 503, ErrorCode.DATABASE_UNAVAILABLE, '数据库连接暂时中断，请稍后重试')
          : refuse(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, '文件生成失败，请稍后重试');
      }
      res.destroy(error as Error);
    }
  });
}
