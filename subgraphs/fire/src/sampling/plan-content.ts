import { hmacSm3, sm3 } from '@hs/kit';
import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { catalogueDigest } from '../catalogue/catalogue.model.js';
import { canonicalJson } from '../common/canonical-json.js';
import type { SamplingRuleConfig } from './rule-config.js';
import { drawPlan, type Layout, type PlanDraw, sameDraw } from './sampling-rule.js';
import { SEED_HEX } from './rng.js';

/**
 * What a plan is, for hashing, signing and verifying (pure). The signers of 1.3.6 confirm
 * `contentHash` = SM3(canonical JSON of PlanContent); the server adds `mac` = HMAC-SM3 of that hash
 * under a key derived from FIELD_ENCRYPTION_KEY.
 */
export interface PlanContent {
  format: 'hs-fire-plan/1';
  inspectionId: string;
  planId: string;
  seq: number;
  seed: string;
  rule: { version: number; config: SamplingRuleConfig };
  catalogue: { versionId: string; version: number; digest: string };
  layout: Layout;
  draw: PlanDraw;
}

export const planContentHash = (content: PlanContent): string => sm3(canonicalJson(content));

/** The plan MAC key: derived from the field-encryption master key under its own label, never the key itself. */
export const planMacKey = (fieldKeyHex: string): string => hmacSm3(fieldKeyHex, 'hs-fire plan mac key v1');

export const planMac = (fieldKeyHex: string, contentHash: string): string =>
  hmacSm3(planMacKey(fieldKeyHex), `hs-fire-plan/1:${contentHash}`);

export type CheckOutcome = 'PASS' | 'FAIL';

export interface VerificationCheck {
  name: 'SEED' | 'REPLAY' | 'CONTENT_HASH' | 'MAC' | 'CATALOGUE' | 'SIGNATURES';
  outcome: CheckOutcome;
  message: string;
}

export interface StoredPlan {
  content: PlanContent;
  contentHash: string;
  mac: string | null;
  /** The catalogue version's content as stored now (a changed version shows up here). */
  catalogueNow: CatalogueContent;
  /** The content hashes the plan's signatures recorded. */
  signatureHashes: string[];
}

/**
 * Recomputes everything: the draw from the seed, rule, catalogue and layout; the content hash; the
 * MAC; the catalogue digest; the signatures' hashes. Valid only if every check passes.
 */
export function verifyStoredPlan(plan: StoredPlan, fieldKeyHex: string | null): VerificationCheck[] {
  const checks: VerificationCheck[] = [];
  const { content } = plan;
  const seedOk = typeof content.seed === 'string' && SEED_HEX.test(content.seed);
  checks.push({
    name: 'SEED',
    outcome: seedOk ? 'PASS' : 'FAIL',
    message: seedOk ? '随机种子格式正确（32 字节）' : '随机种子缺失或格式错误',
  });
  let replayOk = false;
  if (seedOk) {
    try {
      const replay = drawPlan({
        layout: content.layout,
        catalogue: plan.catalogueNow,
        rule: content.rule.config,
        seed: content.seed,
      });
      replayOk = sameDraw(replay, content.draw);
    } catch {
      replayOk = false;
    }
  }
  checks.push({
    name: 'REPLAY',
    outcome: replayOk ? 'PASS' : 'FAIL',
    message: replayOk
      ? '按随机种子、抽查规则、抽查库与楼栋楼层快照重新计算，抽查部位完全一致'
      : '按随机种子重新计算的抽查部位与记录不一致：方案可能被篡改',
  });
  const hashOk = planContentHash(content) === plan.contentHash;
  checks.push({
    name: 'CONTENT_HASH',
    outcome: hashOk ? 'PASS' : 'FAIL',
    message: hashOk ? '方案内容的 SM3 摘要一致' : '方案内容的 SM3 摘要不一致：方案内容已被修改',
  });
  const macOk = !!fieldKeyHex && !!plan.mac && planMac(fieldKeyHex, plan.contentHash) === plan.mac;
  checks.push({
    name: 'MAC',
    outcome: macOk ? 'PASS' : 'FAIL',
    message: macOk
      ? 'HMAC-SM3 校验码正确（由本系统生成）'
      : plan.mac
        ? 'HMAC-SM3 校验码不正确：方案不是由本系统生成或已被修改'
        : '缺少 HMAC-SM3 校验码',
  });
  const catalogueOk = catalogueDigest(plan.catalogueNow) === content.catalogue.digest;
  checks.push({
    name: 'CATALOGUE',
    outcome: catalogueOk ? 'PASS' : 'FAIL',
    message: catalogueOk
      ? `抽查库第 ${content.catalogue.version} 版内容未变`
      : `抽查库第 ${content.catalogue.version} 版内容已变化`,
  });
  const signaturesOk = plan.signatureHashes.every((h) => h === plan.contentHash);
  checks.push({
    name: 'SIGNATURES',
    outcome: signaturesOk ? 'PASS' : 'FAIL',
    message: signaturesOk
      ? `${plan.signatureHashes.length} 个签名所确认的内容摘要与方案一致`
      : '有签名所确认的内容摘要与方案不一致',
  });
  return checks;
}
