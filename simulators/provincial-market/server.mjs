// SIMULATOR of the 湖北省建筑市场监督与诚信一体化平台 (provincial construction-market and credit
// platform) enterprise interface, for development, tests, demos and the benchmark only. It is NOT the
// real platform; README.md says what the real interface is assumed to look like.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { answerChanges, byUpdated, startSimulatorServer } from '../harness.mjs';
import { enterpriseAt, utcDay } from './data.mjs';

export const MODES = ['normal', 'slow', 'down', 'error', 'malformed'];
export const DEFAULT_APP_KEY = 'hs-jzjg-platform';
export const DEFAULT_APP_SECRET = 'provincial-market-simulator-secret';
/** A request's X-Timestamp may be this far from the simulator's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

const sha256hex = (text) => createHash('sha256').update(text).digest('hex');

/**
 * The string a request signs: `METHOD\n<path?query as sent>\n<X-Timestamp>\n<X-Nonce>\n<sha256 hex of the body>`
 * (an empty body hashes as the empty string). The signature is hex HMAC-SM3 (RFC 2104 over SM3)
 * keyed with the UTF-8 bytes of the app secret.
 */
export function signingString(method, target, timestamp, nonce, body = '') {
  return `${method.toUpperCase()}\n${target}\n${timestamp}\n${nonce}\n${sha256hex(body)}`;
}

export function sign(appSecret, method, target, timestamp, nonce, body = '') {
  return smCrypto.sm3(signingString(method, target, timestamp, nonce, body), {
    key: Array.from(Buffer.from(appSecret, 'utf8')),
  });
}

/** Headers for a signed request, for tests and tools that talk to the simulator directly. */
export function signedHeaders({
  appKey = DEFAULT_APP_KEY,
  appSecret = DEFAULT_APP_SECRET,
  method,
  target,
  body = '',
  now = Date.now(),
  nonce,
}) {
  const timestamp = String(now);
  const n = nonce ?? createHash('sha256').update(`${now}:${Math.random()}`).digest('hex').slice(0, 16);
  return {
    'X-App-Key': appKey,
    'X-Timestamp': timestamp,
    'X-Nonce': n,
    'X-Signature': sign(appSecret, method, target, timestamp, n, body),
  };
}

/** X-Timestamp in ms: 13 digits are milliseconds, 10 digits seconds. */
function timestampMs(value) {
  if (!/^\d{10}(\d{3})?$/.test(value ?? '')) return null;
  return value.length === 10 ? Number(value) * 1000 : Number(value);
}

/** The n-th wrong record of mode 'malformed' (list positions p with p % 7 === 3), the variants in turn. */
function malformedRecord(record, n) {
  const variants = [
    () => ({ ...record, creditCode: undefined }),
    () => ({ ...record, qualifications: '资质信息见附件' }),
    () => ({ ...record, updatedAt: '去年' }),
    () => ({ ...record, name: 12345 }),
  ];
  return variants[n % variants.length]();
}

const publicRecord = ({ kind: _kind, role: _role, districtCode: _district, ...rest }) => rest;

/**
 * Starts the simulator. Options: enterprises (default 2000), mode (one of MODES), delayMs (for
 * 'slow', default 5 s), appKey, appSecret, port, host, now (a clock, for tests).
 * Returns { url, setMode(mode, delayMs?), touch(count?), requests(), received(), close() }.
 */
