import type { BaseContext, DataScope } from '@hs/kit';
import { EMPTY_SCOPE } from '../roles/data-scope.js';

/** The caller's data scope for filtering nested fields; nobody behind the request sees nothing. */
export function scopeOf(ctx: BaseContext): DataScope {
  return ctx.caller?.scope ?? EMPTY_SCOPE('SELF');
}
