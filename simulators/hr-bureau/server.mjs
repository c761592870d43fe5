// SIMULATOR of the 人社局 (Human Resources and Social Security Bureau) social-insurance payment
// interface, for development, tests and demos only. It is NOT the real interface; see README.md
// for what the real one is assumed to look like. Plain Node.js, no dependencies.
import { createHash } from 'node:crypto';
import { startSimulatorServer } from '../harness.mjs';

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
  const server = await startSimulatorServer({
    ...options,
    modes: MODES,
    busy: '系统繁忙（模拟）',
    notFound: 'not found',
    accepts: (req, url) => req.method === 'GET' && url.pathname === '/api/v1/insurance/payment-status',
    answer: ({ url, json }) => {
      const idCard = (url.searchParams.get('idCard') ?? '').toUpperCase();
      if (!ID.test(idCard)) return json(400, { code: 400, message: '身份证号格式错误' });
      json(200, { code: 0, message: 'ok', data: fakeStatus(idCard) });
    },
  });
  return { url: server.url, setMode: server.setMode, requests: server.requests, close: server.close };
}
