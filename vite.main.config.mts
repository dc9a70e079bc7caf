import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

/**
 * The main process, bundled by Forge's Vite plugin (it supplies the entry,
 * CommonJS output and `electron` + node builtins as externals). Everything
 * else, libraries included, is bundled in: the packaged app carries no
 * node_modules (the plugin packages .vite/ only).
 *
 * One exception: sql.js is Emscripten output that sets `module = undefined`
 * on purpose and then tests `typeof module`; Rollup's CommonJS transform
 * rewrites that test to a constant, and the bundled database engine crashes
 * on start ("Cannot set properties of undefined (setting 'exports')"). So
 * sql.js's own file is shipped unmodified beside main.js and required from there.
 */
const require = createRequire(import.meta.url);
const unbundled: Record<string, { fileName: string; source: string }> = {
  'sql.js': { fileName: 'sql-wasm.js', source: require.resolve('sql.js') },
};

const runtimeModules = new Set(['electron', 'electron/main', 'electron/common', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function shipUnbundled(): Plugin {
  return {
    name: 'berkas:ship-unbundled',
    generateBundle() {
      for (const { fileName, source } of Object.values(unbundled)) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(source, 'utf8') });
      }
    },
  };
}

/** Fails the build if a bare import would still be left for run time, instead of the packaged app failing on the officer's machine. */
function onlyBuiltinsAtRunTime(): Plugin {
  return {
    name: 'berkas:main-only-builtins',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // A relative path is fine only if that file is emitted beside main.js (the unbundled ones).
        const leftover = [...chunk.imports, ...chunk.dynamicImports].filter(
          (spec) => !runtimeModules.has(spec) && !(spec in bundle) && !(spec.startsWith('./') && spec.slice(2) in bundle),
        );
        if (leftover.length > 0) this.error(`main: ${chunk.fileName} masih memuat modul dari node_modules saat berjalan: ${leftover.join(', ')}`);
      }
    },
  };
}

export default defineConfig({
  build: {
    rollupOptions: {
      external: Object.keys(unbundled),
      output: { paths: Object.fromEntries(Object.entries(unbundled).map(([id, { fileName }]) => [id, `./${fileName}`])) },
    },
  },
  plugins: [shipUnbundled(), onlyBuiltinsAtRunTime()],
});
