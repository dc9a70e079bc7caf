import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * tools/check-electron.mjs, `npm start`'s prestart, run as npm runs it: a
 * child process in a project folder. Each case builds a project whose
 * node_modules/electron behaves as Electron's own index.js does in that
 * situation (binary downloaded, download skipped, package absent).
 */
const root = path.resolve(__dirname, '..', '..', '..');
const script = path.join(root, 'tools', 'check-electron.mjs');

/** What Electron's own index.js says about this checkout: the binary's path, or a throw when it was never downloaded. */
const isElectronHere = (() => {
  try {
    const binary: unknown = jest.requireActual('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
})();

function run(cwd: string) {
  return spawnSync(process.execPath, [script], { cwd, encoding: 'utf8', timeout: 30_000 });
}

function expectAdviceInBothLanguages(stderr: string): void {
  expect(stderr).toContain('Electron belum terpasang');
  expect(stderr).toContain("Electron's binary is not installed");
  expect(stderr).toContain('Buka Berkas di peramban:      npm run ui');
  expect(stderr).toContain('Open Berkas in a browser:     npm run ui');
}

describe('tools/check-electron.mjs', () => {
  let work: string;
  beforeEach(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-check-electron-'));
    await fs.writeFile(path.join(work, 'package.json'), JSON.stringify({ name: 'proyek-uji', private: true }));
  });
  afterEach(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  async function fakeElectron(indexJs: string): Promise<void> {
    const dir = path.join(work, 'node_modules', 'electron');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
    await fs.writeFile(path.join(dir, 'index.js'), indexJs);
  }

  it('lets npm start go on, silently, when the binary is in place', async () => {
    const binary = path.join(work, 'electron-binary');
    await fs.writeFile(binary, '');
    await fakeElectron(`module.exports = ${JSON.stringify(binary)};`);
    const result = run(work);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('stops with the advice when the download was skipped (what electron says then)', async () => {
    await fakeElectron("throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');");
    const result = run(work);
    expect(result.status).toBe(1);
    expectAdviceInBothLanguages(result.stderr);
    expect(result.stderr).toContain('Electron failed to install correctly');
  });

  it('stops when the path electron gives names no file', async () => {
    await fakeElectron(`module.exports = ${JSON.stringify(path.join(work, 'dist', 'electron'))};`);
    const result = run(work);
    expect(result.status).toBe(1);
    expectAdviceInBothLanguages(result.stderr);
    expect(result.stderr).toContain(path.join(work, 'dist', 'electron'));
  });

  it('stops when the electron package is not installed at all', () => {
    const result = run(work);
    expect(result.status).toBe(1);
    expectAdviceInBothLanguages(result.stderr);
    expect(result.stderr).toContain('the electron package is not installed');
  });

  it('is npm start’s prestart, and judges this checkout as Electron itself would', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.prestart).toBe('node tools/check-electron.mjs');
    expect(run(root).status).toBe(isElectronHere ? 0 : 1);
  });

  // Where the binary exists, npm start would open the app: nothing to prove here then.
  (isElectronHere ? it.skip : it)('makes npm start itself stop with the advice where the binary is missing', () => {
    const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).not.toBe(0);
    expectAdviceInBothLanguages(result.stderr);
  });
});
