import { defineConfig, type Plugin } from 'vite';

/**
 * The preload runs sandboxed: it can require only `electron` (and a few
 * polyfills), so it is one CommonJS file (Forge's Vite plugin sets that up).
 * This check fails the build if anything but `electron` is imported at run
 * time or any library (zod, ...) was bundled in: the bridge must stay the
 * channel list plus ipcRenderer.invoke.
 */
function onlyChannelsAndElectron(): Plugin {
  return {
    name: 'berkas:preload-bridge-only',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const imports = [...chunk.imports, ...chunk.dynamicImports].filter((spec) => spec !== 'electron');
        const libraries = Object.keys(chunk.modules).filter((id) => id.includes('/node_modules/'));
        if (imports.length > 0 || libraries.length > 0) {
          this.error(`preload: ${chunk.fileName} hanya boleh memuat electron dan core/api/channels, bukan: ${[...imports, ...libraries].join(', ')}`);
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [onlyChannelsAndElectron()],
});
