import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Router } from 'express';
import { SPA_CSP } from './security.js';

/**
 * Built single-page apps (admin at /admin, dashboard at /dashboard) in all-in-one mode.
 * Hashed files under assets/ are cached for a year; index.html is revalidated every time, and
 * any other GET for a page (no file extension, HTML accepted) under the mount path gets
 * index.html (client-side routing).
 */
export function staticAppRoutes(apps: Record<string, string>): Router {
  const router = express.Router();
  for (const [mountPath, dir] of Object.entries(apps)) {
    const mount = `/${mountPath.replace(/^\/+|\/+$/g, '')}`;
    const root = resolve(dir);
    const index = join(root, 'index.html');
    if (!existsSync(index)) throw new Error(`static app for ${mount}: ${index} does not exist (build it first)`);
    router.use(mount, (_req, res, next) => {
      res.setHeader('Content-Security-Policy', SPA_CSP);
      next();
    });
    router.use(
      mount,
      express.static(root, {
        index: false,
        dotfiles: 'ignore',
        fallthrough: true,
        setHeaders(res, path) {
          res.setHeader(
            'Cache-Control',
            /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    );
    router.use(mount, (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      // A missing file (has an extension) is a 404, not the app's page.
      if (/\.[^/]+$/.test(req.path) || req.accepts(['html', 'json']) !== 'html') return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  return router;
}
