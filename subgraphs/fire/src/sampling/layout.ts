import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { canonicalLayout, type Layout } from './sampling-rule.js';
import { type FloorKind, itemRule, type SamplingRuleConfig } from './rule-config.js';

/** A building with its floors as entered (1.3.3); `items` null means "the rule's defaults". */
export interface BuildingSpec {
  id: string;
  name: string;
  position: number;
  items: string[] | null;
  /** 建筑高度 in metres, when given. */
  height?: number | null;
  /** Whether it has a 消防电梯; null: nobody said. */
  hasFireLift?: boolean | null;
  floors: { id: string; name: string; kind: FloorKind; level: number; items: string[] | null }[];
}

/** Catalogue item ⑨ 消防电梯 (catalogue codes keep their identity across versions). */
export const FIRE_LIFT_ITEM = '09';

/**
 * Why a building may need a 消防电梯, or null. GB 50016-2014（2018 年版）§7.3.1 requires one in
 * residential buildings over 33 m, in every 一类高层公共建筑 (a public building over 24 m can be one)
 * and in 二类 ones over 32 m, and in basements deeper than 10 m of more than 3,000 m². The layout
 * knows the height and the storeys, not the class: so over 24 m, or with no height given 7 storeys
 * or more above ground (24 m at 3.5 m a storey), or 3 basement levels or more (deeper than 10 m),
 * may need one — and is asked rather than assumed not to.
 */
export function fireLiftReason(b: Pick<BuildingSpec, 'height' | 'floors'>): string | null {
  const above = b.floors.filter((f) => f.kind === 'ABOVE').length;
  const below = b.floors.filter((f) => f.kind === 'BASEMENT').length;
  if (b.height != null && b.height > 24) return `建筑高度 ${b.height} 米`;
  if (b.height == null && above >= 7) return `地上 ${above} 层，未填写建筑高度`;
  if (below >= 3) return `地下 ${below} 层`;
  return null;
}

/**
 * The buildings that must say whether they have a 消防电梯 before a plan is drawn: those that may
 * need one, have no item list of their own and no answer, while the rule does not apply the item
 * by default. `reason` says why, for the person asked.
 */
export function unansweredFireLifts(
  buildings: BuildingSpec[],
  rule: SamplingRuleConfig,
): { name: string; reason: string }[] {
  if (itemRule(rule, FIRE_LIFT_ITEM).appliesByDefault) return [];
  return buildings.flatMap((b) => {
    const reason = b.items === null && b.hasFireLift == null ? fireLiftReason(b) : null;
    return reason ? [{ name: b.name, reason }] : [];
  });
}

/**
 * Which items apply where, resolved once before drawing (pure): a building's list (or the rule's
 * `appliesByDefault` items) is the base, with 消防电梯 as the building's answer says; a floor without its own list inherits the base, limited
 * to the item's `floorKinds`; a floor's explicit list wins. The result is the layout snapshot the
 * plan stores, so replaying a plan never depends on the defaults of a later rule version.
 */
export function resolveLayout(
  buildings: BuildingSpec[],
  rule: SamplingRuleConfig,
  catalogue: CatalogueContent,
): Layout {
  const codes = catalogue.items.map((i) => i.code);
  const known = new Set(codes);
  const defaults = codes.filter((c) => itemRule(rule, c).appliesByDefault);
  const granularity = (c: string) => itemRule(rule, c).granularity;
  return canonicalLayout({
    buildings: buildings.map((b) => {
      const listed = (b.items ?? defaults).filter((c) => known.has(c));
      // The answer about the 消防电梯 decides item 09; without one, the list (or the default) does.
      const base =
        b.hasFireLift == null
          ? listed
          : [
              ...listed.filter((c) => c !== FIRE_LIFT_ITEM),
              ...(b.hasFireLift && known.has(FIRE_LIFT_ITEM) ? [FIRE_LIFT_ITEM] : []),
            ];
      return {
        id: b.id,
        name: b.name,
        position: b.position,
        items: base.filter((c) => granularity(c) === 'BUILDING'),
        floors: b.floors.map((f) => {
          const own = f.items?.filter((c) => known.has(c) && granularity(c) === 'FLOOR');
          const inherited = base.filter((c) => {
            const r = itemRule(rule, c);
            return r.granularity === 'FLOOR' && (!r.floorKinds || r.floorKinds.includes(f.kind));
          });
          return { id: f.id, name: f.name, kind: f.kind, level: f.level, items: own ?? inherited };
        }),
      };
    }),
  });
}
