import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, SubgraphDeps } from '@hs/kit';
import { createLoaders, type IdentityLoaders } from './loaders.js';
import { identitySettings, type IdentitySettings } from './settings.js';

export interface IdentityContext extends BaseContext {
  em: EntityManager;
  loaders: IdentityLoaders;
  deps: SubgraphDeps;
  settings: IdentitySettings;
  /** From the router's `x-hs-user-agent` (see common/client-info.ts); null when not forwarded. */
}

const settingsCache = new WeakMap<object, IdentitySettings>();

export function settingsOf(deps: SubgraphDeps): IdentitySettings {
  let settings = settingsCache.get(deps.config);
  if (!settings) {
    settings = identitySettings(deps.config);
    settingsCache.set(deps.config, settings);
  }
  return settings;
}

/** Fresh loaders per request (and per subscription event). */
export function createIdentityContext(base: BaseContext, deps: SubgraphDeps): IdentityContext {
  return {
    ...base,
    loaders: createLoaders(base.em),
    deps,
    settings: settingsOf(deps),
  };
}
