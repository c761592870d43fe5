import { describe, expect, it } from 'vitest';
import { loadDistrictRecords } from '../src/districts/district-data.js';
import {
  bbox,
  distanceToAreaMeters,
  haversineMeters,
  pointInPolygon,
  type PolygonGeometry,
  rectangleAround,
  ringAreaSquareMeters,
  ringSelfIntersects,
} from '@hs/kit';

const districts = loadDistrictRecords();
const byCode = new Map(districts.map((d) => [d.code, d]));
const boundary = (code: string) => byCode.get(code)!.boundary;
/** Which county-level divisions contain the point. */
const containing = (lng: number, lat: number) =>
  districts.filter((d) => d.code !== '420200' && pointInPolygon([lng, lat], d.boundary)).map((d) => d.code);

describe('district data (data/huangshi-districts.geojson)', () => {
  it('has 黄石市 and its six county-level divisions', () => {
    expect(districts.map((d) => [d.code, d.name])).toEqual([
      ['420200', '黄石市'],
      ['420202', '黄石港区'],
      ['420203', '西塞山区'],
      ['420204', '下陆区'],
      ['420205', '铁山区'],
      ['420222', '阳新县'],
      ['420281', '大冶市'],
    ]);
    expect(byCode.get('420281')!.kind).toBe('COUNTY_CITY');
    expect(byCode.get('420222')!.kind).toBe('COUNTY');
    expect(byCode.get('420200')!.boundary.type).toBe('MultiPolygon');
  });
});

describe('pointInPolygon with real Huangshi coordinates (3.1: project location inside its district)', () => {
  it('黄石港区 around [115.08, 30.22] lies in 420202 and in no other district', () => {
    expect(pointInPolygon([115.08, 30.22], boundary('420202'))).toBe(true);
    expect(containing(115.08, 30.22)).toEqual(['420202']);
  });

  it('each district label point lies in its own polygon only', () => {
    for (const d of districts.filter((x) => x.code !== '420200')) {
      expect(containing(d.center[0], d.center[1]), d.name).toEqual([d.code]);
    }
  });

  it('大冶市 centre [114.980424, 30.096147] is inside 420281, not inside 黄石港区', () => {
    expect(pointInPolygon([114.980424, 30.096147], boundary('420281'))).toBe(true);
    expect(pointInPolygon([114.980424, 30.096147], boundary('420202'))).toBe(false);
  });

  it('阳新县城 兴国镇 [115.21, 29.83] is inside 420222', () => {
    expect(containing(115.21, 29.83)).toEqual(['420222']);
  });

  it('Wuhan [114.30, 30.59] and Jiujiang [115.99, 29.71] are outside every district and the city', () => {
    expect(containing(114.3, 30.59)).toEqual([]);
    expect(pointInPolygon([114.3, 30.59], boundary('420200'))).toBe(false);
    expect(containing(115.99, 29.71)).toEqual([]);
  });

  it('a point inside the city MultiPolygon is inside one of its parts', () => {
    expect(pointInPolygon([115.08, 30.22], boundary('420200'))).toBe(true);
  });

  it('handles holes, edges and junk input', () => {
    const square: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [4, 4],
          [6, 4],
          [6, 6],
          [4, 6],
          [4, 4],
        ],
      ],
    };
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([5, 5], square)).toBe(false); // in the hole
    expect(pointInPolygon([10, 5], square)).toBe(true); // on the outer edge
    expect(pointInPolygon([11, 5], square)).toBe(false);
    expect(pointInPolygon([Number.NaN, 5], square)).toBe(false);
  });
});

describe('geometry helpers', () => {
  it('bbox of 黄石港区', () => {
    const box = bbox(boundary('420202'));
    expect(box.minLng).toBeCloseTo(115.0088, 3);
    expect(box.maxLat).toBeCloseTo(30.2617, 3);
  });

  it('haversine: 黄石港区 to 大冶市 centre is about 15 km', () => {
    const d = haversineMeters([115.065849, 30.222938], [114.980424, 30.096147]);
    expect(d).toBeGreaterThan(14_000);
    expect(d).toBeLessThan(17_500);
  });

  it('distance to an area: 0 inside, kilometres outside', () => {
    expect(distanceToAreaMeters([115.08, 30.22], boundary('420202'))).toBe(0);
    expect(distanceToAreaMeters([114.3, 30.59], boundary('420281'))).toBeGreaterThan(20_000);
  });

  it('rectangleAround makes a closed ring of about the asked size', () => {
    const rect = rectangleAround([115.08, 30.22], 100, 50);
    const ring = rect.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ringAreaSquareMeters(ring)).toBeGreaterThan(19_000);
    expect(ringAreaSquareMeters(ring)).toBeLessThan(21_000);
    expect(ringSelfIntersects(ring)).toBe(false);
  });

  it('detects a bow-tie ring', () => {
    expect(
      ringSelfIntersects([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(true);
  });
});
