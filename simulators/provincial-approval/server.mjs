// SIMULATOR of the 湖北省工程建设项目审批管理系统 (provincial construction-project approval system)
// project lookup, for development, tests and demos only. It is NOT the real system; README.md says
// what the real interface is assumed to look like. Plain Node.js, no dependencies.
import { startSimulatorServer } from '../harness.mjs';
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
 * Returns { url, projects(), addProjects(list), setMode(mode, delayMs?), requests(), close() }.
 */
export async function startProvincialApprovalSimulator(options = {}) {
  const projects = [];
  const byCode = new Map();
  // A project with a code already taken is left out: every code finds exactly one project.
  const add = (list) => {
    for (const p of list) {
      if (Object.values(p.codes).some((code) => code && byCode.has(normalise(code)))) continue;
      projects.push(p);
      for (const code of Object.values(p.codes)) if (code) byCode.set(normalise(code), p);
    }
  };
  add([...buildProjects(options.count), ...(options.projects ?? [])]);

  const server = await startSimulatorServer({
    ...options,
    modes: MODES,
    accepts: (req, url) => req.method === 'GET' && url.pathname === '/api/v1/projects/lookup',
    answer: ({ url, json, mode }) => {
      const code = normalise(url.searchParams.get('code') ?? '');
      if (!CODE_SHAPE.test(code)) return json(400, { code: 400, message: '项目编码格式错误' });
      const project = byCode.get(code);
      if (!project) return json(404, { code: 404, message: '未查询到该编码对应的项目' });
      // 'malformed': an answer of the wrong shape (the name missing, the units not a list).
      if (mode === 'malformed')
        return json(200, { code: 0, message: 'ok', data: { ...project, name: undefined, units: '见附件' } });
      json(200, { code: 0, message: 'ok', data: project });
    },
  });
  return {
    url: server.url,
    projects: () => JSON.parse(JSON.stringify(projects)),
    addProjects: (list) => add(JSON.parse(JSON.stringify(list))),
    setMode: server.setMode,
    requests: server.requests,
    close: server.close,
  };
}
