import { enqueueOutbox } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import type { DrawingReviewCertificate } from '../certificates/certificate.entity.js';
import { CONCLUSION_LABELS, DISCIPLINE_LABELS } from '../certificates/certificate.enums.js';
import { Project } from '../projects/project.entity.js';
import { DRAWING_REVIEW_CONNECTOR } from './exchange.js';

/**
 * 施工图审查合格书 push to 省建筑市场监督与诚信一体化平台 (issue #12, ADR 0014 "Push"): each issue,
 * re-issue (a new version) and revocation writes one outbox message in the certificate change's own
 * transaction; the exchange relay sends it with its idempotency key and stores the receipt.
 */

export enum DrawingReviewPushEvent {
  ISSUED = 'ISSUED',
  REISSUED = 'REISSUED',
  REVOKED = 'REVOKED',
}
export const PUSH_EVENT_LABELS: Record<DrawingReviewPushEvent, string> = {
  ISSUED: '发证',
  REISSUED: '换发',
  REVOKED: '撤销',
};
registerEnumType(DrawingReviewPushEvent, {
  name: 'DrawingReviewPushEvent',
  description: '上报省平台的合格书事件',
  valuesConfig: Object.fromEntries(Object.entries(PUSH_EVENT_LABELS).map(([k, v]) => [k, { description: v }])),
});

/** The outbox's entity type of these messages; the entity id is the certificate version's id. */
export const DRAWING_REVIEW_ENTITY = 'DrawingReviewCertificate';

/** One record at the province per certificate version and event: sent again, it is the same record. */
export const drawingReviewKey = (certificate: DrawingReviewCertificate, event: DrawingReviewPushEvent) =>
  `drawing-review:${certificate.chainId}:v${certificate.version}:${event}`;

/** What the province is told (documented in simulators/provincial-market/README.md). */
export function drawingReviewPayload(
  certificate: DrawingReviewCertificate,
  project: Project,
  event: DrawingReviewPushEvent,
  occurredAt: Date,
  previous: DrawingReviewCertificate | null = null,
) {
  return {
    event,
    eventName: PUSH_EVENT_LABELS[event],
    occurredAt: occurredAt.toISOString(),
    certificateId: certificate.id,
    chainId: certificate.chainId,
    version: certificate.version,
    certificateNo: certificate.certificateNo,
    supersedes: previous ? { version: previous.version, certificateNo: previous.certificateNo } : null,
    project: {
      name: project.name,
      investmentCode: project.investmentCode,
      hubeiCode: project.projectCode,
      permitNo: project.permitCode,
      provincialNo: project.provincialCode,
      districtCode: project.district.code,
      address: project.address,
    },
    reviewAgency: { name: certificate.reviewAgency, creditCode: certificate.reviewAgencyCreditCode },
    reviewDate: certificate.reviewDate,
    disciplines: certificate.disciplines.map((code) => ({ code, name: DISCIPLINE_LABELS[code] })),
    conclusion: { code: certificate.conclusion, name: CONCLUSION_LABELS[certificate.conclusion] },
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    reissueReason: certificate.reissueReason,
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
    revokeReason: certificate.revokeReason,
  };
}

/**
 * Writes the event's message to the outbox inside `tx` (the certificate change's transaction, after
 * its flush): the message exists exactly when the change does.
 */
export async function enqueueDrawingReview(
  tx: EntityManager,
  certificate: DrawingReviewCertificate,
  event: DrawingReviewPushEvent,
  occurredAt: Date,
  previous: DrawingReviewCertificate | null = null,
): Promise<void> {
  const project = await tx.findOneOrFail(Project, { id: certificate.project.id });
  await enqueueOutbox(tx, 'projects', DRAWING_REVIEW_CONNECTOR, {
    key: drawingReviewKey(certificate, event),
    entityType: DRAWING_REVIEW_ENTITY,
    entityId: certificate.id,
    payload: drawingReviewPayload(certificate, project, event, occurredAt, previous),
  });
}
