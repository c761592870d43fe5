import { type Caller, decryptField, hasPermission, HUANGSHI_DIVISIONS, maskIdCard, maskPhone } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CatalogueVersion } from '../catalogue/catalogue.entity.js';
import { IMPORTANCE_LABELS, indexCatalogue } from '../catalogue/catalogue.model.js';
import type { Inspection } from '../inspections/inspection.entity.js';
import { CATEGORY_LABELS, STATUS_LABELS, UNIT_ROLE_LABELS } from '../inspections/inspection.enums.js';
import { FirePermission } from '../permissions.js';
import type { InspectionResult } from '../results/result.entity.js';
import { SamplingPlan } from '../sampling/plan.entity.js';

/**
 * What the exports show of an inspection and of a result, as text (pure but for the catalogue
 * lookup): one reading for the Excel lists, the Word lists and the record, so they never disagree.
 */
const DISTRICTS = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));

/** Beijing time to the second (an export is read in Huangshi whatever the server's zone). */
export const beijingTime = (d: Date | null | undefined) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : '';

function reveal(cipher: string | null, caller: Caller | null, key: string, mask: (v: string) => string): string {
  if (!cipher) return '';
  try {
    const plain = decryptField(cipher, key);
    return hasPermission(caller, FirePermission.INSPECTION_SENSITIVE) ? plain : mask(plain);
  } catch {
    return '（无法解密）';
  }
}

export interface InspectionFacts {
  projectName: string;
  district: string;
  address: string;
  category: string;
  /** The six units of 1.3.1, labelled, in the requirement's order. */
  units: [label: string, name: string][];
  leaderName: string;
  leaderPhone: string;
  leaderIdCard: string;
  decoration: string;
  inspectionDate: string;
  changeOfUse: string;
  status: string;
}

/** 1.3.1 as people read it; 手机号/身份证号 masked unless the caller may see them. */
export function inspectionFacts(i: Inspection, caller: Caller | null, fieldKey: string): InspectionFacts {
  return {
    projectName: i.projectName,
    district: DISTRICTS.get(i.districtCode) ?? i.districtCode,
    address: i.address,
    category: CATEGORY_LABELS[i.category],
    units: [
      [UNIT_ROLE_LABELS.BUILDER, i.builderUnit ?? ''],
      [UNIT_ROLE_LABELS.DESIGNER, i.designUnit ?? ''],
      [UNIT_ROLE_LABELS.GENERAL_CONTRACTOR, i.generalContractorUnit ?? ''],
      [UNIT_ROLE_LABELS.FIRE_CONTRACTOR, i.fireContractorUnit ?? ''],
      [UNIT_ROLE_LABELS.SUPERVISOR, i.supervisorUnit ?? ''],
      [UNIT_ROLE_LABELS.FIRE_TESTING, i.fireTestingUnit ?? ''],
    ],
    leaderName: i.leaderName,
    leaderPhone: reveal(i.leaderPhoneCipher, caller, fieldKey, maskPhone),
    leaderIdCard: reveal(i.leaderIdCardCipher, caller, fieldKey, maskIdCard),
    decoration: i.decoration ? `是${i.decorationDescription ? `（${i.decorationDescription}）` : ''}` : '否',
    inspectionDate: i.inspectionDate ?? '',
    changeOfUse: i.changeOfUse ? `是：${i.originalUse ?? ''} → ${i.useNature ?? ''}` : '否',
    status: STATUS_LABELS[i.status],
  };
}

/** One recorded result with the names of its item, sub-item and line in its own plan's catalogue. */
export interface ResultFacts {
  itemCode: string;
  item: string;
  subItem: string;
  line: string;
  importance: string;
  /** A, B or C. */
  importanceClass: string;
  location: string;
  pass: boolean;
  verdict: string;
  note: string;
  recordedAt: string;
}

/**
 * Reads results' catalogue names, keeping the catalogue indexes it loaded: a long export meets the
 * same few plans and versions again and again.
 */
export function resultReader(em: EntityManager) {
  const planVersion = new Map<string, string>();
  const indexes = new Map<string, ReturnType<typeof indexCatalogue>>();
  return async (results: InspectionResult[]): Promise<ResultFacts[]> => {
    const planIds = [...new Set(results.map((r) => r.plan.id))].filter((id) => !planVersion.has(id));
    if (planIds.length) {
      for (const p of await em.find(SamplingPlan, { id: { $in: planIds } }, { fields: ['id', 'catalogueVersion'] })) {
        planVersion.set(p.id, p.catalogueVersion.id);
      }
    }
    const versionIds = [...new Set(planVersion.values())].filter((id) => !indexes.has(id));
    if (versionIds.length) {
      for (const v of await em.find(CatalogueVersion, { id: { $in: versionIds } })) {
        indexes.set(v.id, indexCatalogue(v.content));
      }
    }
    return results.map((r) => {
      const hit = indexes.get(planVersion.get(r.plan.id) ?? '')?.lines.get(r.lineCode);
      return {
        itemCode: r.itemCode,
        item: hit ? `${hit.item.no}. ${hit.item.name}` : r.itemCode,
        subItem: hit?.subItem.name ?? r.subItemCode,
        line: hit ? `${r.lineCode} ${hit.line.content}` : r.lineCode,
        importance: IMPORTANCE_LABELS[r.importance as 'A' | 'B' | 'C'] ?? r.importance,
        importanceClass: r.importance,
        location: `${r.locationLabel}${r.extra ? '（现场新增）' : ''}`,
        pass: r.verdict === 'PASS',
        verdict: r.verdict === 'PASS' ? '合格' : '不合格',
        note: r.note ?? '',
        recordedAt: beijingTime(r.updatedAt),
      };
    });
  };
}
