import { ApolloError } from '@apollo/client/core';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { apolloClient, resetApollo } from '@/api/client';
import { onlyPartsMissing } from '@/api/errors';
import type { Me } from '@/api/types';
import { emitSessionEnded } from '@/auth/events';
import { permits } from '@/auth/permissions';
import { tokens, type TokenPair } from '@/auth/tokens';
import { CHANGE_PASSWORD, LOGIN, LOGOUT, ME } from '@/graphql/auth';

/**
 * The data scope the access token carries (identity resolves it at login and refresh; the server
 * applies it to every query). The admin reads it only to show what the caller oversees: a district
 * user's district filters and headings name their district, not 全市.
 */
export interface CallerScope {
  kind: 'ALL' | 'CUSTOM' | 'DEPT' | 'DEPT_AND_CHILDREN' | 'SELF';
  /** GB/T 2260 codes; empty for city-wide and for enterprise or self scopes. */
  districtCodes: string[];
  /** Enterprises whose data an enterprise account sees. */
  enterpriseIds: string[];
}

/** The `caller.scope` claim of a JWT access token (read, not verified: the router verifies it). */
export function scopeOfToken(token: string | null): CallerScope | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    const scope = (JSON.parse(json) as { caller?: { scope?: CallerScope } }).caller?.scope;
    return scope
      ? { kind: scope.kind, districtCodes: scope.districtCodes ?? [], enterpriseIds: scope.enterpriseIds ?? [] }
      : null;
  } catch {
    return null;
  }
}

export interface LoginInput {
  username: string;
  password: string;
  captchaId?: string | null;
  captchaAnswer?: string | null;
}

/** Who is signed in: tokens (localStorage, shared by tabs) and `me { permissions roles }`. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const scope = ref<CallerScope | null>(null);
  const permissions = computed(() => me.value?.permissions ?? []);
  const roleNames = computed(() => (me.value?.roles ?? []).map((r) => r.name));
  const loggedIn = computed(() => me.value !== null);

  function can(code: string | readonly string[] | undefined | null): boolean {
    return permits(permissions.value, code);
  }

  async function fetchMe(): Promise<Me> {
    // 'all': with the projects subsystem down, `me` still arrives (its department's district null).
    const { data, errors } = await apolloClient.query<{ me: Me }>({
      query: ME,
      fetchPolicy: 'network-only',
      errorPolicy: 'all',
    });
    const failure = errors?.length ? new ApolloError({ graphQLErrors: errors }) : null;
    if (!data?.me || (failure && !onlyPartsMissing(failure))) throw failure ?? new Error('无法获取当前用户');
    me.value = data.me;
    scope.value = scopeOfToken(tokens.access());
    return data.me;
  }

  async function login(input: LoginInput): Promise<Me> {
    tokens.clear();
    await resetApollo();
    const { data } = await apolloClient.mutate<{ login: TokenPair & { mustChangePassword: boolean } }>({
      mutation: LOGIN,
      variables: {
        username: input.username.trim(),
        password: input.password,
        captchaId: input.captchaId ?? null,
        captchaAnswer: input.captchaAnswer ?? null,
      },
    });
    tokens.store(data!.login);
    return fetchMe();
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<Me> {
    const { data } = await apolloClient.mutate<{ changePassword: TokenPair }>({
      mutation: CHANGE_PASSWORD,
      variables: { oldPassword, newPassword },
    });
    tokens.store(data!.changePassword);
    return fetchMe();
  }

  /** Ends the session on the server (best effort), forgets everything locally. */
  async function logout(options: { silent?: boolean } = {}): Promise<void> {
    if (tokens.has()) {
      try {
        await apolloClient.mutate({ mutation: LOGOUT });
      } catch {
        // An expired or revoked session is logged out already.
      }
    }
    clearLocal();
    if (!options.silent) emitSessionEnded({ reason: 'logout', message: '' });
  }

  function clearLocal(): void {
    tokens.clear();
    me.value = null;
    scope.value = null;
    void resetApollo();
  }

  return { me, scope, permissions, roleNames, loggedIn, can, fetchMe, login, changePassword, logout, clearLocal };
});
