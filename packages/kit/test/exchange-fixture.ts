/**
 * TEST FIXTURE, not product code: a tiny "subgraph" (schema `exkit`) that uses the exchange
 * machinery the way projects does — an enterprise pull and a drawing-review push against the
 * provincial-market simulator — so the kit's tests exercise it against real PostgreSQL, as the
 * service role that owns nothing (ADR 0012), with pg-boss in `exkit_jobs`.
 */
import { isDeepStrictEqual } from 'node:util';
import { Embedded, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  appRole,
  applyGrants,
  createOrm,
  describeIssues,
  exchangeJobsSchema,
  exchangeHandledMigrationSql,
  exchangeMigrationSql,
  hmacSm3Signer,
  migrate,
  provisionRoles,
  Provenance,
  withRole,
  type ConnectorClientOptions,
  type ConnectorDefinition,
  type SchemaGrant,
} from '@hs/kit';
import { createTestDatabase, type TestDatabase } from './support.js';
import { ownerUrl, TEST_ROLE_PASSWORD } from './roles.js';
import type { RunningProvincialMarketSimulator } from '../../../simulators/provincial-market/server.mjs';

export const SCHEMA = 'exkit';
export const PULL = 'market-enterprises';
export const PUSH = 'market-drawing-reviews';
export const SYSTEM = '省建筑市场监管平台';

export const GRANTS: SchemaGrant[] = [
  { schema: SCHEMA },
  { schema: exchangeJobsSchema(SCHEMA), role: appRole(SCHEMA) },
];

@Entity({ tableName: 'kit_enterprise' })
export class KitEnterprise {
  @PrimaryKey({ type: 'text' })
  creditCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  legalRepresentative!: string;

  @Property({ type: 'json' })
  qualifications!: unknown[];

  @Embedded(() => Provenance, { prefix: 'src_' })
  provenance!: Provenance;
}

class ExkitMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "exkit"."kit_enterprise" (credit_code text primary key, name text not null,
        legal_representative text not null, qualifications jsonb not null,
        src_source_system text not null, src_source_id text not null, src_fetched_at timestamptz not null)`,
    );
    for (const sql of exchangeMigrationSql(SCHEMA).up) this.addSql(sql);
    for (const sql of exchangeHandledMigrationSql(SCHEMA).up) this.addSql(sql);
  }
  override async down(): Promise<void> {
    for (const sql of exchangeHandledMigrationSql(SCHEMA).down) this.addSql(sql);
    for (const sql of exchangeMigrationSql(SCHEMA).down) this.addSql(sql);
    this.addSql(`drop table "exkit"."kit_enterprise"`);
  }
}
const MIGRATIONS = [{ name: 'Migration20261203000000Exkit', class: ExkitMigration }];

export const openExkitOrm = (url: string) =>
  createOrm({
    schema: SCHEMA,
    entities: [KitEnterprise, Provenance],
    migrations: MIGRATIONS,
    clientUrl: url,
    poolMax: 4,
  });

export interface ExkitDatabase {
  db: TestDatabase;
  /** As the service role `hs_exkit_app`. */
  serviceUrl: string;
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A copy of the template with the fixture's schema migrated by the owner and granted as production does. */
export async function createExkitDatabase(): Promise<ExkitDatabase> {
  const db = await createTestDatabase();
  await provisionRoles(db.url, GRANTS, { [appRole(SCHEMA)]: TEST_ROLE_PASSWORD });
  const owner = ownerUrl(db.url);
  const orm = await openExkitOrm(owner);
  try {
    await migrate(orm, SCHEMA);
  } finally {
    await orm.close();
  }
  await applyGrants(owner, GRANTS);
  return {
    db,
    ownerUrl: owner,
    serviceUrl: withRole(db.url, appRole(SCHEMA), TEST_ROLE_PASSWORD),
    drop: () => db.drop(),
  };
}

const qualification = z.object({
  certificateNo: z.string().min(1),
  category: z.string(),
  grade: z.string(),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const marketEnterprise = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
  legalRepresentative: z.string(),
  updatedAt: z.string().datetime({ offset: true }),
  qualifications: z.array(qualification),
});
const listPage = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() });
const receipt = z.object({ receiptId: z.string().min(1), duplicate: z.boolean() });

export interface MarketCheckpoint {
  cursor: string | null;
  updatedSince: string | null;
}

export function connectors(
  sim: RunningProvincialMarketSimulator,
  client: Partial<ConnectorClientOptions> = {},
): ConnectorDefinition<any>[] {
  const clientOptions = {
    envelope: 'code-data' as const,
    signer: hmacSm3Signer(sim.appKey, sim.appSecret),
    retries: 1,
    backoffMs: 1,
    failureThreshold: 1000,
    ...client,
  };
  const pull: ConnectorDefinition<MarketCheckpoint> = {
    name: PULL,
    title: '省建筑市场监管平台·企业库',
    system: SYSTEM,
    defaults: { baseUrl: sim.url, timeoutMs: 2000, pageSize: 15, schedule: null },
    client: clientOptions,
    pull: {
      async fetchPage(c, checkpoint, settings) {
        const page = await c.get('/api/v1/enterprises', listPage, {
          limit: settings.pageSize,
          cursor: checkpoint?.cursor ?? undefined,
          updatedSince: checkpoint?.cursor ? undefined : (checkpoint?.updatedSince ?? undefined),
        });
        let latest = checkpoint?.updatedSince ?? null;
        for (const item of page.items) {
          const at = (item as { updatedAt?: unknown })?.updatedAt;
          if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && (!latest || at > latest)) latest = at;
        }
        return {
          records: page.items.map((item) => {
            const id = (item as { id?: unknown })?.id;
            return { sourceId: typeof id === 'string' ? id : null, payload: item };
          }),
          checkpoint: { cursor: page.nextCursor, updatedSince: latest },
          more: page.nextCursor !== null,
        };
      },
      // The page's stored enterprises in one query, as plain rows.
      async prepare(em: EntityManager, payloads) {
        const codes = payloads
          .map((p) => (p as { creditCode?: unknown })?.creditCode)
          .filter((c) => typeof c === 'string');
        if (!codes.length) return new Map();
        const rows = await em.execute(
          `select credit_code, name, legal_representative, qualifications from exkit.kit_enterprise where credit_code in (?)`,
          [codes],
        );
        return new Map(rows.map((r) => [r.credit_code as string, r]));
      },
      async apply(em: EntityManager, payload, context) {
        const parsed = marketEnterprise.safeParse(payload);
        if (!parsed.success) return { rejected: `企业记录格式不正确：${describeIssues(parsed.error.issues)}` };
        const r = parsed.data;
        const provenance = new Provenance(context.sourceSystem, r.id, context.fetchedAt);
        const found = (context.prepared as Map<string, Record<string, any>>).get(r.creditCode);
        const values = { name: r.name, legalRepresentative: r.legalRepresentative, qualifications: r.qualifications };
        if (!found) {
          em.create(KitEnterprise, { creditCode: r.creditCode, ...values, provenance });
          return 'CREATED';
        }
        const same =
          found.name === r.name &&
          found.legal_representative === r.legalRepresentative &&
          isDeepStrictEqual(found.qualifications, r.qualifications);
        if (same) return 'UNCHANGED';
        await em.nativeUpdate(KitEnterprise, { creditCode: r.creditCode }, { ...values, provenance });
        return 'UPDATED';
      },
    },
  };
  const push: ConnectorDefinition = {
    name: PUSH,
    title: '省建筑市场监管平台·施工图审查合格书推送',
    system: SYSTEM,
    defaults: { baseUrl: sim.url, timeoutMs: 2000, pageSize: 50, schedule: null },
    client: clientOptions,
    push: {
      async send(c, message) {
        const ack = await c.post('/api/v1/drawing-reviews', message.payload, receipt, message.idempotencyKey);
        return ack;
      },
    },
  };
  return [pull, push];
}

export type ExkitOrm = MikroORM;
