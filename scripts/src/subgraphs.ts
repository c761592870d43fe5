import { appRole, type SchemaGrant, type SubgraphModule } from '@hs/kit';
import { identity } from '@hs/identity';
import { projects } from '@hs/projects';
import { fire } from '@hs/fire';
import { workforce } from '@hs/workforce';
import { supervision } from '@hs/supervision';
import { ROUTER_SCHEMA } from '@hs/router';

/** Every subgraph of the graph, in start order. compose, migrate, seed and start all read this list. */
export const SUBGRAPHS: SubgraphModule<any>[] = [identity, projects, fire, workforce, supervision];

/**
 * Each service's database role and what it may do (issue #10): one role per schema, `hs_<schema>_app`.
 * The router has a schema of its own (audit outbox, rate-limit counters) and reads identity's
 * published view of revoked sessions, nothing else of identity.
 */
export const DATABASE_GRANTS: SchemaGrant[] = [
  ...SUBGRAPHS.flatMap((m) => [
    { schema: m.dbSchema, appendOnly: m.appendOnlyTables, reads: m.reads },
    // pg-boss of the module's connectors (ADR 0014): the same role, the same grants.
    ...(m.jobsSchema ? [{ schema: m.jobsSchema, role: appRole(m.dbSchema) }] : []),
  ]),
  { schema: ROUTER_SCHEMA, reads: ['identity.revoked_session_v'] },
];
