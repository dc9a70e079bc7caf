import { BrowserWindow, screen, shell, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron';
import { isAllowedNavigation } from './origins';
import { toSafeExternalUrl } from './external-url';

/**
 * Electron's security checklist as one object, used for every window: the page
 * runs isolated and sandboxed with no Node.js anywhere (main frame, workers,
 * sub-frames), same-origin policy on, no mixed content, no <webview>. Its only
 * way out is the preload's window.berkas. Spellcheck is off because Chromium
 * would download dictionaries from Google's servers.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    preload,
  };
}

export const preferredSize = { width: 1280, height: 720 } as const;
export const minimumSize = { width: 1024, height: 640 } as const;

/** The first window size: 1280×720, shrunk to the screen's work area (1366×768 less a taskbar) when smaller. */
export function initialSize(workArea: { width: number; height: number }): { width: number; height: number } {
  return {
    width: Math.min(preferredSize.width, Math.max(workArea.width, 1)),
    height: Math.min(preferredSize.height, Math.max(workArea.height, 1)),
  };
}

export function windowOptions(preload: string, workArea: { width: number; height: number }): BrowserWindowConstructorOptions {
  const size = initialSize(workArea);
  return {
    ...size,
    minWidth: Math.min(minimumSize.width, size.width),
    minHeight: Math.min(minimumSize.height, size.height),
    title: 'Berkas',
    // Shown on ready-to-show, so the officer never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preload),
  };
}

export type OpenExternal = (url: string) => Promise<void>;

function openOutside(raw: string, openExternal: OpenExternal): void {
  const safe = toSafeExternalUrl(raw);
  if (safe === null) {
    console.warn(`[berkas] tautan ditolak, tidak dibuka di peramban: ${raw.slice(0, 200)}`);
    return;
  }
  openExternal(safe).catch((err: unknown) => console.warn('[berkas] peramban tidak dapat dibuka:', err));
}

/**
 * Applies to one window's contents: no navigation or redirect out of the
 * app's origin, no new windows, no <webview>. A link to a safe https site is
 * handed to the officer's browser instead; anything else is dropped.
 */
export function hardenWebContents(contents: WebContents, trustedOrigins: readonly string[], openExternal: OpenExternal): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, trustedOrigins)) return;
    event.preventDefault();
    openOutside(event.url, openExternal);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, openExternal);
    return { action: 'deny' };
  });
}

/**
 * The catch-all for any web contents Electron creates, ours or not (set on
 * app 'web-contents-created'): the same refusals without opening anything, so
 * a contents that escaped the window factory is still locked in. The factory's
 * own handlers, registered after this, decide what a link opens.
 */
export function lockWebContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  const refuseOutside = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, trustedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', refuseOutside);
  contents.on('will-redirect', refuseOutside);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface WindowSpec {
  preload: string;
  /** berkas://app/index.html, or the Vite dev server under `npm start`. */
  entryUrl: string;
  trustedOrigins: readonly string[];
}

/** The one way Berkas creates a window. */
export function createWindow(spec: WindowSpec): BrowserWindow {
  if (!isAllowedNavigation(spec.entryUrl, spec.trustedOrigins)) {
    throw new Error(`Jendela Berkas hanya memuat halaman aplikasi sendiri, bukan ${spec.entryUrl}`);
  }
  const win = new BrowserWindow(windowOptions(spec.preload, screen.getPrimaryDisplay().workAreaSize));
  hardenWebContents(win.webContents, spec.trustedOrigins, (url) => shell.openExternal(url));
  win.once('ready-to-show', () => win.show());
  win.loadURL(spec.entryUrl).catch((err: unknown) => console.error('[berkas] halaman aplikasi gagal dimuat:', err));
  return win;
}
