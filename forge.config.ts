import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { MakerDeb } from '@electron-forge/maker-deb';

/**
 * Packaging. The Vite plugin bundles main and preload into .vite/build and the
 * renderer into .vite/renderer/main_window, and packages only .vite/ (its
 * packagerConfig.ignore drops everything else, node_modules included): so every
 * library the main process uses is bundled by Vite, and the files read at run
 * time (region profiles, fonts, sql.js's WebAssembly) travel as extra
 * resources beside app.asar (see electron/main/app-paths.ts).
 */
const config: ForgeConfig = {
  packagerConfig: {
    name: 'Berkas',
    executableName: 'berkas',
    asar: true,
    extraResource: ['assets', 'node_modules/sql.js/dist/sql-wasm.wasm'],
  },
  rebuildConfig: {},
  makers: [
    new MakerSquirrel({ name: 'berkas' }),
    new MakerZIP({}, ['win32', 'linux', 'darwin']),
    new MakerDeb({ options: { name: 'berkas', productName: 'Berkas', bin: 'berkas', section: 'utils', categories: ['Office'] } }),
  ],
  plugins: [
    new VitePlugin({
      // Named entries: both sources are index.ts, and package.json's main is .vite/build/main.js.
      build: [
        { entry: { main: 'electron/main/index.ts' }, config: 'vite.main.config.mts', target: 'main' },
        { entry: { preload: 'electron/preload/index.ts' }, config: 'vite.preload.config.mts', target: 'preload' },
      ],
      // vite.renderer.config.mts is vite.ui.config.mts with Forge's output folder (see there).
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
    }),
    // Flipped in the Electron binary at package time, so they hold whatever the app's code does.
    new FusesPlugin({
      version: FuseVersion.V1,
      // No `ELECTRON_RUN_AS_NODE=1 berkas script.js`: the signed binary is not a general Node.js.
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      // No NODE_OPTIONS=--require ... and no --inspect: nothing can be injected into the main process.
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      // app.asar is checked against the hash embedded in the binary, and nothing else is loaded as the app.
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // The renderer comes from berkas://, so file:// needs none of its legacy privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
