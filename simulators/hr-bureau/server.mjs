// SIMULATOR of the 人社局 (Human Resources and Social Security Bureau) social-insurance payment
// interface, for development, tests and demos only. It is NOT the real interface; see README.md
// for what the real one is assumed to look like. Plain Node.js, no dependencies.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

/** The modes a test or a demo can switch to, at start or at run time (POST /__control). */
export const MODES = ['normal', 'slow', 'down', 'error'];

const INSURERS = ['黄石市社会保险事业中心', '大冶市社会保险局', '阳新县社会保险局'];

/** Deterministic fake payment history for an ID-card number: the same number always gets the same answer. */
export function fakeStatus(idCard, now = new Date()) {
  const h = createHash('sha256').update(`hr-bureau-simulator:${idCard}`).digest();
  const roll = h[0] % 10; // 0–6 paid up, 7–8 in arrears, 9 not enrolled
  const months = [];
  const base = 3000 + (h[1] % 40) * 100;
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // last complete month is m-1
  const missingFrom = roll >= 7 && roll <= 8 ? 1 + (h[2] % 3) : 0; // the last 1–3 months unpaid
  if (roll !== 9) {
    for (let i = 12; i >= 1; i--) {
      const d = new Date(Date.UTC(y, m - i, 1));
      const month = d.toISOString().slice(0, 7);
      months.push({ month, paid: i > missingFrom ? true : false, base });
    }
  }
  const paid = months.filter((x) => x.paid);
  return {
    idCard,
    status: roll === 9 ? 'NOT_ENROLLED' : missingFrom > 0 ? 'ARREARS' : 'PAID',
    paidMonths: paid.length,
    lastPaidMonth: paid.length ? paid[paid.length - 1].month : null,
    insurer: roll === 9 ? null : INSURERS[h[3] % INSURERS.length],
    months,
  };
}

const ID = /^\d{17}[\dX]$/;

/**
 * Starts the simulator. `options.mode` one of MODES, `options.delayMs` the delay of 'slow'.
 * Returns { url, setMode(mode, delayMs?), requests(), close() }.
 */
export async function startHrBureauSimulator(options = {}) {
  let mode = options.mode ?? 'normal';
  let delayMs = options.delayMs ?? 5000;
  let requests = 0;
  const sockets = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/__control') {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        try {
          const body = JSON.parse(text || '{}');
          if (!MODES.includes(body.mode))
            return json(400, { code: 400, message: `mode must be one of ${MODES.join(', ')}` });
          mode = body.mode;
          if (typeof body.delayMs === 'number') delayMs = body.delayMs;
          json(200, { code: 0, mode, delayMs });
        } catch {
          json(400, { code: 400, message: 'invalid JSON' });
        }
      });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/api/v1/insurance/payment-status') {
      return json(404, { code: 404, message: 'not found' });
    }
    requests++;
    if (mode === 'down') {
      req.socket.destroy(); // like a dead upstream: the connection drops without an answer
      return;
    }
    const answer = () => {
      if (mode === 'error') return json(500, { code: 500, message: '系统繁忙（模拟）' });
      const idCard = (url.searchParams.get('idCard') ?? '').toUpperCase();
      if (!ID.test(idCard)) return json(400, { code: 400, message: '身份证号格式错误' });
      json(200, { code: 0, message: 'ok', data: fakeStatus(idCard) });
    };
    if (mode === 'slow') setTimeout(answer, delayMs).unref();
    else answer();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
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
