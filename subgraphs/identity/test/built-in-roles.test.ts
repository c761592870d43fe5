import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphOrm, Permission, runSubgraph, type RunningSubgraph } from '@hs/kit';
import { DEMO_ROLES, identity, roleId } from '../src/index.js';
import { createTestDatabase, testConfig, testLogger, type TestDatabase } from '../../../packages/kit/test/support.js';

/** What issue #12 added to the built-in roles: an installation from before it has none of them. */
const ADDED_BY_ISSUE_12: string[] = [
  Permission.PROJECT_CERTIFICATE_VIEW,
  Permission.PROJECT_CERTIFICATE_EDIT,
  Permission.EXCHANGE_VIEW,
  Permission.EXCHANGE_MANAGE,
];
const SYNC_MIGRATION = 'Migration20261202000500BuiltInRolePermissions';

let db: TestDatabase;
let server: RunningSubgraph | null = null;

async function owner<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const start = async () => {
  server = await runSubgraph(identity, { config: testConfig(db.serviceUrl('identity')), logger: testLogger, port: 0 });
};
const restart = async () => {
  await server?.close();
  server = null;
  await start();
};
const permissionsOf = async (code: string) =>
  (await owner<{ permissions: string[] }>('select permissions from identity.role where code = $1', [code]))[0]
    .permissions;

/**
 * An installation running the code from before the built-in roles' sync: its roles were seeded with
 * the permission sets of that time and an admin changed some. After upgrading (migration + start)
 * the built-in roles have what the code added since, and keep the admin's changes.
 */
describe('built-in roles on an installation from before issue #12', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    const orm = await openSubgraphOrm(identity, db.ownerUrl);
    try {
      await orm.getMigrator().down({ migrations: [SYNC_MIGRATION] });
    } finally {
      await orm.close();
    }
    for (const [index, role] of DEMO_ROLES.entries()) {
      await owner(
        `insert into identity.role (id, code, name, description, permissions, data_scope, sort_order, status, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', now(), now())`,
        [
          roleId(role.code),
          role.code,
          role.name,
          role.description,
          role.permissions.filter((p) => !ADDED_BY_ISSUE_12.includes(p)),
          role.dataScope,
          index,
        ],
      );
    }
    // The admin's changes before the upgrade: 区县监管员 lost 数据分析 and gained 修改企业.
    await owner(
      `update identity.role set permissions = array_append(array_remove(permissions, 'fire:analytics:view'), 'enterprise:edit')
       where code = 'district_inspector'`,
    );
    // A role the admin made, with permissions the code gives built-in roles.
    await owner(
      `insert into identity.role (id, code, name, permissions, data_scope, sort_order, status, created_at, updated_at)
       values (gen_random_uuid(), 'auditor', '审计员', array['project:view'], 'ALL', 99, 'ACTIVE', now(), now())`,
    );
    const orm2 = await openSubgraphOrm(identity, db.ownerUrl);
    try {
      await orm2.getMigrator().up();
    } finally {
      await orm2.close();
    }
    await start();
  });

  afterAll(async () => {
    await server?.close();
    await db.drop();
  });

  it('grants the built-in roles what the code added since their permission set was shipped', async () => {
    const city = await permissionsOf('city_admin');
    expect(city).toEqual(expect.arrayContaining(ADDED_BY_ISSUE_12));
    expect(new Set(city)).toEqual(new Set(DEMO_ROLES.find((r) => r.code === 'city_admin')!.permissions));
    expect(await permissionsOf('enterprise_user')).toContain(Permission.PROJECT_CERTIFICATE_VIEW);
    expect(await permissionsOf('enterprise_user')).not.toContain(Permission.PROJECT_CERTIFICATE_EDIT);
    expect(await permissionsOf('super_admin')).toEqual(['*']);
    expect(await permissionsOf('display')).toEqual(DEMO_ROLES.find((r) => r.code === 'display')!.permissions);
  });

  it('keeps what an admin granted and what an admin removed before the upgrade', async () => {
    const district = await permissionsOf('district_inspector');
    expect(district).toEqual(
      expect.arrayContaining([
        Permission.PROJECT_CERTIFICATE_VIEW,
        Permission.PROJECT_CERTIFICATE_EDIT,
        Permission.ENTERPRISE_EDIT,
      ]),
    );
    expect(district).not.toContain(Permission.FIRE_ANALYTICS_VIEW);
  });

  it('leaves roles an admin made alone', async () => {
    expect(await permissionsOf('auditor')).toEqual(['project:view']);
  });

  it('does not give back, at the next start, a new permission an admin took away after the upgrade', async () => {
    await owner(
      `update identity.role set permissions = array_remove(permissions, 'exchange:manage') where code = 'city_admin'`,
    );
    await restart();
    const city = await permissionsOf('city_admin');
    expect(city).not.toContain(Permission.EXCHANGE_MANAGE);
    expect(city).toContain(Permission.EXCHANGE_VIEW);
  });

  it('grants a permission the code adds later at the next start', async () => {
    // As if the code had given 大屏展示 dashboard:view since the role's last sync: the baseline lacks it.
    await owner(
      `update identity.role set built_in_permissions = array_remove(built_in_permissions, 'dashboard:view'),
         permissions = array_remove(permissions, 'dashboard:view') where code = 'display'`,
    );
    await restart();
    expect(await permissionsOf('display')).toContain(Permission.DASHBOARD_VIEW);
    const [row] = await owner<{ built_in_permissions: string[] }>(
      `select built_in_permissions from identity.role where code = 'display'`,
    );
    expect(row.built_in_permissions).toContain(Permission.DASHBOARD_VIEW);
  });
});
