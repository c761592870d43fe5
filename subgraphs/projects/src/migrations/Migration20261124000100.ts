import { Migration } from '@mikro-orm/migrations';
import { loadDistrictRecords } from '../districts/district-data.js';

/**
 * Reference data: 黄石市 and its six county-level divisions with their boundaries, from the
 * package's data/huangshi-districts.geojson. A migration rather than only the demo seed because
 * production databases are migrated but never seeded, and project validation (location inside
 * the district, 3.1) needs the boundaries. Later boundary updates go in new migrations.
 */
export class Migration20261124000100 extends Migration {
  override async up(): Promise<void> {
    const rows = loadDistrictRecords().map((d) => ({
      code: d.code,
      name: d.name,
      kind: d.kind,
      parent_code: d.parentCode,
      center_lng: d.center[0],
      center_lat: d.center[1],
      boundary: JSON.stringify(d.boundary),
    }));
    this.addSql(this.getKnex().insert(rows).into('projects.district'));
  }

  override async down(): Promise<void> {
    const codes = loadDistrictRecords().map((d) => d.code);
    this.addSql(this.getKnex().delete().from('projects.district').whereIn('code', codes));
  }
}
