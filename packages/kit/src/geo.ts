/**
 * Plain geometry on longitude/latitude (WGS-84 degrees), no ORM or GraphQL: point-in-polygon for
 * the 3.1 project location check, GeoJSON polygon validation for the site fence (电子围栏, used by
 * the workforce subgraph's geofence attendance, 1.2.2), bounding boxes and distances.
 *
 * The district polygons are simplified to about 1 km, so these are planar computations on degrees,
 * which is precise enough at city scale; no PostGIS (国产化: geometry is stored as jsonb).
 */

export type Position = [number, number];
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Even-odd ray casting for one ring; points exactly on an edge count as inside. */
export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (onSegment(lng, lat, xi, yi, xj, yj)) return true;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (px - x1) * (y2 - y1) - (py - y1) * (x2 - x1);
  if (Math.abs(cross) > 1e-12) return false;
  return (
    px >= Math.min(x1, x2) - 1e-12 &&
    px <= Math.max(x1, x2) + 1e-12 &&
    py >= Math.min(y1, y2) - 1e-12 &&
    py <= Math.max(y1, y2) + 1e-12
  );
}

/** Inside the outer ring and in none of the holes. */
export function pointInPolygonRings(lng: number, lat: number, rings: Ring[]): boolean {
  if (rings.length === 0 || !pointInRing(lng, lat, rings[0])) return false;
  for (let h = 1; h < rings.length; h++)
    if (pointInRing(lng, lat, rings[h]) && !onRingEdge(lng, lat, rings[h])) return false;
  return true;
}

function onRingEdge(lng: number, lat: number, ring: Ring): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (onSegment(lng, lat, ring[i][0], ring[i][1], ring[j][0], ring[j][1])) return true;
  }
  return false;
}

/** Whether [lng, lat] lies in a GeoJSON Polygon or MultiPolygon. */
export function pointInPolygon(point: Position, geometry: AreaGeometry): boolean {
  const [lng, lat] = point;
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return false;
  if (geometry.type === 'Polygon') return pointInPolygonRings(lng, lat, geometry.coordinates);
  return geometry.coordinates.some((polygon) => pointInPolygonRings(lng, lat, polygon));
}

export function outerRings(geometry: AreaGeometry): Ring[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
}

export function bbox(geometry: AreaGeometry): BBox {
  const box: BBox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const ring of outerRings(geometry)) {
    for (const [lng, lat] of ring) {
      box.minLng = Math.min(box.minLng, lng);
      box.maxLng = Math.max(box.maxLng, lng);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  return box;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMeters(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres from a point to a segment, on a local equirectangular projection around the point. */
function distanceToSegmentMeters(p: Position, a: Position, b: Position): number {
  const k = Math.cos(rad(p[1]));
  const ax = (a[0] - p[0]) * k,
    ay = a[1] - p[1];
  const bx = (b[0] - p[0]) * k,
    by = b[1] - p[1];
  const dx = bx - ax,
    dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + t * dx,
    y = ay + t * dy;
  return rad(Math.sqrt(x * x + y * y)) * EARTH_RADIUS_M;
}

/** 0 inside the area, otherwise the distance in metres to its nearest edge. */
export function distanceToAreaMeters(point: Position, geometry: AreaGeometry): number {
  if (pointInPolygon(point, geometry)) return 0;
  let best = Infinity;
  for (const ring of outerRings(geometry)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
      best = Math.min(best, distanceToSegmentMeters(point, ring[j], ring[i]));
  }
  return best;
}

/** Planar shoelace area of a ring in m² (local projection; fine for a construction site). */
export function ringAreaSquareMeters(ring: Ring): number {
  if (ring.length < 4) return 0;
  const lat0 = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const kx = rad(1) * EARTH_RADIUS_M * Math.cos(rad(lat0));
  const ky = rad(1) * EARTH_RADIUS_M;
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * kx * (ring[i][1] * ky) - ring[i][0] * kx * (ring[j][1] * ky);
  }
  return Math.abs(sum) / 2;
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = orient(a, b, c),
    o2 = orient(a, b, d),
    o3 = orient(c, d, a),
    o4 = orient(c, d, b);
  return o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0 && o1 !== o2 && o3 !== o4;
}

/** Whether two non-adjacent edges of a closed ring properly cross (a bow-tie fence). */
export function ringSelfIntersects(ring: Ring): boolean {
  const n = ring.length - 1; // edges; the ring is closed
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edge share the closing vertex
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

export const isLngLat = (value: unknown): value is Position =>
  Array.isArray(value) &&
  value.length >= 2 &&
  typeof value[0] === 'number' &&
  typeof value[1] === 'number' &&
  Number.isFinite(value[0]) &&
  Number.isFinite(value[1]) &&
  value[0] >= -180 &&
  value[0] <= 180 &&
  value[1] >= -90 &&
  value[1] <= 90;

/** Axis-aligned rectangle around a point, as a closed GeoJSON Polygon (for seeding site fences). */
export function rectangleAround([lng, lat]: Position, halfWidthM: number, halfHeightM: number): PolygonGeometry {
  const dLat = halfHeightM / (rad(1) * EARTH_RADIUS_M);
  const dLng = halfWidthM / (rad(1) * EARTH_RADIUS_M * Math.cos(rad(lat)));
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring: Ring = [
    [r(lng - dLng), r(lat - dLat)],
    [r(lng + dLng), r(lat - dLat)],
    [r(lng + dLng), r(lat + dLat)],
    [r(lng - dLng), r(lat + dLat)],
    [r(lng - dLng), r(lat - dLat)],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}
