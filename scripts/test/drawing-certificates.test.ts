/**
 * 1.1 施工图联合审查合格书 through the router: upload (signed ticket, content check), add, re-issue
 * (versions, read-only history), revoke, bad inputs that store nothing, the data scope of 1.1.2
 * (another district sees NOT_FOUND, never FORBIDDEN), the share log (one INSERT per request, none
 * for lists) and the file and list downloads.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@hs/identity';
import { certificatePdf } from '../../subgraphs/projects/src/certificates/certificate.seed.js';
import type { RunningPlatform } from '../src/platform.js';
import { startTestPlatform } from './support.js';
import { createTestDatabase } from '../../packages/kit/test/support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let platform: RunningPlatform;
let pool: pg.Pool;
const tokens: Record<string, string> = {};
const queries: { subgraph: string; sql: string }[] = [];
let dayeProject: { id: string; name: string };
let dayeProject2: { id: string; name: string };
let portProject: { id: string; name: string };

interface Answer {
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[];
}

async function gql(query: string, variables: Record<string, unknown> = {}, username = 'admin'): Promise<Answer> {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[username]}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function ok(query: string, variables: Record<string, unknown> = {}, username = 'admin') {
  const answer = await gql(query, variables, username);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data;
}

/** The first error's code, message and field. */
async function refused(query: string, variables: Record<string, unknown>, username = 'admin') {
  const answer = await gql(query, variables, username);
  expect(answer.errors, JSON.stringify(answer.data)).toBeDefined();
  const [error] = answer.errors!;
  return { code: error.extensions.code, message: error.message, field: error.extensions.field };
}

const sql = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function png(width: number, height: number): Buffer {
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
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc((width * 3 + 1) * height))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TICKET = `mutation { createDrawingReviewUploadTicket { url expiresAt maxBytes acceptedTypes } }`;

async function upload(bytes: Buffer, username = 'admin', contentType = 'application/pdf') {
  const { createDrawingReviewUploadTicket } = await ok(TICKET, {}, username);
  const response = await fetch(new URL(createDrawingReviewUploadTicket.url, platform.url), {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function uploaded(bytes: Buffer, username = 'admin'): Promise<string> {
  const result = await upload(bytes, username);
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body.file.sha256;
}

const FIELDS = `id chainId version latest status certificateNo reviewAgency reviewAgencyCreditCode reviewDate disciplines
  conclusion validFrom validUntil reissueReason revokeReason revokedByName createdByName
  file { sha256 mimeType byteSize } project { id name }`;
const ADD = `mutation($input: AddDrawingReviewCertificateInput!) { addDrawingReviewCertificate(input: $input) { ${FIELDS} } }`;
const REISSUE = `mutation($id: ID!, $input: ReissueDrawingReviewCertificateInput!) {
  reissueDrawingReviewCertificate(id: $id, input: $input) { ${FIELDS} versions { id version status latest } } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeDrawingReviewCertificate(id: $id, reason: $reason) { ${FIELDS} } }`;
const DETAIL = `query($id: ID!) { drawingReviewCertificate(id: $id) { ${FIELDS} versions { id version status } } }`;
const BY_NUMBER = `query($no: String!) { drawingReviewCertificateByNumber(certificateNo: $no) { id version } }`;
const LIST = `query($filter: DrawingReviewCertificateFilter, $sort: DrawingReviewCertificateSort, $page: PageInput) {
  drawingReviewCertificates(filter: $filter, sort: $sort, page: $page) { total items { id certificateNo version status reviewDate project { id } } } }`;
const PROJECT_CERTS = `query($id: ID!) { project(id: $id) { id drawingReviewCertificates { id version status versions { version status } } } }`;
const SHARE_LOG = `query($id: ID!) { drawingReviewCertificate(id: $id) { shareLog(page: { pageSize: 50 }) { total items {
  action version userName at user { id username } department { id name } } } } }`;
const DOWNLOAD = `mutation($id: ID!) { downloadDrawingReviewCertificate(id: $id) { url fileName expiresAt } }`;

let serial = 0;
function input(projectId: string, fileSha256: string, overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    projectId,
    certificateNo: `鄂黄施审字〔2026〕第T${String(serial).padStart(3, '0')}号`,
    reviewAgency: '湖北省建筑设计施工图审查中心（黄石）有限公司',
    reviewAgencyCreditCode: null,
    reviewDate: '2026-05-18',
    disciplines: ['STRUCTURE', 'ARCHITECTURE', 'FIRE'],
    conclusion: 'QUALIFIED',
    validFrom: null,
    validUntil: '2028-05-17',
    fileSha256,
    ...overrides,
  };
}
const withoutProject = ({ projectId: _p, ...rest }: ReturnType<typeof input>) => rest;

async function login(username: string) {
  const { password } = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      variables: { u: username, p: password },
    }),
  });
  tokens[username] = ((await response.json()) as Answer).data.login.accessToken;
}

