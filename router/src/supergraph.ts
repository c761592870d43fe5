import { Supergraph, type Schema } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphEndpoint {
  /** Subgraph name as composed (lower-case by convention: identity, projects, …). */
  name: string;
  /** GraphQL endpoint (http://host:port/graphql). */
  url: string;
}

/** The supergraph parsed once: what the router needs besides the gateway itself. */
export interface ParsedSupergraph {
  supergraph: Supergraph;
  /** The supergraph schema with its join directives, as executeQueryPlan wants it. */
  supergraphSchema: GraphQLSchema;
  /** The client-facing schema (federation-internals form, for planning). */
  apiSchema: Schema;
  /** The client-facing schema (graphql-js form, for validation). */
  apiGraphQLSchema: GraphQLSchema;
  subgraphs: SubgraphEndpoint[];
  urlOf(name: string): string | undefined;
}

export function parseSupergraph(sdl: string, overrides: Record<string, string> = {}): ParsedSupergraph {
  const supergraph = Supergraph.build(sdl);
  const apiSchema = supergraph.apiSchema();
  const lowerOverrides = new Map(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const subgraphs = supergraph.subgraphsMetadata().map(({ name, url }) => ({
    name,
    url: lowerOverrides.get(name.toLowerCase()) ?? url,
  }));
  for (const { name, url } of subgraphs) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new Error(
        `subgraph "${name}" has no usable http(s) URL (got "${url}"): set SUBGRAPH_${name.toUpperCase()}_URL`,
      );
    }
  }
  const byName = new Map(subgraphs.map((s) => [s.name.toLowerCase(), s.url]));
  return {
    supergraph,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    apiSchema,
    apiGraphQLSchema: apiSchema.toGraphQLJSSchema(),
    subgraphs,
    urlOf: (name) => byName.get(name.toLowerCase()),
  };
}

/** http://host:4001/graphql -> http://host:4001 (where a subgraph serves /healthz and /internal/*). */
export function serviceBaseUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') || '/';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

/** http(s)://host/graphql -> ws(s)://host/graphql. */
export function websocketUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
