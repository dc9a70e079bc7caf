import path from 'node:path';
import os from 'node:os';
import { existsSync, promises as fs } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { channels } from '../../core/api/channels';
import { contentSecurityPolicy } from '../../core/api/csp';

/**
 * Two checks of the Electron app as it ships, main + preload + renderer built
 * exactly as Forge's Vite plugin builds them:
 * 1. Always: the bundled main.js runs in Node under a stand-in for the
 *    `electron` module, so a bundling fault (a library that breaks when
 *    bundled, a module left for node_modules, which the package lacks) fails
 *    here rather than on an officer's machine.
 * 2. Where Electron's binary is installed and a display exists: the real app
 *    (`electron .`, as `npm start`) with Playwright, checked from inside the
 *    window. Elsewhere it is reported as skipped; the same UI is covered through
 *    `berkas ui` by the ui project. Not the packaged app: its fuses turn off
 *    --inspect, which Playwright needs to drive the main process.
 */
const root = path.resolve(__dirname, '..', '..');

function electronBinary(): { path: string } | { missing: string } {
  let binary: string;
  try {
    // electron's index.js gives the binary's path, and throws when the download was skipped.
    binary = jest.requireActual<string>('electron');
  } catch {
    return { missing: 'Electron binary tidak tersedia di mesin ini: uji Electron dilewati' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { missing: 'Electron binary tidak tersedia di mesin ini: uji Electron dilewati' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'Electron tersedia tetapi tidak ada layar (DISPLAY): uji Electron dilewati; jalankan dengan xvfb-run' };
  }
  return { path: binary };
}

/**
 * Builds {out}/build/{main,preload}.js and {out}/renderer/main_window with the
 * plugin's own config generator and forge.config.ts's plugin settings (out:
 * .vite by default, where `electron .` looks). In a child process: Vite loads
 * its config files with dynamic import(), which Jest's module sandbox lacks.
 */
const buildScript = `
const path = require('node:path');
const { createJiti } = require('jiti');
const vite = require('vite');
const ViteConfig = require('@electron-forge/plugin-vite/dist/ViteConfig').default;
const out = process.argv[1];
(async () => {
  const jiti = createJiti(require.resolve('@electron-forge/core/package.json'));
  const forge = await jiti.import(path.resolve('forge.config.ts'), { default: true });
  const plugin = forge.plugins.find((p) => p.name === 'vite');
  const generator = new ViteConfig(plugin.config, process.cwd(), true);
  for (const config of await generator.getBuildConfigs()) {
    if (out) config.build.outDir = path.join(out, 'build');
    await vite.build({ configFile: false, logLevel: 'error', ...config });
  }
  for (const config of await generator.getRendererConfig()) {
    if (out) config.build.outDir = path.join(out, 'renderer', 'main_window');
    await vite.build({ configFile: false, logLevel: 'error', ...config });
  }
})().catch((err) => { console.error(err); process.exit(1); });
`;

function buildBundles(out?: string): void {
  const build = spawnSync(process.execPath, ['-e', buildScript, ...(out ? [out] : [])], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, VITE_CJS_IGNORE_WARNING: 'true' },
  });
  if (build.status !== 0) throw new Error(`Bundel Electron gagal dibangun:\n${build.stdout}\n${build.stderr}`);
}

/**
 * Runs {out}/build/main.js in plain Node with a stand-in `electron` module that
 * records what the app does with it, lets it start, drives IPC, the berkas://
 * protocol and quit the way Electron would, and prints what it saw as JSON.
 */
