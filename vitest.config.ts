import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// SWC instead of esbuild: type-graphql and MikroORM need emitDecoratorMetadata, which esbuild lacks.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
    }),
  ],
  resolve: {
    alias: [
      // One graphql for everything: vite would hand our sources graphql's .mjs build while Apollo
      // (loaded by Node) uses the CommonJS one, and graphql refuses objects from "another realm".
      { find: /^graphql$/, replacement: src('./node_modules/graphql/index.js') },
      ...Object.entries({
        '@hs/kit': src('./packages/kit/src/index.ts'),
        '@hs/identity': src('./subgraphs/identity/src/index.ts'),
        '@hs/projects': src('./subgraphs/projects/src/index.ts'),
        '@hs/fire': src('./subgraphs/fire/src/index.ts'),
        '@hs/workforce': src('./subgraphs/workforce/src/index.ts'),
        '@hs/supervision': src('./subgraphs/supervision/src/index.ts'),
        '@hs/router': src('./router/src/index.ts'),
      }).map(([find, replacement]) => ({ find, replacement })),
    ],
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'subgraphs/*/test/**/*.test.ts',
      'router/test/**/*.test.ts',
      'scripts/test/**/*.test.ts',
    ],
    globalSetup: ['./packages/kit/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
