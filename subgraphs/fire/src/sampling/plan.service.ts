import { randomBytes } from 'node:crypto';
import { badInput, type Caller, conflict, isUuid, notFound } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Building } from '../buildings/building.entity.js';
import { Floor } from '../buildings/floor.entity.js';
import { CatalogueVersion } from '../catalogue/catalogue.entity.js';
import { currentCatalogue } from '../catalogue/catalogue.service.js';
import { mapSealedErrors, resultsSealed } from '../common/errors.js';
import type { Inspection } from '../inspections/inspection.entity.js';
import { InspectionStatus } from '../inspections/inspection.enums.js';
import { findInspection, lockInspection } from '../inspections/inspection.service.js';
import { Signature } from '../signatures/signature.entity.js';
import type { BuildingSpec } from './layout.js';
import { resolveLayout, unansweredFireLifts } from './layout.js';
import { PlanStatus, SamplingPlan } from './plan.entity.js';
import {
  planContentHash,
  planMac,
  type PlanContent,
  verifyStoredPlan,
  type VerificationCheck,
} from './plan-content.js';
import { activeRule } from './rule.service.js';
import { drawPlan } from './sampling-rule.js';

export interface PlanRuntime {
  fieldKey: string | null;
  now: () => Date;
}

/** The content a plan's hash, MAC and signatures cover, rebuilt from its row. */
export function planContentOf(plan: SamplingPlan, catalogueVersion: CatalogueVersion): PlanContent {
  return {
    format: 'hs-fire-plan/1',
    inspectionId: plan.inspection.id,
    planId: plan.id,
    seq: plan.seq,
    seed: plan.seed,
    rule: { version: plan.ruleVersion, config: plan.ruleConfig },
    catalogue: { versionId: catalogueVersion.id, version: catalogueVersion.version, digest: plan.catalogueDigest },
    layout: plan.layout,
    draw: plan.draw,
  };
}

export async function buildingSpecs(em: EntityManager, inspectionId: string): Promise<BuildingSpec[]> {
  const buildings = await em.find(
    Building,
    { inspection: inspectionId },
    { orderBy: { position: 'asc', name: 'asc' } },
  );
  const floors = buildings.length ? await em.find(Floor, { building: { $in: buildings.map((b) => b.id) } }) : [];
  return buildings.map((b) => ({
    id: b.id,
    name: b.name,
    position: b.position,
    items: b.items,
    height: b.height,
    hasFireLift: b.hasFireLift,
    floors: floors
      .filter((f) => f.building.id === b.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        kind: f.kind as BuildingSpec['floors'][number]['kind'],
        level: f.level,
        items: f.items,
      })),
  }));
}

/**
 * Draws a new plan for a locked inspection inside the caller's transaction: the published catalogue,
 * the active rule, the layout as it is now, and a fresh 32-byte seed from crypto.randomBytes (the
 * demo seed passes a fixed one). Stores everything needed to replay it, with its SM3 content hash
 * and its HMAC-SM3 MAC.
 */
