import path from 'node:path';
import { existsSync } from 'node:fs';
import { dataDirFromSwitch, resolveAppPaths } from '../../../../electron/main/app-paths';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

describe('resolveAppPaths', () => {
  it('packaged: preload and renderer inside app.asar, assets and wasm as extra resources', () => {
    const paths = resolveAppPaths({
      isPackaged: true,
      resourcesPath: '/opt/Berkas/resources',
      appPath: '/opt/Berkas/resources/app.asar',
      mainDir: '/opt/Berkas/resources/app.asar/.vite/build',
      rendererName: 'main_window',
    });
    expect(paths).toEqual({
      preload: '/opt/Berkas/resources/app.asar/.vite/build/preload.js',
      rendererDir: '/opt/Berkas/resources/app.asar/.vite/renderer/main_window',
      assetsDir: '/opt/Berkas/resources/assets',
      wasmPath: '/opt/Berkas/resources/sql-wasm.wasm',
    });
  });

  it('under npm start: assets and the sql.js wasm come from the project folder, and they exist', () => {
    const paths = resolveAppPaths({ isPackaged: false, resourcesPath: '/unused', appPath: repo, mainDir: path.join(repo, '.vite', 'build'), rendererName: 'main_window' });
    expect(paths.assetsDir).toBe(path.join(repo, 'assets'));
    expect(existsSync(path.join(paths.assetsDir, 'profiles'))).toBe(true);
    expect(existsSync(paths.wasmPath)).toBe(true);
  });

  it('names the same extra resources that forge.config.ts packages', async () => {
    const { default: config } = await import('../../../../forge.config');
    const extra = config.packagerConfig?.extraResource as string[];
    const packaged = resolveAppPaths({ isPackaged: true, resourcesPath: '/r', appPath: '/r/app.asar', mainDir: '/r/app.asar/.vite/build', rendererName: 'main_window' });
    expect(extra.map((entry) => path.join('/r', path.basename(entry))).sort()).toEqual([packaged.assetsDir, packaged.wasmPath].sort());
    for (const entry of extra) expect(existsSync(path.join(repo, entry))).toBe(true);
  });
});

describe('dataDirFromSwitch', () => {
  it('is null without --data-dir, an absolute path with it', () => {
    expect(dataDirFromSwitch('', '/home/opd')).toBeNull();
    expect(dataDirFromSwitch('   ', '/home/opd')).toBeNull();
    expect(dataDirFromSwitch('/media/flashdisk/berkas-data', '/home/opd')).toBe('/media/flashdisk/berkas-data');
    expect(dataDirFromSwitch('data', '/media/flashdisk')).toBe('/media/flashdisk/data');
  });
});
