import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Caller,
  migrateSubgraph,
  Permission,
  type RunningSubgraph,
  runSubgraph,
  signCaller,
  stableId,
} from '@hs/kit';
import type { BaseConfig } from '@hs/kit';
import { fire } from '../src/index.js';
import { captureMac } from '../src/onsite/capture.js';
import { FirePermission } from '../src/permissions.js';
import { signatureDataUrl, signaturePng } from '../src/seed/signature-png.js';
import {
  ADMIN_ID,
  createTestDatabase,
  testCaller as caller,
  testConfig,
  testLogger,
} from '../../../packages/kit/test/support.js';

export { ADMIN_ID, caller };

export const admin = caller();

/** 大冶市住建局消防科的一名科员: inspections of 大冶市 (420281) only, no unmasked personal data. */
export const dayeInspector = caller({
  userId: stableId('user', 'daye-fire'),
  username: 'daye-fire',
  displayName: '大冶市消防验收科员',
  roles: ['district-fire'],
  permissions: [
    FirePermission.INSPECTION_VIEW,
    FirePermission.INSPECTION_EDIT,
    FirePermission.PLAN_SIGN,
    FirePermission.RESULT_RECORD,
    FirePermission.ANALYTICS_VIEW,
    Permission.PROJECT_VIEW,
  ],
  scope: { kind: 'DEPT', departmentIds: [stableId('department', 'daye')], districtCodes: ['420281'] },
});

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

