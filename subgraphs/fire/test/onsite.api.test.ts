import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  allEntries,
  dayeInspector,
  firstError,
  openVisit as openVisitAs,
  photoInput,
  PLAN_FIELDS,
  pngDataUrl,
  preparedInspection,
  RECORD,
  signResultsAll,
  startFire,
  type TestFire,
  testJpeg as jpeg,
  UPLOAD_PHOTO as UPLOAD,
  OPEN_VISIT as OPEN,
} from './helpers.js';

/**
 * 1.3.5 on site over HTTP against a real PostgreSQL: a visit records the phone's position and warns
 * when it is far from the site; photos are accepted only from the page's camera in the uploader's own
 * visit (capture MAC, capture time, no EXIF), resent photos are one photo, downloads go through signed
 * URLs only, and photos freeze with the results.
 */
let t: TestFire;
let inspectionId: string;
let plan: any;

// 大冶市新冶大道 (the site) and a point about 3 km away.
const SITE = { siteLatitude: 30.0955, siteLongitude: 114.9742 };
const AT_SITE = { latitude: 30.0958, longitude: 114.9745, accuracy: 12 };
const FAR_AWAY = { latitude: 30.1225, longitude: 114.9742, accuracy: 20 };

const openVisit = (position = AT_SITE, as = admin, id = inspectionId) => openVisitAs(t, id, position, as);

const count = async (table: string) => Number((await t.sql(`select count(*)::int as n from fire.${table}`))[0].n);

beforeAll(async () => {
  t = await startFire();
  ({ id: inspectionId, plan } = await preparedInspection(t, { input: SITE }));
  plan = (await t.ok(`query($id: ID!) { firePlan(id: $id) { ${PLAN_FIELDS} } }`, { id: plan.id })).firePlan;
});
afterAll(async () => {
  await t?.close();
});

