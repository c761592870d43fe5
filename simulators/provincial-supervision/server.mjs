// SIMULATOR of the 湖北省住房和城乡建设厅 工程质量安全监督系统 (provincial quality and safety supervision
// system) inspection interface, for development, tests and demos only. It is NOT the real system;
// README.md says what the real interface is assumed to look like.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { inspectionAt, utcDay } from './data.mjs';

export const MODES = ['normal', 'slow', 'down', 'error', 'malformed'];
export const DEFAULT_APP_KEY = 'hs-zlaq-supervision';
export const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

const encodeCursor = (e) => Buffer.from(`${e.updatedAt}|${e.id}`, 'utf8').toString('base64url');
function decodeCursor(cursor) {
  const [updatedAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || Number.isNaN(Date.parse(updatedAt ?? ''))) return null;
  return { updatedAt, id };
}
const after = (e, key) => e.updatedAt > key.updatedAt || (e.updatedAt === key.updatedAt && e.id > key.id);
const byUpdated = (a, b) =>
  a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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

/** The n-th wrong record of mode 'malformed' (list positions p with p % 7 === 3), the variants in turn. */
function malformedRecord(record, n) {
  const variants = [
    () => ({ ...record, inspectionDate: '上周三' }),
    () => ({ ...record, type: '综合' }),
    () => ({ ...record, problems: '问题清单见附件' }),
    () => ({ ...record, problems: record.problems.length ? [{ ...record.problems[0], riskLevel: 7 }] : [{ seq: 1 }] }),
  ];
  return variants[n % variants.length]();
}

/**
 * Starts the simulator. Options: inspections (default 400), projects (the codes of projects the
 * city knows, [{ projectCode, permitNo, projectName }]; setProjects changes them), mode (one of
 * MODES), delayMs (for 'slow', default 5 s), appKey, port, host, now (a clock, for tests).
 */
export async function startProvincialSupervisionSimulator(options = {}) {
  const count = options.inspections ?? 400;
  const appKey = options.appKey ?? DEFAULT_APP_KEY;
  const now = options.now ?? (() => Date.now());
  let mode = options.mode ?? 'normal';
  let delayMs = options.delayMs ?? 5000;
  let requests = 0;
  let touches = 0;
  let projects = options.projects ?? [];
  const today = utcDay(new Date(now()));
  const revisions = new Map();
  let records = [];
  let sorted = [];

  function generate() {
    records = Array.from({ length: count }, (_, i) => inspectionAt(i, projects, today, revisions.get(i) ?? 0));
    sorted = [...records].sort(byUpdated);
  }
  generate();

  /** Changes `n` inspections (the next in a fixed order): a new revision of their rectification, updated after every other. */
  function touch(n = 10) {
    const changed = [];
    let stamp = Math.max(now(), Date.parse(sorted[sorted.length - 1]?.updatedAt ?? 0) + 1);
    for (let k = 0; k < Math.min(n, count); k++) {
      const index = (touches * 37 + 5) % count;
      touches++;
      const revision = (revisions.get(index) ?? 0) + 1;
      revisions.set(index, revision);
      records[index] = {
        ...inspectionAt(index, projects, today, revision),
        updatedAt: new Date(stamp++).toISOString(),
      };
      changed.push(records[index].id);
    }
    sorted = [...records].sort(byUpdated);
    return changed;
  }

  const sockets = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  function handle(req, res, body) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status, payload) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && url.pathname === '/__control') return control(body, json);
    if (!url.pathname.startsWith('/api/v1/')) return json(404, { code: 404, message: '接口不存在' });
    requests++;
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    const answer = () => {
      if (mode === 'error') return json(500, { code: 500, message: '系统繁忙，请稍后再试（模拟）' });
      if (req.headers.authorization !== `Bearer ${appKey}`)
        return json(401, { code: 401, message: '应用密钥无效（Authorization: Bearer <appKey>）' });
      if (req.method === 'GET' && url.pathname === '/api/v1/inspections') return list(url, json);
      json(404, { code: 404, message: '接口不存在' });
    };
    if (mode === 'slow') setTimeout(answer, delayMs).unref();
    else answer();
  }

  function list(url, json) {
    const since = url.searchParams.get('updatedSince');
    const cursor = url.searchParams.get('cursor');
    const limitText = url.searchParams.get('limit');
    const limit = limitText == null ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      return json(400, { code: 400, message: `limit 应为 1～${MAX_LIMIT} 的整数` });
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
    const items = page.map((r, i) =>
      mode === 'malformed' && (start + i) % 7 === 3 ? malformedRecord(r, Math.floor((start + i) / 7)) : r,
    );
    const nextCursor = start + limit < sorted.length && page.length ? encodeCursor(page[page.length - 1]) : null;
    json(200, { code: 0, message: 'ok', data: { items, nextCursor } });
  }

  function control(body, json) {
    let command;
    try {
      command = JSON.parse(body || '{}');
    } catch {
      return json(400, { code: 400, message: 'invalid JSON' });
    }
    if (command.touch !== undefined) {
      if (!Number.isInteger(command.touch) || command.touch < 1)
        return json(400, { code: 400, message: 'touch must be a positive integer' });
      return json(200, { code: 0, touched: touch(command.touch) });
    }
    if (!MODES.includes(command.mode))
      return json(400, { code: 400, message: `mode must be one of ${MODES.join(', ')}` });
    mode = command.mode;
    if (typeof command.delayMs === 'number') delayMs = command.delayMs;
    json(200, { code: 0, mode, delayMs });
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    appKey,
    setMode(next, nextDelay) {
      if (!MODES.includes(next)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
      mode = next;
      if (typeof nextDelay === 'number') delayMs = nextDelay;
    },
    setProjects(list) {
      projects = [...list];
      generate();
    },
    touch,
    inspections: () => sorted.map((r) => ({ ...r })),
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