const standInScript = `
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { EventEmitter } = require('node:events');
const [out, dataDir, appPath] = process.argv.slice(1);
const seen = { handlers: {}, protocols: {}, windows: [], quits: 0 };
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (name) => (name === 'userData' ? seen.userData : dataDir),
  setPath: (name, value) => { if (name === 'userData') seen.userData = value; },
  getAppPath: () => appPath,
  getVersion: () => '0.0.0-test',
  commandLine: { getSwitchValue: (name) => (name === 'data-dir' ? dataDir : '') },
  enableSandbox: () => { seen.isSandboxEnabled = true; },
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise((resolve) => setImmediate(resolve)),
  quit: () => { seen.quits += 1; },
  exit: (code) => { seen.exitCode = code; },
});
class WebContents extends EventEmitter { setWindowOpenHandler(handler) { this.openHandler = handler; } }
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.options = options; this.webContents = new WebContents(); seen.windows.push(this); app.emit('web-contents-created', {}, this.webContents); }
  static getAllWindows() { return seen.windows; }
  loadURL(url) { this.url = url; return Promise.resolve(); }
  show() {}
}
const electron = {
  app, BrowserWindow,
  dialog: { showErrorBox: (title, message) => { seen.errorBox = title + ': ' + message; }, showMessageBox: async () => ({}) },
  ipcMain: { handle: (channel, fn) => { seen.handlers[channel] = fn; }, removeHandler: () => {}, on: () => {} },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => { seen.menu = menu; } },
  protocol: { registerSchemesAsPrivileged: (schemes) => { seen.privileged = schemes; }, handle: (scheme, fn) => { seen.protocols[scheme] = fn; } },
  session: { defaultSession: { setPermissionRequestHandler: (fn) => { seen.permissionRequest = fn; }, setPermissionCheckHandler: () => {}, setDevicePermissionHandler: () => {}, on: () => {}, webRequest: { onHeadersReceived: () => {} } } },
  screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1366, height: 728 } }) },
  shell: { openExternal: async () => {} },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: () => { throw new Error('unavailable'); }, decryptString: () => { throw new Error('unavailable'); } },
};
const load = Module._load;
Module._load = function (request, parent, isMain) { return request === 'electron' ? electron : load.call(this, request, parent, isMain); };
require(path.join(out, 'build', 'main.js'));
(async () => {
  for (let i = 0; i < 400 && seen.windows.length === 0 && seen.exitCode === undefined; i++) await new Promise((r) => setTimeout(r, 25));
  const report = { isSandboxEnabled: seen.isSandboxEnabled, privileged: seen.privileged, userData: seen.userData, errorBox: seen.errorBox };
  const win = seen.windows[0];
  report.window = win && { url: win.url, options: win.options, hasOpenHandler: typeof win.webContents.openHandler === 'function' };
  report.channels = Object.keys(seen.handlers);
  report.menu = seen.menu && seen.menu.map((item) => item.label);
  const appFrame = { senderFrame: { url: 'berkas://app/index.html', parent: null } };
  const call = (channel, payload, event = appFrame) => seen.handlers['berkas:' + channel](event, payload);
  if (win) {
    report.appInfo = await call('appInfo', {});
    report.firstRun = await call('getSettings', {});
    report.profiles = await call('listProfiles', {});
    report.foreign = await call('appInfo', {}, { senderFrame: { url: 'https://evil.example.com/', parent: null } });
    report.malformed = await call('checkNip', { nip: 42 });
    const settings = { opd: { name: 'Dinas Pendidikan Kota Jambi', code: 'DISDIK', profileId: 'jambi' }, officer: { name: 'Siti Aminah', nip: '198503122010011003', jabatan: 'Analis', pangkatGolongan: 'Penata (III/c)' }, serverUrl: '', language: 'id' };
    report.saved = await call('saveSettings', settings);
    report.reloaded = await call('getSettings', {});
    const file = path.join(seen.userData, 'settings.json');
    report.settingsFile = fs.existsSync(file) ? { mode: fs.statSync(file).mode & 0o777, content: JSON.parse(fs.readFileSync(file, 'utf8')) } : null;
    report.pages = {};
    for (const url of ['berkas://app/', 'berkas://app/laporan', 'berkas://app/..%2F..%2Fbuild%2Fmain.js', 'berkas://app/assets/tidak-ada.js']) {
      const response = await seen.protocols.berkas(new Request(url));
      report.pages[url] = { status: response.status, csp: response.headers.get('content-security-policy'), body: (await response.text()).slice(0, 4000) };
    }
    const denied = [];
    seen.permissionRequest({}, 'media', (granted) => denied.push(granted), {});
    report.permission = denied;
    let held = 0;
    app.emit('before-quit', { preventDefault: () => { held += 1; } });
    for (let i = 0; i < 200 && seen.quits === 0; i++) await new Promise((r) => setTimeout(r, 10));
    report.quit = { held, quits: seen.quits };
  }
  process.stdout.write('BERKAS-REPORT ' + JSON.stringify(report) + '\\n');
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
`;

