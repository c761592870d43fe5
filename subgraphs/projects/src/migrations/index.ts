import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000 } from './Migration20261124000000.js';
import { Migration20261124000100 } from './Migration20261124000100.js';
import { Migration20261202200000ReferenceMetrics } from './Migration20261202200000ReferenceMetrics.js';
import { Migration20261202210000ListIndexes } from './Migration20261202210000ListIndexes.js';
import { Migration20261203000000DrawingReviewCertificates } from './Migration20261203000000DrawingReviewCertificates.js';
import { Migration20261203100000ProvincialExchange } from './Migration20261203100000ProvincialExchange.js';
import { Migration20261203200000Exchange } from './Migration20261203200000Exchange.js';
import { Migration20261203300000DrawingReviewPush } from './Migration20261203300000DrawingReviewPush.js';
import { Migration20261203400000ExchangeLastRunIndex } from './Migration20261203400000ExchangeLastRunIndex.js';

/** Applied in order; never edit one that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124000000', class: Migration20261124000000 },
  { name: 'Migration20261124000100', class: Migration20261124000100 },
  { name: 'Migration20261202200000ReferenceMetrics', class: Migration20261202200000ReferenceMetrics },
  { name: 'Migration20261202210000ListIndexes', class: Migration20261202210000ListIndexes },
  {
    name: 'Migration20261203000000DrawingReviewCertificates',
    class: Migration20261203000000DrawingReviewCertificates,
  },
  { name: 'Migration20261203100000ProvincialExchange', class: Migration20261203100000ProvincialExchange },
  { name: 'Migration20261203200000Exchange', class: Migration20261203200000Exchange },
  { name: 'Migration20261203300000DrawingReviewPush', class: Migration20261203300000DrawingReviewPush },
  { name: 'Migration20261203400000ExchangeLastRunIndex', class: Migration20261203400000ExchangeLastRunIndex },
];
