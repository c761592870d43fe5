import { readFileSync } from 'node:fs';
import { DistrictKind } from './district.entity.js';
import type { AreaGeometry, PolygonGeometry, Position } from '@hs/kit';

/**
 * The district boundaries shipped with this package (data/huangshi-districts.geojson, MIT, see
 * its LICENSE), plus 420200 黄石市 itself, whose boundary is the six polygons as one MultiPolygon.
 *
 * This file is src/districts/x.ts in tests and dist/districts/x.js when built: both two levels
 * below the package root, so `../../data/` reaches the package's data folder either way.
 */
export const DISTRICTS_GEOJSON_URL = new URL('../../data/huangshi-districts.geojson', import.meta.url);

export const HUANGSHI_CITY = {
  code: '420200',
  name: '黄石市',
  parentCode: '420000',
  center: [115.03852, 30.199652] as Position,
};

export interface DistrictRecord {
  code: string;
  name: string;
  kind: DistrictKind;
  parentCode: string | null;
  center: Position;
  boundary: AreaGeometry;
}

const KINDS: Record<string, DistrictKind> = {
  district: DistrictKind.DISTRICT,
  county: DistrictKind.COUNTY,
  'county-level city': DistrictKind.COUNTY_CITY,
};

interface Feature {
  properties: { adcode: string; name: string; kind: string; center: Position };
  geometry: PolygonGeometry;
}

let cached: DistrictRecord[] | null = null;

/** 黄石市 first, then its six county-level divisions in GB/T 2260 order. */
export function loadDistrictRecords(): DistrictRecord[] {
  if (cached) return cached;
  const collection = JSON.parse(readFileSync(DISTRICTS_GEOJSON_URL, 'utf8')) as { features: Feature[] };
  const counties = collection.features
    .map((f): DistrictRecord => {
      const kind = KINDS[f.properties.kind];
      if (!kind) throw new Error(`unknown district kind ${f.properties.kind} in ${DISTRICTS_GEOJSON_URL.pathname}`);
      return {
        code: f.properties.adcode,
        name: f.properties.name,
        kind,
        parentCode: HUANGSHI_CITY.code,
        center: f.properties.center,
        boundary: f.geometry,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  const city: DistrictRecord = {
    code: HUANGSHI_CITY.code,
    name: HUANGSHI_CITY.name,
    kind: DistrictKind.CITY,
    parentCode: HUANGSHI_CITY.parentCode,
    center: HUANGSHI_CITY.center,
    boundary: { type: 'MultiPolygon', coordinates: counties.map((c) => (c.boundary as PolygonGeometry).coordinates) },
  };
  cached = [city, ...counties];
  return cached;
}
