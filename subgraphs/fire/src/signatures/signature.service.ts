import {
  badInput,
  type Caller,
  checkText,
  cleanText,
  conflict,
  type FieldIssue,
  isUuid,
  type Logger,
  notFound,
  type PgPubSub,
  sm3,
  throwIssues,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canonicalJson } from '../common/canonical-json.js';
import { mapSealedErrors, resultsSealed } from '../common/errors.js';
import { type FileStore, storeCheckedFile } from '@hs/kit';
import { type CheckedImage, parsePngDataUrl } from '../files/png.js';
import type { Inspection } from '../inspections/inspection.entity.js';
import { InspectionStatus } from '../inspections/inspection.enums.js';
import { lockInspection } from '../inspections/inspection.service.js';
import { allComplete, planState } from '../results/result.service.js';
import { resultsContentHash } from '../results/results.model.js';
import { PlanStatus, SamplingPlan } from '../sampling/plan.entity.js';
import { drawPlanInTx } from '../sampling/plan.service.js';
import { Signature, SignatureStage } from './signature.entity.js';

/** Topic of the event published when the last party has signed (the dashboard listens). */
export const RESULT_SIGNED_TOPIC = 'fire.resultSigned';

export interface ResultSignedPayload {
  inspectionId: string;
  districtCode: string;
  sealedAt: string;
  /** Number of FAIL verdicts in the sealed results. */
  failed: number;
}

export interface SignRuntime {
  fieldKey: string | null;
  files: FileStore;
  now: () => Date;
  pubSub?: PgPubSub;
  logger?: Logger;
}

export interface PlanSignInput {
  slot: number;
  signerName: string;
  agree: boolean;
  opinion?: string | null;
  imageDataUrl?: string | null;
}

export interface ResultSignInput {
  party: string;
  signerName: string;
  imageDataUrl: string;
}

/** SM3 of the signature record's own canonical JSON. */
export function signatureRecordHash(s: {
  inspectionId: string;
  planId: string;
  stage: string;
  slot: number;
  party: string;
  signerName: string;
  agree: boolean;
  opinion: string | null;
  imageSha256: string | null;
  contentHash: string;
  signedAt: Date;
}): string {
  return sm3(canonicalJson({ format: 'hs-fire-signature/1', ...s, signedAt: s.signedAt.toISOString() }));
}

/** 「监察科室成员（李科员）不同意：…」: the box, who signed it, what they said (Migration20261202210300VoidReasons rewrote the old form). */
export function voidReasonOf(boxLabel: string, signerName: string, opinion: string | null): string {
  return `${boxLabel}（${signerName}）不同意：${opinion ?? ''}`.slice(0, 500);
}

function signerIssues(signerName: string | null, opinion: string | null, opinionRequired: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  checkText(issues, 'signerName', '签名人姓名', signerName, { required: true, max: 50 });
  checkText(issues, 'opinion', opinionRequired ? '不同意的意见' : '确认内容', opinion, {
    required: opinionRequired,
    max: 500,
    kind: 'multiline',
  });
  return issues;
}

function newSignature(
  tx: EntityManager,
  inspection: Inspection,
  plan: SamplingPlan,
  fields: {
    stage: SignatureStage;
    slot: number;
    party: string;
    partyLabel: string;
    signerName: string;
    agree: boolean;
    opinion: string | null;
    image: CheckedImage | null;
    contentHash: string;
  },
  caller: Caller,
  at: Date,
): Signature {
  const recordHash = signatureRecordHash({
    inspectionId: inspection.id,
    planId: plan.id,
    stage: fields.stage,
    slot: fields.slot,
    party: fields.party,
    signerName: fields.signerName,
    agree: fields.agree,
    opinion: fields.opinion,
    imageSha256: fields.image?.sha256 ?? null,
    contentHash: fields.contentHash,
    signedAt: at,
  });
  return tx.create(Signature, {
    inspection,
    plan,
    stage: fields.stage,
    slot: fields.slot,
    party: fields.party,
    partyLabel: fields.partyLabel,
    signerName: fields.signerName,
    agree: fields.agree,
    opinion: fields.opinion,
    image: fields.image ? fields.image.sha256 : null,
    contentHash: fields.contentHash,
    recordHash,
    signedById: isUuid(caller.userId) ? caller.userId : null,
    signedAt: at,
  } as never);
}

