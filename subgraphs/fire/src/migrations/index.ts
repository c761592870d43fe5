import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124100000 } from './Migration20261124100000.js';
import { Migration20261124100100 } from './Migration20261124100100.js';
import { Migration20261124120000 } from './Migration20261124120000.js';
import { Migration20261202000000 } from './Migration20261202000000.js';
import { Migration20261202110000 } from './Migration20261202110000.js';
import { Migration20261202120000 } from './Migration20261202120000.js';
import { Migration20261202120100 } from './Migration20261202120100.js';
import { Migration20261202120200 } from './Migration20261202120200.js';
import { Migration20261202120300 } from './Migration20261202120300.js';

/** Applied in order; never edit one that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124100000', class: Migration20261124100000 },
  { name: 'Migration20261124100100', class: Migration20261124100100 },
  { name: 'Migration20261124120000', class: Migration20261124120000 },
  { name: 'Migration20261202000000', class: Migration20261202000000 },
  { name: 'Migration20261202110000', class: Migration20261202110000 },
  { name: 'Migration20261202120000', class: Migration20261202120000 },
  { name: 'Migration20261202120100', class: Migration20261202120100 },
  { name: 'Migration20261202120200', class: Migration20261202120200 },
  { name: 'Migration20261202120300', class: Migration20261202120300 },
];