beforeAll(async () => {
  db = await createTestDatabase();
  platform = await startTestPlatform(db, { onQuery: (subgraph, text) => queries.push({ subgraph, sql: text }) });
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  for (const username of ['admin', 'city_admin', 'dy_inspector', 'ent_user']) await login(username);
  const pick = async (districtCode: string) =>
    (
      await ok(
        `query($d: String) { projects(filter: { districtCode: $d }, page: { pageSize: 2 }, sort: { field: NAME }) { items { id name } } }`,
        {
          d: districtCode,
        },
      )
    ).projects.items;
  [dayeProject, dayeProject2] = await pick('420281');
  [portProject] = await pick('420202');
});

afterAll(async () => {
  await pool?.end();
  await platform?.close();
  await db?.drop();
});

describe('uploads', () => {
  it('take a PDF or a legible image, checked by content; editors only', async () => {
    const pdf = certificatePdf(['Drawing review certificate', 'upload test']);
    const stored = await upload(pdf, 'admin', 'application/octet-stream');
    expect(stored.status).toBe(201);
    expect(stored.body.file).toMatchObject({ sha256: sha(pdf), mimeType: 'application/pdf', byteSize: pdf.length });
    expect((await upload(png(800, 1100), 'admin', 'application/pdf')).body.file.mimeType).toBe('image/png');

    const cases: [Buffer, string][] = [
      [Buffer.from('合格书.pdf 其实是一段文字'), '合格书文件必须是 PDF、JPEG 或 PNG 文件（按文件内容检查）'],
      [pdf.subarray(0, pdf.length - 20), '合格书文件必须是 PDF、JPEG 或 PNG 文件（按文件内容检查）'], // truncated: no %%EOF
      [png(120, 90), '合格书图片太小：短边不少于 300 像素，请上传清晰的扫描件'],
    ];
    for (const [bytes, message] of cases) {
      const result = await upload(bytes, 'admin', 'application/pdf');
      expect([result.status, result.body.errors[0].extensions.code, result.body.errors[0].message]).toEqual([
        400,
        'BAD_USER_INPUT',
        message,
      ]);
    }
    const [{ n }] = await sql(`select count(*)::int n from projects.stored_file where sha256 = any($1)`, [
      cases.map(([bytes]) => sha(bytes)),
    ]);
    expect(n).toBe(0);

    expect((await refused(TICKET, {}, 'ent_user')).code).toBe('FORBIDDEN');
  });
});

