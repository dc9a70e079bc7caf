import path from 'node:path';
import os from 'node:os';
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { channels } from '../../core/api/channels';
import { contentSecurityPolicy } from '../../core/api/csp';
import { buildElectronBundles, repoRoot } from '../tools/electron-bundle';

/**
 * The Electron layer as it ships, without Electron's binary: main, preload
 * and renderer built with Forge's Vite plugin (tests/tools/electron-bundle.ts),
 * then the bundled main.js and preload.js run in plain Node under a stand-in
 * for the `electron` module that records what the app asks of it. A bundling
 * fault (a library that breaks when bundled, a module left for node_modules,
 * which the package lacks, a define Forge did not supply) or a weakened
 * default (a channel without the sender check, a window not from the secure
 * factory) fails here rather than on an officer's machine.
 */

/** Runs {out}/build/main.js under the stand-in, drives it the way Electron would and prints what it saw. */
const mainStandIn = `
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { EventEmitter } = require('node:events');
const [out, dataDir, appPath] = process.argv.slice(1);
const seen = { handlers: {}, handleCalls: 0, onChannels: new Set(), protocols: {}, windows: [], quits: 0, isReady: false, opened: [] };
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (name) => (name === 'userData' ? seen.userData : dataDir),
  setPath: (name, value) => { if (name === 'userData') seen.userData = value; },
  getAppPath: () => appPath,
  getVersion: () => '0.0.0-test',
  commandLine: { getSwitchValue: (name) => (name === 'data-dir' ? dataDir : '') },
  enableSandbox: () => { seen.sandboxBeforeReady = !seen.isReady; },
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise((resolve) => setImmediate(() => { seen.isReady = true; resolve(); })),
  quit: () => { seen.quits += 1; },
  exit: (code) => { seen.exitCode = code; },
});
class WebContents extends EventEmitter { setWindowOpenHandler(handler) { this.openHandler = handler; } }
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.options = options; this.webContents = new WebContents(); seen.windows.push(this); app.emit('web-contents-created', {}, this.webContents); }
  static getAllWindows() { return seen.windows; }
  loadURL(url) { this.url = url; return Promise.resolve(); }
  show() { this.shown = true; }
}
const electron = {
  app, BrowserWindow,
  dialog: { showErrorBox: (title, message) => { seen.errorBox = title + ': ' + message; }, showMessageBox: async () => ({}) },
  ipcMain: {
    handle: (channel, fn) => { seen.handleCalls += 1; seen.handlers[channel] = fn; },
    removeHandler: () => {},
    on: (channel) => { seen.onChannels.add(channel); },
    removeAllListeners: (channel) => { seen.onChannels.delete(channel); },
  },
  Menu: { buildFromTemplate: (template) => ({ built: template }), setApplicationMenu: (menu) => { seen.menu = menu; } },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => { seen.privileged = schemes; seen.privilegedBeforeReady = !seen.isReady; },
    handle: (scheme, fn) => { seen.protocols[scheme] = fn; },
  },
  session: { defaultSession: { setPermissionRequestHandler: (fn) => { seen.permissionRequest = fn; }, setPermissionCheckHandler: () => {}, setDevicePermissionHandler: () => {}, on: () => {}, webRequest: { onHeadersReceived: () => {} } } },
  screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1366, height: 728 } }) },
  shell: { openExternal: async (url) => { seen.opened.push(url); } },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: () => { throw new Error('unavailable'); }, decryptString: () => { throw new Error('unavailable'); } },
};
const load = Module._load;
Module._load = function (request, parent, isMain) { return request === 'electron' ? electron : load.call(this, request, parent, isMain); };
require(path.join(out, 'build', 'main.js'));

/** What the window's listeners do with a navigation to url: how many of them refused it. */
function refusals(contents, eventName, url) {
  let prevented = 0;
  for (const listener of contents.listeners(eventName)) listener({ url, preventDefault: () => { prevented += 1; } });
  return prevented;
}

(async () => {
  for (let i = 0; i < 400 && seen.windows.length === 0 && seen.exitCode === undefined; i++) await new Promise((r) => setTimeout(r, 25));
  const report = { sandboxBeforeReady: seen.sandboxBeforeReady, privileged: seen.privileged, privilegedBeforeReady: seen.privilegedBeforeReady, userData: seen.userData, errorBox: seen.errorBox, handleCalls: seen.handleCalls };
  const win = seen.windows[0];
  report.windows = seen.windows.length;
  if (win) {
    const { webPreferences, ...rest } = win.options;
    report.window = { url: win.url, webPreferences, options: rest };
    win.emit('ready-to-show');
    report.window.shownWhenReady = win.shown === true;
    const contents = win.webContents;
    report.navigation = {
      outside: refusals(contents, 'will-navigate', 'https://peraturan.go.id/'),
      fileUrl: refusals(contents, 'will-navigate', 'file:///etc/passwd'),
      inside: refusals(contents, 'will-navigate', 'berkas://app/laporan'),
      redirectOutside: refusals(contents, 'will-redirect', 'https://evil.example.com/'),
      webview: refusals(contents, 'will-attach-webview', 'berkas://app/'),
    };
    report.newWindow = { https: contents.openHandler({ url: 'https://jdih.go.id/' }), javascript: contents.openHandler({ url: 'javascript:alert(1)' }) };
    await new Promise((r) => setTimeout(r, 10));
    report.openedOutside = seen.opened;
  }
  report.channels = Object.keys(seen.handlers);
  report.onChannels = [...seen.onChannels];
  report.menu = seen.menu && seen.menu.built && seen.menu.built.map((item) => item.label);
  report.protocols = Object.keys(seen.protocols);
  const call = (channel, payload, event) => seen.handlers['berkas:' + channel](event, payload);
  const appFrame = { senderFrame: { url: 'berkas://app/index.html', parent: null } };
  if (win) {
    // Every channel, from a foreign page, from the app's own origin but inside an iframe, and from a frame that is gone.
    const senders = {
      foreign: { senderFrame: { url: 'https://evil.example.com/', parent: null } },
      iframe: { senderFrame: { url: 'berkas://app/index.html', parent: {} } },
      gone: { senderFrame: null },
    };
    report.refusedSenders = {};
    for (const [kind, event] of Object.entries(senders)) {
      report.refusedSenders[kind] = {};
      for (const channel of Object.keys(seen.handlers)) {
        const answer = await seen.handlers[channel](event, {});
        report.refusedSenders[kind][channel] = answer && answer.ok === false ? answer.error.code : 'ANSWERED';
      }
    }
    report.appInfo = await call('appInfo', {}, appFrame);
    report.firstRun = await call('getSettings', {}, appFrame);
    report.profiles = await call('listProfiles', {}, appFrame);
    report.malformed = await call('checkNip', { nip: 42 }, appFrame);
    const settings = { opd: { name: 'Dinas Pendidikan Kota Jambi', code: 'DISDIK', profileId: 'jambi' }, officer: { name: 'Siti Aminah', nip: '198503122010011003', jabatan: 'Analis', pangkatGolongan: 'Penata (III/c)' }, serverUrl: '', language: 'id' };
    report.saved = await call('saveSettings', settings, appFrame);
    report.reloaded = await call('getSettings', {}, appFrame);
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

/** Runs {out}/build/preload.js under a stand-in with contextBridge and ipcRenderer, as the sandboxed preload runs. */
const preloadStandIn = `
const Module = require('node:module');
const path = require('node:path');
const [out] = process.argv.slice(1);
const seen = { exposed: {}, invoked: [], required: [] };
const electron = {
  contextBridge: { exposeInMainWorld: (key, api) => { seen.exposed[key] = api; } },
  ipcRenderer: { invoke: async (channel, ...args) => { seen.invoked.push([channel, ...args]); return { ok: true, value: 'dari main' }; } },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  seen.required.push(request);
  return request === 'electron' ? electron : load.call(this, request, parent, isMain);
};
require(path.join(out, 'build', 'preload.js'));
(async () => {
  const bridge = seen.exposed.berkas;
  const report = {
    keys: Object.keys(seen.exposed),
    verbs: bridge ? Object.keys(bridge).map((k) => [k, typeof bridge[k]]) : [],
    isFrozen: Object.isFrozen(bridge),
    required: seen.required.filter((r) => !r.endsWith('preload.js')),
  };
  report.answer = await bridge.appInfo({ satu: 1 }, 'argumen kedua diabaikan');
  report.invoked = seen.invoked;
  process.stdout.write('BERKAS-REPORT ' + JSON.stringify(report) + '\\n');
})().catch((err) => { console.error(err); process.exit(1); });
`;

function runStandIn(script: string, args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['-e', script, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  const line = run.stdout.split('\n').find((l) => l.startsWith('BERKAS-REPORT '));
  if (run.status !== 0 || !line) throw new Error(`bundel tidak berjalan:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('BERKAS-REPORT '.length)) as Record<string, unknown>;
}

