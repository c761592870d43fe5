import type { SchemaGrant, SubgraphModule } from '@hs/kit';
import { identity } from '@hs/identity';
import { projects } from '@hs/projects';
import { fire } from '@hs/fire';
import { workforce } from '@hs/workforce';

/** Every subgraph of the graph, in start order. compose, migrate, seed and start all read this list. */
export const SUBGRAPHS: SubgraphModule<any>[] = [identity, projects, fire, workforce];

/**
 * Each service's database role and what it may do (issue #10): one role per schema, `hs_<schema>_app`.
 * A service with a schema of its own that is not a subgraph (the router's) adds one entry here, e.g.
 * `{ schema: 'router', reads: ['identity.revoked_session_v'] }`.
 */
export const DATABASE_GRANTS: SchemaGrant[] = SUBGRAPHS.map((m) => ({
  schema: m.dbSchema,
  appendOnly: m.appendOnlyTables,
}));
