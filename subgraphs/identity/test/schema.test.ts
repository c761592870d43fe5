/**
 * The hand-written migration and the entities describe the same tables (so the ORM never wants to
 * "fix" the database), and the federated SDL exposes the keys other subgraphs rely on.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  databaseName,
  dropDatabase,
  ensureDatabase,
  migrateSubgraph,
  openSubgraphOrm,
  PgPubSub,
  withDatabase,
  type SubgraphDeps,
} from '@hs/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { identity } from '../src/index.js';
import { createTestDatabase, testConfig, testLogger } from '../../../packages/kit/test/support.js';

let orm: MikroORM;
let db: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openSubgraphOrm(identity, db.url);
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('migration', () => {
  it('leaves nothing for the schema generator to change (database with identity alone, migrated from scratch)', async () => {
    const template = inject('templateDatabaseUrl');
    const url = withDatabase(template, `${databaseName(template)}_idonly_${randomBytes(4).toString('hex')}`);
    await ensureDatabase(url);
    try {
      await migrateSubgraph(identity, url);
      const alone = await openSubgraphOrm(identity, url);
      try {
        // The trigger and its function are invisible to the comparison; tables, columns, indexes and FKs must match.
        expect((await alone.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
      } finally {
        await alone.close();
      }
    } finally {
      await dropDatabase(url);
    }
  });

  it('leaves nothing to change in schema "identity" of the shared test database (other subgraphs beside it)', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'identity' });
    expect(diff.trim()).toBe('');
  });

  it('installs the append-only trigger and the chain head', async () => {
    const triggers = await orm.em.getConnection().execute<{ tgname: string }[]>(
      `select tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'identity' and c.relname = 'audit_log' and not t.tgisinternal order by tgname`,
    );
    expect(triggers.map((t) => t.tgname)).toEqual(['audit_log_append_only', 'audit_log_no_truncate']);
    const [head] = await orm.em.getConnection().execute(`select last_seq, last_hash from identity.audit_chain_head`);
    expect(head).toEqual({ last_seq: '0', last_hash: '0'.repeat(64) });
  });
});

describe('federated schema', () => {
  it('exposes User and Department as entities and District / Enterprise as stubs', async () => {
    const config = testConfig(db.url);
    const pubSub = new PgPubSub(config.DATABASE_URL, testLogger);
    try {
      const deps: SubgraphDeps = { config, orm, pubSub, logger: testLogger };
      const sdl = printSubgraphSchema(await identity.buildSchema(deps));
      expect(sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/type Department\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/type District\s+@key\(fields: "code", resolvable: false\)\s*\{\s*code: ID!\s*\}/);
      expect(sdl).toMatch(/type Enterprise\s+@key\(fields: "id", resolvable: false\)\s*\{\s*id: ID!\s*\}/);
      for (const field of [
        'login(',
        'refreshToken(',
        'logout',
        'changePassword(',
        'createUser(',
        'revokeSession(',
        'createRole(',
      ]) {
        expect(sdl).toContain(field);
      }
      for (const field of [
        'me:',
        'users(',
        'departments:',
        'roles:',
        'loginLogs(',
        'auditLogs(',
        'sessions(',
        'verifyAuditChain:',
      ]) {
        expect(sdl).toContain(field);
      }
      // Secrets never become fields.
      expect(sdl).not.toMatch(/passwordHash|phoneCipher|phoneIndex|idCardCipher|currentTokenHash|previousTokenHashes/);
    } finally {
      await pubSub.close();
    }
  });
});
