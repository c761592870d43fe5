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