export async function startProvincialMarketSimulator(options = {}) {
  const count = options.enterprises ?? 2000;
  const appKey = options.appKey ?? DEFAULT_APP_KEY;
  const appSecret = options.appSecret ?? DEFAULT_APP_SECRET;
  const now = options.now ?? (() => Date.now());
  let touches = 0;

  const today = utcDay(new Date(now()));
  const records = Array.from({ length: count }, (_, i) => enterpriseAt(i, today));
  const byCode = new Map(records.map((r) => [r.creditCode, r]));
  const revisions = new Map();
  let sorted = [...records].sort(byUpdated);
  const receipts = new Map(); // Idempotency-Key → { idempotencyKey, receiptId, body, duplicates }

  /**
   * Changes `n` enterprises (the next ones in a fixed order): each gets a new revision (renewed or
   * changed qualifications, possibly a new legal representative) and an updatedAt after every other.
   */
  function touch(n = 10) {
    const changed = [];
    let stamp = Math.max(now(), Date.parse(sorted[sorted.length - 1]?.updatedAt ?? 0) + 1);
    for (let k = 0; k < Math.min(n, count); k++) {
      const index = (touches * 37 + 11) % count;
      touches++;
      const revision = (revisions.get(index) ?? 0) + 1;
      revisions.set(index, revision);
      const next = { ...enterpriseAt(index, today, revision), updatedAt: new Date(stamp++).toISOString() };
      const old = records[index];
      records[index] = next;
      byCode.delete(old.creditCode);
      byCode.set(next.creditCode, next);
      changed.push(next.creditCode);
    }
    sorted = [...records].sort(byUpdated);
    return changed;
  }

  const sim = await startSimulatorServer({
    ...options,
    modes: MODES,
    accepts: (req, url) => url.pathname.startsWith('/api/v1/'),
    touch,
    answer: ({ req, res, url, body, json }) => {
      const denied = checkSignature(req, body);
      if (denied) return json(401, { code: 401, message: denied });
      if (req.method === 'GET' && url.pathname === '/api/v1/enterprises') return list(url, json);
      const one = /^\/api\/v1\/enterprises\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && one) return single(decodeURIComponent(one[1]), res, json);
      if (req.method === 'POST' && url.pathname === '/api/v1/drawing-reviews')
        return drawingReview(req, body, res, json);
      json(404, { code: 404, message: '接口不存在' });
    },
  });

  function checkSignature(req, body) {
    const key = req.headers['x-app-key'];
    const timestamp = req.headers['x-timestamp'];
    const nonce = req.headers['x-nonce'];
    const signature = req.headers['x-signature'];
    if (!key || !timestamp || !nonce || !signature)
      return '缺少签名信息（X-App-Key、X-Timestamp、X-Nonce、X-Signature）';
    if (key !== appKey) return '应用标识（X-App-Key）无效';
    const ms = timestampMs(timestamp);
    if (ms == null || Math.abs(now() - ms) > MAX_CLOCK_SKEW_MS) return '请求时间戳已过期或无效';
    const expected = sign(appSecret, req.method ?? 'GET', req.url ?? '/', timestamp, nonce, body);
    if (String(signature).toLowerCase() !== expected) return '签名校验失败';
    return null;
  }

  function list(url, json) {
    answerChanges(url, json, sorted, {
      defaultLimit: DEFAULT_LIMIT,
      maxLimit: MAX_LIMIT,
      present: (r, position) =>
        sim.mode() === 'malformed' && position % 7 === 3
          ? malformedRecord(publicRecord(r), Math.floor(position / 7))
          : publicRecord(r),
    });
  }

  function single(code, res, json) {
    if (sim.mode() === 'malformed') return garbage(res);
    const record = byCode.get(code.toUpperCase());
    if (!record) return json(404, { code: 404, message: '未找到该统一社会信用代码对应的企业' });
    json(200, { code: 0, message: 'ok', data: publicRecord(record) });
  }

  function drawingReview(req, body, res, json) {
    if (sim.mode() === 'malformed') return garbage(res);
    const key = req.headers['idempotency-key'];
    if (!key) return json(400, { code: 400, message: '缺少 Idempotency-Key' });
    let payload;
    try {
      payload = JSON.parse(body);
    } catch {
      return json(400, { code: 400, message: '请求体不是有效的 JSON' });
    }
    if (payload == null || typeof payload !== 'object' || Array.isArray(payload))
      return json(400, { code: 400, message: '请求体应为 JSON 对象' });
    const seen = receipts.get(key);
    if (seen) {
      seen.duplicates++;
      return json(200, { code: 0, message: 'ok', data: { receiptId: seen.receiptId, duplicate: true } });
    }
    const receiptId = `SCTS${createHash('sha256').update(`receipt:${key}`).digest('hex').slice(0, 16).toUpperCase()}`;
    receipts.set(key, { idempotencyKey: key, receiptId, body: payload, duplicates: 0 });
    json(200, { code: 0, message: 'ok', data: { receiptId, duplicate: false } });
  }

  function garbage(res) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><body>系统维护中</body></html>');
  }

  return {
    url: sim.url,
    appKey,
    appSecret,
    setMode: sim.setMode,
    touch,
    enterprise: (code) => (byCode.has(code) ? publicRecord(byCode.get(code)) : null),
    codes: () => records.map((r) => r.creditCode),
    requests: sim.requests,
    received: () => [...receipts.values()].map((r) => ({ ...r })),
    close: sim.close,
  };
}
