import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { type Caller, createLogger, type RunningSubgraph, runSubgraph, signCaller, stableId } from '@hs/kit';
import type { BaseConfig } from '@hs/kit';
import pg from 'pg';
import { createTestDatabase, testCaller, testConfig, testLogger } from '../../../packages/kit/test/support.js';
import { workforce } from '../src/index.js';
import { WorkforcePermission } from '../src/permissions.js';

export const admin = testCaller();

/** 大冶市住建局的监管员: 大冶市 (420281) only, no unmasked personal data. */
export const dayeInspector = testCaller({
  userId: stableId('user', 'daye-wf'),
  username: 'daye-wf',
  displayName: '大冶市劳务监管员',
  roles: ['district'],
  permissions: [
    WorkforcePermission.PERSON_VIEW,
    WorkforcePermission.PERSON_EDIT,
    WorkforcePermission.ATTENDANCE_VIEW,
    WorkforcePermission.ANALYTICS_VIEW,
    WorkforcePermission.INSURANCE_VIEW,
  ],
  scope: { kind: 'DEPT', departmentIds: [stableId('department', 'daye')], districtCodes: ['420281'] },
});

export const gateway = testCaller({
  userId: stableId('user', 'device_gateway'),
  username: 'device_gateway',
  roles: ['device_gateway'],
  permissions: [WorkforcePermission.ATTENDANCE_INGEST],
  scope: { kind: 'SELF' },
});

export const workerCaller = (userId: string) =>
  testCaller({
    userId,
    username: 'worker',
    roles: ['worker'],
    permissions: [WorkforcePermission.ATTENDANCE_CHECKIN],
    scope: { kind: 'SELF' },
  });

/** Two project sites: one in 黄石港区 (420202) with a fence, one in 大冶市 (420281). */
export const SITE_A = stableId('project', 'wf-test-a');
export const SITE_B = stableId('project', 'wf-test-b');
export const FENCE_A = {
  type: 'Polygon',
  coordinates: [
    [
      [115.077, 30.219],
      [115.0791, 30.219],
      [115.0791, 30.2204],
      [115.077, 30.2204],
      [115.077, 30.219],
    ],
  ],
};
export const DEVICE_A = stableId('workforce-device', 'test-a');
export const DEVICE_B = stableId('workforce-device', 'test-b');

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

export interface TestWorkforce {
  server: RunningSubgraph;
  config: BaseConfig & { DATA_DIR: string };
  url: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<GraphQLResponse<T>>;
  ok<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<T>;
  /** SQL as the server's superuser (test setup). */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** The database as the owner role, that migrations run as. */
  ownerUrl: string;
  close(): Promise<void>;
}

/** Requests to the subgraph at `url` as the router sends them, signed for the caller (`admin` unless told). */
export function subgraphClient(url: string, signingKey: string): Pick<TestWorkforce, 'gql' | 'ok'> {
  const gql = async (query: string, variables?: Record<string, unknown>, as: Caller | null = admin) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hs-caller': signCaller(signingKey, as, '127.0.0.1') },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  const ok = async (query: string, variables?: Record<string, unknown>, as: Caller | null = admin) => {
    const r = await gql(query, variables, as);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  return { gql: gql as TestWorkforce['gql'], ok: ok as TestWorkforce['ok'] };
}

export async function startWorkforce(): Promise<TestWorkforce> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'hs-workforce-'));
  const config = { ...testConfig(db.serviceUrl('workforce')), DATA_DIR: dataDir };
  const logger = process.env.WORKFORCE_TEST_LOG ? createLogger('test', 'error') : testLogger;
  const server = await runSubgraph(workforce, { config, logger, port: 0 });
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const { gql, ok } = subgraphClient(server.url, config.ROUTER_SIGNING_KEY);
  const sql = async (query: string, params: unknown[] = []) => (await pool.query(query, params)).rows;
  await sql(
    `insert into workforce.project_site (project_id, name, district_code, location_lng, location_lat, boundary, synced_at, updated_at)
     values ($1, '黄石港区测试项目', '420202', 115.078, 30.2197, $2, now(), now()),
            ($3, '大冶市测试项目', '420281', 114.98, 30.09, null, now(), now())`,
    [SITE_A, JSON.stringify(FENCE_A), SITE_B],
  );
  await sql(
    `insert into workforce.device (id, project_id, serial_no, name, kind, enabled, created_at)
     values ($1, $2, 'T-A', 'A门', 'FACE', true, now()), ($3, $4, 'T-B', 'B门', 'FACE', true, now())`,
    [DEVICE_A, SITE_A, DEVICE_B, SITE_B],
  );
  return {
    server,
    config,
    url: server.url,
    gql,
    ok,
    sql: sql as TestWorkforce['sql'],
    ownerUrl: db.ownerUrl,
    close: async () => {
      await server.close();
      await pool.end();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A device gateway's batch upload, answering the counts only. */
export const INGEST = `mutation($d: ID!, $b: String!, $e: [AttendanceEventInput!]!) {
  ingestAttendanceBatch(deviceId: $d, batchId: $b, events: $e) { accepted refused } }`;

export const PERSON_FIELDS = `id name idCard phone sex birthDate trade age employments { id post isKeyPost projectId districtCode active }`;

/** Registers a person and assigns them to a project; returns the person id. */
export async function hire(
  t: TestWorkforce,
  idCard: string,
  projectId: string,
  post = '钢筋工',
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { createWorkforcePerson } = await t.ok(
    `mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`,
    { i: { name: '测试工人', idCard, ethnicity: '汉族', trade: '钢筋工', ...extra } },
  );
  await t.ok(`mutation($i: WorkforceEmploymentInput!) { assignWorkforcePerson(input: $i) { id } }`, {
    i: { personId: createWorkforcePerson.id, projectId, post, entryDate: '2026-01-05' },
  });
  return createWorkforcePerson.id;
}

/** Valid 身份证号 for tests (check character computed). */
export function idCard(region: string, birth: string, seq: number): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...first].reduce((s, c, i) => s + Number(c) * W[i], 0);
  return first + '10X98765432'[sum % 11];
}

/** A real, decodable RGB PNG (a colour gradient; `seed` changes the content and so the SHA-256). */
export function testPng(width: number, height: number, seed = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x + seed) & 0xff, (y * 2) & 0xff, 160], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF as a scanner or Word writes it (header, objects, cross-reference table, trailer). */
export function testPdf(text = 'Labour contract'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 24 Tf 72 760 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 24 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
