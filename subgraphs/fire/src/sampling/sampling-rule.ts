import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { itemCodeOf } from '../catalogue/catalogue.model.js';
import { canonicalJson } from '../common/canonical-json.js';
import { drawDistinct, seededRng } from './rng.js';
import {
  type FloorKind,
  type Granularity,
  itemRule,
  type MandatoryFloor,
  type SamplingRuleConfig,
} from './rule-config.js';

/**
 * The random sampling rule of 1.3.4 as one pure function: layout + catalogue + rule config + seed
 * → plan. No ORM, no GraphQL, no clock, no I/O; the same inputs always give the same plan (which is
 * what `verifyPlan` relies on), and test/sampling.property.test.ts checks its properties over many
 * generated layouts.
 */

/** A floor of a building as the plan saw it. `items`: the FLOOR item codes that apply there. */
export interface LayoutFloor {
  id: string;
  name: string;
  kind: FloorKind;
  /** Basements −1, −2, …; above ground 1, 2, …; the roof any number (one roof per building). */
  level: number;
  items: string[];
}

/** A building as the plan saw it. `items`: the BUILDING item codes that apply to it. */
export interface LayoutBuilding {
  id: string;
  name: string;
  position: number;
  items: string[];
  floors: LayoutFloor[];
}

export interface Layout {
  buildings: LayoutBuilding[];
}

export interface DrawnTarget {
  /** A sub-item, check line or item code from the rule's `alwaysCheckAll`. */
  code: string;
  label: string;
  locations: string[];
}

export interface DrawnItem {
  code: string;
  granularity: Granularity;
  /** False: 不涉及 (no location where the item applies). */
  applicable: boolean;
  /** Every location where the item applies (building ids or floor ids), in layout order. */
  candidates: string[];
  /** 地下室、首层、顶层、屋面 among the candidates (FLOOR items). */
  mandatory: string[];
  /** The candidates that are not mandatory. */
  remainder: string[];
  /** True when the remainder exceeded `checkAllUpTo` and `drawn` was picked at random. */
  randomDraw: boolean;
  /** The chosen part of the remainder: all of it, or `drawCount` drawn at random. */
  drawn: string[];
  /** mandatory ∪ drawn, in layout order: where the item's ordinary check lines are checked. */
  sampled: string[];
  /** Targets checked everywhere the item applies. */
  always: DrawnTarget[];
}

export interface PlanDraw {
  format: 'hs-fire-draw/1';
  items: DrawnItem[];
}

export interface DrawInput {
  layout: Layout;
  catalogue: CatalogueContent;
  rule: SamplingRuleConfig;
  /** 64 hex characters (32 bytes from a CSPRNG). */
  seed: string;
}

const KIND_RANK: Record<FloorKind, number> = { BASEMENT: 0, ABOVE: 1, ROOF: 2 };
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Buildings by position, name, id; floors bottom-up (deepest basement first, roof last). */
export function canonicalLayout(layout: Layout): Layout {
  return {
    buildings: [...layout.buildings]
      .sort((a, b) => cmp(a.position, b.position) || cmp(a.name, b.name) || cmp(a.id, b.id))
      .map((b) => ({
        ...b,
        items: [...new Set(b.items)].sort(),
        floors: [...b.floors]
          .sort((x, y) => cmp(KIND_RANK[x.kind], KIND_RANK[y.kind]) || cmp(x.level, y.level) || cmp(x.id, y.id))
          .map((f) => ({ ...f, items: [...new Set(f.items)].sort() })),
      })),
  };
}

/** Which 必查 floor kinds a floor is in its building (a one-storey building's floor is FIRST and TOP). */
export function mandatoryKindsOf(floor: LayoutFloor, building: LayoutBuilding): MandatoryFloor[] {
  const above = building.floors.filter((f) => f.kind === 'ABOVE');
  const kinds: MandatoryFloor[] = [];
  if (floor.kind === 'BASEMENT') kinds.push('BASEMENT');
  if (floor.kind === 'ROOF') kinds.push('ROOF');
  if (floor.kind === 'ABOVE' && above.length) {
    if (floor.level === Math.min(...above.map((f) => f.level))) kinds.push('FIRST');
    if (floor.level === Math.max(...above.map((f) => f.level))) kinds.push('TOP');
  }
  return kinds;
}

