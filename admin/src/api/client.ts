import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  split,
  type FetchResult,
} from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { refreshSession, tokens, validAccessToken } from '@/auth/tokens';
import { GRAPHQL_HTTP_URL, graphqlWsUrl } from './endpoints';
import { isUnauthenticated } from './errors';

/** Operations that must go out without a token (a stale one would be refused with 401). */
const ANONYMOUS_OPERATIONS = new Set(['Login', 'LoginCaptcha', 'RefreshToken']);

/**
 * Puts the access token on every request and, when the router answers 401 UNAUTHENTICATED
 * (expired or revoked token), refreshes the token pair once and retries the operation once, so
 * the person stays on the page they were on.
 */
const authLink = new ApolloLink(
  (operation, forward) =>
    new Observable<FetchResult>((observer) => {
      let subscription: { unsubscribe(): void } | null = null;
      let retried = false;
      let closed = false;
      const attempt = () => {
        const token = ANONYMOUS_OPERATIONS.has(operation.operationName) ? null : tokens.access();
        operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => {
          const next = { ...headers };
          delete next.authorization;
          if (token) next.authorization = `Bearer ${token}`;
          return { headers: next };
        });
        subscription = forward(operation).subscribe({
          next: (result) => observer.next(result),
          error: (error: unknown) => {
            if (!retried && token && isUnauthenticated(error)) {
              retried = true;
              refreshSession(token).then((ok) => {
                if (closed) return;
                if (ok) attempt();
                else observer.error(error);
              });
              return;
            }
            observer.error(error);
          },
          complete: () => observer.complete(),
        });
      };
      attempt();
      return () => {
        closed = true;
        subscription?.unsubscribe();
      };
    }),
);

const httpLink = new HttpLink({ uri: GRAPHQL_HTTP_URL });

/**
 * Subscriptions over graphql-ws on the same /graphql. connectionParams is a function, so every
 * (re)connect presents the current token; the router closes the socket when the token expires
 * and the client reconnects with a refreshed one.
 */
export const wsClient = createClient({
  url: graphqlWsUrl,
  lazy: true,
  lazyCloseTimeout: 3_000,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => tokens.has(),
  retryWait: async (retries) => {
    const delay = Math.min(1_000 * 2 ** retries, 30_000) * (0.75 + Math.random() * 0.5);
    await new Promise((resolve) => setTimeout(resolve, delay));
  },
  connectionParams: async () => {
    const token = await validAccessToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
});

const wsLink = new GraphQLWsLink(wsClient);

const transport = split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  wsLink,
  ApolloLink.from([authLink, httpLink]),
);

export const apolloClient = new ApolloClient({
  link: transport,
  cache: new InMemoryCache({
    typePolicies: {
      District: { keyFields: ['code'] },
      AuditLog: { keyFields: ['seq'] },
      PermissionInfo: { keyFields: ['code'] },
      GeoPoint: { keyFields: false },
      Qualification: { keyFields: false },
      Project: { fields: { units: { merge: false } } },
      Enterprise: { fields: { qualifications: { merge: false } } },
      Role: { fields: { permissions: { merge: false }, customDepartments: { merge: false } } },
      User: { fields: { roles: { merge: false } } },
      Department: { fields: { children: { merge: false } } },
      DictType: { fields: { items: { merge: false } } },
    },
  }),
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'none' },
    query: { fetchPolicy: 'network-only', errorPolicy: 'none' },
    mutate: { errorPolicy: 'none' },
  },
});

/** Forget everything cached (logout, another person logs in). */
export async function resetApollo(): Promise<void> {
  wsClient.terminate();
  await apolloClient.clearStore();
}
