import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { canonicalLayout, type Layout } from './sampling-rule.js';
import { type FloorKind, itemRule, type SamplingRuleConfig } from './rule-config.js';

/** A building with its floors as entered (1.3.3); `items` null means "the rule's defaults". */
export interface BuildingSpec {
  id: string;
  name: string;
  position: number;
  items: string[] | null;
  floors: { id: string; name: string; kind: FloorKind; level: number; items: string[] | null }[];
}

/**
 * Which items apply where, resolved once before drawing (pure): a building's list (or the rule's
 * `appliesByDefault` items) is the base; a floor without its own list inherits the base, limited
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
      const base = (b.items ?? defaults).filter((c) => known.has(c));
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