export interface PlanSignOutcome {
  signature: Signature;
  plan: SamplingPlan;
  /** The plan drawn anew when this signer disagreed. */
  redrawnPlan: SamplingPlan | null;
}

/**
 * 1.3.6: the plan's three boxes (项目负责人, then the inspection section's members), in order. A
 * signer who agrees signs the plan's content hash with the default text (or their own); a signer
 * who disagrees gives the reason: the plan becomes VOID (kept in the history with the reason) and
 * a new plan is drawn at once with a new seed. Out of order, on a void or confirmed plan: CONFLICT.
 */
export async function signPlan(
  em: EntityManager,
  caller: Caller,
  planId: string,
  input: PlanSignInput,
  runtime: SignRuntime,
): Promise<PlanSignOutcome> {
  const signerName = cleanText(input.signerName);
  const opinion = cleanText(input.opinion);
  throwIssues(signerIssues(signerName, opinion, !input.agree));
  // Content checks before anything else: a bad image stores nothing.
  const image = input.agree || input.imageDataUrl ? parsePngDataUrl(input.imageDataUrl, 'imageDataUrl') : null;
  if (!Number.isInteger(input.slot)) throw conflict('签名框序号无效');
  return mapSealedErrors(() =>
    em.transactional(async (tx) => {
      const found = isUuid(planId) ? await tx.findOne(SamplingPlan, { id: planId }) : null;
      if (!found) throw notFound('抽查方案');
      const inspection = await lockInspection(tx, caller, found.inspection.id);
      const plan = await tx.findOneOrFail(SamplingPlan, { id: planId }, { refresh: true });
      if (plan.status === PlanStatus.VOID) throw conflict('该抽查方案已作废，请在重新生成的方案上签名');
      if (plan.status === PlanStatus.CONFIRMED) throw conflict('该抽查方案已由三方签名确认');
      const signers = plan.ruleConfig.planSigners;
      const signed = await tx.count(Signature, { plan: plan.id, stage: SignatureStage.PLAN });
      const expected = signed + 1;
      if (input.slot < 1 || input.slot > signers.length) {
        throw conflict(`签名框序号应为 1–${signers.length}`);
      }
      if (input.slot !== expected) {
        const who = signers[expected - 1];
        throw conflict(
          input.slot < expected
            ? `第 ${input.slot} 个签名框（${signers[input.slot - 1].label}）已签名`
            : `请按顺序签名：应先由第 ${expected} 个签名框（${who.label}）签名`,
        );
      }
      const signer = signers[input.slot - 1];
      const at = runtime.now();
      if (image) await storeCheckedFile(tx, 'fire', runtime.files, image, caller.userId, at);
      const signature = newSignature(
        tx,
        inspection,
        plan,
        {
          stage: SignatureStage.PLAN,
          slot: input.slot,
          party: signer.party,
          partyLabel: signer.label,
          signerName: signerName!,
          agree: input.agree,
          opinion: input.agree ? (opinion ?? plan.ruleConfig.planConfirmationText) : opinion,
          image,
          contentHash: plan.contentHash,
        },
        caller,
        at,
      );
      let redrawnPlan: SamplingPlan | null = null;
      if (!input.agree) {
        plan.status = PlanStatus.VOID;
        plan.voidedAt = at;
        plan.voidReason = voidReasonOf(signer.label, signerName!, opinion);
        await tx.flush();
        redrawnPlan = await drawPlanInTx(tx, inspection, caller, runtime);
      } else if (input.slot === signers.length) {
        plan.status = PlanStatus.CONFIRMED;
        plan.confirmedAt = at;
        inspection.status = InspectionStatus.PLAN_CONFIRMED;
      }
      await tx.flush();
      return { signature, plan, redrawnPlan };
    }),
  );
}

export interface ResultSignOutcome {
  signature: Signature;
  inspection: Inspection;
  sealed: boolean;
}

