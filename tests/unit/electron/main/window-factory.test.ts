import type { WebContents } from 'electron';

type Listener = (...args: unknown[]) => unknown;

jest.mock('electron', () => {
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    openHandler: Listener | undefined;
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    onceListeners = new Map<string, Listener>();
    loaded: string[] = [];
    isShown = false;
    constructor(public options: unknown) {
      FakeBrowserWindow.created.push(this);
    }
    once(event: string, listener: Listener) {
      this.onceListeners.set(event, listener);
      return this;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {
      this.isShown = true;
    }
  }
  return {
    BrowserWindow: FakeBrowserWindow,
    FakeWebContents,
    shell: { openExternal: jest.fn(() => Promise.resolve()) },
    screen: { getPrimaryDisplay: jest.fn(() => ({ workAreaSize: { width: 1366, height: 728 } })) },
  };
});

import { createWindow, hardenWebContents, initialSize, lockWebContents, secureWebPreferences, windowOptions } from '../../../../electron/main/window-factory';
import { appEntryUrl, appOrigin } from '../../../../electron/main/origins';

interface FakeContents {
  listeners: Map<string, Listener[]>;
  openHandler: Listener | undefined;
  emit(event: string, ...args: unknown[]): void;
}
interface FakeWindow {
  options: { webPreferences: unknown; width: number; height: number; show: boolean };
  webContents: FakeContents;
  onceListeners: Map<string, Listener>;
  loaded: string[];
  isShown: boolean;
}
const electron = jest.requireMock('electron') as {
  BrowserWindow: { created: FakeWindow[] };
  FakeWebContents: new () => FakeContents;
  shell: { openExternal: jest.Mock };
  screen: { getPrimaryDisplay: jest.Mock };
};

const navigation = (url: string) => ({ url, preventDefault: jest.fn() });
const trusted = [appOrigin];

let warn: jest.SpyInstance;
beforeEach(() => {
  electron.BrowserWindow.created.length = 0;
  electron.shell.openExternal.mockClear();
  // Refused links are logged; keep the test output for failures.
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('secureWebPreferences', () => {
  it('is exactly the security checklist, nothing more, nothing less', () => {
    expect(secureWebPreferences('/app/.vite/build/preload.js')).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/.vite/build/preload.js',
    });
  });
});

describe('window size', () => {
  it('is 1280×720 (min 1024×640) on a 1366×768 screen less its taskbar', () => {
    const options = windowOptions('/p.js', { width: 1366, height: 728 });
    expect(options).toMatchObject({ width: 1280, height: 720, minWidth: 1024, minHeight: 640, show: false, title: 'Berkas' });
  });

  it('shrinks to a smaller work area, minimum included', () => {
    expect(initialSize({ width: 1024, height: 600 })).toEqual({ width: 1024, height: 600 });
    expect(windowOptions('/p.js', { width: 1000, height: 600 })).toMatchObject({ width: 1000, height: 600, minWidth: 1000, minHeight: 600 });
  });
});

describe('createWindow', () => {
  it('creates the window with the secure preferences, loads the app page and shows when ready', () => {
    createWindow({ preload: '/app/preload.js', entryUrl: appEntryUrl, trustedOrigins: trusted });
    const win = electron.BrowserWindow.created[0] as FakeWindow;
    expect(win.options.webPreferences).toStrictEqual(secureWebPreferences('/app/preload.js'));
    expect(win.loaded).toEqual([appEntryUrl]);
    expect(win.isShown).toBe(false);
    win.onceListeners.get('ready-to-show')?.();
    expect(win.isShown).toBe(true);
  });

  it('refuses to load anything but the app itself', () => {
    expect(() => createWindow({ preload: '/p.js', entryUrl: 'https://example.com/', trustedOrigins: trusted })).toThrow('hanya memuat halaman aplikasi');
    expect(() => createWindow({ preload: '/p.js', entryUrl: 'file:///tmp/index.html', trustedOrigins: trusted })).toThrow();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });

  it('blocks navigation out of the app and hands safe https links to the browser', () => {
    createWindow({ preload: '/p.js', entryUrl: appEntryUrl, trustedOrigins: trusted });
    const contents = (electron.BrowserWindow.created[0] as FakeWindow).webContents;

    const inside = navigation('berkas://app/index.html#/laporan');
    contents.emit('will-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();

    const https = navigation('https://jdih.jambiprov.go.id/');
    contents.emit('will-navigate', https);
    expect(https.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://jdih.jambiprov.go.id/');

    electron.shell.openExternal.mockClear();
    for (const url of ['file:///etc/passwd', 'http://example.com/', 'javascript:alert(1)', 'https://127.0.0.1/']) {
      const hostile = navigation(url);
      contents.emit('will-navigate', hostile);
      expect(hostile.preventDefault).toHaveBeenCalled();
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('blocks redirects out of the app without opening them', () => {
    createWindow({ preload: '/p.js', entryUrl: appEntryUrl, trustedOrigins: trusted });
    const contents = (electron.BrowserWindow.created[0] as FakeWindow).webContents;
    const redirect = navigation('https://example.com/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window; only a safe https one is opened outside', () => {
    createWindow({ preload: '/p.js', entryUrl: appEntryUrl, trustedOrigins: trusted });
    const contents = (electron.BrowserWindow.created[0] as FakeWindow).webContents;
    for (const url of ['https://example.com/panduan', 'berkas://app/index.html', 'file:///C:/x.exe', 'ms-msdt:/id x', 'about:blank']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://example.com/panduan']]);
  });

  it('refuses to attach a <webview>', () => {
    createWindow({ preload: '/p.js', entryUrl: appEntryUrl, trustedOrigins: trusted });
    const contents = (electron.BrowserWindow.created[0] as FakeWindow).webContents;
    const event = { preventDefault: jest.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenWebContents', () => {
  it('survives a browser that cannot be opened', async () => {
    const contents = new electron.FakeWebContents();
    const openExternal = jest.fn(() => Promise.reject(new Error('no browser')));
    hardenWebContents(contents as unknown as WebContents, trusted, openExternal);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(warn).toHaveBeenCalledWith('[berkas] peramban tidak dapat dibuka:', expect.any(Error));
  });
});

describe('lockWebContents (any web contents, from app web-contents-created)', () => {
  it('refuses navigation, redirects, webviews and windows without opening anything', () => {
    const contents = new electron.FakeWebContents();
    lockWebContents(contents as unknown as WebContents, trusted);
    const out = navigation('https://example.com/');
    contents.emit('will-navigate', out);
    const redirect = navigation('https://example.com/');
    contents.emit('will-redirect', redirect);
    const inside = navigation('berkas://app/index.html');
    contents.emit('will-navigate', inside);
    const webview = { preventDefault: jest.fn() };
    contents.emit('will-attach-webview', webview);
    expect(out.preventDefault).toHaveBeenCalled();
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});
