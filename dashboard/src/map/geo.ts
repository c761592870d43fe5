import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { District, Project } from '../store/dashboard';

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
