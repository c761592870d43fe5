import { exchangeMigrationSql } from '@hs/kit';
import { Migration } from '@mikro-orm/migrations';

/** The exchange tables and pg-boss (in projects_jobs) of the provincial connectors (ADR 0014). */
export class Migration20261203200000Exchange extends Migration {
  override async up(): Promise<void> {
    for (const sql of exchangeMigrationSql('projects').up) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of exchangeMigrationSql('projects').down) this.addSql(sql);
  }
}
