import { exportLink, type Caller, type DownloadLink } from '@hs/kit';
import type { IdentityContext } from '../context.js';

/**
 * The download link of one of identity's list exports (ADR 0013): `count` is what the list shows for
 * the same arguments under the caller's scope; the link carries the arguments and the caller.
 */
export function identityExportLink(
  ctx: IdentityContext,
  request: { kind: string; title: string; caller: Caller; args: object },
  count: number,
): DownloadLink {
  return exportLink(
    { fieldKey: ctx.deps.config.FIELD_ENCRYPTION_KEY, subgraph: 'identity', now: new Date() },
    { ...request, args: { ...request.args } },
    count,
  );
}