export function drawPlan(input: DrawInput): PlanDraw {
  const { rule, seed } = input;
  const layout = canonicalLayout(input.layout);
  const items = input.catalogue.items.map((item): DrawnItem => {
    const { granularity } = itemRule(rule, item.code);
    const candidates: string[] = [];
    const mandatory: string[] = [];
    for (const building of layout.buildings) {
      if (granularity === 'BUILDING') {
        if (building.items.includes(item.code)) candidates.push(building.id);
        continue;
      }
      for (const floor of building.floors) {
        if (!floor.items.includes(item.code)) continue;
        candidates.push(floor.id);
        if (mandatoryKindsOf(floor, building).some((k) => rule.mandatoryFloors.includes(k))) mandatory.push(floor.id);
      }
    }
    const remainder = candidates.filter((id) => !mandatory.includes(id));
    const randomDraw = remainder.length > rule.remainder.checkAllUpTo;
    const chosen = randomDraw
      ? new Set(drawDistinct(remainder, rule.remainder.drawCount, seededRng(seed, `item:${item.code}`)))
      : new Set(remainder);
    const drawn = remainder.filter((id) => chosen.has(id));
    const sampledSet = new Set([...mandatory, ...drawn]);
    const applicable = candidates.length > 0;
    return {
      code: item.code,
      granularity,
      applicable,
      candidates,
      mandatory,
      remainder,
      randomDraw,
      drawn,
      sampled: candidates.filter((id) => sampledSet.has(id)),
      always: applicable
        ? rule.alwaysCheckAll
            .filter((t) => itemCodeOf(t.code) === item.code)
            .map((t) => ({ code: t.code, label: t.label, locations: [...candidates] }))
        : [],
    };
  });
  return { format: 'hs-fire-draw/1', items };
}

/** Same plan? Compared as canonical JSON (what is hashed). */
export const sameDraw = (a: PlanDraw, b: PlanDraw): boolean => canonicalJson(a) === canonicalJson(b);

// ---------------------------------------------------------------------------------------------
// From the draw to check lines × locations (what results are recorded against)
// ---------------------------------------------------------------------------------------------

export interface ExtraLocationRef {
  itemCode: string;
  locationKey: string;
}

export interface PlannedCheck {
  itemCode: string;
  subItemCode: string;
  lineCode: string;
  /** Location keys where this line is checked: the item's sample, or every candidate for 全查 targets, plus extras. */
  locations: string[];
  /** True when the line is checked everywhere its item applies (rule's alwaysCheckAll). */
  everywhere: boolean;
}

/**
 * Every check line of every applicable item with the locations it must be checked at. A line is
 * checked everywhere when it, its sub-item or its item is in `alwaysCheckAll`, otherwise at the
 * item's sampled locations; locations added on site (extras) are checked for every line of their item
 * (also for an item the plan found 不涉及, when the site shows otherwise).
 */
export function plannedChecks(
  draw: PlanDraw,
  catalogue: CatalogueContent,
  extras: ExtraLocationRef[] = [],
): PlannedCheck[] {
  const byItem = new Map(draw.items.map((d) => [d.code, d]));
  const out: PlannedCheck[] = [];
  for (const item of catalogue.items) {
    const drawn = byItem.get(item.code);
    const extraKeys = extras.filter((e) => e.itemCode === item.code).map((e) => e.locationKey);
    // 不涉及 items have no checks, unless a location was added for them on site.
    if (!drawn || (!drawn.applicable && extraKeys.length === 0)) continue;
    const alwaysCodes = new Set(drawn.always.map((t) => t.code));
    for (const sub of item.subItems) {
      for (const line of sub.lines) {
        const everywhere = alwaysCodes.has(item.code) || alwaysCodes.has(sub.code) || alwaysCodes.has(line.code);
        const base = everywhere ? drawn.candidates : drawn.sampled;
        out.push({
          itemCode: item.code,
          subItemCode: sub.code,
          lineCode: line.code,
          locations: [...new Set([...base, ...extraKeys])],
          everywhere,
        });
      }
    }
  }
  return out;
}

/** `lineCode → location keys` for membership checks. */
export function checkMatrix(checks: PlannedCheck[]): Map<string, Set<string>> {
  return new Map(checks.map((c) => [c.lineCode, new Set(c.locations)]));
}

/** Every location key of a layout (buildings and floors) with a label for people. */
export function layoutLocations(layout: Layout): Map<string, LocationInfo> {
  const out = new Map<string, LocationInfo>();
  for (const b of canonicalLayout(layout).buildings) {
    out.set(b.id, {
      key: b.id,
      buildingId: b.id,
      buildingName: b.name,
      floorId: null,
      floorName: null,
      kind: 'BUILDING',
      level: null,
      label: b.name,
      mandatoryKinds: [],
    });
    for (const f of b.floors) {
      out.set(f.id, {
        key: f.id,
        buildingId: b.id,
        buildingName: b.name,
        floorId: f.id,
        floorName: f.name,
        kind: f.kind,
        level: f.level,
        label: `${b.name} ${f.name}`,
        mandatoryKinds: mandatoryKindsOf(f, b),
      });
    }
  }
  return out;
}

export interface LocationInfo {
  key: string;
  buildingId: string;
  buildingName: string;
  floorId: string | null;
  floorName: string | null;
  kind: 'BUILDING' | FloorKind;
  level: number | null;
  label: string;
  mandatoryKinds: MandatoryFloor[];
}
