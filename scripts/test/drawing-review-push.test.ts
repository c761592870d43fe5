/**
 * 施工图审查合格书 push to 省建筑市场监督与诚信一体化平台 through the router and the real market
 * simulator (issue #12): issue, re-issue and revoke each send one event, once, with the receipt
 * stored and shown on the certificate; the province down keeps the message PENDING and retried,
 * then DEAD with the error shown until 重试; a restart between the commit and the send sends it
 * once; rejected records marked handled (who, when, note), exchange:manage only.
 *
 * The relay timer is off (PROVINCIAL_RELAY_INTERVAL_MS=0): the test runs each relay pass itself.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAWING_REVIEW_CONNECTOR, exchangeOf, MARKET_CONNECTOR } from '@hs/projects';
import { certificatePdf } from '../../subgraphs/projects/src/certificates/certificate.seed.js';
import type { RunningPlatform } from '../src/platform.js';
import { routerClient, startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';
import {
  startProvincialMarketSimulator,
  type RunningProvincialMarketSimulator,
} from '../../simulators/provincial-market/server.mjs';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let market: RunningProvincialMarketSimulator;
let pool: pg.Pool;
let admin: string;
let project: { id: string; name: string; permitCode: string | null; investmentCode: string | null };
const client = routerClient(
  () => platform.url,
  () => admin,
);

const start = (db: Awaited<ReturnType<typeof createTestDatabase>>) =>
  startTestPlatform(db, {
    env: {
      PROVINCIAL_MARKET_URL: market.url,
      PROVINCIAL_MARKET_APP_KEY: market.appKey,
      PROVINCIAL_MARKET_APP_SECRET: market.appSecret,
      PROVINCIAL_CIRCUIT_COOLDOWN_MS: '1',
      PROVINCIAL_RELAY_INTERVAL_MS: '0',
      PROVINCIAL_PUSH_BACKOFF_MS: '1',
      PROVINCIAL_PUSH_MAX_ATTEMPTS: '3',
    },
  });

const service = () => exchangeOf(platform.subgraphs.find((s) => s.name === 'projects')!.orm);
const relay = () => service().relay(DRAWING_REVIEW_CONNECTOR);
const sql = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows;
const errorOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;

/** What the simulator received under this key: one record, and how often it came again. */
const receivedAs = (key: string) => market.received().filter((r) => r.idempotencyKey === key);

const REPORTS = 'provincialReports { event state receiptId attempts lastError createdAt sentAt }';
const FIELDS = `id chainId version status certificateNo ${REPORTS}`;
const ADD = `mutation($input: AddDrawingReviewCertificateInput!) { addDrawingReviewCertificate(input: $input) { ${FIELDS} } }`;
const REISSUE = `mutation($id: ID!, $input: ReissueDrawingReviewCertificateInput!) {
  reissueDrawingReviewCertificate(id: $id, input: $input) { ${FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeDrawingReviewCertificate(id: $id, reason: $reason) { ${FIELDS} } }`;
const DETAIL = `query($id: ID!) { drawingReviewCertificate(id: $id) { ${FIELDS} versions { id version ${REPORTS} } } }`;
const OUTBOX = `query($c: String!, $s: ExchangeOutboxState, $p: PageInput) { projectsExchangeOutbox(connector: $c, state: $s, page: $p) {
  total page pageSize items { id idempotencyKey entityType entityId state attempts lastError receiptId ack payload sentAt nextAttemptAt } } }`;

let serial = 0;
async function fields(overrides: Record<string, unknown> = {}) {
  serial += 1;
  const pdf = certificatePdf(['Drawing review certificate', `push test ${serial}`]);
  const { createDrawingReviewUploadTicket } = await client.ok('mutation { createDrawingReviewUploadTicket { url } }');
  const response = await fetch(new URL(createDrawingReviewUploadTicket.url, platform.url), {
    method: 'POST',
    headers: { 'content-type': 'application/pdf' },
    body: new Uint8Array(pdf),
  });
  expect(response.status).toBe(201);
  return {
    certificateNo: `鄂黄施审字〔2026〕第P${String(serial).padStart(3, '0')}号`,
    reviewAgency: '湖北省建筑设计施工图审查中心（黄石）有限公司',
    reviewAgencyCreditCode: null,
    reviewDate: '2026-05-18',
    disciplines: ['ARCHITECTURE', 'STRUCTURE', 'FIRE'],
    conclusion: 'QUALIFIED',
    validFrom: null,
    validUntil: '2028-05-17',
    fileSha256: ((await response.json()) as any).file.sha256,
    ...overrides,
  };
}

