import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../src/platform.js';
import { TEST_SECRETS, testLogger, type TestDatabase } from '../../packages/kit/test/support.js';

/**
 * The whole platform in-process on the test database `db`, on free ports: migrated as the owner,
 * every service (subgraphs and router) connected as its own role, the tests' fixed secrets;
 * `env` adds settings (e.g. a simulator the test controls).
 */
export function startTestPlatform(
  db: TestDatabase,
  options: Pick<PlatformOptions, 'onQuery'> & { env?: NodeJS.ProcessEnv } = {},
): Promise<RunningPlatform> {
  const { env, ...rest } = options;
  return startPlatform({
    logger: testLogger,
    env: { ...db.platformEnv(), ...TEST_SECRETS, NODE_ENV: 'test', ...env },
    port: 0,
    subgraphPorts: 'free',
    ...rest,
  });
}

/** A GraphQL answer as the router sends it. */
export type Answer = { data?: any; errors?: any[]; extensions?: Record<string, any> };

export interface RouterClient {
  /** One GraphQL POST with the token, if any: the HTTP status and the answer. */
  post(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    operationName?: string,
  ): Promise<{ status: number; body: Answer }>;
  /** One GraphQL POST: the answer. */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer>;
  /** The data of a request that must succeed. */
  ok(query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
  /** A demo account's access token (its demo password unless told). */
  login(username: string, password?: string): Promise<string>;
  /** A download link's file, fetched from the router (links are relative to it). */
  download(url: string): Promise<Response>;
  /** A downloaded workbook, which must have been served. */
  workbook(url: string): Promise<ExcelJS.Workbook>;
}

/**
 * The tests' client of the router at `url()`, read at each call (the platform starts in beforeAll);
 * a request without a token carries `defaultToken()`, if any ('' sends none).
 */
export function routerClient(url: () => string, defaultToken?: () => string): RouterClient {
  const post: RouterClient['post'] = async (query, variables = {}, given, operationName) => {
    const token = given ?? defaultToken?.();
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const gql: RouterClient['gql'] = async (query, variables, token) => (await post(query, variables, token)).body;
  const ok: RouterClient['ok'] = async (query, variables, token) => {
    const body = await gql(query, variables, token);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const download: RouterClient['download'] = (link) => fetch(new URL(link, url()));
  return {
    post,
    gql,
    ok,
    login: async (username, password = demoPassword(username)) =>
      (await ok(LOGIN, { u: username, p: password }, '')).login.accessToken as string,
    download,
    workbook: async (link) => {
      const response = await download(link);
      expect(response.status).toBe(200);
      return workbookOf(response);
    },
  };
}

/** The workbook a download answered. */
export async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
  return workbook;
}

function demoPassword(username: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.password;
}

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }';

/** An .xlsx of one sheet named `sheetName` holding `rows`, as base64 (an import's file). */
export async function xlsxBase64(sheetName: string, rows: (string | number | Date)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}
