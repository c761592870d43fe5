import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124200000 } from './Migration20261124200000.js';
import { Migration20261124210000 } from './Migration20261124210000.js';
import { Migration20261124230000 } from './Migration20261124230000.js';
import { Migration20261124240000 } from './Migration20261124240000.js';
import { Migration20261202120000 } from './Migration20261202120000.js';
import { Migration20261202200000ReferenceMetrics } from './Migration20261202200000ReferenceMetrics.js';
import { Migration20261202220000WorkforceListIndexes } from './Migration20261202220000WorkforceListIndexes.js';
import { Migration20261202220100ReferenceMetricsProjects } from './Migration20261202220100ReferenceMetricsProjects.js';
import { Migration20261203000000ScopeIndexes } from './Migration20261203000000ScopeIndexes.js';

/** Applied in order; never edit one that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124200000', class: Migration20261124200000 },
  { name: 'Migration20261124210000', class: Migration20261124210000 },
  { name: 'Migration20261124230000', class: Migration20261124230000 },
  { name: 'Migration20261124240000', class: Migration20261124240000 },
  { name: 'Migration20261202120000', class: Migration20261202120000 },
  { name: 'Migration20261202200000ReferenceMetrics', class: Migration20261202200000ReferenceMetrics },
  { name: 'Migration20261202220000WorkforceListIndexes', class: Migration20261202220000WorkforceListIndexes },
  { name: 'Migration20261202220100ReferenceMetricsProjects', class: Migration20261202220100ReferenceMetricsProjects },
  { name: 'Migration20261203000000ScopeIndexes', class: Migration20261203000000ScopeIndexes },
];
