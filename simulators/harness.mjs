// What every SIMULATOR in this directory shares (they stand in for systems outside the bureau, for
// development, tests and demos only): an HTTP server whose answers a test or a demo switches at run
// time. Plain Node.js, no dependencies.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

/**
 * Starts a simulator's server on `options.port` (0: a free one).
 * - `POST /__control` with `{ "mode": …, "delayMs": … }` switches the mode (one of `modes`); with
 *   `{ "touch": n }` a simulator that has `touch(n)` changes n records and answers which.
 * - A request `accepts(req, url)` refuses is 404 (`notFound` message); an accepted one is counted, and
 *   then in mode `down` its connection drops without an answer, in `error` it is a 500 (`busy`
 *   message), in `slow` it is answered after `delayMs`, otherwise (and in the simulator's own modes,
 *   such as `malformed`) by `answer({ req, res, url, body, json, mode })`.
 * Returns { url, mode(), setMode(mode, delayMs?), requests(), close() }.
 */
export async function startSimulatorServer(options) {
  const { modes, accepts, answer, touch, busy = '系统繁忙，请稍后再试（模拟）', notFound = '接口不存在' } = options;
  let mode = options.mode ?? 'normal';
  let delayMs = options.delayMs ?? 5000;
  let requests = 0;
  const setMode = (next, nextDelay) => {
    if (!modes.includes(next)) throw new Error(`mode must be one of ${modes.join(', ')}`);
    mode = next;
    if (typeof nextDelay === 'number') delayMs = nextDelay;
  };

  function handle(req, res, body) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status, payload) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && url.pathname === '/__control') {
      let command;
      try {
        command = JSON.parse(body || '{}');
      } catch {
        return json(400, { code: 400, message: 'invalid JSON' });
      }
      if (touch && command.touch !== undefined) {
        if (!Number.isInteger(command.touch) || command.touch < 1)
          return json(400, { code: 400, message: 'touch must be a positive integer' });
        return json(200, { code: 0, touched: touch(command.touch) });
      }
      if (!modes.includes(command.mode))
        return json(400, { code: 400, message: `mode must be one of ${modes.join(', ')}` });
      setMode(command.mode, typeof command.delayMs === 'number' ? command.delayMs : undefined);
      return json(200, { code: 0, mode, delayMs });
    }
    if (!accepts(req, url)) return json(404, { code: 404, message: notFound });
    requests++;
    if (mode === 'down') {
      req.socket.destroy(); // like a dead upstream: the connection drops without an answer
      return;
    }
    const reply = () => {
      if (mode === 'error') return json(500, { code: 500, message: busy });
      answer({ req, res, url, body, json, mode });
    };
    if (mode === 'slow') setTimeout(reply, delayMs).unref();
    else reply();
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    mode: () => mode,
    setMode,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ------------------------------------------------------------- incremental lists (updatedSince / cursor)

/** The order of an incremental list: by `updatedAt`, then `id`. */
export const byUpdated = (a, b) =>
  a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const encodeCursor = (e) => Buffer.from(`${e.updatedAt}|${e.id}`, 'utf8').toString('base64url');
function decodeCursor(cursor) {
  const [updatedAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || Number.isNaN(Date.parse(updatedAt ?? ''))) return null;
  return { updatedAt, id };
}
const after = (e, key) => e.updatedAt > key.updatedAt || (e.updatedAt === key.updatedAt && e.id > key.id);

/** First index in the sorted list whose record comes after `key`. */
function firstAfter(list, key) {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(list[mid], key)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Answers `GET …?updatedSince=<ISO 8601>&cursor=<opaque>&limit=<n>` over `sorted` (byUpdated order):
 * the records changed at or after `updatedSince` (so a checkpoint of the last record's own
 * updatedAt loses nothing), or after the `cursor` of the previous page (which wins), `limit` (1 to
 * `maxLimit`, default `defaultLimit`) at a time, each as `present(record, position)`;
 * `nextCursor` is null on the last page. Bad parameters → 400.
 */
export function answerChanges(url, json, sorted, { defaultLimit = 100, maxLimit = 500, present = (r) => r } = {}) {
  const since = url.searchParams.get('updatedSince');
  const cursor = url.searchParams.get('cursor');
  const limitText = url.searchParams.get('limit');
  const limit = limitText == null ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    return json(400, { code: 400, message: `limit 应为 1～${maxLimit} 的整数` });
  let start = 0;
  if (cursor) {
    const key = decodeCursor(cursor);
    if (!key) return json(400, { code: 400, message: 'cursor 无效' });
    start = firstAfter(sorted, key);
  } else if (since) {
    if (Number.isNaN(Date.parse(since))) return json(400, { code: 400, message: 'updatedSince 应为 ISO 8601 时间' });
    start = firstAfter(sorted, { updatedAt: new Date(Date.parse(since) - 1).toISOString(), id: '\uffff' });
  }
  const page = sorted.slice(start, start + limit);
  const items = page.map((r, i) => present(r, start + i));
  const nextCursor = start + limit < sorted.length && page.length ? encodeCursor(page[page.length - 1]) : null;
  json(200, { code: 0, message: 'ok', data: { items, nextCursor } });
}
