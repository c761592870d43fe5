import { sm3 } from '@hs/kit';
import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { canonicalJson } from '../common/canonical-json.js';
import type { PlannedCheck } from '../sampling/sampling-rule.js';

/** Progress of the on-site recording (pure): what 1.3.7's “十八项抽查内容全部完成” means. */
export interface ItemProgress {
  itemCode: string;
  itemNo: number;
  itemName: string;
  /** False: 不涉及 (and no location added on site). */
  applicable: boolean;
  required: number;
  recorded: number;
  failed: number;
  complete: boolean;
}

export const pairKey = (lineCode: string, locationKey: string) => `${lineCode}@${locationKey}`;

/**
 * An item is complete when every (check line, location) pair of the plan has a verdict; an item
 * that does not apply is complete by definition. Results for pairs no longer required are ignored.
 */
export function progressOf(
  catalogue: CatalogueContent,
  checks: PlannedCheck[],
  recorded: Map<string, 'PASS' | 'FAIL'>,
): ItemProgress[] {
  return catalogue.items.map((item) => {
    const mine = checks.filter((c) => c.itemCode === item.code);
    let required = 0;
    let done = 0;
    let failed = 0;
    for (const check of mine) {
      for (const loc of check.locations) {
        required++;
        const verdict = recorded.get(pairKey(check.lineCode, loc));
        if (verdict) done++;
        if (verdict === 'FAIL') failed++;
      }
    }
    return {
      itemCode: item.code,
      itemNo: item.no,
      itemName: item.name,
      applicable: mine.length > 0,
      required,
      recorded: done,
      failed,
      complete: done === required,
    };
  });
}

export interface ResultRecord {
  lineCode: string;
  locationKey: string;
  verdict: 'PASS' | 'FAIL';
  note: string | null;
}

export interface ExtraRecord {
  itemCode: string;
  locationKey: string;
  label: string;
  note: string | null;
}

/**
 * What the five parties sign (1.3.7): SM3 of the canonical JSON of the plan's hash and every
 * result and on-site location, sorted so the order they were recorded in does not matter.
 */
export function resultsContentHash(
  inspectionId: string,
  planId: string,
  planContentHash: string,
  results: ResultRecord[],
  extras: ExtraRecord[],
): string {
  const sortedResults = [...results].sort((a, b) =>
    pairKey(a.lineCode, a.locationKey).localeCompare(pairKey(b.lineCode, b.locationKey)),
  );
  const sortedExtras = [...extras].sort((a, b) =>
    `${a.itemCode}@${a.locationKey}`.localeCompare(`${b.itemCode}@${b.locationKey}`),
  );
  return sm3(
    canonicalJson({
      format: 'hs-fire-results/1',
      inspectionId,
      planId,
      planContentHash,
      results: sortedResults.map((r) => ({
        lineCode: r.lineCode,
        locationKey: r.locationKey,
        verdict: r.verdict,
        note: r.note,
      })),
      extras: sortedExtras.map((e) => ({
        itemCode: e.itemCode,
        locationKey: e.locationKey,
        label: e.label,
        note: e.note,
      })),
    }),
  );
}
