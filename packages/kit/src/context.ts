import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthChecker } from 'type-graphql';
import { hasPermission, type Caller } from './caller.js';
import { forbidden, unauthenticated } from './errors.js';

/** What every resolver gets: the signed caller, and an EntityManager forked for this request (or event). */
export interface BaseContext {
  caller: Caller | null;
  ip: string | null;
  userAgent: string | null;
  em: EntityManager;
}

/** The caller, or UNAUTHENTICATED: for resolvers that need a person behind the request. */
export function requireCaller(context: BaseContext): Caller {
  if (!context.caller) throw unauthenticated();
  return context.caller;
}

/**
 * `@Authorized()` needs a logged-in caller; `@Authorized('project:edit', ...)` needs any one of
 * those permission codes. Failures throw so the client gets UNAUTHENTICATED / FORBIDDEN, not null.
 */
export const permissionAuthChecker: AuthChecker<BaseContext> = ({ context }, permissions) => {
  if (!context.caller) throw unauthenticated();
  if (permissions.length === 0 || permissions.some((p) => hasPermission(context.caller, p))) return true;
  throw forbidden();
};
