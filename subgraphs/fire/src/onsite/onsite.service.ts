import {
  badInput,
  type Caller,
  checkText,
  cleanText,
  type FieldIssue,
  haversineMeters,
  isUuid,
  throwIssues,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { mapSealedErrors, resultsSealed } from '../common/errors.js';
import { type FileStore, storeCheckedFile } from '@hs/kit';
import type { Inspection } from '../inspections/inspection.entity.js';
import { findInspection, lockInspection } from '../inspections/inspection.service.js';
import { confirmedPlanFor, planState } from '../results/result.service.js';
import { captureKeyOf, verifyCaptureMac } from './capture.js';
import { parsePhotoDataUrl, photoNotOnSite } from './jpeg.js';
import { SitePhoto } from './photo.entity.js';
import { SiteVisit } from './site-visit.entity.js';

/** Farther than this from the site's position (beyond the fix's own accuracy) earns a warning. */
export const FAR_FROM_SITE_METERS = 500;
/** A fix worse than this is worth retrying in the open. */
export const POOR_ACCURACY_METERS = 100;
/** A visit lasts a working day: photos captured later need a new visit (a new position). */
export const VISIT_HOURS = 12;
/** Phones' clocks drift: a capture this far outside the visit's window is still accepted. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export interface Position {
  latitude: number;
  longitude: number;
  accuracy: number;
}

interface OnsiteRuntime {
  fieldKey: string;
  files: FileStore;
  now: () => Date;
}

function positionIssues(p: Position, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!finite(p.latitude) || p.latitude < -90 || p.latitude > 90)
    issues.push({ field: `${prefix}latitude`, message: '定位纬度无效' });
  if (!finite(p.longitude) || p.longitude < -180 || p.longitude > 180)
    issues.push({ field: `${prefix}longitude`, message: '定位经度无效' });
  if (!finite(p.accuracy) || p.accuracy <= 0 || p.accuracy > 100_000)
    issues.push({ field: `${prefix}accuracy`, message: '定位精度无效（应为大于 0 的米数）' });
  return issues;
}

/** Metres from the inspection's recorded site position, or null when it has none. */
export function distanceFromSite(inspection: Inspection, p: Position): number | null {
  if (inspection.siteLatitude == null || inspection.siteLongitude == null) return null;
  return Math.round(haversineMeters([p.longitude, p.latitude], [inspection.siteLongitude, inspection.siteLatitude]));
}

export const isFar = (distance: number | null, accuracy: number) =>
  distance != null && distance - accuracy > FAR_FROM_SITE_METERS;

/** What the phone page shows under the position (null when all is well). */
export function visitWarning(visit: Pick<SiteVisit, 'distanceMeters' | 'farFromSite' | 'accuracy'>): string | null {
  const accuracy = Math.round(visit.accuracy);
  if (visit.farFromSite && visit.distanceMeters != null) {
    const d = visit.distanceMeters;
    const far = d >= 1000 ? `${(d / 1000).toFixed(1)} 公里` : `${d} 米`;
    return `当前位置距工地约 ${far}（定位精度 ±${accuracy} 米），请确认是否在检查现场`;
  }
  if (visit.accuracy > POOR_ACCURACY_METERS) return `定位精度较差（±${accuracy} 米），请到开阔处重新定位`;
  if (visit.distanceMeters == null) return '项目未标注工地位置，无法核对是否在现场';
  return null;
}

/** 1.3.5: opens an on-site visit with the phone's position; the capture key goes to that page only. */
export async function openSiteVisit(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  position: Position,
  runtime: OnsiteRuntime,
  userAgent: string | null,
): Promise<{ visit: SiteVisit; captureKey: string }> {
  throwIssues(positionIssues(position));
  const inspection = await findInspection(em, caller, inspectionId);
  if (inspection.resultsLockedAt) throw resultsSealed('抽查结果已签名确认，不能再开启现场检查');
  const distance = distanceFromSite(inspection, position);
  const visit = em.create(SiteVisit, {
    inspection,
    openedById: isUuid(caller.userId) ? caller.userId : null,
    openedAt: runtime.now(),
    latitude: position.latitude,
    longitude: position.longitude,
    accuracy: position.accuracy,
    distanceMeters: distance,
    farFromSite: isFar(distance, position.accuracy),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  await em.flush();
  return { visit, captureKey: captureKeyOf(runtime.fieldKey, visit.id) };
}

export interface PhotoUpload extends Position {
  visitId: string;
  imageDataUrl: string;
  capturedAt: string;
  captureMac: string;
  itemCode?: string | null;
  locationKey?: string | null;
  lineCode?: string | null;
  note?: string | null;
}

function uploadIssues(input: PhotoUpload): FieldIssue[] {
  const issues = positionIssues(input);
  if (!isUuid(input.visitId)) issues.push({ field: 'visitId', message: '现场检查标识无效' });
  if (typeof input.capturedAt !== 'string' || Number.isNaN(Date.parse(input.capturedAt)))
    issues.push({ field: 'capturedAt', message: '拍摄时间无效（应为 ISO 8601 时间）' });
  if (input.itemCode != null && !/^\d{2}$/.test(input.itemCode))
    issues.push({ field: 'itemCode', message: '检查项目编码无效（01–18）' });
  if (input.lineCode != null && !/^\d{2}\.\d{2}\.\d{2}$/.test(input.lineCode))
    issues.push({ field: 'lineCode', message: '检查内容编码无效' });
  if (input.locationKey != null && !isUuid(input.locationKey))
    issues.push({ field: 'locationKey', message: '部位标识无效' });
  if ((input.locationKey != null || input.lineCode != null) && input.itemCode == null)
    issues.push({ field: 'itemCode', message: '指定部位或检查内容时须同时指定检查项目' });
  if (input.lineCode != null && input.itemCode != null && !input.lineCode.startsWith(`${input.itemCode}.`))
    issues.push({ field: 'lineCode', message: '检查内容不属于所选检查项目' });
  checkText(issues, 'note', '说明', cleanText(input.note), { required: false, max: 500 });
  return issues;
}

/**
 * 1.3.5: stores a photo taken in a visit. Refused (PHOTO_NOT_ON_SITE) unless the picture carries
 * no EXIF, the visit is the uploader's own for this inspection, the capture time lies inside the
 * visit, and the MAC made with the visit's capture key matches; a photo for an item/location/line
 * must name one the confirmed plan checks. Idempotent: the same picture again returns the stored row.
 */
export async function uploadPhoto(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  input: PhotoUpload,
  runtime: OnsiteRuntime,
): Promise<SitePhoto> {
  throwIssues(uploadIssues(input));
  const photo = parsePhotoDataUrl(input.imageDataUrl);
  return mapSealedErrors(() =>
    em.transactional(async (tx) => {
      const inspection = await lockInspection(tx, caller, inspectionId);
      if (inspection.resultsLockedAt) throw resultsSealed('抽查结果已签名确认，不能再上传现场照片');
      const visit = await tx.findOne(SiteVisit, { id: input.visitId, inspection: inspection.id });
      if (!visit) throw photoNotOnSite('照片不属于本项目的现场检查：请在本项目的手机页面开启现场检查后拍照');
      if (visit.openedById == null || visit.openedById !== caller.userId) {
        throw photoNotOnSite('照片只能由开启该次现场检查的检查人员本人上传');
      }
      const capturedAt = new Date(input.capturedAt);
      const opened = visit.openedAt.getTime();
      if (
        capturedAt.getTime() < opened - CLOCK_SKEW_MS ||
        capturedAt.getTime() > opened + VISIT_HOURS * 3_600_000 ||
        capturedAt.getTime() > runtime.now().getTime() + CLOCK_SKEW_MS
      ) {
        throw photoNotOnSite('拍摄时间不在本次现场检查期间：请重新开启现场检查后拍照');
      }
      const facts = { ...input, sha256: photo.sha256 };
      if (!verifyCaptureMac(captureKeyOf(runtime.fieldKey, visit.id), facts, input.captureMac)) {
        throw photoNotOnSite('照片未通过本次现场检查的拍摄校验：只能上传本页面相机在本次检查中拍摄的照片');
      }
      const existing = await tx.findOne(SitePhoto, { visit: visit.id, file: photo.sha256 });
      if (existing) return existing;
      if (input.itemCode) await checkPhotoTarget(tx, inspection, input);
      const at = runtime.now();
      await storeCheckedFile(tx, 'fire', runtime.files, photo, caller.userId, at);
      const distance = distanceFromSite(inspection, input);
      const row = tx.create(SitePhoto, {
        inspection,
        visit,
        file: photo.sha256,
        capturedAt,
        latitude: input.latitude,
        longitude: input.longitude,
        accuracy: input.accuracy,
        distanceMeters: distance,
        itemCode: input.itemCode ?? null,
        locationKey: input.locationKey ?? null,
        lineCode: input.lineCode ?? null,
        note: cleanText(input.note),
        width: photo.width,
        height: photo.height,
        uploadedById: isUuid(caller.userId) ? caller.userId : null,
        uploadedAt: at,
      });
      await tx.flush();
      return row;
    }),
  );
}

/** The item (and location / line, when given) must be one the confirmed plan checks. */
async function checkPhotoTarget(tx: EntityManager, inspection: Inspection, input: PhotoUpload): Promise<void> {
  const plan = await confirmedPlanFor(tx, inspection);
  const { checks } = await planState(tx, plan);
  const ofItem = checks.filter((c) => c.itemCode === input.itemCode);
  if (!ofItem.length) throw badInput(`检查项目 ${input.itemCode} 不在抽查方案中（或不涉及）`, 'itemCode');
  const lines = input.lineCode ? ofItem.filter((c) => c.lineCode === input.lineCode) : ofItem;
  if (!lines.length) throw badInput(`检查内容 ${input.lineCode} 不在抽查方案中`, 'lineCode');
  if (input.locationKey && !lines.some((c) => c.locations.includes(input.locationKey!))) {
    throw badInput('该部位不在抽查方案中（如需增加部位，请先“现场新增部位”）', 'locationKey');
  }
}