async function issue() {
  const { addDrawingReviewCertificate } = await client.ok(ADD, {
    input: { projectId: project.id, ...(await fields()) },
  });
  return addDrawingReviewCertificate;
}

const keyOf = (certificate: { chainId: string; version: number }, event: string) =>
  `drawing-review:${certificate.chainId}:v${certificate.version}:${event}`;

beforeAll(async () => {
  db = await createTestDatabase();
  market = await startProvincialMarketSimulator({ enterprises: 30 });
  platform = await start(db);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  admin = await client.login('admin');
  const { projects } = await client.ok(
    `{ projects(filter: { districtCode: "420281" }, page: { pageSize: 1 }, sort: { field: NAME }) {
      items { id name permitCode investmentCode } } }`,
  );
  project = projects.items[0];
  // The demo seed's certificates went to the outbox with their changes: the first passes send them.
  while ((await relay()).sent > 0);
});

afterAll(async () => {
  await pool?.end();
  await platform?.close();
  await market?.close();
  await db?.drop();
});

describe('issue, re-issue, revoke', () => {
  it('the outbox row is there as soon as the certificate is, waiting to be sent', async () => {
    const certificate = await issue();
    const [row] = await sql(
      'select state, attempts, idempotency_key, entity_type from projects.exchange_outbox where entity_id = $1',
      [certificate.id],
    );
    expect(row).toEqual({
      state: 'PENDING',
      attempts: 0,
      idempotency_key: keyOf(certificate, 'ISSUED'),
      entity_type: 'DrawingReviewCertificate',
    });
    expect(certificate.provincialReports).toMatchObject([{ event: 'ISSUED', state: 'PENDING', receiptId: null }]);
  });

  it('issued → sent exactly once with what the province needs; the receipt is stored and shown', async () => {
    const certificate = await issue();
    expect(await relay()).toMatchObject({ sent: 2, failed: 0, dead: 0 });
    const key = keyOf(certificate, 'ISSUED');
    const [received] = receivedAs(key);
    expect(receivedAs(key)).toHaveLength(1);
    expect(received.duplicates).toBe(0);
    expect(received.body).toMatchObject({
      event: 'ISSUED',
      eventName: '发证',
      certificateId: certificate.id,
      version: 1,
      certificateNo: certificate.certificateNo,
      supersedes: null,
      project: { name: project.name, permitNo: project.permitCode, investmentCode: project.investmentCode },
      reviewAgency: { name: '湖北省建筑设计施工图审查中心（黄石）有限公司', creditCode: null },
      reviewDate: '2026-05-18',
      disciplines: [
        { code: 'ARCHITECTURE', name: '建筑' },
        { code: 'STRUCTURE', name: '结构' },
        { code: 'FIRE', name: '消防' },
      ],
      conclusion: { code: 'QUALIFIED', name: '合格' },
      validFrom: null,
      validUntil: '2028-05-17',
      revokedAt: null,
      revokeReason: null,
    });
    const { drawingReviewCertificate: shown } = await client.ok(DETAIL, { id: certificate.id });
    expect(shown.provincialReports).toEqual([
      expect.objectContaining({ event: 'ISSUED', state: 'SENT', receiptId: received.receiptId, attempts: 1 }),
    ]);
    expect(shown.provincialReports[0].sentAt).toMatch(/Z$/);
    // Nothing left to send: another pass sends nothing, and the province saw the key once.
    expect(await relay()).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(receivedAs(key)[0].duplicates).toBe(0);
    const { projectsExchangeOutbox } = await client.ok(OUTBOX, { c: DRAWING_REVIEW_CONNECTOR, s: 'SENT' });
    const item = projectsExchangeOutbox.items.find((i: any) => i.idempotencyKey === key);
    expect(item).toMatchObject({
      entityType: 'DrawingReviewCertificate',
      entityId: certificate.id,
      receiptId: received.receiptId,
    });
    expect(JSON.parse(item.ack)).toEqual({ receiptId: received.receiptId, duplicate: false });
    expect(JSON.parse(item.payload).certificateNo).toBe(certificate.certificateNo);
  });

  it('re-issued → the new version is sent as REISSUED; revoked → a REVOKED event with the reason', async () => {
    const first = await issue();
    const { reissueDrawingReviewCertificate: second } = await client.ok(REISSUE, {
      id: first.id,
      input: { ...(await fields()), reason: '设计变更后重新审查' },
    });
    expect(second.version).toBe(2);
    const { revokeDrawingReviewCertificate: revoked } = await client.ok(REVOKE, {
      id: second.id,
      reason: '建设单位申请撤回',
    });
    expect(await relay()).toMatchObject({ sent: 3, failed: 0, dead: 0 });
    const [reissued] = receivedAs(keyOf(second, 'REISSUED'));
    expect(reissued.body).toMatchObject({
      event: 'REISSUED',
      version: 2,
      certificateNo: second.certificateNo,
      supersedes: { version: 1, certificateNo: first.certificateNo },
      reissueReason: '设计变更后重新审查',
    });
    const [revokedAt] = receivedAs(keyOf(revoked, 'REVOKED'));
    expect(revokedAt.body).toMatchObject({
      event: 'REVOKED',
      eventName: '撤销',
      version: 2,
      certificateNo: second.certificateNo,
      revokeReason: '建设单位申请撤回',
    });
    expect(Date.parse((revokedAt.body as any).revokedAt)).not.toBeNaN();
    const { drawingReviewCertificate: shown } = await client.ok(DETAIL, { id: second.id });
    expect(shown.provincialReports.map((r: any) => [r.event, r.state])).toEqual([
      ['REISSUED', 'SENT'],
      ['REVOKED', 'SENT'],
    ]);
    // Each version carries its own reports, read by one loader for all of them.
    expect(shown.versions.map((v: any) => v.provincialReports.map((r: any) => r.event))).toEqual([
      ['REISSUED', 'REVOKED'],
      ['ISSUED'],
    ]);
  });
});

