import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signedUploadUrl } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  dayeInspector,
  gateway,
  hire,
  idCard,
  SITE_B,
  startWorkforce,
  testPdf,
  testPng,
  type TestWorkforce,
} from './helpers.js';

// 1.2.1 证件照 and 劳动合同扫描件: signed upload URLs (ADR 0008), content checks, references from
// people and assignments, signed downloads, and what a caller without the sensitive permission sees.

let t: TestWorkforce;
let base: string;

beforeAll(async () => {
  t = await startWorkforce();
  base = t.url.replace(/\/graphql$/, '');
});
afterAll(async () => t?.close());

const TICKET = `mutation($p: WorkforceFilePurpose!) { createWorkforceUploadTicket(purpose: $p) { url expiresAt maxBytes acceptedTypes } }`;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The subgraph's side of the router's /files/workforce/… pass-through. */
const direct = (url: string) => `${base}${url.replace('/files/workforce/', '/files/')}`;

async function ticket(purpose: 'PERSON_PHOTO' | 'CONTRACT', as = admin): Promise<string> {
  const { createWorkforceUploadTicket } = await t.ok(TICKET, { p: purpose }, as);
  return createWorkforceUploadTicket.url as string;
}

async function upload(url: string, bytes: Buffer, type = 'application/octet-stream') {
  const res = await fetch(direct(url), {
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function uploaded(purpose: 'PERSON_PHOTO' | 'CONTRACT', bytes: Buffer): Promise<string> {
  const res = await upload(await ticket(purpose), bytes);
  expect(res.status).toBe(201);
  return res.body.file.sha256;
}

const PERSON = `id photo { sha256 mimeType byteSize width height url uploadedAt }
  employments { id contractFile { sha256 mimeType byteSize url } }`;

describe('upload tickets', () => {
  it('are issued to editors only, per purpose, for 10 minutes', async () => {
    const { createWorkforceUploadTicket: t1 } = await t.ok(TICKET, { p: 'PERSON_PHOTO' });
    expect(t1.url).toMatch(/^\/files\/workforce\/upload\/PERSON_PHOTO\?uid=[^&]+&exp=\d+&sig=[0-9a-f]{64}$/);
    expect(t1.maxBytes).toBe(2 * 1024 * 1024);
    expect(t1.acceptedTypes).toEqual(['image/jpeg', 'image/png']);
    const minutes = (Date.parse(t1.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    const { createWorkforceUploadTicket: t2 } = await t.ok(TICKET, { p: 'CONTRACT' });
    expect(t2.acceptedTypes).toEqual(['application/pdf', 'image/jpeg', 'image/png']);

    const refused = await t.gql(TICKET, { p: 'PERSON_PHOTO' }, gateway);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('are refused when tampered with, expired, or used for another purpose or user', async () => {
    const url = await ticket('PERSON_PHOTO');
    const png = testPng(300, 400, 1);
    const tampered = url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const cases = [
      tampered,
      url.replace(/exp=\d+/, 'exp=1000'),
      url.replace('/PERSON_PHOTO?', '/CONTRACT?'),
      url.replace(/uid=[^&]+/, 'uid=someone-else'),
      url.replace(/&sig=[0-9a-f]+/, ''),
    ];
    for (const bad of cases) {
      const res = await upload(bad, png, 'image/png');
      expect(res.status, bad).toBe(403);
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    // A ticket issued 11 minutes ago, correctly signed: expired, and the message says what to do.
    const old = signedUploadUrl(
      t.config.FIELD_ENCRYPTION_KEY,
      'workforce',
      'PERSON_PHOTO',
      admin.userId,
      new Date(Date.now() - 11 * 60_000),
    );
    const expired = await upload(old.url, png, 'image/png');
    expect([expired.status, expired.body.errors[0].message]).toEqual([403, '上传链接已过期，请重新选择文件']);
    expect((await upload(url, png, 'image/png')).status).toBe(201); // the untampered ticket works
    await t.sql(`delete from workforce.stored_file`);
    expect((await upload(url.replace('/PERSON_PHOTO?', '/OTHER?'), png)).status).toBe(404);
    const [{ n }] = await t.sql(`select count(*)::int as n from workforce.stored_file`);
    expect(n).toBe(0);
  });
});

describe('uploads are checked by content', () => {
  it('stores a photo once by its SHA-256, on disk and in stored_file', async () => {
    const png = testPng(358, 441, 2);
    const url = await ticket('PERSON_PHOTO');
    // The declared type is ignored: a PNG declared as JPEG is still found to be a PNG.
    const first = await upload(url, png, 'image/jpeg');
    expect(first).toEqual({
      status: 201,
      body: { file: { sha256: sha(png), mimeType: 'image/png', byteSize: png.length, width: 358, height: 441 } },
    });
    const again = await upload(url, png, 'image/png');
    expect(again.status).toBe(201);
    const rows = await t.sql(
      `select mime_type, byte_size, width, height, created_by_id from workforce.stored_file where sha256 = $1`,
      [sha(png)],
    );
    expect(rows).toEqual([
      { mime_type: 'image/png', byte_size: png.length, width: 358, height: 441, created_by_id: admin.userId },
    ]);
    const onDisk = await readFile(
      join(t.config.DATA_DIR, 'files', sha(png).slice(0, 2), sha(png).slice(2, 4), sha(png)),
    );
    expect(onDisk.equals(png)).toBe(true);
  });

  it('refuses what is not an accepted file, with a Chinese message, and stores nothing', async () => {
    const [{ n: before }] = await t.sql(`select count(*)::int as n from workforce.stored_file`);
    const photo = await ticket('PERSON_PHOTO');
    const text = Buffer.from('这不是图片，只是改了扩展名的文本文件');
    expect(await upload(photo, text, 'image/jpeg')).toEqual({
      status: 400,
      body: {
        errors: [
          { message: '证件照必须是 JPEG 或 PNG 图片（按文件内容检查）', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      },
    });
    expect((await upload(photo, testPdf(), 'image/png')).body.errors[0].message).toContain('证件照必须是 JPEG 或 PNG');
    expect((await upload(photo, testPng(60, 80), 'image/png')).body.errors[0].message).toBe(
      '证件照尺寸无效：短边不小于 100、长边不大于 6000 像素',
    );
    const empty = await upload(photo, Buffer.alloc(0));
    expect([empty.status, empty.body.errors[0].message]).toEqual([400, '文件不能为空']);
    const contract = await ticket('CONTRACT');
    const truncated = testPdf().subarray(0, 200); // no %%EOF: the upload broke off
    expect((await upload(contract, truncated, 'application/pdf')).body.errors[0].message).toBe(
      '劳动合同扫描件必须是 PDF、JPEG 或 PNG 文件（按文件内容检查）',
    );
    const [{ n: after }] = await t.sql(`select count(*)::int as n from workforce.stored_file`);
    expect(after).toBe(before);
  });

  it('refuses a file over the purpose limit with 413 before storing it', async () => {
    const big = Buffer.concat([testPng(200, 200), Buffer.alloc(2 * 1024 * 1024)]);
    const res = await upload(await ticket('PERSON_PHOTO'), big, 'image/png');
    expect(res.status).toBe(413);
    expect(res.body.errors[0]).toEqual({
      message: '文件过大：不能超过 2 MiB',
      extensions: { code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 2 * 1024 * 1024 } },
    });
    const rows = await t.sql(`select 1 from workforce.stored_file where sha256 = $1`, [sha(big)]);
    expect(rows).toEqual([]);
  });
});

describe('people and assignments refer to uploaded files', () => {
  it('a person with a photo: signed download with the type from the bytes; removing keeps the file', async () => {
    const png = testPng(300, 400, 3);
    const photoSha = await uploaded('PERSON_PHOTO', png);
    const { createWorkforcePerson: p } = await t.ok(
      `mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { ${PERSON} } }`,
      {
        i: {
          name: '带照片',
          idCard: idCard('420202', '19900101', 123),
          ethnicity: '汉族',
          trade: '木工',
          photoSha256: photoSha.toUpperCase(),
        },
      },
    );
    expect(p.photo).toMatchObject({
      sha256: photoSha,
      mimeType: 'image/png',
      byteSize: png.length,
      width: 300,
      height: 400,
    });
    expect(p.photo.url).toMatch(new RegExp(`^/files/workforce/${photoSha}\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    const res = await fetch(direct(p.photo.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);

    // A masked viewer of the district cannot see this 黄石港区-less person at all (no assignment in 大冶).
    const hidden = await t.gql(
      `query($id: ID!) { workforcePerson(id: $id) { photo { url } } }`,
      { id: p.id },
      dayeInspector,
    );
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const { updateWorkforcePerson } = await t.ok(
      `mutation($id: ID!) { updateWorkforcePerson(id: $id, input: { photoSha256: null }) { photo { sha256 } } }`,
      { id: p.id },
    );
    expect(updateWorkforcePerson.photo).toBeNull();
    expect(await t.sql(`select 1 from workforce.stored_file where sha256 = $1`, [photoSha])).toHaveLength(1);
  });

  it('refuses a file that was never uploaded or has the wrong type, and keeps what was stored', async () => {
    const photoSha = await uploaded('PERSON_PHOTO', testPng(240, 320, 4));
    const pdfSha = await uploaded('CONTRACT', testPdf('Contract A'));
    const { createWorkforcePerson: p } = await t.ok(
      `mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }`,
      {
        i: {
          name: '已有照片',
          idCard: idCard('420202', '19880505', 521),
          ethnicity: '汉族',
          trade: '电工',
          photoSha256: photoSha,
        },
      },
    );
    const update = (photoSha256: string) =>
      t.gql(`mutation($id: ID!, $s: String) { updateWorkforcePerson(id: $id, input: { photoSha256: $s }) { id } }`, {
        id: p.id,
        s: photoSha256,
      });
    const never = await update('a'.repeat(64));
    expect(never.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoSha256' });
    expect(never.errors?.[0].message).toContain('证件照未上传或上传未完成，请重新上传');
    const wrongType = await update(pdfSha);
    expect(wrongType.errors?.[0].message).toContain('该文件不能作为证件照（类型为 application/pdf）');
    const malformed = await update('not-a-sha');
    expect(malformed.errors?.[0].message).toContain('文件摘要应为64位十六进制 SHA-256');
    const [row] = await t.sql(`select photo_sha256 from workforce.person where id = $1`, [p.id]);
    expect(row.photo_sha256).toBe(photoSha);

    // The foreign key holds even for a writer that skips the service.
    await expect(
      t.sql(`update workforce.person set photo_sha256 = $1 where id = $2`, ['b'.repeat(64), p.id]),
    ).rejects.toThrow(/person_photo_sha256_foreign/);
  });

  it('a contract scan on an assignment: the URL only for callers who may see the full 身份证号', async () => {
    const pdf = testPdf('Contract B');
    const pdfSha = await uploaded('CONTRACT', pdf);
    const personId = await hire(t, idCard('420281', '19920315', 441), SITE_B, '钢筋工');
    const { workforcePerson } = await t.ok(`query($id: ID!) { workforcePerson(id: $id) { ${PERSON} } }`, {
      id: personId,
    });
    const employmentId = workforcePerson.employments[0].id;
    const photoRefused = await t.gql(
      `mutation($id: ID!, $i: UpdateWorkforceEmploymentInput!) { updateWorkforceEmployment(id: $id, input: $i) { id } }`,
      { id: employmentId, i: { contractFileSha256: 'c'.repeat(64) } },
    );
    expect(photoRefused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contractFileSha256' });

    await t.ok(
      `mutation($id: ID!, $i: UpdateWorkforceEmploymentInput!) { updateWorkforceEmployment(id: $id, input: $i) { id } }`,
      { id: employmentId, i: { contractFileSha256: pdfSha } },
    );
    const read = (as = admin) =>
      t.ok(`query($id: ID!) { workforcePerson(id: $id) { ${PERSON} } }`, { id: personId }, as);
    const full = (await read()).workforcePerson.employments[0].contractFile;
    expect(full).toMatchObject({ sha256: pdfSha, mimeType: 'application/pdf', byteSize: pdf.length });
    const res = await fetch(direct(full.url));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);

    // 大冶市's inspector sees the person (on a 大冶 project) and that a contract is on file, not the scan.
    const masked = (await read(dayeInspector)).workforcePerson.employments[0].contractFile;
    expect(masked).toMatchObject({ sha256: pdfSha, mimeType: 'application/pdf', url: null });

    // A signed URL for one file does not open another.
    const other = await uploaded('CONTRACT', testPdf('Contract C'));
    expect((await fetch(direct(full.url.replace(pdfSha, other)))).status).toBe(403);
  });
});
