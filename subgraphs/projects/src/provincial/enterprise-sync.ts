import { createHash } from 'node:crypto';
import { AppError, badInput, checkCreditCode, checkDivision, ErrorCode, type ExchangeService } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { asConflict } from '../enterprises/enterprise.service.js';
import {
  chinaToday,
  EnterpriseQualification,
  QualificationSource,
  qualificationStatus,
} from '../enterprises/qualification.entity.js';
import { MARKET_SYSTEM, type MarketEnterprise } from './connectors.js';
import { lookupMarketEnterprise } from './exchange.js';
import type { ProvincialConflict, ProvincialEnterpriseProposal } from './provincial.types.js';

/** The platform's record as this platform keeps it: names trimmed, qualifications in the platform's order. */
function mapEnterprise(record: MarketEnterprise) {
  return {
    sourceId: record.id,
    creditCode: record.creditCode.trim().toUpperCase(),
    name: record.name.trim(),
    registeredAddress: record.registeredAddress?.trim() || null,
    legalRepresentative: record.legalRepresentative?.trim() || null,
    qualifications: record.qualifications.map((q) => ({
      name: q.category.trim(),
      grade: q.grade.trim(),
      certificateNo: q.certificateNo.trim(),
      validUntil: q.validUntil ?? null,
    })),
  };
}
type MappedEnterprise = ReturnType<typeof mapEnterprise>;

const digestOf = (record: MarketEnterprise) =>
  createHash('sha256')
    .update(JSON.stringify({ ...mapEnterprise(record), updatedAt: record.updatedAt }))
    .digest('hex')
    .slice(0, 32);

const qualificationKey = (q: { certificateNo: string; name: string }) => `${q.certificateNo}|${q.name}`;
function differences(stored: Enterprise, mapped: MappedEnterprise): ProvincialConflict[] {
  const out: ProvincialConflict[] = [];
  const add = (field: string, label: string, a: string | null, b: string | null) => {
    if (a !== b) out.push({ field, label, stored: a, proposed: b, blocking: false });
  };
  add('name', '企业名称不一致', stored.name, mapped.name);
  if (mapped.registeredAddress)
    add('registeredAddress', '注册地址不一致', stored.registeredAddress, mapped.registeredAddress);
  if (mapped.legalRepresentative)
    add('legalRepresentative', '法定代表人不一致', stored.legalRepresentative, mapped.legalRepresentative);
  return out;
}

function creditCodeOf(raw: string): string {
  const result = checkCreditCode(raw ?? '');
  if (!result.ok) throw badInput(result.reason, 'creditCode');
  return result.value;
}

/** 3.1.2 lookup: the platform's enterprise with its qualifications and what differs from the registry. Stores nothing. */
export async function lookupProvincialEnterprise(
  em: EntityManager,
  exchange: ExchangeService,
  rawCreditCode: string,
): Promise<ProvincialEnterpriseProposal> {
  const record = await lookupMarketEnterprise(exchange, creditCodeOf(rawCreditCode));
  const mapped = mapEnterprise(record);
  const existing = await em.findOne(Enterprise, { creditCode: mapped.creditCode });
  const today = chinaToday();
  const division = checkDivision(mapped.creditCode.slice(2, 8));
  return {
    source: MARKET_SYSTEM,
    fetchedAt: new Date(),
    digest: digestOf(record),
    creditCode: mapped.creditCode,
    name: mapped.name,
    registeredAddress: mapped.registeredAddress,
    legalRepresentative: mapped.legalRepresentative,
    districtCode: existing?.districtCode ?? (division.ok ? division.value : '420200'),
    qualifications: mapped.qualifications.map((q) => ({ ...q, status: qualificationStatus(q.validUntil, today) })),
    existing,
    conflicts: existing ? differences(existing, mapped) : [],
  };
}

export interface SyncOutcome {
  enterprise: Enterprise;
  /** Any field or qualification differed from what was stored. */
  changed: boolean;
}

