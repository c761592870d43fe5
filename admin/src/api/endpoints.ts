/** The router serves the graph on the page's own origin (vite proxies it in development). */
export const GRAPHQL_HTTP_URL = '/graphql';

export function graphqlWsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/graphql`;
}
