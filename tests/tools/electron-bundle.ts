import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds the Electron app's bundles exactly as `npm start` and `npm run make`
 * do: Forge's Vite plugin's own config generator (@electron-forge/plugin-vite's
 * ViteConfig) fed with forge.config.ts's plugin settings, so vite.main.config.mts
 * and vite.preload.config.mts are merged with the plugin's entries, CommonJS
 * output, externals and defines (MAIN_WINDOW_VITE_DEV_SERVER_URL,
 * MAIN_WINDOW_VITE_NAME: see forge.env.d.ts) just as Forge merges them.
 * Output: {out}/build/{main,preload}.js and {out}/renderer/main_window
 * (out: .vite by default, where `electron .` looks). In a child process:
 * Vite loads its config files with dynamic import(), which Jest's module
 * sandbox lacks.
 */
export const repoRoot = path.resolve(__dirname, '..', '..');

const buildScript = `
const path = require('node:path');
const { createJiti } = require('jiti');
const vite = require('vite');
const ViteConfig = require('@electron-forge/plugin-vite/dist/ViteConfig').default;
const [out, only] = process.argv.slice(1);
(async () => {
  const jiti = createJiti(require.resolve('@electron-forge/core/package.json'));
  const forge = await jiti.import(path.resolve('forge.config.ts'), { default: true });
  const plugin = forge.plugins.find((p) => p.name === 'vite');
  const generator = new ViteConfig(plugin.config, process.cwd(), true);
  for (const config of await generator.getBuildConfigs()) {
    if (out) config.build.outDir = path.join(out, 'build');
    await vite.build({ configFile: false, logLevel: 'error', ...config });
  }
  if (only === 'main-and-preload') return;
  for (const config of await generator.getRendererConfig()) {
    if (out) config.build.outDir = path.join(out, 'renderer', 'main_window');
    await vite.build({ configFile: false, logLevel: 'error', ...config });
  }
})().catch((err) => { console.error(err); process.exit(1); });
`;

/** Builds main, preload and (unless told otherwise) the renderer into `out`, or into .vite when `out` is absent. */
export function buildElectronBundles(out?: string, only?: 'main-and-preload'): void {
  const build = spawnSync(process.execPath, ['-e', buildScript, out ?? '', only ?? ''], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, VITE_CJS_IGNORE_WARNING: 'true' },
  });
  if (build.status !== 0) throw new Error(`Bundel Electron gagal dibangun:\n${build.stdout}\n${build.stderr}`);
}
