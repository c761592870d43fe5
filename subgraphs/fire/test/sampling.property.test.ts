import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_V1 } from '../src/catalogue/catalogue-data.js';
import { catalogueDigest, indexCatalogue, itemCodeOf } from '../src/catalogue/catalogue.model.js';
import { canonicalJson } from '../src/common/canonical-json.js';
import { type BuildingSpec, resolveLayout } from '../src/sampling/layout.js';
import { planContentHash, planMac, type PlanContent, verifyStoredPlan } from '../src/sampling/plan-content.js';
import { drawDistinct, seededRng } from '../src/sampling/rng.js';
import { DEFAULT_RULE_CONFIG, itemRule, type SamplingRuleConfig } from '../src/sampling/rule-config.js';
import {
  drawPlan,
  type Layout,
  mandatoryKindsOf,
  plannedChecks,
  type PlanDraw,
} from '../src/sampling/sampling-rule.js';

/**
 * The random sampling rule of 1.3.4 as properties over many generated building layouts
 * (fast-check): the pure function in src/sampling/sampling-rule.ts, the layout resolution in
 * layout.ts and the verification in plan-content.ts. No database, no clock.
 */

const RULE = DEFAULT_RULE_CONFIG;
const CATALOGUE = CATALOGUE_V1;
const INDEX = indexCatalogue(CATALOGUE);
const CODES = CATALOGUE.items.map((i) => i.code);
const KEY = '0123456789abcdeffedcba9876543210';

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const itemsArb = fc.option(fc.subarray(CODES), { nil: null, freq: 2 });

