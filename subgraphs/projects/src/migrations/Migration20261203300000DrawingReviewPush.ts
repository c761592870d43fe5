import { exchangeHandledMigrationSql } from '@hs/kit';
import { Migration } from '@mikro-orm/migrations';

/**
 * The 施工图审查合格书 push (issue #12): the exchange admin's handled marks and list indexes, and the
 * push connector's row, which its outbox rows refer to from the first certificate on (the seed writes
 * them before the service has started and created the connectors' rows itself).
 */
export class Migration20261203300000DrawingReviewPush extends Migration {
  override async up(): Promise<void> {
    for (const sql of exchangeHandledMigrationSql('projects').up) this.addSql(sql);
    this.addSql(
      `insert into "projects".exchange_connector (name, title) values
         ('provincial-market-drawing-reviews', '省建筑市场监督与诚信一体化平台·施工图审查合格书上报')
       on conflict (name) do nothing`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "projects".exchange_connector where name = 'provincial-market-drawing-reviews'`);
    for (const sql of exchangeHandledMigrationSql('projects').down) this.addSql(sql);
  }
}
