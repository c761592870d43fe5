import { Migration } from '@mikro-orm/migrations';
import { stableId } from '@hs/kit';

/**
 * The permission sets the built-in roles had before issue #12 (施工图联合审查合格书, 数据交换), frozen
 * here as they were shipped: the baseline `syncBuiltInRoles` compares the code's sets with (ADR 0015).
 * A role keeps whatever an admin changed; only what the code added since this baseline is granted.
 */
const SHIPPED_BEFORE_ISSUE_12: Record<string, string[]> = {
  super_admin: ['*'],
  city_admin: [
    'system:user:view',
    'system:user:edit',
    'system:dept:view',
    'system:dept:edit',
    'system:role:view',
    'system:role:edit',
    'system:log:view',
    'system:session:manage',
    'project:view',
    'project:edit',
    'enterprise:view',
    'enterprise:edit',
    'dashboard:view',
    'system:dict:view',
    'system:dict:edit',
    'fire:inspection:view',
    'fire:inspection:edit',
    'fire:inspection:sensitive',
    'fire:catalogue:edit',
    'fire:plan:sign',
    'fire:result:record',
    'fire:analytics:view',
    'workforce:person:view',
    'workforce:person:edit',
    'workforce:site:edit',
    'workforce:attendance:view',
    'workforce:analytics:view',
    'workforce:insurance:view',
  ],
  district_inspector: [
    'project:view',
    'project:edit',
    'enterprise:view',
    'dashboard:view',
    'system:user:view',
    'system:dept:view',
    'fire:inspection:view',
    'fire:inspection:edit',
    'fire:plan:sign',
    'fire:result:record',
    'fire:analytics:view',
    'workforce:person:view',
    'workforce:person:edit',
    'workforce:site:edit',
    'workforce:attendance:view',
    'workforce:analytics:view',
    'workforce:insurance:view',
  ],
  enterprise_user: [
    'project:view',
    'enterprise:view',
    'workforce:person:view',
    'workforce:person:edit',
    'workforce:attendance:view',
    'workforce:analytics:view',
    'workforce:insurance:view',
  ],
  expert: ['project:view'],
  display: [
    'dashboard:view',
    'project:view',
    'enterprise:view',
    'workforce:attendance:view',
    'workforce:analytics:view',
  ],
  worker: ['workforce:attendance:checkin'],
  device_gateway: ['workforce:attendance:ingest'],
};

/**
 * Built-in roles learn the permissions later code gives them (ADR 0015): `built_in_permissions` is
 * the set the code last gave the role (null: a role an admin created). Rows the seed made (id =
 * stableId('role', code)) get the set shipped until now, so the first start after this migration
 * grants them exactly what was added since.
 */
export class Migration20261202000500BuiltInRolePermissions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."role" add column "built_in_permissions" text[] null;`);
    for (const [code, permissions] of Object.entries(SHIPPED_BEFORE_ISSUE_12)) {
      // Codes and ids are [a-z0-9:*_-]: literal SQL is safe (addSql takes no parameters).
      const array = `array[${permissions.map((p) => `'${p}'`).join(', ')}]::text[]`;
      this.addSql(
        `update "identity"."role" set "built_in_permissions" = ${array} where "id" = '${stableId('role', code)}' and "code" = '${code}';`,
      );
    }
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."role" drop column "built_in_permissions";`);
  }
}
