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

export interface LoginInput {
  username: string;
  password: string;
  captchaId?: string | null;
  captchaAnswer?: string | null;
}

/** Who is signed in: tokens (localStorage, shared by tabs) and `me { permissions roles }`. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
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
    void resetApollo();
  }

  return { me, permissions, roleNames, loggedIn, can, fetchMe, login, changePassword, logout, clearLocal };
});
