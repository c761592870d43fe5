import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The router serves the built app at /dashboard (SPA fallback) and the graph at /graphql on the
// same origin; in development vite proxies /graphql (HTTP and graphql-ws) to the router.
const router = process.env.HS_ROUTER_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  base: '/dashboard/',
  plugins: [vue()],
  server: {
    port: 5174,
    proxy: {
      '/graphql': { target: router, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Everything is bundled (no CDN, no web fonts, no tiles): the wall screen runs on the intranet.
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
});
