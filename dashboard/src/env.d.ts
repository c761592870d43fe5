/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional raster tile URL template ({z}/{x}/{y}); off by default: the map needs no tiles. */
  readonly VITE_TILE_URL?: string;
  /** Attribution shown for those tiles. */
  readonly VITE_TILE_ATTRIBUTION?: string;
  /** GraphQL endpoint path (same origin); default /graphql. */
  readonly VITE_GRAPHQL_PATH?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