describe('the bundled main process, under a stand-in for Electron', () => {
  let out: string;
  let dataDir: string;
  let report: Record<string, unknown> & {
    window?: { url: string; options: { webPreferences: Record<string, unknown>; width: number; height: number }; hasOpenHandler: boolean };
    pages?: Record<string, { status: number; csp: string | null; body: string }>;
  };

  beforeAll(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-bundle-'));
    dataDir = path.join(out, 'data');
    buildBundles(out);
    const run = spawnSync(process.execPath, ['-e', standInScript, out, dataDir, root], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    const line = run.stdout.split('\n').find((l) => l.startsWith('BERKAS-REPORT '));
    if (run.status !== 0 || !line) throw new Error(`main.js tidak berjalan:\n${run.stdout}\n${run.stderr}`);
    report = JSON.parse(line.slice('BERKAS-REPORT '.length));
  }, 240_000);

  afterAll(async () => {
    if (out) await fs.rm(out, { recursive: true, force: true });
  });

  it('starts without an error, in the folder given by --data-dir', () => {
    expect(report.errorBox).toBeUndefined();
    expect(report.userData).toBe(dataDir);
  });

  it('enables the sandbox and registers berkas:// as privileged before ready', () => {
    expect(report.isSandboxEnabled).toBe(true);
    expect(report.privileged).toEqual([{ scheme: 'berkas', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens one window on berkas://app with the secure web preferences', () => {
    expect(report.window?.url).toBe('berkas://app/index.html');
    expect(report.window?.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: path.join(out, 'build', 'preload.js'),
    });
    expect(report.window?.hasOpenHandler).toBe(true);
    expect(existsSync(path.join(out, 'build', 'preload.js'))).toBe(true);
  });

  it('binds every channel and answers from the real services', () => {
    expect((report.channels as string[]).sort()).toEqual(channels.map((c) => `berkas:${c}`).sort());
    expect(report.appInfo).toMatchObject({ ok: true, value: { name: 'Berkas', transport: 'electron', dataDir } });
    expect(report.firstRun).toEqual({ ok: true, value: null });
    expect(report.profiles).toMatchObject({ ok: true });
    expect((report.profiles as { value: { id: string }[] }).value.map((p) => p.id).sort()).toEqual(['banjarmasin', 'jambi', 'jember', 'pontianak', 'prabumulih']);
  });

  it('refuses a foreign sender and a malformed payload', () => {
    expect(report.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(report.malformed).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('keeps settings in electron-store: settings.json, owner-only, the same format as the CLI', () => {
    expect(report.saved).toMatchObject({ ok: true });
    expect((report.reloaded as { value: unknown }).value).toEqual((report.saved as { value: unknown }).value);
    expect(report.settingsFile).toEqual({ mode: 0o600, content: (report.saved as { value: unknown }).value });
  });

  it('serves the built renderer over berkas:// with the CSP, and nothing outside it', () => {
    const pages = report.pages ?? {};
    expect(pages['berkas://app/']).toMatchObject({ status: 200, csp: contentSecurityPolicy });
    expect(pages['berkas://app/']?.body).toContain('<title>Berkas</title>');
    expect(pages['berkas://app/laporan']?.body).toContain('<title>Berkas</title>');
    expect(pages['berkas://app/..%2F..%2Fbuild%2Fmain.js']).toMatchObject({ status: 404, csp: contentSecurityPolicy });
    expect(pages['berkas://app/assets/tidak-ada.js']?.status).toBe(404);
  });

  it('denies permissions, and closes the workspace before quitting', () => {
    expect(report.permission).toEqual([false]);
    expect(report.menu).toEqual(['Berkas', 'Sunting', 'Tampilan', 'Bantuan']);
    expect(report.quit).toEqual({ held: 1, quits: 1 });
  });
});

const binary = electronBinary();
const describeWithElectron = 'path' in binary ? describe : describe.skip;
if ('missing' in binary) console.warn(binary.missing);

describeWithElectron('missing' in binary ? `Berkas in Electron — ${binary.missing}` : 'Berkas in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    // Into .vite, where `electron .` (package.json main) finds it, as after `npm start`.
    buildBundles();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-e2e-'));
    app = await _electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [root, `--data-dir=${dataDir}`],
      cwd: root,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('opens one window titled Berkas, served from berkas://app', async () => {
    expect(await page.title()).toBe('Berkas');
    expect(page.url()).toMatch(/^berkas:\/\/app\//);
    expect(app.windows()).toHaveLength(1);
  });

  it('exposes window.berkas with exactly the verbs of the contract', async () => {
    const verbs = await page.evaluate(() => {
      const bridge = (window as unknown as { berkas: Record<string, unknown> }).berkas;
      return Object.keys(bridge).map((key) => [key, typeof bridge[key]]);
    });
    expect(verbs.map(([key]) => key).sort()).toEqual([...channels].sort());
    expect(new Set(verbs.map(([, type]) => type))).toEqual(new Set(['function']));
  });

  it('answers through IPC from the real services', async () => {
    const envelope = await page.evaluate(() => (window as unknown as { berkas: { appInfo(r: object): Promise<unknown> } }).berkas.appInfo({}));
    expect(envelope).toMatchObject({ ok: true, value: { name: 'Berkas', transport: 'electron', dataDir } });
  });

  it('gives the page no Node.js, no eval and no new windows', async () => {
    const probe = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      let isEvalBlocked = false;
      try {
        (0, eval)('1');
      } catch {
        isEvalBlocked = true;
      }
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        Buffer: typeof scope.Buffer,
        isEvalBlocked,
        // Not an https link: those are handed to the desktop browser, which a test must not open.
        opened: window.open('berkas://app/index.html') === null,
      };
    });
    expect(probe).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', isEvalBlocked: true, opened: true });
  });

  it('serves the page with the CSP header from the berkas:// protocol', async () => {
    const csp = await page.evaluate(async () => (await fetch('berkas://app/index.html')).headers.get('content-security-policy'));
    expect(csp).toBe(contentSecurityPolicy);
  });

  it('stays in the app when the page tries to navigate away', async () => {
    // file: is refused without opening anything (https would go to the desktop browser).
    await page.evaluate(() => {
      window.location.href = 'file:///etc/hostname';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^berkas:\/\/app\//);
  });
});

