import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type UserConfig } from 'vite';
import rendererConfig from './vite.ui.config.mts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * vite.ui.config.mts as Electron Forge's Vite plugin needs it: that
 * config writes dist/renderer for `berkas ui`, but Forge packages only .vite/,
 * and the main process serves .vite/renderer/<name> (electron/main/app-paths.ts).
 * Forge merges its defaults under this config, so the folder is set here.
 */
export default defineConfig(async (env) => {
  const base: UserConfig = typeof rendererConfig === 'function' ? await rendererConfig(env) : await rendererConfig;
  const name = (env as { forgeConfigSelf?: { name?: string } }).forgeConfigSelf?.name ?? 'main_window';
  return mergeConfig(base, {
    build: { outDir: path.join(here, '.vite', 'renderer', name) },
    // React fast refresh injects an inline <script>, which the CSP (script-src 'self')
    // refuses in development too; so `npm start` reloads the page instead of hot-swapping.
    server: { hmr: false },
  });
});