/**
 * 1.3.7: the five parties sign the results, any order, once every applicable item is recorded. The
 * first signature locks the results (the trigger then refuses any change); the last one seals the
 * inspection and publishes `fire.resultSigned`. A party outside the configured set is
 * BAD_USER_INPUT; a party signing twice CONFLICT; any signature after the last (a sixth) RESULTS_SEALED.
 */
export async function signResults(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  input: ResultSignInput,
  runtime: SignRuntime,
): Promise<ResultSignOutcome> {
  const signerName = cleanText(input.signerName);
  throwIssues(signerIssues(signerName, null, false));
  const image = parsePngDataUrl(input.imageDataUrl, 'imageDataUrl');
  const outcome = await mapSealedErrors(() =>
    em.transactional(async (tx) => {
      const inspection = await lockInspection(tx, caller, inspectionId);
      if (inspection.sealedAt) throw resultsSealed('各方签名已全部完成，抽查结果已封存，不能再签名');
      const plan = await tx.findOne(SamplingPlan, { inspection: inspection.id, status: PlanStatus.CONFIRMED });
      if (!plan) throw conflict('抽查方案尚未确认，不能签名确认抽查结果');
      const signers = plan.ruleConfig.resultSigners;
      const slot = signers.findIndex((s) => s.party === input.party) + 1;
      if (slot === 0) {
        throw badInput(
          `签名方“${input.party}”不在结果签名方中（${signers.map((s) => `${s.party} ${s.label}`).join('、')}）`,
          'party',
        );
      }
      const state = await planState(tx, plan);
      if (!allComplete(state.progress)) {
        const done = state.progress.filter((p) => p.complete).length;
        throw conflict(`十八项抽查内容尚未全部记录，不能签名确认（已完成 ${done}/${state.progress.length} 项）`);
      }
      const existing = await tx.find(Signature, { plan: plan.id, stage: SignatureStage.RESULT });
      if (existing.length >= signers.length) throw resultsSealed('各方签名已全部完成，抽查结果已封存，不能再签名');
      if (existing.some((s) => s.party === input.party)) throw conflict(`${signers[slot - 1].label}已签名`);
      const contentHash = resultsContentHash(
        inspection.id,
        plan.id,
        plan.contentHash,
        state.results.map((r) => ({
          lineCode: r.lineCode,
          locationKey: r.locationKey,
          verdict: r.verdict,
          note: r.note,
        })),
        state.extras.map((e) => ({ itemCode: e.itemCode, locationKey: e.locationKey, label: e.label, note: e.note })),
      );
      const at = runtime.now();
      await storeCheckedFile(tx, 'fire', runtime.files, image, caller.userId, at);
      const signature = newSignature(
        tx,
        inspection,
        plan,
        {
          stage: SignatureStage.RESULT,
          slot,
          party: input.party,
          partyLabel: signers[slot - 1].label,
          signerName: signerName!,
          agree: true,
          opinion: plan.ruleConfig.resultConfirmationText,
          image,
          contentHash,
        },
        caller,
        at,
      );
      if (!inspection.resultsLockedAt) inspection.resultsLockedAt = at;
      const sealed = existing.length + 1 === signers.length;
      inspection.status = sealed ? InspectionStatus.SEALED : InspectionStatus.SIGNING;
      if (sealed) inspection.sealedAt = at;
      await tx.flush();
      const failed = state.results.filter((r) => r.verdict === 'FAIL').length;
      return { signature, inspection, sealed, failed };
    }),
  );
  if (outcome.sealed && runtime.pubSub) {
    const payload: ResultSignedPayload = {
      inspectionId: outcome.inspection.id,
      districtCode: outcome.inspection.districtCode,
      sealedAt: outcome.inspection.sealedAt!.toISOString(),
      failed: outcome.failed,
    };
    // After commit: subscribers never see a seal that was rolled back.
    await runtime.pubSub.publish(RESULT_SIGNED_TOPIC, payload).catch((error: unknown) => {
      runtime.logger?.error({ err: error }, 'fire.resultSigned not published');
    });
  }
  return { signature: outcome.signature, inspection: outcome.inspection, sealed: outcome.sealed };
}
