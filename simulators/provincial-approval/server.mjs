// SIMULATOR of the 湖北省工程建设项目审批管理系统 (provincial construction-project approval system)
// project lookup, for development, tests and demos only. It is NOT the real system; README.md says
// what the real interface is assumed to look like. Plain Node.js, no dependencies.
import { createServer } from 'node:http';
import { buildProjects } from './data.mjs';

export const MODES = ['normal', 'slow', 'down', 'error', 'malformed'];

/** Codes as typed: NFKC (full-width → ASCII), no blanks, upper case. */
const normalise = (code) => code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
/** Anything else is no code of this system (400): letters, digits and dashes, at most 40. */
const CODE_SHAPE = /^[0-9A-Z-]{1,40}$/;

/**
 * Starts the simulator. Options: projects (extra project records, same shape as buildProjects()
 * gives, looked up like the generated ones), count (generated projects, default 200), mode (one of
 * MODES), delayMs (for 'slow', default 5 s), port, host.
 * Returns { url, projects(), setMode(mode, delayMs?), requests(), close() }.
 */
export async function startProvincialApprovalSimulator(options = {}) {
  let mode = options.mode ?? 'normal';
  let delayMs = options.delayMs ?? 5000;
  let requests = 0;
  const projects = [...buildProjects(options.count), ...(options.projects ?? [])];
  const byCode = new Map();
  for (const p of projects) {
    for (const code of Object.values(p.codes)) if (code) byCode.set(normalise(code), p);
  }

  const sockets = new Set();
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => handle(req, res, text));
  });

  function handle(req, res, body) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status, payload) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && url.pathname === '/__control') {
      try {
        const command = JSON.parse(body || '{}');
        if (!MODES.includes(command.mode))
          return json(400, { code: 400, message: `mode must be one of ${MODES.join(', ')}` });
        mode = command.mode;
        if (typeof command.delayMs === 'number') delayMs = command.delayMs;
        return json(200, { code: 0, mode, delayMs });
      } catch {
        return json(400, { code: 400, message: 'invalid JSON' });
      }
    }
    if (req.method !== 'GET' || url.pathname !== '/api/v1/projects/lookup') {
      return json(404, { code: 404, message: '接口不存在' });
    }
    requests++;
    if (mode === 'down') {
      req.socket.destroy(); // like a dead upstream: the connection drops without an answer
      return;
    }
    const answer = () => {
      if (mode === 'error') return json(500, { code: 500, message: '系统繁忙，请稍后再试（模拟）' });
      const code = normalise(url.searchParams.get('code') ?? '');
      if (!CODE_SHAPE.test(code)) return json(400, { code: 400, message: '项目编码格式错误' });
      const project = byCode.get(code);
      if (!project) return json(404, { code: 404, message: '未查询到该编码对应的项目' });
      // 'malformed': an answer of the wrong shape (the name missing, the units not a list).
      if (mode === 'malformed')
        return json(200, { code: 0, message: 'ok', data: { ...project, name: undefined, units: '见附件' } });
      json(200, { code: 0, message: 'ok', data: project });
    };
    if (mode === 'slow') setTimeout(answer, delayMs).unref();
    else answer();
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    projects: () => JSON.parse(JSON.stringify(projects)),
    setMode(next, nextDelay) {
      if (!MODES.includes(next)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
      mode = next;
      if (typeof nextDelay === 'number') delayMs = nextDelay;
    },
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
