/**
 * The provincial connectors' addresses (ADR 0015): the environment's PROVINCIAL_*_URL is the
 * default; an address changed in the admin survives a restart with another environment value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSubgraph, signCaller, type RunningSubgraph } from '@hs/kit';
import { APPROVAL_CONNECTOR, DRAWING_REVIEW_CONNECTOR, MARKET_CONNECTOR, projects } from '../src/index.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';
import { admin } from './helpers.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: RunningSubgraph | null = null;
const config = () => testConfig(db.serviceUrl('projects'));

async function start(env: { approval: string; market: string }) {
  process.env.PROVINCIAL_APPROVAL_URL = env.approval;
  process.env.PROVINCIAL_MARKET_URL = env.market;
  server = await runSubgraph(projects, { config: config(), logger: testLogger, port: 0 });
}

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server!.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hs-caller': signCaller(config().ROUTER_SIGNING_KEY, admin, '127.0.0.1'),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const addresses = async () =>
  Object.fromEntries(
    (await gql('{ projectsExchangeConnectors { name baseUrl } }')).projectsExchangeConnectors.map(
      (c: { name: string; baseUrl: string }) => [c.name, c.baseUrl],
    ),
  );

const saved = { approval: process.env.PROVINCIAL_APPROVAL_URL, market: process.env.PROVINCIAL_MARKET_URL };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
  for (const [key, value] of [
    ['PROVINCIAL_APPROVAL_URL', saved.approval],
    ['PROVINCIAL_MARKET_URL', saved.market],
  ] as const)
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
});

describe('provincial connector addresses across restarts', () => {
  it('keeps an address changed in the admin; one not changed follows the environment', async () => {
    await start({ approval: 'http://approval-a.example', market: 'http://market-a.example' });
    expect(await addresses()).toEqual({
      [APPROVAL_CONNECTOR]: 'http://approval-a.example',
      [MARKET_CONNECTOR]: 'http://market-a.example',
      [DRAWING_REVIEW_CONNECTOR]: 'http://market-a.example',
    });
    await gql(
      'mutation($c: String!, $i: ExchangeConfigureInput!) { projectsExchangeConfigure(connector: $c, input: $i) { baseUrl } }',
      { c: MARKET_CONNECTOR, i: { baseUrl: 'https://market.hubei.example/gateway' } },
    );
    await server!.close();
    server = null;

    await start({ approval: 'http://approval-b.example', market: 'http://market-b.example' });
    expect(await addresses()).toEqual({
      [APPROVAL_CONNECTOR]: 'http://approval-b.example',
      [MARKET_CONNECTOR]: 'https://market.hubei.example/gateway',
      // The push to the same platform has an address of its own: not changed, it follows the environment.
      [DRAWING_REVIEW_CONNECTOR]: 'http://market-b.example',
    });
  });
});