describe('adding, re-issuing and revoking', () => {
  it('adds version 1 with text as typed, the number normalised and the disciplines in dictionary order', async () => {
    const file = await uploaded(certificatePdf(['add test']));
    const typed = input(dayeProject.id, file, {
      certificateNo: ' 鄂黄施审字〔２０２６〕第０７７号 ',
      reviewAgencyCreditCode: '91420100ma4kx1r250',
    });
    const { addDrawingReviewCertificate: c } = await ok(ADD, { input: typed }, 'dy_inspector');
    expect(c).toMatchObject({
      version: 1,
      latest: true,
      status: 'CURRENT',
      certificateNo: '鄂黄施审字〔2026〕第077号',
      reviewAgency: '湖北省建筑设计施工图审查中心（黄石）有限公司',
      reviewAgencyCreditCode: '91420100MA4KX1R250',
      disciplines: ['ARCHITECTURE', 'STRUCTURE', 'FIRE'],
      validFrom: null,
      validUntil: '2028-05-17',
      createdByName: '刘志明',
      file: { sha256: file, mimeType: 'application/pdf' },
      project: { id: dayeProject.id },
    });
    expect(c.chainId).toBe(c.id);
    const { drawingReviewCertificateByNumber } = await ok(BY_NUMBER, { no: '鄂黄施审字〔2026〕第077号' });
    expect(drawingReviewCertificateByNumber.id).toBe(c.id);
  });

  it('refuses bad input with the field and a Chinese message, and stores nothing', async () => {
    const file = await uploaded(certificatePdf(['bad input test']));
    const [{ n: before }] = await sql(`select count(*)::int n from projects.drawing_review_certificate`);
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ reviewDate: '2026-02-30' }, 'reviewDate', '审查日期格式应为 YYYY-MM-DD 且为有效日期'],
      [{ reviewDate: tomorrow }, 'reviewDate', '审查日期不能晚于今天'],
      [{ validUntil: '2026-05-01' }, 'validUntil', '有效期止应晚于审查日期'],
      [{ validFrom: '2026-06-01', validUntil: null }, 'validUntil', '填写了有效期起时，有效期止也须填写'],
      [{ validFrom: '2026-05-01', validUntil: '2027-01-01' }, 'validFrom', '有效期起不能早于审查日期'],
      [{ disciplines: [] }, 'disciplines', '请至少选择一个审查专业'],
      [{ certificateNo: '第 12 号' }, 'certificateNo', '合格书编号只能包含文字、数字'],
      [{ certificateNo: '审查合格书' }, 'certificateNo', '合格书编号应包含数字'],
      [
        { reviewAgencyCreditCode: '91420100MA4KX1R251' },
        'reviewAgencyCreditCode',
        '审查机构统一社会信用代码校验位错误',
      ],
      [{ reviewAgency: '审' }, 'reviewAgency', '审查机构名称至少2个字'],
      [{ fileSha256: 'a'.repeat(64) }, 'fileSha256', '合格书文件未上传或上传未完成，请重新上传'],
      [{ fileSha256: 'not-a-digest' }, 'fileSha256', '合格书文件标识无效，请重新上传'],
    ];
    for (const [overrides, field, message] of cases) {
      const result = await refused(ADD, { input: input(dayeProject.id, file, overrides) });
      expect(result, JSON.stringify(overrides)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.message).toContain(message);
    }
    // Control characters are refused by the kit's text guard before any resolver runs.
    const bell = await refused(ADD, { input: input(dayeProject.id, file, { reviewAgency: '黄石审图\u0007中心' }) });
    expect(bell.code).toBe('BAD_USER_INPUT');
    expect(bell.message).toContain('U+0007');
    const unknownProject = await refused(ADD, { input: input('00000000-0000-4000-8000-000000000000', file) });
    expect(unknownProject.code).toBe('NOT_FOUND');
    const [{ n: after }] = await sql(`select count(*)::int n from projects.drawing_review_certificate`);
    expect(after).toBe(before);
  });

  it('keeps a number to one certificate: another chain cannot take it', async () => {
    const file = await uploaded(certificatePdf(['duplicate test']));
    const first = input(dayeProject.id, file);
    await ok(ADD, { input: first });
    const again = await refused(ADD, { input: { ...first, projectId: dayeProject2.id } });
    expect(again).toMatchObject({ code: 'CONFLICT', field: 'certificateNo' });
    expect(again.message).toContain(`合格书编号 ${first.certificateNo} 已被另一份合格书使用`);
  });

  it('re-issues as a new version; the old one stays, superseded and read-only', async () => {
    const v1File = await uploaded(certificatePdf(['reissue v1']));
    const original = input(dayeProject2.id, v1File);
    const { addDrawingReviewCertificate: v1 } = await ok(ADD, { input: original }, 'dy_inspector');
    const v2File = await uploaded(png(1240, 1754));
    const reissued = {
      ...withoutProject(original),
      fileSha256: v2File,
      disciplines: ['ARCHITECTURE', 'ENERGY_SAVING'],
    };

    const noReason = await refused(REISSUE, { id: v1.id, input: { ...reissued, reason: ' ' } });
    expect(noReason).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', message: '换发原因不能为空' });

    const { reissueDrawingReviewCertificate: v2 } = await ok(
      REISSUE,
      { id: v1.id, input: { ...reissued, reason: '设计变更：增加节能专篇' } },
      'dy_inspector',
    );
    expect(v2).toMatchObject({
      chainId: v1.id,
      version: 2,
      latest: true,
      status: 'CURRENT',
      certificateNo: original.certificateNo,
      reissueReason: '设计变更：增加节能专篇',
      file: { sha256: v2File, mimeType: 'image/png' },
    });
    expect(v2.versions).toEqual([
      { id: v2.id, version: 2, status: 'CURRENT', latest: true },
      { id: v1.id, version: 1, status: 'SUPERSEDED', latest: false },
    ]);
    const { project } = await ok(PROJECT_CERTS, { id: dayeProject2.id });
    const shown = project.drawingReviewCertificates.find((c: any) => c.id === v2.id);
    expect(shown.versions).toEqual([
      { version: 2, status: 'CURRENT' },
      { version: 1, status: 'SUPERSEDED' },
    ]);
    expect(project.drawingReviewCertificates.some((c: any) => c.id === v1.id)).toBe(false);

    // History cannot be re-issued or revoked, nor changed by any SQL writer.
    const onHistory = await refused(REISSUE, { id: v1.id, input: { ...reissued, reason: '再次换发' } });
    expect(onHistory.code).toBe('CONFLICT');
    expect(onHistory.message).toContain('历史版本');
    await expect(
      sql(`update projects.drawing_review_certificate set review_agency = 'x' where id = $1`, [v1.id]),
    ).rejects.toThrow('合格书的历史版本只读，不能修改');
    await expect(sql(`delete from projects.drawing_review_certificate where id = $1`, [v2.id])).rejects.toThrow(
      '不能删除',
    );

    // A re-issue may take a new number, but not one that belongs to another certificate.
    const taken = (
      await sql(`select certificate_no from projects.drawing_review_certificate where chain_id <> $1 limit 1`, [v1.id])
    )[0].certificate_no;
    const clash = await refused(REISSUE, {
      id: v2.id,
      input: { ...reissued, certificateNo: taken, reason: '编号变更' },
    });
    expect(clash).toMatchObject({ code: 'CONFLICT', field: 'certificateNo' });
    const { reissueDrawingReviewCertificate: v3 } = await ok(REISSUE, {
      id: v2.id,
      input: { ...reissued, certificateNo: `${original.certificateNo}-1`, reason: '编号变更' },
    });
    expect([v3.version, v3.certificateNo]).toEqual([3, `${original.certificateNo}-1`]);
    // Both numbers find the chain's newest version.
    for (const no of [original.certificateNo, `${original.certificateNo}-1`]) {
      expect((await ok(BY_NUMBER, { no })).drawingReviewCertificateByNumber).toEqual({ id: v3.id, version: 3 });
    }
  });

  it('revokes with a reason; a revoked certificate is kept and can no longer change', async () => {
    const file = await uploaded(certificatePdf(['revoke test']));
    const { addDrawingReviewCertificate: c } = await ok(ADD, { input: input(dayeProject.id, file) });
    expect((await refused(REVOKE, { id: c.id, reason: '' })).message).toBe('撤销原因不能为空');
    expect((await refused(REVOKE, { id: c.id, reason: '错' })).message).toBe('撤销原因至少2个字');
    const { revokeDrawingReviewCertificate: revoked } = await ok(
      REVOKE,
      { id: c.id, reason: '建设单位申请撤回，设计文件重新送审' },
      'dy_inspector',
    );
    expect(revoked).toMatchObject({
      status: 'REVOKED',
      latest: true,
      revokeReason: '建设单位申请撤回，设计文件重新送审',
      revokedByName: '刘志明',
    });
    expect((await refused(REVOKE, { id: c.id, reason: '再次撤销' })).code).toBe('CONFLICT');
    const reissue = await refused(REISSUE, {
      id: c.id,
      input: { ...withoutProject(input(dayeProject.id, file)), reason: '撤销后换发' },
    });
    expect([reissue.code, reissue.message.includes('撤销')]).toEqual(['CONFLICT', true]);
    const { drawingReviewCertificates } = await ok(LIST, { filter: { projectId: dayeProject.id, status: 'REVOKED' } });
    expect(drawingReviewCertificates.items.map((i: any) => i.id)).toContain(c.id);
  });
});

