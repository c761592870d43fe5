import type { ProjectsContext } from '../context.js';

/** Where this subgraph's download links are issued: sealed under its own key, served at /files/projects/download. */
export const linkOptions = (ctx: ProjectsContext) => ({
  fieldKey: ctx.deps.config.FIELD_ENCRYPTION_KEY,
  subgraph: 'projects',
  now: new Date(),
});
