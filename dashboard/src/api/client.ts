import { accessToken, tokenRejected } from '../auth/session';
import { GraphQLRequestError, postGraphQL } from './graphql';

/**
 * An authenticated query: takes the current access token; when the router answers 401 (token
 * expired or refused) it renews the token once and tries again.
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await accessToken();
  try {
    return await postGraphQL<T>(query, variables, token);
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.status === 401) {
      return postGraphQL<T>(query, variables, await tokenRejected());
    }
    throw error;
  }
}