/**
 * Writes the platform's record onto `enterprise` (fields and its PROVINCIAL_MARKET qualifications;
 * a manual one with the same certificate and category is replaced by the platform's). Qualifications
 * that differ get `changedAt`; every one gets `fetchedAt`. `existing` are the enterprise's stored
 * qualifications (loaded by the caller, in one query for a whole page).
 */
export function syncEnterprise(
  em: EntityManager,
  enterprise: Enterprise,
  existing: EnterpriseQualification[],
  mapped: MappedEnterprise,
  now: Date,
): boolean {
  let changed = false;
  for (const [key, value] of [
    ['name', mapped.name],
    ['registeredAddress', mapped.registeredAddress ?? enterprise.registeredAddress],
    ['legalRepresentative', mapped.legalRepresentative ?? enterprise.legalRepresentative],
  ] as const) {
    if (enterprise[key] !== value) {
      (enterprise as unknown as Record<string, unknown>)[key] = value;
      changed = true;
    }
  }
  const incoming = new Map(mapped.qualifications.map((q) => [qualificationKey(q), q]));
  const kept = new Map<string, EnterpriseQualification>();
  for (const q of existing) {
    const fromPlatform = q.source === QualificationSource.PROVINCIAL_MARKET;
    if (incoming.has(qualificationKey(q))) kept.set(qualificationKey(q), q);
    else if (fromPlatform) {
      em.remove(q); // no longer listed by the platform
      changed = true;
    }
  }
  let position = 0;
  for (const [key, q] of incoming) {
    const row = kept.get(key);
    if (row) {
      const differs =
        row.grade !== q.grade ||
        row.validUntil !== q.validUntil ||
        row.source !== QualificationSource.PROVINCIAL_MARKET;
      if (differs) {
        Object.assign(row, { grade: q.grade, validUntil: q.validUntil, changedAt: now });
        changed = true;
      }
      Object.assign(row, {
        source: QualificationSource.PROVINCIAL_MARKET,
        sourceId: mapped.sourceId,
        fetchedAt: now,
        position,
      });
    } else {
      em.create(EnterpriseQualification, {
        ...q,
        enterprise,
        source: QualificationSource.PROVINCIAL_MARKET,
        sourceId: mapped.sourceId,
        fetchedAt: now,
        changedAt: now,
        position,
      });
      changed = true;
    }
    position++;
  }
  if (changed) enterprise.updatedAt = now;
  return changed;
}

/**
 * Saves the platform's enterprise (created, or updated after the conflicts were confirmed), in one
 * transaction. Refused when the platform's record changed since the lookup, or on differences without
 * `confirmConflicts`.
 */
export async function applyProvincialEnterprise(
  em: EntityManager,
  exchange: ExchangeService,
  rawCreditCode: string,
  digest: string,
  confirmConflicts: boolean,
): Promise<Enterprise> {
  const record = await lookupMarketEnterprise(exchange, creditCodeOf(rawCreditCode));
  if (digestOf(record) !== digest)
    throw new AppError(ErrorCode.CONFLICT, '省平台的企业数据已更新，请重新获取并核对后再保存', { field: 'digest' });
  const mapped = mapEnterprise(record);
  return em
    .transactional(async (tx) => {
      let enterprise = await tx.findOne(Enterprise, { creditCode: mapped.creditCode });
      if (enterprise) {
        const conflicts = differences(enterprise, mapped);
        if (conflicts.length && !confirmConflicts)
          throw new AppError(ErrorCode.CONFLICT, '省平台数据与企业库中的登记不一致，请核对并确认后再保存', {
            details: { conflicts },
          });
      } else {
        const division = checkDivision(mapped.creditCode.slice(2, 8));
        enterprise = tx.create(Enterprise, {
          creditCode: mapped.creditCode,
          name: mapped.name,
          districtCode: division.ok ? division.value : '420200',
        });
      }
      const existing = await tx.find(EnterpriseQualification, { enterprise: enterprise.id });
      syncEnterprise(tx, enterprise, existing, mapped, new Date());
      return enterprise;
    })
    .catch(asConflict);
}

export { mapEnterprise };
