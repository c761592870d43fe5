import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@hs/kit';
import type { Limits } from './limits.js';

/**
 * The router's environment. Only what the router uses is required: unlike a subgraph it must not
 * hold FIELD_ENCRYPTION_KEY, so kit's loadConfig (which requires it) is not used here; the secret
 * rules and messages are the same.
 */
export interface RouterEnv {
  PORT: number;
  /** The connection the router serves with (routerDatabaseUrl): outbox, revocations, rate limits. */
  databaseUrl: string;
  HOST: string;
  SUPERGRAPH_PATH: string;
  ROUTER_SIGNING_KEY: string;
  AUTH_TOKEN_SECRET: string;
  /** SUBGRAPH_<NAME>_URL, keyed by lower-case name. */
  subgraphUrls: Record<string, string>;
  /** /admin and /dashboard builds that exist (ADMIN_DIST_DIR / DASHBOARD_DIST_DIR or <repo>/admin/dist …). */
  staticApps: Record<string, string>;
  TRUST_PROXY: boolean | number | string;
  GRAPHQL_INTROSPECTION: boolean;
  limits: Partial<Limits>;
}

/** Repository root: router/src (vitest, tsx) or router/dist (built) are two levels below it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const LIMIT_VARIABLES: Record<string, keyof Limits> = {
  LIMIT_MAX_DEPTH: 'maxDepth',
  LIMIT_MAX_COST: 'maxCost',
  LIMIT_MAX_BODY_BYTES: 'maxBodyBytes',
  LIMIT_MAX_UPLOAD_BYTES: 'maxUploadBytes',
  LIMIT_RATE_PER_MINUTE_PER_USER: 'ratePerMinutePerUser',
  LIMIT_RATE_PER_MINUTE_PER_IP: 'ratePerMinutePerIp',
};

/**
 * The one place that says which connection string the router serves with (the least-privilege
 * app role, when the deployment has one, goes here). Migrations use the owner's URL instead.
 */
export function routerDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_URL || undefined;
}

export function readRouterEnv(env: NodeJS.ProcessEnv = process.env, repoRoot = REPO_ROOT): RouterEnv {
  const problems: string[] = [];
  const integer = (name: string, fallback: number | undefined, min = 1, max = Number.MAX_SAFE_INTEGER) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: 必须是 ${min} 到 ${max} 之间的整数`);
      return fallback;
    }
    return value;
  };
  const secret = (name: string) => {
    const value = env[name];
    if (!value) problems.push(`${name}: ${name} 未设置`);
    else if (value.length < 32) problems.push(`${name}: ${name} 至少 32 个字符`);
    return value ?? '';
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name}: 必须是 true 或 false`);
    return fallback;
  };

  const PORT = integer('PORT', 4000, 0, 65535)!; // 0: any free port
  const databaseUrl = routerDatabaseUrl(env);
  if (!databaseUrl)
    problems.push('DATABASE_URL: DATABASE_URL 未设置（网关的审计发件箱、会话吊销和限流计数都在数据库中）');
  const ROUTER_SIGNING_KEY = secret('ROUTER_SIGNING_KEY');
  const AUTH_TOKEN_SECRET = secret('AUTH_TOKEN_SECRET');
  const supergraphPath = env.SUPERGRAPH_PATH || join('schema', 'supergraph.graphql');
  const SUPERGRAPH_PATH = isAbsolute(supergraphPath) ? supergraphPath : resolve(repoRoot, supergraphPath);

  const subgraphUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name);
    if (!match || !value) continue;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      subgraphUrls[match[1].toLowerCase()] = value;
    } catch {
      problems.push(`${name}: 必须是 http(s):// 地址`);
    }
  }

  const limits: Partial<Limits> = {};
  for (const [name, key] of Object.entries(LIMIT_VARIABLES)) {
    const value = integer(name, undefined);
    if (value !== undefined) limits[key] = value;
  }

  const staticApps: Record<string, string> = {};
  for (const [mount, variable, fallback] of [
    ['/admin', 'ADMIN_DIST_DIR', join('admin', 'dist')],
    ['/dashboard', 'DASHBOARD_DIST_DIR', join('dashboard', 'dist')],
  ] as const) {
    const dir = resolve(repoRoot, env[variable] || fallback);
    if (existsSync(join(dir, 'index.html'))) staticApps[mount] = dir;
    else if (env[variable]) problems.push(`${variable}: ${dir} 下没有 index.html`);
  }

  let TRUST_PROXY: boolean | number | string = false;
  const trust = env.TRUST_PROXY?.trim();
  if (trust) {
    if (/^\d+$/.test(trust)) TRUST_PROXY = Number(trust);
    else if (/^(true|false)$/i.test(trust)) TRUST_PROXY = trust.toLowerCase() === 'true';
    else TRUST_PROXY = trust; // e.g. "loopback, 10.0.0.0/8"
  }

  const GRAPHQL_INTROSPECTION = bool('GRAPHQL_INTROSPECTION', true);

  if (problems.length > 0) {
    throw new ConfigError(`配置错误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return {
    PORT,
    databaseUrl: databaseUrl!,
    HOST: env.HOST || '0.0.0.0',
    SUPERGRAPH_PATH,
    ROUTER_SIGNING_KEY,
    AUTH_TOKEN_SECRET,
    subgraphUrls,
    staticApps,
    TRUST_PROXY,
    GRAPHQL_INTROSPECTION,
    limits,
  };
}