describe('1.1.2 shared with the departments whose scope covers the project', () => {
  let portCertificate: any;
  let dayeCertificate: any;
  beforeAll(async () => {
    const file = await uploaded(certificatePdf(['scope test']));
    portCertificate = (await ok(ADD, { input: input(portProject.id, file) })).addDrawingReviewCertificate;
    dayeCertificate = (await ok(ADD, { input: input(dayeProject.id, file) })).addDrawingReviewCertificate;
  });

  it('another district sees NOT_FOUND or nothing, never FORBIDDEN, on every path', async () => {
    for (const [query, variables] of [
      [DETAIL, { id: portCertificate.id }],
      [BY_NUMBER, { no: portCertificate.certificateNo }],
      [DOWNLOAD, { id: portCertificate.id }],
      [REVOKE, { id: portCertificate.id, reason: '越权撤销' }],
      [
        REISSUE,
        {
          id: portCertificate.id,
          input: { ...withoutProject(input(portProject.id, 'a'.repeat(64))), reason: '越权换发' },
        },
      ],
    ] as const) {
      expect((await refused(query, variables, 'dy_inspector')).code, query).toBe('NOT_FOUND');
    }
    const list = await ok(LIST, { filter: { keyword: portCertificate.certificateNo } }, 'dy_inspector');
    expect(list.drawingReviewCertificates.total).toBe(0);
    const all = await ok(LIST, { page: { pageSize: 100 } }, 'dy_inspector');
    expect(all.drawingReviewCertificates.items.length).toBeGreaterThan(0);
    const districts = await sql(`select distinct p.district_code from projects.project p where p.id = any($1)`, [
      all.drawingReviewCertificates.items.map((i: any) => i.project.id),
    ]);
    expect(districts.map((d: any) => d.district_code)).toEqual(['420281']);
    expect((await refused(PROJECT_CERTS, { id: portProject.id }, 'dy_inspector')).code).toBe('NOT_FOUND');
    // The city and the district both see the 大冶市 certificate.
    for (const username of ['city_admin', 'dy_inspector']) {
      expect((await ok(DETAIL, { id: dayeCertificate.id }, username)).drawingReviewCertificate.id).toBe(
        dayeCertificate.id,
      );
    }
    expect((await ok(DETAIL, { id: portCertificate.id }, 'city_admin')).drawingReviewCertificate.id).toBe(
      portCertificate.id,
    );
  });

  it('the share log records detail reads (one INSERT per request) and downloads, not list reads', async () => {
    const file = await uploaded(certificatePdf(['share log test']));
    const a = (await ok(ADD, { input: input(dayeProject.id, file) })).addDrawingReviewCertificate;
    const b = (await ok(ADD, { input: input(dayeProject.id, file) })).addDrawingReviewCertificate;
    const rows = async () =>
      (
        await sql(
          `select certificate_id, action, user_name from projects.drawing_review_certificate_share where chain_id = any($1) order by at, action`,
          [[a.chainId, b.chainId]],
        )
      ).map((r: any) => [r.certificate_id === a.id ? 'a' : 'b', r.action, r.user_name]);

    await ok(LIST, { filter: { projectId: dayeProject.id }, page: { pageSize: 100 } }, 'dy_inspector');
    await ok(PROJECT_CERTS, { id: dayeProject.id }, 'dy_inspector');
    expect(await rows()).toEqual([]);

    queries.length = 0;
    await ok(
      `query($a: ID!, $b: ID!) { x: drawingReviewCertificate(id: $a) { id } y: drawingReviewCertificate(id: $b) { id } z: drawingReviewCertificate(id: $a) { id } }`,
      { a: a.id, b: b.id },
      'dy_inspector',
    );
    const inserts = queries.filter(
      (q) => q.subgraph === 'projects' && /insert into "projects"."drawing_review_certificate_share"/.test(q.sql),
    );
    expect(inserts).toHaveLength(1);
    expect(await rows()).toEqual([
      ['a', 'VIEW', '刘志明'],
      ['b', 'VIEW', '刘志明'],
    ]);

    await ok(DETAIL, { id: a.id }, 'city_admin');
    const { downloadDrawingReviewCertificate: link } = await ok(DOWNLOAD, { id: a.id }, 'city_admin');
    const log = (await ok(SHARE_LOG, { id: a.id })).drawingReviewCertificate.shareLog;
    expect(log.total).toBe(4); // two views above, the admin's own detail read of the log now, and the download
    expect(log.items.map((i: any) => [i.action, i.version, i.userName, i.user?.username, i.department?.name])).toEqual([
      ['VIEW', 1, '系统管理员', 'admin', '信息中心'],
      ['DOWNLOAD', 1, '王建华', 'city_admin', '建管科'],
      ['VIEW', 1, '王建华', 'city_admin', '建管科'],
      ['VIEW', 1, '刘志明', 'dy_inspector', '大冶市住建局'],
    ]);
    // The link serves the bytes with the certificate's name, for five minutes.
    const response = await fetch(new URL(link.url, platform.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain(
      `施工图审查合格书-${a.certificateNo}-第1版.pdf`,
    );
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(file);
  });
});

describe('the list', () => {
  it('filters, sorts by indexed columns and exports what it shows', async () => {
    const byDiscipline = await ok(LIST, {
      filter: { discipline: 'ENERGY_SAVING', districtCode: '420281' },
      page: { pageSize: 100 },
    });
    expect(byDiscipline.drawingReviewCertificates.total).toBeGreaterThan(0);
    const ids = byDiscipline.drawingReviewCertificates.items.map((i: any) => i.id);
    const disciplines = await sql(`select disciplines from projects.drawing_review_certificate where id = any($1)`, [
      ids,
    ]);
    for (const row of disciplines) expect(row.disciplines).toContain('ENERGY_SAVING');

    const sorted = await ok(LIST, { sort: { field: 'REVIEW_DATE', direction: 'DESC' }, page: { pageSize: 100 } });
    const dates = sorted.drawingReviewCertificates.items.map((i: any) => i.reviewDate);
    expect(dates).toEqual([...dates].sort().reverse());
    // Only the newest version of each chain is listed.
    expect(sorted.drawingReviewCertificates.items.every((i: any) => i.status !== 'SUPERSEDED')).toBe(true);
    const history = await refused(LIST, { filter: { status: 'SUPERSEDED' } });
    expect(history.code).toBe('BAD_USER_INPUT');
    const badDates = await refused(LIST, { filter: { reviewDateFrom: '2026-06-01', reviewDateTo: '2026-05-01' } });
    expect(badDates).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.reviewDateTo' });

    const { exportDrawingReviewCertificates: link } = await ok(
      `mutation($filter: DrawingReviewCertificateFilter) { exportDrawingReviewCertificates(filter: $filter) { url fileName rowCount } }`,
      { filter: { districtCode: '420281' } },
      'dy_inspector',
    );
    const listed = await ok(LIST, { filter: { districtCode: '420281' }, page: { pageSize: 100 } }, 'dy_inspector');
    expect(link.rowCount).toBe(listed.drawingReviewCertificates.total);
    const response = await fetch(new URL(link.url, platform.url));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell(3, 1).value).toBe('合格书编号');
    expect(sheet.rowCount - 3).toBe(link.rowCount);
  });

  it('reads projects with their certificates, versions, files and share logs in a fixed number of queries', async () => {
    queries.length = 0;
    const { projects } = await ok(`query { projects(page: { pageSize: 100 }) { items { id drawingReviewCertificates {
      id file { mimeType } versions { id version file { sha256 } } shareLog(page: { pageSize: 5 }) { total items { version userName } } } } } }`);
    const withCertificates = projects.items.filter((p: any) => p.drawingReviewCertificates.length > 0);
    expect(withCertificates.length).toBeGreaterThan(5);
    const reads = (table: string) =>
      queries.filter((q) => q.subgraph === 'projects' && q.sql.includes(`"${table}"`)).length;
    // A project's certificates, then every chain's versions: one query each, whatever the count.
    expect(reads('drawing_review_certificate')).toBe(2);
    expect(reads('stored_file')).toBeLessThanOrEqual(2);
    expect(reads('drawing_review_certificate_share')).toBe(2); // page + totals; and no row written by a list
    expect(queries.some((q) => /^insert/i.test(q.sql.trim()))).toBe(false);
  });

  it('a project with certificates is not deleted', async () => {
    const result = await refused(`mutation($ids: [ID!]!) { deleteProjects(ids: $ids) { deleted } }`, {
      ids: [dayeProject.id],
    });
    expect(result.code).toBe('IN_USE');
    expect(result.message).toContain('施工图联合审查合格书');
  });
});
