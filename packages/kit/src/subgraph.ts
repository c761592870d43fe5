import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import {
  buildSchema,
  createResolversMap,
  getMetadataStorage,
  type AuthChecker,
  type BuildSchemaOptions,
  type PubSub,
  type SubscriptionHandlerData,
} from 'type-graphql';
import type { BaseContext } from './context.js';
import { EVENTS_MAY_BE_MISSED } from './pubsub.js';
import { guardTextInputs, multiLineCoordinates } from './text-guard.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"])';

/** `__resolveReference` per entity type name; receives the representation and the request context. */
export type ReferenceResolvers = Record<string, (reference: any, context: any) => unknown>;

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  references?: ReferenceResolvers;
  pubSub?: PubSub;
  authChecker?: AuthChecker<BaseContext>;
}

/**
 * type-graphql classes -> SDL with directives -> federation `@link` -> @apollo/subgraph schema.
 * The one place that knows this plumbing; every subgraph calls it. Every operation passes the
 * kit's text guard (text-guard.ts) before any of its resolvers runs.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  letMarkersThroughFilters();
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    pubSub: options.pubSub,
    authChecker: options.authChecker,
    // Unauthorised fields throw rather than resolve to null, so clients see FORBIDDEN.
    authMode: 'error',
    validate: false,
    skipCheck: true,
  });
  const typeDefs = nullableQueryRoot(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`));
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, any>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  return guardTextInputs(buildSubgraphSchema({ typeDefs, resolvers }), multiLineCoordinates(typeGraphqlSchema));
}

type SubscriptionFilter = (data: SubscriptionHandlerData<any, any, any>) => boolean | Promise<boolean>;
const markerAware = new WeakSet<SubscriptionFilter>();

/**
 * A subscription's `filter` judges events by their payload; the PubSub's EVENTS_MAY_BE_MISSED
 * marker is no event and concerns every subscriber: it passes every filter (the kit's subscribe
 * loop turns it into RESYNC). type-graphql has no hook between the PubSub and the filter, so the
 * filters registered by the decorators are wrapped once, before the schema is built from them.
 */
function letMarkersThroughFilters(): void {
  for (const handler of getMetadataStorage().subscriptions) {
    const filter = handler.filter as SubscriptionFilter | undefined;
    if (!filter || markerAware.has(filter)) continue;
    const wrapped: SubscriptionFilter = (data) => data.payload === EVENTS_MAY_BE_MISSED || filter(data);
    markerAware.add(wrapped);
    handler.filter = wrapped;
  }
}

/**
 * Every root query field is nullable (issue #10): each one is served by a single subgraph, and a
 * non-null root field that fails (its subgraph down) would null the whole `data` of a request
 * that also asked other subgraphs. Resolvers keep their non-null TypeScript types; only the
 * contract loosens. Mutations and subscriptions keep their types: each touches one subgraph.
 */
function nullableQueryRoot(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(node) {
      if (node.name.value !== 'Query') return undefined;
      return {
        ...node,
        fields: node.fields?.map((field) =>
          field.type.kind === Kind.NON_NULL_TYPE ? { ...field, type: field.type.type } : field,
        ),
      };
    },
  });
}
