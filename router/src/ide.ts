import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { safeHost } from './security.js';

/**
 * The offline GraphQL IDE (GraphiQL 3.8.3 on React 18) for people on the bureau's intranet:
 * every file comes from node_modules, nothing from a CDN. Queries and mutations go over HTTP,
 * subscriptions over graphql-ws, both to /graphql; the header editor carries Authorization
 * (for subscriptions GraphiQL sends the headers as connection params).
 */

export const IDE_PATH = '/graphiql';
export const IDE_ASSETS_PATH = `${IDE_PATH}/assets`;

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Asset name -> file on disk. */
export function ideAssetFiles(): Record<string, string> {
  const graphiql = require.resolve('graphiql/graphiql.min.js');
  return {
    'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
    'react-dom.production.min.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    'graphiql.min.js': graphiql,
    'graphiql.min.js.map': `${graphiql}.map`,
    'graphiql.min.css': require.resolve('graphiql/graphiql.min.css'),
  };
}

const INIT_SCRIPT = `(function () {
  'use strict';
  var httpUrl = new URL('/graphql', window.location.href).toString();
  var wsUrl = httpUrl.replace(/^http/, 'ws');
  var fetcher = GraphiQL.createFetcher({ url: httpUrl, subscriptionUrl: wsUrl });
  var defaultQuery = [
    '# 黄石市建筑业一体化监管平台 · GraphQL 调试台',
    '#',
    '# 在下方“Headers”中填写登录后获得的访问令牌：',
    '#   { "Authorization": "Bearer <访问令牌>" }',
    '# 查询与变更通过 HTTP 发送，订阅（subscription）通过 WebSocket 发送到同一地址。',
    '',
    'query {',
    '  __typename',
    '}',
    ''
  ].join('\\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultHeaders: '{\\n  "Authorization": "Bearer "\\n}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers'
    })
  );
})();
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>GraphQL 调试台 · 黄石市建筑业一体化监管平台</title>
<link rel="stylesheet" href="${IDE_ASSETS_PATH}/graphiql.min.css">
<link rel="stylesheet" href="${IDE_ASSETS_PATH}/ide.css">
</head>
<body>
<div id="graphiql">正在加载 GraphQL 调试台…</div>
<noscript>GraphQL 调试台需要启用 JavaScript。</noscript>
<script src="${IDE_ASSETS_PATH}/react.production.min.js"></script>
<script src="${IDE_ASSETS_PATH}/react-dom.production.min.js"></script>
<script src="${IDE_ASSETS_PATH}/graphiql.min.js"></script>
<script src="${IDE_ASSETS_PATH}/init.js"></script>
</body>
</html>
`;

const IDE_CSS = 'html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }\n';

export function ideCsp(req: Request): string {
  const host = safeHost(req);
  const ws = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function sendIdePage(req: Request, res: Response): void {
  res.setHeader('Content-Security-Policy', ideCsp(req));
  res.setHeader('Cache-Control', 'no-cache');
  res.type('html').send(PAGE);
}

/** True for a browser asking for a page: GET that prefers text/html over JSON. */
export function wantsHtml(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const preferred = req.accepts([
    'application/json',
    'application/graphql-response+json',
    'multipart/mixed',
    'text/html',
  ]);
  return preferred === 'text/html';
}

/** GET /graphiql (page) and /graphiql/assets/* (files from node_modules). */
export function ideRoutes(): Router {
  const router = express.Router();
  const files = ideAssetFiles();
  router.get(IDE_PATH, sendIdePage);
  router.get(`${IDE_ASSETS_PATH}/init.js`, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/javascript').send(INIT_SCRIPT);
  });
  router.get(`${IDE_ASSETS_PATH}/ide.css`, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/css').send(IDE_CSS);
  });
  router.get(`${IDE_ASSETS_PATH}/:file`, (req, res, next) => {
    const file = files[req.params.file as string];
    if (!file || !Object.hasOwn(files, req.params.file as string)) return next();
    // Versions are pinned in package.json, so a day of caching is safe; revalidated by ETag after.
    res.sendFile(file, { maxAge: '1d', dotfiles: 'deny' });
  });
  return router;
}
