import { exchangeLastRunIndexSql } from '@hs/kit';
import { Migration } from '@mikro-orm/migrations';

/** A connector's last pull among its lookups, for 重试 and the connector list (exchangeLastRunIndexSql). */
export class Migration20261203400000ExchangeLastRunIndex extends Migration {
  override async up(): Promise<void> {
    for (const sql of exchangeLastRunIndexSql('projects').up) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of exchangeLastRunIndexSql('projects').down) this.addSql(sql);
  }
}
