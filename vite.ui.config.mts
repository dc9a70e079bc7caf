import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderer');

// The renderer build of `berkas ui` (dist/renderer). It lives outside renderer/ because it
// runs in Node; Forge builds the same root through vite.renderer.config.mts (its own outDir).

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  // The @core/* alias of tsconfig.json; the layer lint rule resolves it the same way.
  resolve: { alias: [{ find: /^@core\//, replacement: `${path.resolve(here, '..', 'core')}/` }] },
  build: {
    outDir: path.resolve(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    // No inline scripts or eval: CSP script-src 'self' must hold.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Served from disk or loopback, never over a slow network: one bundle is fine.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's comments confuse Rollup's purity annotations; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
