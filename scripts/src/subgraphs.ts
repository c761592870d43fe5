import type { SubgraphModule } from '@hs/kit';
import { identity } from '@hs/identity';
import { projects } from '@hs/projects';
import { fire } from '@hs/fire';
import { workforce } from '@hs/workforce';

/** Every subgraph of the graph, in start order. compose, migrate, seed and start all read this list. */
export const SUBGRAPHS: SubgraphModule<any>[] = [identity, projects, fire, workforce];
