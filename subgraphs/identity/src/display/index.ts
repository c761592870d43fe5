import { DisplayLink } from './display-link.entity.js';
import { DisplayLinkResolver } from './display.resolver.js';
import { Migration20251201000000DisplayLink } from './Migration20251201000000DisplayLink.js';

/** The display-link feature as the identity module registers it (entities, resolvers, migrations). */
export const displayFeature = {
  entities: [DisplayLink],
  resolvers: [DisplayLinkResolver],
  migrations: [{ name: 'Migration20251201000000DisplayLink', class: Migration20251201000000DisplayLink }],
} as const;

export { DISPLAY_PERMISSIONS, DISPLAY_ACCESS_TTL_SECONDS } from './display-link.rules.js';
