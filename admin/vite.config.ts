import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type PluginOption } from 'vite';

// The router serves the built admin at /admin (SPA fallback) and the graph at /graphql on the same
// origin; in development vite proxies /graphql (HTTP and graphql-ws) to the router.
const router = process.env.HS_ROUTER_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  base: '/admin/',
  // @vitejs/plugin-vue is hoisted to the root next to another vite major: its types name that
  // copy, the plugin itself works with this one.
  plugins: [vue() as unknown as PluginOption],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/graphql': { target: router, ws: true, changeOrigin: true },
      '/files': { target: router, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Intranet: everything is bundled (no CDN, no web fonts, no map tiles).
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus'))
            return 'element-plus';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
});