describe('the province down', () => {
  it('stays PENDING and is retried, then DEAD with the error shown; 重试 sends it once', async () => {
    market.setMode('down');
    let certificate: any;
    try {
      certificate = await issue();
      expect(await relay()).toEqual({ sent: 0, failed: 1, dead: 0 });
      let [report] = (await client.ok(DETAIL, { id: certificate.id })).drawingReviewCertificate.provincialReports;
      expect(report).toMatchObject({ event: 'ISSUED', state: 'PENDING', attempts: 1, receiptId: null });
      expect(report.lastError).toContain('省建筑市场监督与诚信一体化平台');
      expect(await relay()).toEqual({ sent: 0, failed: 1, dead: 0 });
      expect(await relay()).toEqual({ sent: 0, failed: 0, dead: 1 });
      [report] = (await client.ok(DETAIL, { id: certificate.id })).drawingReviewCertificate.provincialReports;
      expect(report).toMatchObject({ state: 'DEAD', attempts: 3 });
      expect(report.lastError).toMatch(/[\u4e00-\u9fff]/);
      const { projectsExchangeOutbox, projectsExchangeConnectors } = await client.ok(
        `query($c: String!) {
          projectsExchangeOutbox(connector: $c, state: DEAD) { total items { entityId state attempts lastError nextAttemptAt } }
          projectsExchangeConnectors { name state deadLetters lastError }
        }`,
        { c: DRAWING_REVIEW_CONNECTOR },
      );
      expect(projectsExchangeOutbox.total).toBe(1);
      expect(projectsExchangeOutbox.items[0]).toMatchObject({
        entityId: certificate.id,
        attempts: 3,
        nextAttemptAt: null,
      });
      expect(projectsExchangeOutbox.items[0].lastError).toBe(report.lastError);
      expect(projectsExchangeConnectors.find((c: any) => c.name === DRAWING_REVIEW_CONNECTOR)).toMatchObject({
        state: 'FAILING',
        deadLetters: 1,
      });
      // DEAD stays DEAD: the relay leaves it for a person.
      expect(await relay()).toEqual({ sent: 0, failed: 0, dead: 0 });
    } finally {
      market.setMode('normal');
    }
    expect(receivedAs(keyOf(certificate, 'ISSUED'))).toHaveLength(0);
    const { projectsExchangeRetry } = await client.ok(
      `mutation($c: String!) { projectsExchangeRetry(connector: $c) { requeued pullQueued } }`,
      { c: DRAWING_REVIEW_CONNECTOR },
    );
    expect(projectsExchangeRetry).toEqual({ requeued: 1, pullQueued: false });
    expect(await relay()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(receivedAs(keyOf(certificate, 'ISSUED'))).toEqual([expect.objectContaining({ duplicates: 0 })]);
    const [report] = (await client.ok(DETAIL, { id: certificate.id })).drawingReviewCertificate.provincialReports;
    expect(report).toMatchObject({ state: 'SENT', lastError: null });
    expect(report.receiptId).toMatch(/^SCTS/);
  });
});

describe('rejected records: 标记已处理', () => {
  const REJECTED = `query($handled: Boolean) { projectsExchangeRejected(connector: "${MARKET_CONNECTOR}", handled: $handled) {
    total items { id handled handledAt handledByName handledNote } } }`;
  const MARK = `mutation($id: ID!, $note: String) { projectsExchangeMarkRejectedHandled(id: $id, note: $note) {
    id handled handledAt handledById handledByName handledNote } }`;

  it('marks one with who, when and a note; the list filters by handled; a second mark is refused', async () => {
    market.setMode('malformed');
    try {
      const run = (await service().runPull(MARKET_CONNECTOR))!;
      expect(run.rejected).toBeGreaterThan(1);
    } finally {
      market.setMode('normal');
    }
    const open = (await client.ok(REJECTED, { handled: false })).projectsExchangeRejected;
    expect(open.total).toBeGreaterThan(1);
    expect(open.items.every((r: any) => !r.handled && r.handledAt === null)).toBe(true);
    const target = open.items[0];

    const tooLong = await client.gql(MARK, { id: target.id, note: '说'.repeat(201) });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(errorOf(await client.gql(MARK, { id: '999999999' }))).toBe('NOT_FOUND');

    const { projectsExchangeMarkRejectedHandled: marked } = await client.ok(MARK, {
      id: target.id,
      note: '  省平台已更正该企业记录  ',
    });
    expect(marked).toMatchObject({
      id: target.id,
      handled: true,
      handledByName: '系统管理员',
      handledNote: '省平台已更正该企业记录',
    });
    expect(marked.handledById).toBeTruthy();
    expect(Date.now() - Date.parse(marked.handledAt)).toBeLessThan(600_000);

    const again = await client.gql(MARK, { id: target.id });
    expect(again.errors?.[0]).toMatchObject({
      message: '该记录已由系统管理员标记为已处理',
      extensions: { code: 'CONFLICT' },
    });
    const after = (await client.ok(REJECTED, { handled: false })).projectsExchangeRejected;
    expect(after.total).toBe(open.total - 1);
    expect(after.items.map((r: any) => r.id)).not.toContain(target.id);
    const done = (await client.ok(REJECTED, { handled: true })).projectsExchangeRejected;
    expect(done.items.map((r: any) => r.id)).toEqual([target.id]);
    expect((await client.ok(REJECTED, {})).projectsExchangeRejected.total).toBe(open.total);
  });

  it('is refused without exchange:manage, and the outbox is not shown without exchange:view', async () => {
    const [row] = await sql('select id from projects.exchange_rejected where resolved_at is null limit 1');
    for (const username of ['dy_inspector', 'ent_user']) {
      const token = await client.login(username);
      expect(errorOf(await client.gql(MARK, { id: String(row.id) }, token))).toBe('FORBIDDEN');
      expect(errorOf(await client.gql(OUTBOX, { c: DRAWING_REVIEW_CONNECTOR }, token))).toBe('FORBIDDEN');
    }
    expect(
      (await sql('select resolved_at from projects.exchange_rejected where id = $1', [row.id]))[0].resolved_at,
    ).toBeNull();
    // The outbox of a connector without a push is no list.
    const pull = await client.gql(OUTBOX, { c: MARKET_CONNECTOR });
    expect(pull.errors?.[0]).toMatchObject({ message: '该连接器没有推送任务', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('a restart between the commit and the send', () => {
  it('the message written before the stop is sent once by the restarted service', async () => {
    const certificate = await issue();
    const key = keyOf(certificate, 'ISSUED');
    await platform.close();
    expect((await sql('select state from projects.exchange_outbox where idempotency_key = $1', [key]))[0].state).toBe(
      'PENDING',
    );
    platform = await start(db);
    admin = await client.login('admin');
    expect(await relay()).toMatchObject({ sent: 1, failed: 0, dead: 0 });
    expect(receivedAs(key)).toEqual([expect.objectContaining({ duplicates: 0 })]);
    const [report] = (await client.ok(DETAIL, { id: certificate.id })).drawingReviewCertificate.provincialReports;
    expect(report).toMatchObject({ state: 'SENT', attempts: 1, receiptId: receivedAs(key)[0].receiptId });
  });
});
