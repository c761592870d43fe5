import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124100000 } from './Migration20261124100000.js';
import { Migration20261124100100 } from './Migration20261124100100.js';
import { Migration20261124120000 } from './Migration20261124120000.js';
import { Migration20261202000000 } from './Migration20261202000000.js';
import { Migration20261202110000 } from './Migration20261202110000.js';
import { Migration20261202200000ReferenceMetrics } from './Migration20261202200000ReferenceMetrics.js';
import { Migration20261202210000ListIndexes } from './Migration20261202210000ListIndexes.js';
import { Migration20261202210100ProjectReferences } from './Migration20261202210100ProjectReferences.js';
import { Migration20261202210200FireLift } from './Migration20261202210200FireLift.js';
import { Migration20261202210300VoidReasons } from './Migration20261202210300VoidReasons.js';

/** Applied in order; never edit one that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124100000', class: Migration20261124100000 },
  { name: 'Migration20261124100100', class: Migration20261124100100 },
  { name: 'Migration20261124120000', class: Migration20261124120000 },
  { name: 'Migration20261202000000', class: Migration20261202000000 },
  { name: 'Migration20261202110000', class: Migration20261202110000 },
  { name: 'Migration20261202200000ReferenceMetrics', class: Migration20261202200000ReferenceMetrics },
  { name: 'Migration20261202210000ListIndexes', class: Migration20261202210000ListIndexes },
  { name: 'Migration20261202210100ProjectReferences', class: Migration20261202210100ProjectReferences },
  { name: 'Migration20261202210200FireLift', class: Migration20261202210200FireLift },
  { name: 'Migration20261202210300VoidReasons', class: Migration20261202210300VoidReasons },
];