type Answer = { ok: boolean; value?: unknown; error?: { code: string } };

describe('the Electron bundles built with the Forge Vite configs, under a stand-in for Electron', () => {
  let out: string;
  let dataDir: string;
  let main: Record<string, unknown> & {
    window?: { url: string; webPreferences: Record<string, unknown>; options: Record<string, unknown>; shownWhenReady: boolean };
    navigation?: Record<string, number>;
    newWindow?: Record<string, { action: string }>;
    refusedSenders?: Record<string, Record<string, string>>;
    pages?: Record<string, { status: number; csp: string | null; body: string }>;
  };
  let preload: { keys: string[]; verbs: [string, string][]; isFrozen: boolean; required: string[]; answer: unknown; invoked: unknown[][] };

  beforeAll(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-bundle-'));
    dataDir = path.join(out, 'data');
    buildElectronBundles(out);
    main = runStandIn(mainStandIn, [out, dataDir, repoRoot]);
    preload = runStandIn(preloadStandIn, [out]) as typeof preload;
  }, 300_000);

  afterAll(async () => {
    if (out) await fs.rm(out, { recursive: true, force: true });
  });

  it('builds main.js and preload.js with Forge’s defines in place', () => {
    const bundle = readFileSync(path.join(out, 'build', 'main.js'), 'utf8');
    expect(existsSync(path.join(out, 'build', 'preload.js'))).toBe(true);
    // MAIN_WINDOW_VITE_NAME is replaced by the renderer's name; only the guarded dev-server URL may stay free.
    expect(bundle).not.toContain('MAIN_WINDOW_VITE_NAME');
    expect(bundle).toContain('"main_window"');
  });

  it('starts without an error, in the folder given by --data-dir', () => {
    expect(main.errorBox).toBeUndefined();
    expect(main.userData).toBe(dataDir);
  });

  it('enables the sandbox and registers berkas:// as privileged before ready, then serves it', () => {
    expect(main.sandboxBeforeReady).toBe(true);
    expect(main.privilegedBeforeReady).toBe(true);
    expect(main.privileged).toEqual([{ scheme: 'berkas', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(main.protocols).toEqual(['berkas']);
  });

  it('opens one window from the secure factory: exact web preferences, shown when ready', () => {
    expect(main.windows).toBe(1);
    expect(main.window?.url).toBe('berkas://app/index.html');
    expect(main.window?.webPreferences).toEqual({
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
    expect(main.window?.options).toEqual({ width: 1280, height: 720, minWidth: 1024, minHeight: 640, title: 'Berkas', show: false, backgroundColor: '#ffffff' });
    expect(main.window?.shownWhenReady).toBe(true);
  });

  it('locks the window in: no navigation, redirect or webview out of the app; https links go to the browser, never a new window', () => {
    expect(main.navigation).toEqual({ outside: 2, fileUrl: 2, inside: 0, redirectOutside: 2, webview: 2 });
    expect(main.newWindow).toEqual({ https: { action: 'deny' }, javascript: { action: 'deny' } });
    expect(main.openedOutside).toEqual(['https://peraturan.go.id/', 'https://jdih.go.id/']);
  });

  it('binds every contract channel once with ipcMain.handle, and nothing with ipcMain.on', () => {
    expect((main.channels as string[]).sort()).toEqual(channels.map((c) => `berkas:${c}`).sort());
    expect(main.handleCalls).toBe(channels.length);
    // electron-store's own unchecked channel is closed again (electron/main/electron-settings-store.ts).
    expect(main.onChannels).toEqual([]);
  });

  it('checks the sender on every channel: a foreign page, an iframe and a vanished frame are refused', () => {
    for (const kind of ['foreign', 'iframe', 'gone']) {
      const answers = main.refusedSenders?.[kind] ?? {};
      expect(Object.keys(answers).sort()).toEqual(channels.map((c) => `berkas:${c}`).sort());
      expect(new Set(Object.values(answers))).toEqual(new Set(['FORBIDDEN_SENDER']));
    }
  });

  it('answers the app’s own page from the real services and refuses a malformed payload', () => {
    expect(main.appInfo).toMatchObject({ ok: true, value: { name: 'Berkas', transport: 'electron', dataDir } });
    expect(main.firstRun).toEqual({ ok: true, value: null });
    const profiles = main.profiles as Answer & { value: { id: string }[] };
    expect(profiles.ok).toBe(true);
    expect(profiles.value.map((p) => p.id).sort()).toEqual(['banjarmasin', 'jambi', 'jember', 'pontianak', 'prabumulih']);
    expect(main.malformed).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('keeps settings in electron-store: settings.json, owner-only, the same format as the CLI', () => {
    expect(main.saved).toMatchObject({ ok: true });
    expect((main.reloaded as Answer).value).toEqual((main.saved as Answer).value);
    expect(main.settingsFile).toEqual({ mode: 0o600, content: (main.saved as Answer).value });
  });

  it('serves the built renderer over berkas:// with the CSP, and nothing outside it', () => {
    const pages = main.pages ?? {};
    expect(pages['berkas://app/']).toMatchObject({ status: 200, csp: contentSecurityPolicy });
    expect(pages['berkas://app/']?.body).toContain('<title>Berkas</title>');
    expect(pages['berkas://app/laporan']?.body).toContain('<title>Berkas</title>');
    expect(pages['berkas://app/..%2F..%2Fbuild%2Fmain.js']).toMatchObject({ status: 404, csp: contentSecurityPolicy });
    expect(pages['berkas://app/assets/tidak-ada.js']?.status).toBe(404);
  });

  it('builds the menu, denies permissions, and closes the workspace before quitting', () => {
    expect(main.menu).toEqual(['Berkas', 'Sunting', 'Tampilan', 'Bantuan']);
    expect(main.permission).toEqual([false]);
    expect(main.quit).toEqual({ held: 1, quits: 1 });
  });

  it('preload: exposes only window.berkas, frozen, one verb per channel, each forwarding exactly one argument', () => {
    expect(preload.keys).toEqual(['berkas']);
    expect(preload.required).toEqual(['electron']);
    expect(preload.isFrozen).toBe(true);
    expect(preload.verbs.map(([k]) => k).sort()).toEqual([...channels].sort());
    expect(new Set(preload.verbs.map(([, type]) => type))).toEqual(new Set(['function']));
    expect(preload.invoked).toEqual([['berkas:appInfo', { satu: 1 }]]);
    expect(preload.answer).toEqual({ ok: true, value: 'dari main' });
  });
});
