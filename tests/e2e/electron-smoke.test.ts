import path from 'node:path';
import os from 'node:os';
import { existsSync, promises as fs } from 'node:fs';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { channels } from '../../core/api/channels';
import { contentSecurityPolicy } from '../../core/api/csp';
import { buildElectronBundles, repoRoot as root } from '../tools/electron-bundle';

/**
 * The real app (`electron .`, as `npm start`) driven by Playwright where
 * Electron's binary is installed and a display exists, checked from inside
 * the window. Elsewhere it is reported as skipped; the bundles themselves are
 * built and run under a stand-in for Electron everywhere
 * (tests/integration/electron-build.test.ts), and the same UI is covered
 * through `berkas ui` by the ui project. Not the packaged app: its fuses turn
 * off --inspect, which Playwright needs to drive the main process.
 */

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

const binary = electronBinary();
const describeWithElectron = 'path' in binary ? describe : describe.skip;
if ('missing' in binary) console.warn(binary.missing);

describeWithElectron('missing' in binary ? `Berkas in Electron — ${binary.missing}` : 'Berkas in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    // Into .vite, where `electron .` (package.json main) finds it, as after `npm start`.
    buildElectronBundles();
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