export async function drawPlanInTx(
  tx: EntityManager,
  inspection: Inspection,
  caller: Caller | null,
  runtime: PlanRuntime,
  seedOverride?: string,
): Promise<SamplingPlan> {
  const specs = await buildingSpecs(tx, inspection.id);
  if (specs.length === 0) throw conflict('请先添加楼栋及楼层信息，再生成抽查方案');
  const catalogue = await currentCatalogue(tx);
  const rule = await activeRule(tx);
  const unanswered = unansweredFireLifts(specs, rule.config);
  if (unanswered.length) {
    throw badInput(
      `以下楼栋可能需要设置消防电梯，请先在“楼栋楼层”中填写是否设有消防电梯，再生成抽查方案：${unanswered
        .map((b) => `${b.name}（${b.reason}）`)
        .join('、')}`,
      'buildings',
    );
  }
  const layout = resolveLayout(specs, rule.config, catalogue.content);
  const seed = seedOverride ?? randomBytes(32).toString('hex');
  const draw = drawPlan({ layout, catalogue: catalogue.content, rule: rule.config, seed });
  const last = await tx.findOne(SamplingPlan, { inspection: inspection.id }, { orderBy: { seq: 'desc' } });
  const plan = tx.create(SamplingPlan, {
    inspection,
    seq: (last?.seq ?? 0) + 1,
    status: PlanStatus.PENDING,
    seed,
    ruleVersion: rule.version,
    ruleConfig: rule.config,
    catalogueVersion: catalogue,
    catalogueDigest: catalogue.digest!,
    layout,
    draw,
    contentHash: '',
    createdById: caller && isUuid(caller.userId) ? caller.userId : null,
    createdAt: runtime.now(),
  });
  plan.contentHash = planContentHash(planContentOf(plan, catalogue));
  plan.mac = runtime.fieldKey ? planMac(runtime.fieldKey, plan.contentHash) : null;
  inspection.status = InspectionStatus.PLAN_PENDING;
  return plan;
}

/** 1.3.4: draws the inspection's plan (none may be pending or confirmed). */
export async function createPlan(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  runtime: PlanRuntime,
  seedOverride?: string,
): Promise<SamplingPlan> {
  return mapSealedErrors(() =>
    em.transactional(async (tx) => {
      const inspection = await lockInspection(tx, caller, inspectionId);
      if (inspection.resultsLockedAt) throw resultsSealed();
      const open = await tx.findOne(SamplingPlan, { inspection: inspection.id, status: { $ne: PlanStatus.VOID } });
      if (open?.status === PlanStatus.CONFIRMED) throw conflict('抽查方案已确认，不能重新生成');
      if (open) throw conflict('已有待签名确认的抽查方案；如有不同意见，请在签名时选择“不同意”，系统将重新生成');
      return drawPlanInTx(tx, inspection, caller, runtime, seedOverride);
    }),
  );
}

export async function findPlan(em: EntityManager, caller: Caller | null, planId: string): Promise<SamplingPlan> {
  if (!isUuid(planId)) throw notFound('抽查方案');
  const plan = await em.findOne(SamplingPlan, { id: planId });
  if (!plan) throw notFound('抽查方案');
  await findInspection(em, caller, plan.inspection.id); // scope: NOT_FOUND when out of scope
  return plan;
}

/** The confirmed plan of an inspection, or null. */
export function confirmedPlan(em: EntityManager, inspectionId: string): Promise<SamplingPlan | null> {
  return em.findOne(SamplingPlan, { inspection: inspectionId, status: PlanStatus.CONFIRMED });
}

export interface PlanVerification {
  planId: string;
  valid: boolean;
  contentHash: string;
  recomputedHash: string;
  checks: VerificationCheck[];
}

/** `verifyPlan`: recomputes the draw, the hash, the MAC, the catalogue digest and the signatures' hashes. */
export async function verifyPlan(
  em: EntityManager,
  caller: Caller | null,
  planId: string,
  fieldKey: string | null,
): Promise<PlanVerification> {
  const plan = await findPlan(em, caller, planId);
  const catalogue = await em.findOneOrFail(CatalogueVersion, { id: plan.catalogueVersion.id });
  const signatures = await em.find(Signature, { plan: plan.id, stage: 'PLAN' as never });
  const content = planContentOf(plan, catalogue);
  const checks = verifyStoredPlan(
    {
      content,
      contentHash: plan.contentHash,
      mac: plan.mac,
      catalogueNow: catalogue.content,
      signatureHashes: signatures.map((s) => s.contentHash),
    },
    fieldKey,
  );
  return {
    planId: plan.id,
    valid: checks.every((c) => c.outcome === 'PASS'),
    contentHash: plan.contentHash,
    recomputedHash: planContentHash(content),
    checks,
  };
}
