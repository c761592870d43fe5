import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203500000Supervision } from './Migration20261203500000Supervision.js';

/** Applied in order; never edit one that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261203500000Supervision', class: Migration20261203500000Supervision },
];
