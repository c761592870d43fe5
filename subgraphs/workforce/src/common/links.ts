import type { WorkforceContext } from '../context.js';

/** Download links of this subgraph (exports, templates): sealed under the field key, bound to 'workforce'. */
export const linkOptions = (ctx: WorkforceContext) => ({
  fieldKey: ctx.runtime.fieldKey,
  subgraph: 'workforce',
  now: ctx.runtime.now(),
});
