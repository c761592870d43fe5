import { badInput, type Caller, cleanText, conflict, isUuid, notFound, throwIssues } from '@hs/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { activeRule } from '../sampling/rule.service.js';
import { checkRuleConfig } from '../sampling/rule-config.js';
import { CatalogueStatus, CatalogueVersion } from './catalogue.entity.js';
import {
  type CatalogueContent,
  type CatalogueItemData,
  catalogueDigest,
  checkCatalogue,
  type Importance,
} from './catalogue.model.js';
import type { CatalogueItemInput } from './catalogue.types.js';

/** The published version (exactly one; migration v1 guarantees there is one). */
export async function currentCatalogue(em: EntityManager): Promise<CatalogueVersion> {
  const version = await em.findOne(
    CatalogueVersion,
    { status: CatalogueStatus.PUBLISHED },
    { orderBy: { version: 'desc' } },
  );
  if (!version) throw new Error('no published fire catalogue version (migration Migration20261124100100 not applied?)');
  return version;
}

export async function findCatalogueVersion(
  em: EntityManager,
  version: number | null | undefined,
): Promise<CatalogueVersion> {
  if (version == null) return currentCatalogue(em);
  const found = await em.findOne(CatalogueVersion, { version });
  if (!found) throw notFound(`抽查库第 ${version} 版`);
  return found;
}

export function listCatalogueVersions(em: EntityManager): Promise<CatalogueVersion[]> {
  return em.find(CatalogueVersion, {}, { orderBy: { version: 'desc' } });
}

async function lockVersions(tx: EntityManager): Promise<CatalogueVersion[]> {
  return tx.find(CatalogueVersion, {}, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { version: 'asc' } });
}

/** A new DRAFT copied from the published version (or from `fromVersion`). One draft at a time. */
export async function createCatalogueDraft(
  em: EntityManager,
  caller: Caller,
  fromVersion: number | null | undefined,
  note: string | null | undefined,
): Promise<CatalogueVersion> {
  return em.transactional(async (tx) => {
    const all = await lockVersions(tx);
    const draft = all.find((v) => v.status === CatalogueStatus.DRAFT);
    if (draft) throw conflict(`已有草稿版本（第 ${draft.version} 版），请先发布或继续编辑该草稿`);
    const source =
      fromVersion == null
        ? all.find((v) => v.status === CatalogueStatus.PUBLISHED)
        : all.find((v) => v.version === fromVersion);
    if (!source) throw notFound(`抽查库第 ${fromVersion} 版`);
    return tx.create(CatalogueVersion, {
      version: Math.max(...all.map((v) => v.version)) + 1,
      status: CatalogueStatus.DRAFT,
      note: cleanText(note),
      content: structuredClone(source.content),
      createdById: isUuid(caller.userId) ? caller.userId : null,
    });
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Next free code under a prefix, e.g. `08.` + 06 when 08.01–08.05 exist. */
function nextCode(prefix: string, taken: Set<string>): string {
  for (let n = 1; n < 100; n++) {
    const code = `${prefix}${pad(n)}`;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
  throw badInput('编号已用完（每级最多 99 个）');
}

/**
 * Replaces one item's name, sub-items and lines in a DRAFT. Given codes keep their identity (so
 * analytics across versions line up); new entries get the next free code; codes of another item
 * or unknown codes are refused.
 */
export function replaceItem(content: CatalogueContent, itemCode: string, input: CatalogueItemInput): CatalogueContent {
  const index = content.items.findIndex((i) => i.code === itemCode);
  if (index < 0) throw badInput(`未知的检查项目编码：${itemCode}（抽查库中为 01–18）`, 'itemCode');
  const old = content.items[index];
  const oldSubs = new Set(old.subItems.map((s) => s.code));
  const oldLines = new Set(old.subItems.flatMap((s) => s.lines.map((l) => l.code)));
  const takenSubs = new Set(input.subItems.map((s) => s.code).filter((c): c is string => !!c));
  const takenLines = new Set(input.subItems.flatMap((s) => s.lines.map((l) => l.code)).filter((c): c is string => !!c));
  // Codes of removed entries stay reserved: a code never comes back with another meaning.
  for (const c of oldSubs) takenSubs.add(c);
  for (const c of oldLines) takenLines.add(c);
  const item: CatalogueItemData = {
    code: old.code,
    no: old.no,
    name: cleanText(input.name) ?? '',
    subItems: input.subItems.map((sub, s) => {
      if (sub.code && !oldSubs.has(sub.code))
        throw badInput(`子项编码“${sub.code}”不属于该检查项目`, `subItems[${s}].code`);
      const subCode = sub.code ?? nextCode(`${old.code}.`, takenSubs);
      return {
        code: subCode,
        name: cleanText(sub.name) ?? '',
        lines: sub.lines.map((line, l) => {
          if (line.code && (!oldLines.has(line.code) || !line.code.startsWith(`${subCode}.`))) {
            throw badInput(`检查内容编码“${line.code}”不属于该子项`, `subItems[${s}].lines[${l}].code`);
          }
          return {
            code: line.code ?? nextCode(`${subCode}.`, takenLines),
            content: cleanText(line.content) ?? '',
            importance: line.importance as Importance,
          };
        }),
      };
    }),
  };
  const next = { items: content.items.map((i, n) => (n === index ? item : i)) };
  throwIssues(checkCatalogue(next));
  return next;
}

export async function updateCatalogueItem(
  em: EntityManager,
  versionId: string,
  itemCode: string,
  input: CatalogueItemInput,
): Promise<CatalogueVersion> {
  return em.transactional(async (tx) => {
    const version = isUuid(versionId)
      ? await tx.findOne(CatalogueVersion, { id: versionId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!version) throw notFound('抽查库版本');
    if (version.status !== CatalogueStatus.DRAFT) throw conflict('已发布的抽查库版本不可修改，请新建草稿版本');
    version.content = replaceItem(version.content, itemCode, input);
    return version;
  });
}

/** Publishes a DRAFT: the published one becomes ARCHIVED (plans keep referring to it). */
export async function publishCatalogueVersion(
  em: EntityManager,
  versionId: string,
  now: Date,
): Promise<CatalogueVersion> {
  return em.transactional(async (tx) => {
    const all = await lockVersions(tx);
    const version = all.find((v) => v.id === versionId);
    if (!version) throw notFound('抽查库版本');
    if (version.status !== CatalogueStatus.DRAFT) throw conflict('只能发布草稿版本');
    throwIssues(checkCatalogue(version.content));
    const rule = await activeRule(tx);
    const ruleIssues = checkRuleConfig(rule.config, version.content);
    if (ruleIssues.length) {
      throw badInput(
        `现行抽查规则（第 ${rule.version} 版）与该抽查库版本不匹配：${ruleIssues[0].message}；请先调整抽查规则`,
        'versionId',
      );
    }
    for (const v of all) if (v.status === CatalogueStatus.PUBLISHED) v.status = CatalogueStatus.ARCHIVED;
    await tx.flush();
    version.status = CatalogueStatus.PUBLISHED;
    version.digest = catalogueDigest(version.content);
    version.publishedAt = now;
    return version;
  });
}
