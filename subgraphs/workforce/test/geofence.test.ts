import { describe, expect, it } from 'vitest';
import { asPolygon, checkFence, type LngLat, type Polygon } from '../src/geofence.js';

// A site fence in 黄石港区 around 黄石市住建局 near 磁湖 (about 200 m × 160 m).
const SITE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [115.077, 30.219],
      [115.0791, 30.219],
      [115.0791, 30.2204],
      [115.077, 30.2204],
      [115.077, 30.219],
    ],
  ],
};
const M_PER_DEG_LAT = 111_195;

describe('geofence (WGS-84, real Huangshi coordinates)', () => {
  it('a point inside the site is accepted at distance 0', () => {
    const r = checkFence([115.078, 30.2197], SITE, 50);
    expect(r).toEqual({ inside: true, distanceM: 0, accepted: true });
  });

  it('30 m north of the fence is outside but within the 50 m margin: accepted, with the distance', () => {
    const p: LngLat = [115.078, 30.2204 + 30 / M_PER_DEG_LAT];
    const r = checkFence(p, SITE, 50);
    expect(r.inside).toBe(false);
    expect(r.distanceM).toBeGreaterThan(29);
    expect(r.distanceM).toBeLessThan(31);
    expect(r.accepted).toBe(true);
    expect(checkFence(p, SITE, 20).accepted).toBe(false);
  });

  it('east of the fence the distance shrinks with cos(latitude): 40 m east is about 40 m', () => {
    const metresPerDegLng = M_PER_DEG_LAT * Math.cos((30.2197 * Math.PI) / 180);
    const r = checkFence([115.0791 + 40 / metresPerDegLng, 30.2197], SITE, 50);
    expect(r.distanceM).toBeGreaterThan(39);
    expect(r.distanceM).toBeLessThan(41);
  });

  it('a point at 黄石市人民政府 (about 1.5 km away) is refused', () => {
    const r = checkFence([115.0394, 30.1999], SITE, 50);
    expect(r.accepted).toBe(false);
    expect(r.distanceM).toBeGreaterThan(1000);
  });

  it('a hole (e.g. a neighbouring plot inside the outline) is not the site', () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        SITE.coordinates[0],
        [
          [115.0775, 30.2194],
          [115.0785, 30.2194],
          [115.0785, 30.22],
          [115.0775, 30.22],
        ],
      ],
    };
    const centre = checkFence([115.078, 30.2197], withHole, 0);
    expect(centre.inside).toBe(false);
    expect(centre.distanceM).toBeGreaterThan(20);
    expect(checkFence([115.078, 30.2197], withHole, 50).accepted).toBe(true);
  });

  it('asPolygon accepts GeoJSON polygons only', () => {
    expect(asPolygon(SITE)).toEqual(SITE);
    expect(asPolygon({ type: 'Point', coordinates: [115, 30] })).toBeNull();
    expect(
      asPolygon({
        type: 'Polygon',
        coordinates: [
          [
            [115, 30],
            [115, 31],
          ],
        ],
      }),
    ).toBeNull();
    expect(
      asPolygon({
        type: 'Polygon',
        coordinates: [
          [
            [200, 30],
            [115, 31],
            [116, 31],
          ],
        ],
      }),
    ).toBeNull();
  });
});