describe('on-site visits (1.3.5)', () => {
  it('records the position with its accuracy, and the distance to the site', async () => {
    const { captureKey, visit } = await openVisit();
    expect(captureKey).toMatch(/^[0-9a-f]{64}$/);
    expect(visit).toMatchObject({ ...AT_SITE, farFromSite: false, warning: null });
    expect(visit.distanceMeters).toBeLessThan(60);
  });

  it('warns when the phone is far from the site, and still records the visit', async () => {
    const { visit } = await openVisit(FAR_AWAY);
    expect(visit.farFromSite).toBe(true);
    expect(visit.distanceMeters).toBeGreaterThan(2900);
    expect(visit.warning).toMatch(/^当前位置距工地约 3\.0 公里（定位精度 ±20 米），请确认是否在检查现场$/);
  });

  it('says so when the inspection has no site position, or the fix is poor', async () => {
    const plain = (await preparedInspection(t)).id;
    expect((await openVisit(AT_SITE, admin, plain)).visit.warning).toBe('项目未标注工地位置，无法核对是否在现场');
    expect((await openVisit({ ...AT_SITE, accuracy: 350 })).visit.warning).toBe(
      '定位精度较差（±350 米），请到开阔处重新定位',
    );
  });

  it('refuses a position that is not one, and a site position outside Huangshi', async () => {
    const before = await count('site_visit');
    const res = await t.gql(OPEN, { id: inspectionId, p: { latitude: 95, longitude: 114.9, accuracy: 0 } });
    expect(firstError(res)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((firstError(res)?.extensions?.details as any).issues.map((i: any) => i.field)).toEqual([
      'latitude',
      'accuracy',
    ]);
    expect(await count('site_visit')).toBe(before);
    const wuhan = await t.gql(
      `mutation($id: ID!) { updateFireInspection(id: $id, input: { siteLatitude: 30.59, siteLongitude: 114.3 }) { id } }`,
      { id: inspectionId },
    );
    expect(firstError(wuhan)?.extensions?.field).toBe('siteLatitude');
  });
});

describe('photos from the page camera only (1.3.5)', () => {
  let visit: { captureKey: string; visit: any };
  const item = () => plan.items.find((i: any) => i.randomDraw);

  beforeAll(async () => {
    visit = await openVisit();
  });

  it('stores a photo taken in the visit, for a drawn location and check line, once however often it is sent', async () => {
    const check = item().checks[0];
    const input = photoInput(visit, jpeg(), {
      itemCode: item().code,
      locationKey: check.locations[0].key,
      lineCode: check.lineCode,
    });
    const first = (await t.ok(UPLOAD, { id: inspectionId, input })).uploadFirePhoto;
    expect(first).toMatchObject({ width: 1280, height: 960, itemCode: item().code, visitId: visit.visit.id });
    expect(first.distanceMeters).toBeLessThan(60);
    expect(first.url).toMatch(new RegExp(`^/files/fire/${first.sha256}\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    // The offline queue resends what it is not sure arrived.
    const again = (await t.ok(UPLOAD, { id: inspectionId, input })).uploadFirePhoto;
    expect(again.id).toBe(first.id);
    expect(await count('site_photo')).toBe(1);
    const listed = await t.ok(
      `query($id: ID!, $item: String) { fireInspection(id: $id) { photos(itemCode: $item) { id } siteVisits { id } } }`,
      { id: inspectionId, item: item().code },
    );
    expect(listed.fireInspection.photos).toEqual([{ id: first.id }]);
    expect(listed.fireInspection.siteVisits.length).toBeGreaterThanOrEqual(2);
  });

  it('serves the photo through its signed URL only', async () => {
    const [{ sha }] = await t.sql(`select file_sha256 as sha from fire.site_photo limit 1`);
    const { fireInspection } = await t.ok(`query($id: ID!) { fireInspection(id: $id) { photos { url } } }`, {
      id: inspectionId,
    });
    const base = t.url.replace(/\/graphql$/, '');
    const path = (fireInspection.photos[0].url as string).replace('/files/fire/', '/files/');
    const ok = await fetch(`${base}${path}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(
      createHash('sha256')
        .update(Buffer.from(await ok.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha);
    const tampered = await fetch(`${base}${path.replace(/sig=./, (m) => (m.endsWith('0') ? 'sig=1' : 'sig=0'))}`);
    expect(tampered.status).toBe(403);
    expect((await tampered.json()).errors[0]).toEqual({ message: '文件链接无效', extensions: { code: 'FORBIDDEN' } });
    const expired = await fetch(`${base}${path.replace(/exp=\d+/, 'exp=1000')}`);
    expect(expired.status).toBe(403); // the signature covers exp: changing it is tampering too
    expect((await fetch(`${base}/files/${sha}`)).status).toBe(403);
  });

  it('refuses a picture from the gallery (EXIF), and stores nothing', async () => {
    const before = [await count('site_photo'), await count('stored_file')];
    const res = await t.gql(UPLOAD, { id: inspectionId, input: photoInput(visit, jpeg({ exif: true, variant: 1 })) });
    expect(firstError(res)?.extensions?.code).toBe('PHOTO_NOT_ON_SITE');
    expect(firstError(res)?.message).toBe(
      '这张照片带有相机或相册的 EXIF 信息：现场照片只能在本页面用相机拍摄，不能从相册选择',
    );
    expect([await count('site_photo'), await count('stored_file')]).toEqual(before);
  });

  it('refuses a picture without the visit’s capture MAC, or with another visit’s', async () => {
    const bytes = jpeg({ variant: 2 });
    const noMac = await t.gql(UPLOAD, {
      id: inspectionId,
      input: { ...photoInput(visit, bytes), captureMac: '0'.repeat(64) },
    });
    expect(firstError(noMac)?.extensions?.code).toBe('PHOTO_NOT_ON_SITE');
    expect(firstError(noMac)?.message).toBe(
      '照片未通过本次现场检查的拍摄校验：只能上传本页面相机在本次检查中拍摄的照片',
    );
    const other = await openVisit();
    const crossed = { ...photoInput(other, bytes), visitId: visit.visit.id };
    expect(firstError(await t.gql(UPLOAD, { id: inspectionId, input: crossed }))?.extensions?.code).toBe(
      'PHOTO_NOT_ON_SITE',
    );
  });

  it('refuses a picture captured before the visit was opened', async () => {
    const earlier = new Date(Date.parse(visit.visit.openedAt) - 3_600_000).toISOString();
    const res = await t.gql(UPLOAD, { id: inspectionId, input: photoInput(visit, jpeg({ variant: 3 }), {}, earlier) });
    expect(firstError(res)?.extensions?.code).toBe('PHOTO_NOT_ON_SITE');
    expect(firstError(res)?.message).toBe('拍摄时间不在本次现场检查期间：请重新开启现场检查后拍照');
  });

  it('refuses a visit opened by someone else', async () => {
    const mine = await openVisit(AT_SITE, dayeInspector);
    const res = await t.gql(UPLOAD, { id: inspectionId, input: photoInput(mine, jpeg({ variant: 4 })) });
    expect(firstError(res)?.extensions?.code).toBe('PHOTO_NOT_ON_SITE');
    expect(firstError(res)?.message).toBe('照片只能由开启该次现场检查的检查人员本人上传');
  });

  it('refuses a file that is not a JPEG by its content, and a location the plan did not draw', async () => {
    const png = { ...photoInput(visit, jpeg({ variant: 5 })), imageDataUrl: pngDataUrl(1) };
    const res = await t.gql(UPLOAD, { id: inspectionId, input: png });
    expect(firstError(res)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(res)?.message).toBe('现场照片必须是 JPEG 格式（按文件内容检查）');
    const undrawn = photoInput(visit, jpeg({ variant: 6 }), {
      itemCode: item().code,
      locationKey: '00000000-0000-4000-8000-000000000000',
    });
    const wrong = await t.gql(UPLOAD, { id: inspectionId, input: undrawn });
    expect(firstError(wrong)?.extensions?.field).toBe('locationKey');
    expect(firstError(wrong)?.message).toBe('该部位不在抽查方案中（如需增加部位，请先“现场新增部位”）');
  });
});

describe('extra locations from the offline queue', () => {
  it('a place named on the phone with its own key is added once however often it is sent', async () => {
    const input = {
      itemCode: plan.items.find((i: any) => i.randomDraw).code,
      label: '地下车库坡道',
      locationKey: crypto.randomUUID(),
    };
    const add = `mutation($id: ID!, $input: FireExtraLocationInput!) { addFireExtraLocation(inspectionId: $id, input: $input) { id locationKey label } }`;
    const first = (await t.ok(add, { id: inspectionId, input })).addFireExtraLocation;
    const again = (await t.ok(add, { id: inspectionId, input })).addFireExtraLocation;
    expect(again).toEqual(first);
    expect(first.locationKey).toBe(input.locationKey);
    const renamed = await t.gql(add, { id: inspectionId, input: { ...input, label: '另一个部位' } });
    expect(firstError(renamed)?.extensions?.code).toBe('CONFLICT');
  });
});

describe('photos freeze with the results (1.3.7)', () => {
  it('after the seal a photo is refused by the API (RESULTS_SEALED) and by the database', async () => {
    const sealed = await preparedInspection(t, { input: SITE });
    const full = (await t.ok(`query($id: ID!) { firePlan(id: $id) { ${PLAN_FIELDS} } }`, { id: sealed.plan.id }))
      .firePlan;
    const visit = await openVisit(AT_SITE, admin, sealed.id);
    await t.ok(UPLOAD, { id: sealed.id, input: photoInput(visit, jpeg({ variant: 7 })) });
    await t.ok(RECORD, { id: sealed.id, results: allEntries(full) });
    await signResultsAll(t, sealed.id);
    const res = await t.gql(UPLOAD, { id: sealed.id, input: photoInput(visit, jpeg({ variant: 8 })) });
    expect(firstError(res)?.extensions?.code).toBe('RESULTS_SEALED');
    await expect(t.sql(`delete from fire.site_photo where inspection_id = ?`, [sealed.id])).rejects.toThrow(
      /RESULTS_SEALED/,
    );
    await expect(t.sql(`update fire.site_photo set note = 'x' where inspection_id = ?`, [sealed.id])).rejects.toThrow(
      /RESULTS_SEALED/,
    );
  });
});
