import path from 'node:path';

export interface AppLocation {
  isPackaged: boolean;
  /** process.resourcesPath: where packagerConfig.extraResource lands. */
  resourcesPath: string;
  /** app.getAppPath(): the project folder under `npm start`, the app.asar when packaged. */
  appPath: string;
  /** The folder of the bundled main.js (.vite/build). */
  mainDir: string;
  /** Forge's renderer name (MAIN_WINDOW_VITE_NAME). */
  rendererName: string;
}

export interface AppPaths {
  preload: string;
  rendererDir: string;
  assetsDir: string;
  wasmPath: string;
}

/**
 * Where things are, packaged or not. Forge's Vite plugin puts main.js and
 * preload.js in .vite/build and the renderer in .vite/renderer/<name>; assets
 * and sql.js's WebAssembly file are extra resources beside app.asar. sql.js is
 * bundled into main.js, so its own "next to the script" lookup would point at
 * .vite/build: the wasm path is therefore always given explicitly.
 */
export function resolveAppPaths(at: AppLocation): AppPaths {
  const base = {
    preload: path.join(at.mainDir, 'preload.js'),
    rendererDir: path.join(at.mainDir, '..', 'renderer', at.rendererName),
  };
  if (at.isPackaged) {
    return { ...base, assetsDir: path.join(at.resourcesPath, 'assets'), wasmPath: path.join(at.resourcesPath, 'sql-wasm.wasm') };
  }
  return {
    ...base,
    assetsDir: path.join(at.appPath, 'assets'),
    wasmPath: path.join(at.appPath, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'),
  };
}

/**
 * The data folder given as `--data-dir=<path>` (the same option as the CLI and
 * `berkas ui`), for a portable install on a flash drive or a test run; null
 * for the default user-data folder. A relative path is taken from the folder
 * Berkas was started in.
 */
export function dataDirFromSwitch(value: string, cwd: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : path.resolve(cwd, trimmed);
}
