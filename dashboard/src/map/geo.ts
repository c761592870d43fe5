import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { District, Project } from '../store/dashboard';
import type { ProjectDay } from '../store/workforce';

export type Bounds = [[number, number], [number, number]];

/** [[west, south], [east, north]] of a Polygon / MultiPolygon. */
export function boundsOf(geometries: (Polygon | MultiPolygon)[]): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const g of geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons)
      for (const ring of polygon)
        for (const [lng, lat] of ring) {
          if (lng < west) west = lng;
          if (lng > east) east = lng;
          if (lat < south) south = lat;
          if (lat > north) north = lat;
        }
  }
  return Number.isFinite(west)
    ? [
        [west, south],
        [east, north],
      ]
    : null;
}

export function districtFeatures(districts: District[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: districts.map((d) => ({
      type: 'Feature',
      properties: { code: d.code, name: d.name },
      geometry: d.boundary,
    })),
  };
}

export function projectFeature(p: Project): Feature<Point> {
  return {
    type: 'Feature',
    properties: { id: p.id, status: p.status, districtCode: p.districtCode, name: p.name },
    geometry: { type: 'Point', coordinates: [p.location.lng, p.location.lat] },
  };
}

export function projectFeatures(projects: Iterable<Project>): FeatureCollection<Point> {
  return { type: 'FeatureCollection', features: Array.from(projects, projectFeature) };
}

/** A project's attendance point (实名制考勤): at the project's location, with today's figures. */
export function attendanceFeature(row: ProjectDay, projects: Map<string, Project>): Feature<Point> | null {
  const p = projects.get(row.projectId);
  if (!p) return null; // not (yet) among the map's projects: drawn once the projects store has it
  const keyRate = row.keyRegistered > 0 ? Math.min(1, row.keyAttended / row.keyRegistered) : -1;
  return {
    type: 'Feature',
    properties: {
      id: row.projectId,
      districtCode: row.districtCode,
      name: row.projectName,
      onSite: row.onSite,
      keyRate,
    },
    geometry: { type: 'Point', coordinates: [p.location.lng, p.location.lat] },
  };
}

export function attendanceFeatures(
  rows: Iterable<ProjectDay>,
  projects: Map<string, Project> = new Map(),
): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const row of rows) {
    const f = attendanceFeature(row, projects);
    if (f) features.push(f);
  }
  return { type: 'FeatureCollection', features };
}

/** Planar area in square degrees: enough to rank the districts by size. */
export function areaOf(g: Polygon | MultiPolygon): number {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let area = 0;
  for (const [outer, ...holes] of polygons) {
    area += ringArea(outer);
    for (const hole of holes) area -= ringArea(hole);
  }
  return area;
}

function ringArea(ring: number[][]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    twice += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(twice) / 2;
}

/**
 * The district labels as points at each district's centre, for the map's symbol layer: `detail` is
 * the second line (项目数, or the day's attendance). `rank` is the order maplibre places them in
 * (symbol-sort-key): the selected district first, then the smallest, so the crowded urban districts
 * get the first pick of positions near their centres and the big ones move aside.
 */
export function districtLabelFeatures(
  districts: District[],
  detail: (code: string) => string,
  selected: string | null,
): FeatureCollection<Point> {
  const bySize = [...districts].sort((a, b) => areaOf(a.boundary) - areaOf(b.boundary)).map((d) => d.code);
  return {
    type: 'FeatureCollection',
    features: districts.map((d) => ({
      type: 'Feature',
      properties: {
        code: d.code,
        name: d.name,
        detail: detail(d.code),
        selected: d.code === selected,
        dimmed: selected !== null && d.code !== selected,
        rank: d.code === selected ? -1 : bySize.indexOf(d.code),
      },
      geometry: { type: 'Point', coordinates: [d.center.lng, d.center.lat] },
    })),
  };
}
