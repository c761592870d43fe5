import type { SchemaGrant, SubgraphModule } from '@hs/kit';
import { identity } from '@hs/identity';
import { projects } from '@hs/projects';
import { fire } from '@hs/fire';
import { workforce } from '@hs/workforce';
import { ROUTER_SCHEMA } from '@hs/router';

/** Every subgraph of the graph, in start order. compose, migrate, seed and start all read this list. */
export const SUBGRAPHS: SubgraphModule<any>[] = [identity, projects, fire, workforce];

/**
 * The published views of other schemas each service reads (the one cross-schema read DESIGN.md
 * allows). ADR 0013: a delete counts the references other subgraphs hold through their
 * `reference_metrics_v`; projects reads fire's (inspections linked to a project).
 */
const PUBLISHED_READS: Record<string, string[]> = {
  projects: ['fire.reference_metrics_v'],
};

/**
 * Each service's database role and what it may do (issue #10): one role per schema, `hs_<schema>_app`.
 * The router has a schema of its own (audit outbox, rate-limit counters) and reads identity's
 * published view of revoked sessions, nothing else of identity.
 */
export const DATABASE_GRANTS: SchemaGrant[] = [
  ...SUBGRAPHS.map((m) => ({ schema: m.dbSchema, appendOnly: m.appendOnlyTables, reads: PUBLISHED_READS[m.dbSchema] })),
  { schema: ROUTER_SCHEMA, reads: ['identity.revoked_session_v'] },
];
