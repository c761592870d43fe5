import type { EntityManager } from '@mikro-orm/postgresql';
import { GeoPoint } from '../common/geo-point.js';
import { loadDistrictRecords } from './district-data.js';
import { District, DistrictKind } from './district.entity.js';
import type { AreaGeometry } from '@hs/kit';

/**
 * Inserts the districts that are missing (idempotent). Migration20261124000100 loads them on every
 * database; the seed calls this too, so seeding never depends on which migrations ran.
 */
export async function ensureDistricts(em: EntityManager): Promise<number> {
  const existing = new Set((await em.find(District, {}, { fields: ['code'] })).map((d) => d.code));
  let inserted = 0;
  for (const record of loadDistrictRecords()) {
    if (existing.has(record.code)) continue;
    em.create(District, {
      code: record.code,
      name: record.name,
      kind: record.kind,
      parentCode: record.parentCode,
      center: new GeoPoint(record.center[0], record.center[1]),
      boundary: record.boundary,
    });
    inserted++;
  }
  if (inserted) await em.flush();
  return inserted;
}

export function listDistricts(em: EntityManager): Promise<District[]> {
  return em.find(District, {}, { orderBy: { code: 'asc' }, populate: ['boundary'] });
}

export function findDistrictWithBoundary(em: EntityManager, code: string): Promise<District | null> {
  return em.findOne(District, { code }, { populate: ['boundary'] });
}

/** Boundaries by district code, one query per batch. */
export async function loadBoundaries(em: EntityManager, codes: readonly string[]): Promise<(AreaGeometry | null)[]> {
  const rows = await em.find(District, { code: { $in: [...codes] } }, { populate: ['boundary'] });
  const byCode = new Map(rows.map((d) => [d.code, d.boundary]));
  return codes.map((code) => byCode.get(code) ?? null);
}

/** Projects are registered in a county-level division, not in 黄石市 as a whole. */
export const isCountyLevel = (district: District) => district.kind !== DistrictKind.CITY;