/** 1–6 buildings, 0–30 floors above and 0–4 below, with or without a roof, item lists sometimes given. */
const buildingsArb: fc.Arbitrary<BuildingSpec[]> = fc
  .array(
    fc.record({
      above: fc.integer({ min: 0, max: 30 }),
      below: fc.integer({ min: 0, max: 4 }),
      roof: fc.boolean(),
      position: fc.integer({ min: 0, max: 3 }),
      items: itemsArb,
      floorItems: fc.array(itemsArb, { minLength: 36, maxLength: 36 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((specs) =>
    specs.map((s, b) => {
      const above = s.above === 0 && s.below === 0 ? 1 : s.above;
      const floors: BuildingSpec['floors'] = [];
      for (let l = s.below; l >= 1; l--)
        floors.push({ id: `b${b}-B${l}`, name: `地下${l}层`, kind: 'BASEMENT', level: -l, items: null });
      for (let l = 1; l <= above; l++)
        floors.push({ id: `b${b}-F${l}`, name: `${l}层`, kind: 'ABOVE', level: l, items: null });
      if (s.roof) floors.push({ id: `b${b}-R`, name: '屋面', kind: 'ROOF', level: above + 1, items: null });
      // Some floors say which items apply there (e.g. a gas-extinguishing room), most inherit.
      floors.forEach((f, i) => (f.items = i % 5 === 0 ? s.floorItems[i % 36] : null));
      return { id: `b${b}`, name: `${b + 1}#楼`, position: s.position, items: s.items, floors };
    }),
  );

const layoutArb = buildingsArb.map((buildings) => resolveLayout(buildings, RULE, CATALOGUE));

function draw(layout: Layout, seed: string, rule: SamplingRuleConfig = RULE): PlanDraw {
  return drawPlan({ layout, catalogue: CATALOGUE, rule, seed });
}

/** Every location where an item applies, from the layout alone (the oracle). */
function applicable(layout: Layout, itemCode: string): string[] {
  const { granularity } = itemRule(RULE, itemCode);
  return layout.buildings.flatMap((b) =>
    granularity === 'BUILDING'
      ? b.items.includes(itemCode)
        ? [b.id]
        : []
      : b.floors.filter((f) => f.items.includes(itemCode)).map((f) => f.id),
  );
}

/** Basement(s), first floor, top floor and roof of each building where the item applies. */
function mandatoryOracle(layout: Layout, itemCode: string): string[] {
  if (itemRule(RULE, itemCode).granularity === 'BUILDING') return [];
  return layout.buildings.flatMap((b) => {
    const above = b.floors.filter((f) => f.kind === 'ABOVE').map((f) => f.level);
    return b.floors
      .filter((f) => f.items.includes(itemCode))
      .filter(
        (f) =>
          f.kind === 'BASEMENT' ||
          f.kind === 'ROOF' ||
          (f.kind === 'ABOVE' && (f.level === Math.min(...above) || f.level === Math.max(...above))),
      )
      .map((f) => f.id);
  });
}

const RUNS = { numRuns: 250 };

describe('the sampling rule (1.3.4) over generated layouts', () => {
  it('checks 防火间距, 消防车登高操作场地, 消防车道 and 安全出口的形式和数量 at every location', () => {
    expect(RULE.alwaysCheckAll.map((t) => [t.code, t.label])).toEqual([
      ['02.01', '防火间距'],
      ['02.04', '消防车登高操作场地'],
      ['02.02', '消防车道'],
      ['08.01.01', '安全出口的形式和数量'],
    ]);
    // The codes name what the labels say in the catalogue.
    expect(INDEX.subItems.get('02.01')!.subItem.name).toBe('防火间距');
    expect(INDEX.subItems.get('02.02')!.subItem.name).toBe('消防车道');
    expect(INDEX.subItems.get('02.04')!.subItem.name).toBe('消防车登高操作场地');
    expect(INDEX.lines.get('08.01.01')!.line.content).toBe('安全出口的形式和数量');
    fc.assert(
      fc.property(layoutArb, seedArb, (layout, seed) => {
        const plan = draw(layout, seed);
        const checks = plannedChecks(plan, CATALOGUE);
        for (const target of RULE.alwaysCheckAll) {
          const everywhere = applicable(layout, itemCodeOf(target.code));
          const item = plan.items.find((i) => i.code === itemCodeOf(target.code))!;
          if (everywhere.length === 0) {
            expect(item.applicable).toBe(false);
            continue;
          }
          expect(item.always.find((t) => t.code === target.code)!.locations.sort()).toEqual([...everywhere].sort());
          const lines = checks.filter((c) => c.lineCode === target.code || c.subItemCode === target.code);
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines) {
            expect(line.everywhere).toBe(true);
            expect([...line.locations].sort()).toEqual([...everywhere].sort());
          }
        }
      }),
      RUNS,
    );
  });

  it('always draws the basement(s), first floor, top floor and roof of every other item', () => {
    fc.assert(
      fc.property(layoutArb, seedArb, (layout, seed) => {
        const plan = draw(layout, seed);
        const expected = new Map(plan.items.map((item) => [item.code, mandatoryOracle(layout, item.code)]));
        for (const item of plan.items) {
          expect([...item.mandatory].sort()).toEqual([...expected.get(item.code)!].sort());
          expect(expected.get(item.code)!.filter((id) => !item.sampled.includes(id))).toEqual([]);
        }
        // And every ordinary line of an item is checked at all of them.
        const missing = plannedChecks(plan, CATALOGUE)
          .filter((c) => !c.everywhere)
          .flatMap((c) =>
            expected
              .get(c.itemCode)!
              .filter((id) => !c.locations.includes(id))
              .map((id) => `${c.lineCode}@${id}`),
          );
        expect(missing).toEqual([]);
      }),
      RUNS,
    );
  });

  it('checks all of the remaining locations when there are at most 2, and exactly 2 distinct ones at random when more', () => {
    fc.assert(
      fc.property(layoutArb, seedArb, (layout, seed) => {
        for (const item of draw(layout, seed).items) {
          const mandatory = new Set(mandatoryOracle(layout, item.code));
          const remainder = applicable(layout, item.code).filter((id) => !mandatory.has(id));
          expect([...item.remainder].sort()).toEqual([...remainder].sort());
          if (remainder.length <= 2) {
            expect(item.randomDraw).toBe(false);
            expect([...item.drawn].sort()).toEqual([...remainder].sort());
          } else {
            expect(item.randomDraw).toBe(true);
            expect(item.drawn).toHaveLength(2);
            expect(new Set(item.drawn).size).toBe(2);
            expect(item.drawn.filter((id) => !remainder.includes(id))).toEqual([]);
          }
          // The sample is exactly the mandatory locations plus the drawn ones, nothing else.
          expect([...item.sampled].sort()).toEqual([...new Set([...item.mandatory, ...item.drawn])].sort());
        }
      }),
      RUNS,
    );
  });

  it('marks an item that applies nowhere 不涉及, with no locations and no checks', () => {
    fc.assert(
      fc.property(layoutArb, seedArb, (layout, seed) => {
        const plan = draw(layout, seed);
        const checks = plannedChecks(plan, CATALOGUE);
        for (const item of plan.items) {
          const none = applicable(layout, item.code).length === 0;
          expect(item.applicable).toBe(!none);
          if (none) {
            expect(item.candidates).toEqual([]);
            expect(item.sampled).toEqual([]);
            expect(item.drawn).toEqual([]);
            expect(item.always).toEqual([]);
            expect(checks.filter((c) => c.itemCode === item.code)).toEqual([]);
          }
        }
      }),
      RUNS,
    );
    // Systems that only some buildings have are 不涉及 by default (e.g. a plain building has no 气体灭火).
    const plain = resolveLayout(
      [
        {
          id: 'b',
          name: '1#楼',
          position: 0,
          items: null,
          floors: [{ id: 'f', name: '1层', kind: 'ABOVE', level: 1, items: null }],
        },
      ],
      RULE,
      CATALOGUE,
    );
    const plan = draw(plain, '00'.repeat(32));
    expect(plan.items.filter((i) => !i.applicable).map((i) => i.code)).toEqual(['07', '09', '16', '17', '18']);
  });

  it('replays identically from the same seed, whatever order the buildings and floors come in', () => {
    fc.assert(
      fc.property(buildingsArb, seedArb, fc.integer(), (buildings, seed, salt) => {
        const plan = draw(resolveLayout(buildings, RULE, CATALOGUE), seed);
        expect(canonicalJson(draw(resolveLayout(buildings, RULE, CATALOGUE), seed))).toBe(canonicalJson(plan));
        const shuffle = <T>(list: T[]) =>
          [...list].sort((a, b) =>
            hash(`${salt}${JSON.stringify(a)}`).localeCompare(hash(`${salt}${JSON.stringify(b)}`)),
          );
        const shuffled = shuffle(buildings).map((b) => ({ ...b, floors: shuffle(b.floors) }));
        expect(canonicalJson(draw(resolveLayout(shuffled, RULE, CATALOGUE), seed))).toBe(canonicalJson(plan));
      }),
      { numRuns: 150 },
    );
  });

  it('a tampered plan fails verification (draw, seed, layout or MAC changed)', () => {
    fc.assert(
      fc.property(layoutArb, seedArb, seedArb, (layout, seed, otherSeed) => {
        const content = contentOf(layout, seed);
        const stored = {
          content,
          contentHash: planContentHash(content),
          mac: planMac(KEY, planContentHash(content)),
          catalogueNow: CATALOGUE,
          signatureHashes: [planContentHash(content)],
        };
        expect(verifyStoredPlan(stored, KEY).every((c) => c.outcome === 'PASS')).toBe(true);

        // Someone picks the locations by hand: swap a drawn location for one that was not drawn.
        const item = content.draw.items.find((i) => i.randomDraw);
        if (item) {
          const notDrawn = item.remainder.find((id) => !item.drawn.includes(id))!;
          const forged = structuredClone(content);
          const f = forged.draw.items.find((i) => i.code === item.code)!;
          f.drawn = [notDrawn, ...f.drawn.slice(1)];
          f.sampled = f.candidates.filter((id) => f.mandatory.includes(id) || f.drawn.includes(id));
          const checks = verifyStoredPlan({ ...stored, content: forged }, KEY);
          expect(outcome(checks, 'REPLAY')).toBe('FAIL');
          expect(outcome(checks, 'CONTENT_HASH')).toBe('FAIL');
          // … and recomputes the SM3 hash: the MAC (server key) and the signatures still give it away.
          const rehashed = verifyStoredPlan({ ...stored, content: forged, contentHash: planContentHash(forged) }, KEY);
          expect(outcome(rehashed, 'REPLAY')).toBe('FAIL');
          expect(outcome(rehashed, 'MAC')).toBe('FAIL');
          expect(outcome(rehashed, 'SIGNATURES')).toBe('FAIL');
        }
        // Another seed: the stored draw no longer follows from it.
        if (otherSeed !== seed) {
          const reseeded = { ...content, seed: otherSeed };
          const differs = canonicalJson(draw(layout, otherSeed)) !== canonicalJson(content.draw);
          const checks = verifyStoredPlan({ ...stored, content: reseeded }, KEY);
          expect(outcome(checks, 'CONTENT_HASH')).toBe('FAIL');
          if (differs) expect(outcome(checks, 'REPLAY')).toBe('FAIL');
        }
        // A MAC made without the server's key.
        expect(
          outcome(verifyStoredPlan({ ...stored, mac: planMac('ff'.repeat(16), stored.contentHash) }, KEY), 'MAC'),
        ).toBe('FAIL');
        expect(outcome(verifyStoredPlan({ ...stored, mac: null }, KEY), 'MAC')).toBe('FAIL');
      }),
      { numRuns: 40 },
    );
  });

  it('a changed catalogue version or layout snapshot shows up', () => {
    const layout = resolveLayout(
      [
        {
          id: 'b',
          name: '1#楼',
          position: 0,
          items: null,
          floors: [1, 2, 3, 4, 5, 6].map((l) => ({
            id: `f${l}`,
            name: `${l}层`,
            kind: 'ABOVE' as const,
            level: l,
            items: null,
          })),
        },
      ],
      RULE,
      CATALOGUE,
    );
    const content = contentOf(layout, 'ab'.repeat(32));
    const stored = {
      content,
      contentHash: planContentHash(content),
      mac: planMac(KEY, planContentHash(content)),
      catalogueNow: CATALOGUE,
      signatureHashes: [],
    };
    const catalogueNow = structuredClone(CATALOGUE);
    catalogueNow.items[7].subItems[0].lines[0].importance = 'C';
    expect(outcome(verifyStoredPlan({ ...stored, catalogueNow }, KEY), 'CATALOGUE')).toBe('FAIL');
    const moved = structuredClone(content);
    moved.layout.buildings[0].floors.pop(); // a floor removed after the draw
    expect(outcome(verifyStoredPlan({ ...stored, content: moved }, KEY), 'REPLAY')).toBe('FAIL');
  });
});

describe('the random source', () => {
  it('is uniform enough: over 400 seeds every remaining floor of a 12-storey building is drawn, about equally', () => {
    const layout = resolveLayout(
      [
        {
          id: 'b',
          name: '1#楼',
          position: 0,
          items: ['08'],
          floors: Array.from({ length: 12 }, (_, i) => ({
            id: `f${i + 1}`,
            name: `${i + 1}层`,
            kind: 'ABOVE' as const,
            level: i + 1,
            items: null,
          })),
        },
      ],
      RULE,
      CATALOGUE,
    );
    const counts = new Map<string, number>();
    for (let s = 0; s < 400; s++) {
      const item = draw(layout, hash(`seed-${s}`)).items.find((i) => i.code === '08')!;
      for (const id of item.drawn) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Floors 2–11 remain (1 and 12 are mandatory): 800 draws over 10 floors, 80 each on average.
    expect([...counts.keys()].sort()).toEqual(['f10', 'f11', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(40);
  });

  it('draws distinct elements and rejects bad seeds', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 70 }), (seed, n, k) => {
        const list = Array.from({ length: n }, (_, i) => i);
        const picked = drawDistinct(list, k, seededRng(seed, 'x'));
        expect(picked).toHaveLength(Math.min(k, n));
        expect(new Set(picked).size).toBe(picked.length);
      }),
    );
    expect(() => seededRng('xyz', 'x')).toThrow();
  });

  it('gives each item its own stream: changing one item’s locations does not change another item’s draw', () => {
    const floors = (n: number, items: string[]) =>
      Array.from({ length: n }, (_, i) => ({
        id: `f${i + 1}`,
        name: `${i + 1}层`,
        kind: 'ABOVE' as const,
        level: i + 1,
        items,
      }));
    const a = resolveLayout(
      [{ id: 'b', name: '1#楼', position: 0, items: null, floors: floors(20, ['08', '10']) }],
      RULE,
      CATALOGUE,
    );
    const b = structuredClone(a);
    b.buildings[0].floors = b.buildings[0].floors.map((f, i) => ({ ...f, items: i < 10 ? ['08', '10'] : ['08'] }));
    const seed = hash('independent');
    expect(draw(a, seed).items.find((i) => i.code === '08')).toEqual(draw(b, seed).items.find((i) => i.code === '08'));
  });

  it('knows which floors are the first and the top (a one-storey building’s floor is both)', () => {
    const building = {
      id: 'b',
      name: '1#楼',
      position: 0,
      items: [],
      floors: [{ id: 'f1', name: '1层', kind: 'ABOVE' as const, level: 1, items: [] }],
    };
    expect(mandatoryKindsOf(building.floors[0], building)).toEqual(['FIRST', 'TOP']);
  });
});

function contentOf(layout: Layout, seed: string): PlanContent {
  return {
    format: 'hs-fire-plan/1',
    inspectionId: 'i',
    planId: 'p',
    seq: 1,
    seed,
    rule: { version: 1, config: RULE },
    catalogue: { versionId: 'c', version: 1, digest: catalogueDigest(CATALOGUE) },
    layout,
    draw: draw(layout, seed),
  };
}

function outcome(checks: { name: string; outcome: string }[], name: string) {
  return checks.find((c) => c.name === name)?.outcome;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
