// SIMULATOR of the 湖北省住房和城乡建设厅 工程质量安全监督系统 (provincial quality and safety supervision
// system) inspection interface, for development, tests and demos only. It is NOT the real system;
// README.md says what the real interface is assumed to look like.
import { answerChanges, byUpdated, startSimulatorServer } from '../harness.mjs';
import { inspectionAt, utcDay } from './data.mjs';

export const MODES = ['normal', 'slow', 'down', 'error', 'malformed'];
export const DEFAULT_APP_KEY = 'hs-zlaq-supervision';
export const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

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

  const sim = await startSimulatorServer({
    ...options,
    modes: MODES,
    accepts: (req, url) => url.pathname.startsWith('/api/v1/'),
    touch,
    answer: ({ req, url, json }) => {
      if (req.headers.authorization !== `Bearer ${appKey}`)
        return json(401, { code: 401, message: '应用密钥无效（Authorization: Bearer <appKey>）' });
      if (req.method === 'GET' && url.pathname === '/api/v1/inspections') return list(url, json);
      json(404, { code: 404, message: '接口不存在' });
    },
  });

  function list(url, json) {
    answerChanges(url, json, sorted, {
      defaultLimit: DEFAULT_LIMIT,
      maxLimit: MAX_LIMIT,
      present: (r, position) =>
        sim.mode() === 'malformed' && position % 7 === 3 ? malformedRecord(r, Math.floor(position / 7)) : r,
    });
  }

  return {
    url: sim.url,
    appKey,
    setMode: sim.setMode,
    setProjects(list) {
      projects = [...list];
      generate();
    },
    touch,
    inspections: () => sorted.map((r) => ({ ...r })),
    requests: sim.requests,
    close: sim.close,
  };
}