export interface TestFire {
  server: RunningSubgraph;
  config: BaseConfig & { DATA_DIR: string };
  url: string;
  dataDir: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on errors. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<T>;
  /** SQL through the service's own connection (its database role). */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** A DBA's connection (superuser), for tests that play someone with every database power. */
  dbaUrl: string;
  /** Another service's own role on the same database (what that service may read of fire's). */
  serviceUrl(name: string): string;
  /** Opens a download link as the router passes `/files/fire/download?t=…` through to the subgraph. */
  download(url: string): Promise<Downloaded>;
  /** The SQL statements the subgraph ran while `work` ran. */
  countQueries(work: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

export interface Downloaded {
  status: number;
  type: string | null;
  disposition: string | null;
  bytes: Buffer;
}

/** A fresh database (a copy of the template: identity + projects), the fire migrations, a running fire subgraph. */
export async function startFire(): Promise<TestFire> {
  const db = await createTestDatabase();
  await migrateSubgraph(fire, db.ownerUrl);
  const dataDir = await mkdtemp(join(tmpdir(), 'hs-fire-'));
  const config = { ...testConfig(db.serviceUrl('fire')), DATA_DIR: dataDir };
  let counted: string[] | null = null;
  const onQuery = (sql: string) => counted?.push(sql);
  const server = await runSubgraph(fire, { config, logger: testLogger, port: 0, onQuery });
  const gql = async (query: string, variables?: Record<string, unknown>, as: Caller | null = admin) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hs-caller': signCaller(config.ROUTER_SIGNING_KEY, as, '127.0.0.1'),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  return {
    server,
    config,
    url: server.url,
    dataDir,
    gql,
    async ok(query, variables, as) {
      const res = await gql(query, variables, as);
      if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 1)}`);
      return res.data;
    },
    sql: (query, params = []) => server.orm.em.getConnection().execute(query, params),
    dbaUrl: db.url,
    serviceUrl: (name) => db.serviceUrl(name),
    async download(url) {
      const res = await fetch(new URL(url.replace(/^\/files\/fire\//, '/files/'), server.url));
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        disposition: res.headers.get('content-disposition'),
        bytes: Buffer.from(await res.arrayBuffer()),
      };
    },
    async countQueries(work) {
      counted = [];
      try {
        await work();
        return counted;
      } finally {
        counted = null;
      }
    },
    async close() {
      await server.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const firstError = (res: GraphQLResponse) => res.errors?.[0];

/** A valid PNG as a signature pad sends it (generated: no image files in the repository). */
export const pngBytes = (variant = 0) => signaturePng(variant);
export const pngDataUrl = (variant = 0) => signatureDataUrl(variant);

// ---------------------------------------------------------------------------------------------
// GraphQL documents and flows used by several files
// ---------------------------------------------------------------------------------------------

export const INSPECTION_INPUT = {
  projectName: '测试综合楼消防验收',
  districtCode: '420281',
  builderUnit: '大冶市城市建设投资开发有限公司',
  designUnit: '湖北黄石建筑设计研究院有限公司',
  generalContractorUnit: '黄石市鼎盛建设集团有限公司',
  fireContractorUnit: '黄石市消防工程安装有限公司',
  supervisorUnit: '湖北东楚工程监理咨询有限公司',
  fireTestingUnit: '湖北铭安消防技术服务有限公司',
  leaderName: '王建华',
  leaderPhone: '13907140001',
  leaderIdCard: '420281198001010010',
  address: '大冶市新冶大道100号',
  category: 'NEW',
  decoration: true,
  decorationDescription: '首层大堂精装修',
  inspectionDate: '2026-06-10',
  changeOfUse: false,
};

export async function createInspection(
  t: TestFire,
  input: Record<string, unknown> = {},
  as: Caller = admin,
): Promise<string> {
  const data = await t.ok(
    `mutation($input: CreateFireInspectionInput!) { createFireInspection(input: $input) { id } }`,
    { input: { ...INSPECTION_INPUT, ...input } },
    as,
  );
  return data.createFireInspection.id;
}

export async function addBuilding(
  t: TestFire,
  inspectionId: string,
  input: Record<string, unknown>,
  as: Caller = admin,
): Promise<any> {
  const data = await t.ok(
    `mutation($id: ID!, $input: FireBuildingInput!) { addFireBuilding(inspectionId: $id, input: $input) { id name floors { id name kind level } } }`,
    { id: inspectionId, input },
    as,
  );
  return data.addFireBuilding;
}

export const PLAN_FIELDS = `id seq status seed contentHash mac catalogueVersion voidReason
  items { code no name applicable randomDraw candidateCount locations { key label reason } always { code label locations { key } }
          checks { lineCode subItemCode importance everywhere locations { key label } } }
  signatureBoxes { slot party label confirmationText signature { id signerName agree } }`;

export async function drawPlan(t: TestFire, inspectionId: string, as: Caller = admin): Promise<any> {
  const data = await t.ok(
    `mutation($id: ID!) { drawFirePlan(inspectionId: $id) { ${PLAN_FIELDS} } }`,
    { id: inspectionId },
    as,
  );
  return data.drawFirePlan;
}

export const SIGN_PLAN = `mutation($planId: ID!, $input: FirePlanSignatureInput!) {
  signFirePlan(planId: $planId, input: $input) {
    signature { id slot party partyLabel signerName agree opinion contentHash recordHash imageSha256 }
    plan { id status voidReason }
    redrawnPlan { ${PLAN_FIELDS} } } }`;

export async function signPlanAll(t: TestFire, planId: string, as: Caller = admin): Promise<void> {
  for (const [slot, name] of [
    [1, '王建华'],
    [2, '李监察'],
    [3, '赵监察'],
  ] as const) {
    await t.ok(
      SIGN_PLAN,
      { planId, input: { slot, signerName: name, agree: true, imageDataUrl: pngDataUrl(slot) } },
      as,
    );
  }
}

export const RECORD = `mutation($id: ID!, $results: [FireResultInput!]!) {
  recordFireResults(inspectionId: $id, results: $results) {
    inspection { id status } results { id lineCode locationKey verdict } progress { itemCode applicable required recorded failed complete } } }`;

/** Every (line, location) of the plan as result inputs; `fail(lineCode, locationKey)` picks the FAILs. */
export function allEntries(plan: any, fail: (line: string, loc: string) => boolean = () => false) {
  const out: { lineCode: string; locationKey: string; verdict: 'PASS' | 'FAIL'; note?: string }[] = [];
  for (const item of plan.items) {
    for (const check of item.checks) {
      for (const loc of check.locations) {
        const f = fail(check.lineCode, loc.key);
        out.push({
          lineCode: check.lineCode,
          locationKey: loc.key,
          verdict: f ? 'FAIL' : 'PASS',
          ...(f ? { note: '现场不符合设计要求' } : {}),
        });
      }
    }
  }
  return out;
}

export const SIGN_RESULTS = `mutation($id: ID!, $input: FireResultSignatureInput!) {
  signFireResults(inspectionId: $id, input: $input) {
    sealed inspection { id status sealedAt resultsLockedAt } signature { id slot party partyLabel contentHash recordHash imageSha256 } } }`;

export const RESULT_PARTIES = ['BUILDER', 'DESIGNER', 'GENERAL_CONTRACTOR', 'SUPERVISOR', 'FIRE_CONTRACTOR'] as const;

export async function signResultsAll(t: TestFire, inspectionId: string, as: Caller = admin): Promise<any> {
  let last: any;
  for (const [i, party] of RESULT_PARTIES.entries()) {
    last = await t.ok(
      SIGN_RESULTS,
      { id: inspectionId, input: { party, signerName: `签名人${i + 1}`, imageDataUrl: pngDataUrl(10 + i) } },
      as,
    );
  }
  return last.signFireResults;
}

/** A one-building inspection taken through plan, signatures and results; returns ids and the plan. */
export async function preparedInspection(
  t: TestFire,
  options: { input?: Record<string, unknown>; building?: Record<string, unknown>; as?: Caller } = {},
) {
  const as = options.as ?? admin;
  const id = await createInspection(t, options.input, as);
  await addBuilding(t, id, { name: '1#楼', aboveGroundFloors: 5, belowGroundFloors: 1, ...options.building }, as);
  const plan = await drawPlan(t, id, as);
  await signPlanAll(t, plan.id, as);
  return { id, plan };
}

// ---------------------------------------------------------------------------------------------
// On site (1.3.5): visits and photos as the phone page makes them
// ---------------------------------------------------------------------------------------------

/**
 * A JPEG as far as the server reads one: SOI, JFIF APP0, an optional EXIF APP1 (what a camera app or
 * the gallery leaves), a baseline frame header with the size, a scan and EOI. `variant` changes the bytes.
 */
export function testJpeg(options: { width?: number; height?: number; exif?: boolean; variant?: number } = {}): Buffer {
  const { width = 1280, height = 960, exif = false, variant = 0 } = options;
  const segment = (marker: number, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xff00 | marker, 0);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const sof = Buffer.alloc(15);
  sof.writeUInt8(8, 0);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof.writeUInt8(3, 5);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    ...(exif ? [segment(0xe1, Buffer.from('Exif\0\0MM\0*\0\0\0\x08Canon EOS', 'latin1'))] : []),
    segment(0xc0, sof),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([variant & 0xff, 0x12, 0x34, 0xff, 0xd9]),
  ]);
}

export const OPEN_VISIT = `mutation($id: ID!, $p: FirePositionInput!) {
  openFireSiteVisit(inspectionId: $id, position: $p) {
    captureKey visit { id latitude longitude accuracy distanceMeters farFromSite warning openedAt } } }`;
export const UPLOAD_PHOTO = `mutation($id: ID!, $input: FirePhotoInput!) {
  uploadFirePhoto(inspectionId: $id, input: $input) {
    id sha256 url capturedAt latitude longitude accuracy distanceMeters itemCode locationKey lineCode width height visitId } }`;

export interface OpenedVisit {
  captureKey: string;
  visit: any;
}

export async function openVisit(
  t: TestFire,
  inspectionId: string,
  position: { latitude: number; longitude: number; accuracy: number },
  as: Caller = admin,
): Promise<OpenedVisit> {
  return (await t.ok(OPEN_VISIT, { id: inspectionId, p: position }, as)).openFireSiteVisit;
}

/** What the phone page does: stamp time and place, MAC the picture with the visit's key. */
export function photoInput(
  visit: OpenedVisit,
  bytes: Buffer,
  extra: Record<string, unknown> = {},
  capturedAt = new Date().toISOString(),
) {
  const position = { latitude: 30.0957, longitude: 114.9744, accuracy: 9 };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    visitId: visit.visit.id,
    imageDataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}`,
    capturedAt,
    ...position,
    captureMac: captureMac(visit.captureKey, { visitId: visit.visit.id, capturedAt, ...position, sha256 }),
    ...extra,
  };
}
