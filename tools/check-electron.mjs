#!/usr/bin/env node
/**
 * `npm start`'s prestart: is Electron's binary on this machine? Without it,
 * electron-forge builds main, preload and the renderer for most of a minute
 * and then ends with "Electron failed to install correctly". This check takes
 * a moment and says what to do instead, in Bahasa Indonesia and English.
 *
 * electron's own index.js answers the question: it returns the binary's path
 * (from path.txt, written by its install script) or throws when the download
 * never happened (ELECTRON_SKIP_BINARY_DOWNLOAD, no access to the download
 * host, or install scripts not run). Resolved from the folder npm runs the
 * script in: the project's root.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Why Electron cannot start here, or null when its binary is in place. */
function missingElectron(root) {
  const require = createRequire(path.join(root, 'package.json'));
  let binary;
  try {
    binary = require('electron');
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? err.code : undefined;
    return code === 'MODULE_NOT_FOUND' ? 'paket electron tidak terpasang / the electron package is not installed' : String(err instanceof Error ? err.message : err);
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return `berkas program tidak ada / binary not found: ${String(binary)}`;
  return null;
}

const problem = missingElectron(process.cwd());
if (problem !== null) {
  console.error(
    [
      '',
      'Berkas: program Electron belum terpasang di komputer ini, jadi `npm start` tidak dapat membuka aplikasi.',
      '  Buka Berkas di peramban:      npm run ui',
      '  Atau pasang Electron:         node node_modules/electron/install.js',
      '                                (perlu akses ke github.com; tanpa ELECTRON_SKIP_BINARY_DOWNLOAD)',
      '',
      "Berkas: Electron's binary is not installed on this computer, so `npm start` cannot open the app.",
      '  Open Berkas in a browser:     npm run ui',
      '  Or install Electron:          node node_modules/electron/install.js',
      '                                (needs access to github.com; without ELECTRON_SKIP_BINARY_DOWNLOAD)',
      '',
      `(${problem})`,
      '',
    ].join('\n'),
  );
  process.exitCode = 1;
}
