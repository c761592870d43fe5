import { type Caller, cleanText, isUuid, throwIssues } from '@hs/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { currentCatalogue } from '../catalogue/catalogue.service.js';
import { checkRuleConfig, type SamplingRuleConfig } from './rule-config.js';
import { SamplingRuleVersion } from './sampling-rule.entity.js';

export async function activeRule(em: EntityManager): Promise<SamplingRuleVersion> {
  const rule = await em.findOne(SamplingRuleVersion, { active: true }, { orderBy: { version: 'desc' } });
  if (!rule) throw new Error('no active fire sampling rule (migration Migration20261124100100 not applied?)');
  return rule;
}

export function listRules(em: EntityManager): Promise<SamplingRuleVersion[]> {
  return em.find(SamplingRuleVersion, {}, { orderBy: { version: 'desc' } });
}

/** A new active rule version (the configuration is data: checked against the published catalogue). */
export async function saveRule(
  em: EntityManager,
  caller: Caller,
  config: SamplingRuleConfig,
  note: string | null | undefined,
  now: Date,
): Promise<SamplingRuleVersion> {
  const catalogue = await currentCatalogue(em);
  throwIssues(checkRuleConfig(config, catalogue.content));
  return em.transactional(async (tx) => {
    const all = await tx.find(SamplingRuleVersion, {}, { lockMode: LockMode.PESSIMISTIC_WRITE });
    for (const r of all) r.active = false;
    await tx.flush();
    return tx.create(SamplingRuleVersion, {
      version: Math.max(0, ...all.map((r) => r.version)) + 1,
      active: true,
      config: structuredClone(config),
      note: cleanText(note),
      createdById: isUuid(caller.userId) ? caller.userId : null,
      createdAt: now,
    });
  });
}
