import type { Express } from 'express';
import type { FireRuntime } from '../context.js';
import { checkFileUrl } from './file-url.js';
import { isPng } from './png.js';

/** Content type from the bytes themselves (only images are ever stored here). */
const sniff = (bytes: Buffer) =>
  isPng(bytes) ? 'image/png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : 'application/octet-stream';

/**
 * GET /files/<sha256>?exp=…&sig=… — the target of the router's /files/fire/… pass-through. The
 * signed URL is the authorisation (an <img> sends no token): checked before the disk is touched.
 */
export function mountFileRoute(app: Express, runtime: FireRuntime): void {
  app.get('/files/:sha256', async (req, res) => {
    const { sha256 } = req.params;
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      res.status(404).json({ code: 'NOT_FOUND', message: '文件不存在' });
      return;
    }
    const check = checkFileUrl(runtime.fieldKey, sha256, req.query.exp, req.query.sig, runtime.now());
    if (check !== 'ok') {
      res.status(403).json({
        code: 'FORBIDDEN',
        message: check === 'expired' ? '文件链接已过期，请刷新页面' : '文件链接无效',
      });
      return;
    }
    const bytes = await runtime.files.get(sha256);
    if (!bytes) {
      res.status(404).json({ code: 'NOT_FOUND', message: '文件不存在或已损坏' });
      return;
    }
    const secondsLeft = Math.max(0, Number(req.query.exp) - Math.floor(runtime.now().getTime() / 1000));
    res.set({
      'Content-Type': sniff(bytes),
      'Content-Length': String(bytes.length),
      'Cache-Control': `private, max-age=${secondsLeft}, immutable`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    });
    res.end(bytes);
  });
}
