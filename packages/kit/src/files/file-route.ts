import express, { type Express, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, formatByteSize, graphqlErrorBody } from '../errors.js';
import type { Logger } from '../logger.js';
import { sniffFile } from './content.js';
import { FileStore } from './file-store.js';
import { checkFileUrl, checkUploadUrl } from './file-url.js';
import type { CheckedFile } from './stored-file.js';

/** What one upload purpose accepts; `check` throws an AppError with a Chinese message otherwise. */
export interface UploadPolicy {
  maxBytes: number;
  acceptedTypes: readonly string[];
  check(file: CheckedFile): void;
}

export interface FileRouteOptions {
  /** The subgraph's name, as in /files/<subgraph>/… and in the signed URLs. */
  subgraph: string;
  fieldKey: string;
  files: FileStore;
  now: () => Date;
  logger: Logger;
  /** Upload purposes (absent: this subgraph takes no uploads) and how an accepted file is recorded. */
  uploads?: {
    policies: Readonly<Record<string, UploadPolicy>>;
    record(file: CheckedFile, uploaderId: string): Promise<void>;
  };
}

const SHA256 = /^[0-9a-f]{64}$/;

function fail(res: Response, status: number, code: string, message: string, details?: Record<string, unknown>) {
  res.status(status).json(graphqlErrorBody(code, message, details));
}

const linkRefusal = (check: 'expired' | 'bad-signature', expired: string, bad: string) =>
  check === 'expired' ? expired : bad;

/**
 * The targets of the router's /files/<subgraph>/… pass-through:
 * - GET /files/<sha256>?exp&sig — a download; the signed URL is the authorisation (an <img> sends
 *   no token), checked before the disk is touched; the Content-Type comes from the bytes.
 * - POST /files/upload/<purpose>?uid&exp&sig — one file's bytes as the body; checked by content
 *   against the purpose, stored by SHA-256, answered 201 `{ file: { sha256, mimeType, … } }`.
 * Errors are GraphQL-shaped JSON bodies with a stable code and a Chinese message.
 */
export function mountFileRoutes(app: Express, options: FileRouteOptions): void {
  const { subgraph, fieldKey, files, now, logger, uploads } = options;

  app.get('/files/:sha256', async (req, res) => {
    const { sha256 } = req.params;
    if (!SHA256.test(sha256)) return fail(res, 404, ErrorCode.NOT_FOUND, '文件不存在');
    const check = checkFileUrl(fieldKey, subgraph, sha256, req.query.exp, req.query.sig, now());
    if (check !== 'ok') {
      return fail(res, 403, ErrorCode.FORBIDDEN, linkRefusal(check, '文件链接已过期，请刷新页面', '文件链接无效'));
    }
    const bytes = await files.get(sha256);
    if (!bytes) return fail(res, 404, ErrorCode.NOT_FOUND, '文件不存在或已损坏');
    const secondsLeft = Math.max(0, Number(req.query.exp) - Math.floor(now().getTime() / 1000));
    res.set({
      'Content-Type': sniffFile(bytes)?.mimeType ?? 'application/octet-stream',
      'Content-Length': String(bytes.length),
      'Cache-Control': `private, max-age=${secondsLeft}, immutable`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    });
    res.end(bytes);
  });

  if (!uploads) return;
  app.post('/files/upload/:purpose', (req: Request, res: Response) => {
    const purpose = String(req.params.purpose);
    const policy = Object.hasOwn(uploads.policies, purpose) ? uploads.policies[purpose] : undefined;
    if (!policy) return fail(res, 404, ErrorCode.NOT_FOUND, '上传地址不存在');
    const uid = req.query.uid;
    const check = checkUploadUrl(fieldKey, subgraph, purpose, uid, req.query.exp, req.query.sig, now());
    if (check !== 'ok') {
      req.resume(); // drain the body: the refusal is read by the client, not a reset connection
      return fail(res, 403, ErrorCode.FORBIDDEN, linkRefusal(check, '上传链接已过期，请重新选择文件', '上传链接无效'));
    }
    const tooLarge = () =>
      fail(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `文件过大：不能超过 ${formatByteSize(policy.maxBytes)}`, {
        maxBytes: policy.maxBytes,
      });
    if (Number(req.header('content-length')) > policy.maxBytes) {
      req.resume();
      return tooLarge();
    }
    express.raw({ type: () => true, limit: policy.maxBytes })(req, res, async (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') return tooLarge();
        return fail(res, 400, ErrorCode.BAD_REQUEST, '上传中断或请求无效，请重试');
      }
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) return fail(res, 400, ErrorCode.BAD_USER_INPUT, '文件不能为空');
      const sniffed = sniffFile(bytes);
      const file: CheckedFile = {
        bytes,
        sha256: FileStore.sha256(bytes),
        mimeType: sniffed?.mimeType ?? 'application/octet-stream',
        width: sniffed?.width ?? null,
        height: sniffed?.height ?? null,
      };
      try {
        policy.check(file);
        await uploads.record(file, String(uid));
      } catch (refusal) {
        if (refusal instanceof GraphQLError && typeof refusal.extensions.code === 'string') {
          return fail(res, 400, refusal.extensions.code, refusal.message);
        }
        logger.error({ err: refusal, subgraph, purpose }, 'upload could not be stored');
        return fail(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, '文件保存失败，请稍后重试');
      }
      logger.info({ subgraph, purpose, sha256: file.sha256, bytes: bytes.length, uploaderId: uid }, 'file uploaded');
      const { sha256, mimeType, width, height } = file;
      res.status(201).json({ file: { sha256, mimeType, byteSize: bytes.length, width, height } });
    });
  });
}
