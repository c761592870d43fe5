import type { CatalogueContent, Importance } from '../catalogue/catalogue.model.js';
import { indexCatalogue } from '../catalogue/catalogue.model.js';
import type { Granularity } from './rule-config.js';
import {
  type ExtraLocationRef,
  type Layout,
  layoutLocations,
  type LocationInfo,
  type PlanDraw,
  plannedChecks,
} from './sampling-rule.js';

/** Why a location is in the plan, for people (and the exports). */
export type LocationReason = 'MANDATORY' | 'ALL_REMAINING' | 'RANDOM' | 'ALWAYS' | 'EXTRA';

export const REASON_LABELS: Record<LocationReason, string> = {
  MANDATORY: '必查（地下室、首层、顶层、屋面）',
  ALL_REMAINING: '剩余部位不超过规定数量，全部检查',
  RANDOM: '随机抽取',
  ALWAYS: '全部检查项',
  EXTRA: '现场新增',
};

export interface PlanLocationView extends LocationInfo {
  reason: LocationReason;
}

export interface PlanCheckView {
  subItemCode: string;
  subItemName: string;
  lineCode: string;
  content: string;
  importance: Importance;
  everywhere: boolean;
  locations: PlanLocationView[];
}

export interface PlanItemView {
  code: string;
  no: number;
  name: string;
  applicable: boolean;
  granularity: Granularity;
  candidateCount: number;
  mandatoryCount: number;
  remainderCount: number;
  randomDraw: boolean;
  /** The item's sample (mandatory + drawn) and its extras, with reasons. */
  locations: PlanLocationView[];
  always: { code: string; label: string; locations: PlanLocationView[] }[];
  checks: PlanCheckView[];
}

export interface ExtraView extends ExtraLocationRef {
  label: string;
  buildingId: string | null;
  floorId: string | null;
}

/** A plan as people read it (pure): items with their locations and reasons, and every check line. */
export function describePlan(
  draw: PlanDraw,
  layout: Layout,
  catalogue: CatalogueContent,
  extras: ExtraView[] = [],
): PlanItemView[] {
  const locations = layoutLocations(layout);
  const index = indexCatalogue(catalogue);
  const checks = plannedChecks(draw, catalogue, extras);
  const extraInfo = new Map(extras.map((e) => [`${e.itemCode}@${e.locationKey}`, e]));
  const view = (key: string, reason: LocationReason, itemCode: string): PlanLocationView => {
    const info = locations.get(key);
    if (info) return { ...info, reason };
    const extra = extraInfo.get(`${itemCode}@${key}`);
    return {
      key,
      buildingId: extra?.buildingId ?? '',
      buildingName: '',
      floorId: extra?.floorId ?? null,
      floorName: null,
      kind: 'BUILDING',
      level: null,
      label: extra?.label ?? key,
      mandatoryKinds: [],
      reason,
    };
  };
  return draw.items.map((d) => {
    const item = index.items.get(d.code);
    const itemExtras = extras.filter((e) => e.itemCode === d.code).map((e) => e.locationKey);
    const reasonOf = (key: string): LocationReason =>
      d.mandatory.includes(key)
        ? 'MANDATORY'
        : d.drawn.includes(key)
          ? d.randomDraw
            ? 'RANDOM'
            : 'ALL_REMAINING'
          : 'EXTRA';
    return {
      code: d.code,
      no: item?.no ?? Number(d.code),
      name: item?.name ?? d.code,
      applicable: d.applicable,
      granularity: d.granularity,
      candidateCount: d.candidates.length,
      mandatoryCount: d.mandatory.length,
      remainderCount: d.remainder.length,
      randomDraw: d.randomDraw,
      locations: [...d.sampled, ...itemExtras.filter((k) => !d.sampled.includes(k))].map((k) =>
        view(k, reasonOf(k), d.code),
      ),
      always: d.always.map((t) => ({
        code: t.code,
        label: t.label,
        locations: t.locations.map((k) => view(k, 'ALWAYS', d.code)),
      })),
      checks: checks
        .filter((c) => c.itemCode === d.code)
        .map((c) => {
          const { subItem, line } = index.lines.get(c.lineCode)!;
          return {
            subItemCode: subItem.code,
            subItemName: subItem.name,
            lineCode: line.code,
            content: line.content,
            importance: line.importance,
            everywhere: c.everywhere,
            locations: c.locations.map((k) =>
              view(
                k,
                itemExtras.includes(k) && !d.candidates.includes(k) ? 'EXTRA' : c.everywhere ? 'ALWAYS' : reasonOf(k),
                d.code,
              ),
            ),
          };
        }),
    };
  });
}
