import type { MigrationObject } from '@hs/kit';
import { Migration20251124000000Initial } from './Migration20251124000000Initial.js';
import { Migration20251201000100CaptchaDictionaries } from './Migration20251201000100CaptchaDictionaries.js';
import { Migration20261202000200RouterContracts } from './Migration20261202000200RouterContracts.js';
import { Migration20261202000300UserListIndexes } from './Migration20261202000300UserListIndexes.js';
import { Migration20261202000350ReferenceMetrics } from './Migration20261202000350ReferenceMetrics.js';
import { Migration20261202000400IdentityListIndexes } from './Migration20261202000400IdentityListIndexes.js';
import { Migration20261202000500BuiltInRolePermissions } from './Migration20261202000500BuiltInRolePermissions.js';

/** In order; names are what mikro_orm_migrations records, so never rename one that has shipped. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20251124000000Initial', class: Migration20251124000000Initial },
  { name: 'Migration20251201000100CaptchaDictionaries', class: Migration20251201000100CaptchaDictionaries },
  { name: 'Migration20261202000200RouterContracts', class: Migration20261202000200RouterContracts },
  { name: 'Migration20261202000300UserListIndexes', class: Migration20261202000300UserListIndexes },
  { name: 'Migration20261202000350ReferenceMetrics', class: Migration20261202000350ReferenceMetrics },
  { name: 'Migration20261202000400IdentityListIndexes', class: Migration20261202000400IdentityListIndexes },
  { name: 'Migration20261202000500BuiltInRolePermissions', class: Migration20261202000500BuiltInRolePermissions },
];
