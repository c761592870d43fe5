import { appRole, OWNER_ROLE, withRole } from '@hs/kit';
import { DATABASE_GRANTS } from '../../../scripts/src/subgraphs.js';

/**
 * The test runs' database roles (issue #10): the same roles as production, with one fixed password,
 * because roles are cluster-wide and several runs may share a server (each sets the same password).
 */
export const TEST_ROLE_PASSWORD = 'hs-test-role-password';

export const TEST_ROLE_PASSWORDS = Object.fromEntries(
  [OWNER_ROLE, ...DATABASE_GRANTS.map((g) => g.role ?? appRole(g.schema))].map((role) => [role, TEST_ROLE_PASSWORD]),
);

/** `url`'s database as the owner role (migrations). */
export const ownerUrl = (url: string) => withRole(url, OWNER_ROLE, TEST_ROLE_PASSWORD);

/** `url`'s database as the role the service of `schema` connects as. */
export const serviceUrl = (url: string, schema: string) => withRole(url, appRole(schema), TEST_ROLE_PASSWORD);
