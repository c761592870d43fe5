// The big screen's map as the browser tests read it: from maplibre itself (the instance the map
// component leaves on its element), the district labels it placed and where their boxes are, and a
// click on a label where it is drawn. Shared by e2e/tests/dashboard-*.test.mjs.
/* global document */

export const LABEL_LAYER = 'district-labels';
const WAIT = { timeout: 20_000 };

/**
 * Runs in the page. The labels maplibre placed (queryRenderedFeatures answers for placed symbols
 * only) with the box each one occupies, found by asking at every `step`-th pixel of the map which
 * labels are there; `shared` counts the pixels two labels both claim (overlapping labels);
 * `inView`: the districts whose label point (their centre) is inside the map, placed or not.
 */
function readLabels({ layer, step }) {
  const el = document.querySelector('[data-testid="map"]');
  const map = el.maplibreMap;
  const canvas = map.getCanvas();
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const origin = canvas.getBoundingClientRect();
  const inView = new Set();
  for (const f of map.querySourceFeatures(layer)) {
    const p = map.project(f.geometry.coordinates);
    if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) inView.add(f.properties.name);
  }
  const labels = new Map();
  for (const f of map.queryRenderedFeatures({ layers: [layer] })) labels.set(f.properties.code, { ...f.properties });
  const boxes = new Map();
  let shared = 0;
  for (let y = 0; y < height; y += step)
    for (let x = 0; x < width; x += step) {
      const codes = new Set(map.queryRenderedFeatures([x, y], { layers: [layer] }).map((f) => f.properties.code));
      if (codes.size > 1) shared++;
      for (const code of codes) {
        const b = boxes.get(code);
        if (!b) boxes.set(code, { left: x, top: y, right: x, bottom: y });
        else {
          b.left = Math.min(b.left, x);
          b.right = Math.max(b.right, x);
          b.top = Math.min(b.top, y);
          b.bottom = Math.max(b.bottom, y);
        }
      }
    }
  // The HTML overlays drawn over the map (breadcrumb, legend), in map pixels.
  const overlays = [...el.parentElement.querySelectorAll('.map-top, [data-testid="map-legend"]')].map((o) => {
    const r = o.getBoundingClientRect();
    return {
      name: o.matches('.map-top') ? 'breadcrumb' : 'legend',
      left: r.left - origin.left,
      top: r.top - origin.top,
      right: r.right - origin.left,
      bottom: r.bottom - origin.top,
    };
  });
  const topLayer = map.getStyle().layers.at(-1).id;
  return {
    width,
    height,
    origin: { x: origin.left, y: origin.top },
    shared,
    inView: [...inView],
    overlays,
    topLayer,
    labels: [...labels.values()].map((l) => ({ ...l, box: boxes.get(l.code) ?? null })),
  };
}

export const mapLabels = (page, step = 3) => page.evaluate(readLabels, { layer: LABEL_LAYER, step });

/**
 * Waits until the map is still and maplibre has placed a label for every district whose centre is
 * in view (at least `atLeast`: the whole city shows all six); `selected`: the name of the label
 * drawn as selected, or null for none; `detail`: a RegExp every label's second line must match
 * (e.g. the attendance figures once that screen is on).
 */
export async function waitForMapLabels(page, { atLeast = 6, selected, detail } = {}) {
  const waiting = page.waitForFunction(
    ({ layer, atLeast, selected, detail }) => {
      const map = document.querySelector('[data-testid="map"]')?.maplibreMap;
      if (!map || !map.getLayer(layer) || !map.loaded() || map.isMoving()) return false;
      const canvas = map.getCanvas();
      const inView = new Set();
      for (const f of map.querySourceFeatures(layer)) {
        const p = map.project(f.geometry.coordinates);
        if (p.x >= 0 && p.y >= 0 && p.x <= canvas.clientWidth && p.y <= canvas.clientHeight)
          inView.add(f.properties.code);
      }
      const placed = new Map(map.queryRenderedFeatures({ layers: [layer] }).map((f) => [f.properties.code, f]));
      if (placed.size < Math.max(atLeast, inView.size) || [...inView].some((code) => !placed.has(code))) return false;
      const labels = [...placed.values()].map((f) => f.properties);
      if (detail && !labels.every((l) => new RegExp(detail).test(l.detail))) return false;
      if (selected === undefined) return true;
      const drawnSelected = labels.filter((l) => l.selected).map((l) => l.name);
      return JSON.stringify(drawnSelected) === JSON.stringify(selected === null ? [] : [selected]);
    },
    { layer: LABEL_LAYER, atLeast, selected, detail: detail?.source },
    WAIT,
  );
  await waiting.catch(async (error) => {
    const seen = await mapLabels(page, 6);
    const labels = seen.labels.map((l) => `${l.name}${l.selected ? ' (selected)' : ''}: ${l.detail}`);
    throw new Error(`${error.message}\nin view: ${seen.inView.join(', ')}; placed: ${labels.join(' | ')}`);
  });
}

/** Clicks the district's label where maplibre drew it (the middle of its box). */
export async function clickDistrictLabel(page, name) {
  await waitForMapLabels(page);
  const { origin, labels } = await mapLabels(page, 4);
  const label = labels.find((l) => l.name === name);
  if (!label?.box) throw new Error(`no label ${name} on the map: ${labels.map((l) => l.name).join(', ')}`);
  await page.mouse.click(
    origin.x + (label.box.left + label.box.right) / 2,
    origin.y + (label.box.top + label.box.bottom) / 2,
  );
}

/** Waits until the labels drawn carry exactly these second lines, by district name. */
export async function waitForLabelDetails(page, details) {
  await page
    .waitForFunction(
      ({ layer, details }) => {
        const map = document.querySelector('[data-testid="map"]')?.maplibreMap;
        if (!map?.getLayer(layer)) return false;
        const drawn = Object.fromEntries(
          map.queryRenderedFeatures({ layers: [layer] }).map((f) => [f.properties.name, f.properties.detail]),
        );
        return Object.entries(details).every(([name, detail]) => drawn[name] === detail);
      },
      { layer: LABEL_LAYER, details },
      WAIT,
    )
    .catch(async (error) => {
      const { labels } = await mapLabels(page, 6);
      throw new Error(
        `${error.message}\nwanted ${JSON.stringify(details)}, drawn: ${labels.map((l) => `${l.name}: ${l.detail}`).join(' | ')}`,
      );
    });
}
