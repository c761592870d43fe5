import { stableId } from '@hs/kit';
import { Migration } from '@mikro-orm/migrations';
import { CATALOGUE_V1 } from '../catalogue/catalogue-data.js';
import { catalogueDigest } from '../catalogue/catalogue.model.js';
import { DEFAULT_RULE_CONFIG } from '../sampling/rule-config.js';

export const CATALOGUE_V1_ID = stableId('fire-catalogue', 'v1');
export const RULE_V1_ID = stableId('fire-sampling-rule', 'v1');

/**
 * Reference data: catalogue version 1 (published) from catalogue/catalogue-data.ts and sampling
 * rule version 1 (active) from sampling/rule-config.ts. A migration rather than the demo seed
 * because production databases are migrated but never seeded, and no plan can be drawn without
 * them. Later versions are made by administrators (or by new migrations), never by editing this.
 */
export class Migration20261124100100 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    this.addSql(
      knex
        .insert({
          id: CATALOGUE_V1_ID,
          version: 1,
          status: 'PUBLISHED',
          note: '初始版本：GA 836-2016 现场评定十八项（重要程度待专家逐条核对）',
          content: JSON.stringify(CATALOGUE_V1),
          digest: catalogueDigest(CATALOGUE_V1),
          created_at: knex.raw('now()'),
          published_at: knex.raw('now()'),
        })
        .into('fire.catalogue_version'),
    );
    this.addSql(
      knex
        .insert({
          id: RULE_V1_ID,
          version: 1,
          active: true,
          config: JSON.stringify(DEFAULT_RULE_CONFIG),
          note: '需求 1.3.4 默认规则',
          created_at: knex.raw('now()'),
        })
        .into('fire.sampling_rule'),
    );
  }

  override async down(): Promise<void> {
    const knex = this.getKnex();
    this.addSql(knex.delete().from('fire.sampling_rule').where('id', RULE_V1_ID));
    this.addSql(knex.delete().from('fire.catalogue_version').where('id', CATALOGUE_V1_ID));
  }
}
