/**
 * 电子围栏 (1.2.2): is a phone's position on the site? Pure functions over WGS-84 longitude/latitude.
 *
 * A site is a few hundred metres across, so the polygon is projected onto a local plane around the
 * tested point (equirectangular: x east, y north, in metres) where ray casting and point-to-segment
 * distances are exact enough (error well under a metre at this size; the phone's own error is tens
 * of metres). A point outside the polygon but within `marginM` of its edge is accepted: GPS jitter
 * near the fence must not refuse a worker standing at the gate.
 */

export type LngLat = [number, number];

export interface Polygon {
  type: 'Polygon';
  /** Outer ring first, then holes; each ring closed or not, [lng, lat] pairs. */
  coordinates: LngLat[][];
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

type XY = [number, number];

function project(origin: LngLat, p: LngLat): XY {
  const k = EARTH_RADIUS_M * RAD;
  return [(p[0] - origin[0]) * Math.cos(origin[1] * RAD) * k, (p[1] - origin[1]) * k];
}

/** Even-odd ray casting from (0,0) on a projected ring. */
function originInRing(ring: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > 0 !== yj > 0 && 0 < ((xj - xi) * (0 - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (0,0) to segment a–b. */
function originToSegment(a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
  return Math.hypot(a[0] + t * dx, a[1] + t * dy);
}

function originToRing(ring: XY[]): number {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    best = Math.min(best, originToSegment(ring[j], ring[i]));
  return best;
}

export interface FenceCheck {
  /** Strictly inside the polygon (outside every hole). */
  inside: boolean;
  /** 0 inside; otherwise metres from the point to the nearest edge. */
  distanceM: number;
  /** inside, or outside by no more than the margin. */
  accepted: boolean;
}

/** Where `point` is relative to `polygon`, and whether it counts as on site with `marginM`. */
export function checkFence(point: LngLat, polygon: Polygon, marginM: number): FenceCheck {
  const rings = polygon.coordinates.map((ring) => ring.map((p) => project(point, p)));
  if (rings.length === 0 || rings[0].length < 3) return { inside: false, distanceM: Infinity, accepted: false };
  let inside = originInRing(rings[0]);
  let nearestHole = Infinity;
  for (const hole of rings.slice(1)) {
    if (originInRing(hole)) {
      inside = false;
      nearestHole = Math.min(nearestHole, originToRing(hole));
    }
  }
  const distanceM = inside ? 0 : Math.min(nearestHole, originToRing(rings[0]));
  return { inside, distanceM, accepted: inside || distanceM <= marginM };
}

/** A GeoJSON Polygon with at least one ring of ≥ 3 distinct valid WGS-84 positions, or null. */
export function asPolygon(value: unknown): Polygon | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { type?: unknown; coordinates?: unknown };
  if (v.type !== 'Polygon' || !Array.isArray(v.coordinates) || v.coordinates.length === 0) return null;
  for (const ring of v.coordinates) {
    if (!Array.isArray(ring) || ring.length < 3) return null;
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2) return null;
      const [lng, lat] = p as unknown[];
      if (typeof lng !== 'number' || typeof lat !== 'number') return null;
      if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) return null;
    }
  }
  return { type: 'Polygon', coordinates: v.coordinates as LngLat[][] };
}
