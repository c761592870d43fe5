/**
 * `npm run db:roles`: the database roles of issue #10 (等保 三权分立), for a DBA.
 *   npm run db:roles                  prints the SQL (run it with psql as a superuser, per database)
 *   npm run db:roles -- --apply       runs it through DATABASE_ADMIN_URL (a superuser; names the database)
 * Passwords come from HS_OWNER_PASSWORD, HS_<SCHEMA>_APP_PASSWORD (e.g. HS_FIRE_APP_PASSWORD); a role
 * without one keeps its password (set it with psql's \password). `npm run migrate` applies the grants.
 */
import { appRole, databaseName, grantsSql, OWNER_ROLE, provisionRoles, provisionSql } from '@hs/kit';
import { DATABASE_GRANTS } from './subgraphs.js';

const roles = [OWNER_ROLE, ...DATABASE_GRANTS.map((g) => g.role ?? appRole(g.schema))];
const passwordVariable = (role: string) => `${role.toUpperCase()}_PASSWORD`;
const passwords = Object.fromEntries(roles.map((role) => [role, process.env[passwordVariable(role)] || null]));
const adminUrl = process.env.DATABASE_ADMIN_URL;

if (process.argv.includes('--apply')) {
  if (!adminUrl) {
    console.error(
      'DATABASE_ADMIN_URL 未设置：需要一个超级用户连接到平台的数据库，例如 postgres://postgres:…@db:5432/huangshi',
    );
    process.exit(1);
  }
  await provisionRoles(adminUrl, DATABASE_GRANTS, passwords);
  const missing = roles.filter((role) => !passwords[role]);
  console.log(`数据库角色已就绪 (roles ready): ${roles.join(', ')}`);
  if (missing.length) console.log(`未设置口令、保留原口令的角色: ${missing.map(passwordVariable).join(', ')}`);
} else {
  const database = adminUrl ? databaseName(adminUrl) : (process.env.DATABASE_NAME ?? 'huangshi');
  const lines = [
    `-- 黄石市建筑业一体化监管平台: database roles for database "${database}" (issue #10)`,
    `-- Run as a superuser connected to that database. Owner ${OWNER_ROLE} runs migrations;`,
    `-- each service connects as its own role, which owns nothing and cannot disable triggers.`,
    ...provisionSql(database, DATABASE_GRANTS, passwords).map((s) => `${s};`),
    '',
    `-- After migrations, as ${OWNER_ROLE} (npm run migrate runs these; repeated here for review):`,
    ...grantsSql(DATABASE_GRANTS).map((s) => `-- ${s};`),
  ];
  const missing = roles.filter((role) => !passwords[role]);
  if (missing.length) lines.push('', ...missing.map((role) => `-- then: \\password ${role}`));
  console.log(lines.join('\n'));
}
