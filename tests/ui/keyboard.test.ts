/**
 * Berkas by keyboard alone, at 1366×768: the first-run form in a logical tab
 * order, every navigation item reached and opened with a visible focus ring,
 * the skip link, no horizontal scrolling, and a page that breaks no rule of
 * its Content-Security-Policy (with a control showing violations are seen).
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  defaultSetup,
  hasHorizontalScroll,
  jargonOnScreen,
  launchBrowser,
  loadProfile,
  startBerkasUi,
  tempDir,
  type BerkasUi,
  type Browser,
} from './helpers/berkas-ui';

jest.setTimeout(240_000);

const jambi = loadProfile('jambi');

interface Focused {
  /** name attribute, data-route, or tag and text: enough to tell the stops apart. */
  id: string;
  isFocusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  isInViewport: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { id: 'body', isFocusVisible: false, outlineStyle: 'none', outlineWidth: 0, isInViewport: false };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const id =
      el.getAttribute('name') ??
      (el.dataset.route ? `nav:${el.dataset.route}` : null) ??
      (el.classList.contains('skip-link') ? 'skip-link' : null) ??
      (el.id === 'main' ? 'main' : null) ??
      `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 40)}`;
    return {
      id,
      isFocusVisible: el.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      isInViewport: box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth,
    };
  });
}

/** Tab once and say where focus landed; the ring must show. */
async function tab(page: Page, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<Focused> {
  await page.keyboard.press(key);
  return focused(page);
}

function expectVisibleRing(f: Focused): void {
  expect({ id: f.id, isFocusVisible: f.isFocusVisible, hasOutline: f.outlineStyle !== 'none' && f.outlineWidth >= 2, isInViewport: f.isInViewport }).toEqual({
    id: f.id,
    isFocusVisible: true,
    hasOutline: true,
    isInViewport: true,
  });
}

async function pressUntil(page: Page, key: 'Tab' | 'Shift+Tab', id: string, maxSteps = 25): Promise<Focused> {
  for (let i = 0; i < maxSteps; i++) {
    const f = await tab(page, key);
    if (f.id === id) return f;
  }
  throw new Error(`${key} never reached ${id}`);
}

describe('keyboard only', () => {
  let dataDir: string;
  let ui: BerkasUi;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir('ui-keyboard');
    ui = await startBerkasUi(dataDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes the first run in tab order without a mouse', async () => {
    const { page } = browser;
    await page.goto(ui.url);
    await page.getByRole('heading', { level: 1 }).waitFor();

    const skip = await tab(page);
    expect(skip.id).toBe('skip-link');
    expectVisibleRing(skip);

    const select = await tab(page);
    expect(select.id).toBe('opd.profileId');
    expectVisibleRing(select);
    // Arrow keys move through the options of a closed select.
    for (let i = 0; i < 10 && (await page.locator('select[name="opd.profileId"]').inputValue()) !== 'jambi'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('select[name="opd.profileId"]').inputValue()).toBe('jambi');

    const typed: [string, string][] = [
      ['opd.name', defaultSetup.opdName],
      ['opd.code', defaultSetup.opdCode],
      ['officer.name', defaultSetup.officerName],
      ['officer.nip', defaultSetup.nip],
      ['officer.jabatan', defaultSetup.jabatan],
      ['officer.pangkatGolongan', defaultSetup.pangkatGolongan],
      ['serverUrl', ''],
    ];
    for (const [name, text] of typed) {
      const f = await tab(page);
      expect(f.id).toBe(name);
      expectVisibleRing(f);
      if (text) await page.keyboard.type(text);
    }
    // The month reporting through Berkas starts, prefilled: its month list, then its year.
    for (const name of ['reportsStartOn', 'reportsStartOn-year']) {
      const f = await tab(page);
      expect(f.id).toBe(name);
      expectVisibleRing(f);
    }
    const language = await tab(page);
    expect(language.id).toMatch(/language$/);
    expectVisibleRing(language);
    const submit = await tab(page);
    expect(submit.id).toBe('button:Simpan dan mulai');
    expectVisibleRing(submit);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    expect(await page.locator('.header-agency-term').innerText()).toBe(jambi.terms.agency);
  });

  it('reaches every navigation item in order, each with a visible focus ring', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    const stops: Focused[] = [];
    for (let i = 0; i < 12; i++) stops.push(await tab(page));
    expect(stops.map((s) => s.id)).toEqual([
      'skip-link',
      `a:Server ${jambi.terms.ictOfficeShort} belum diatur`,
      'a:Kotak keluar: semua terkirim',
      'button:«Ciutkan',
      'nav:beranda',
      'nav:rencana-aksi',
      'nav:serah-terima',
      'nav:laporan',
      'nav:dokumen',
      'nav:kotak-keluar',
      'nav:tanda-tangan',
      'nav:pengaturan',
    ]);
    for (const stop of stops) expectVisibleRing(stop);
    // The ring is the focus style, not how links always look.
    const idle = await page.locator('nav a[data-route="rencana-aksi"]').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(idle).toBe('none');
  });

  it('opens every screen from the keyboard and moves focus to its heading', async () => {
    const { page } = browser;
    for (const route of ['rencana-aksi', 'serah-terima', 'laporan', 'dokumen', 'kotak-keluar', 'tanda-tangan', 'pengaturan', 'beranda']) {
      // From wherever focus is, walk back (or on) to the item and press Enter.
      let f = await focused(page);
      if (f.id !== `nav:${route}`) {
        try {
          f = await pressUntil(page, 'Shift+Tab', `nav:${route}`);
        } catch {
          f = await pressUntil(page, 'Tab', `nav:${route}`);
        }
      }
      expectVisibleRing(f);
      await page.keyboard.press('Enter');
      await page.waitForFunction((r) => window.location.hash === `#/${r}`, route);
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await page.locator(`nav a[data-route="${route}"]`).getAttribute('aria-current')).toBe('page');
      expect(await hasHorizontalScroll(page)).toBe(false);
    }
  });

  it('skips to the main content with the skip link', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    expect((await tab(page)).id).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');
    // The next Tab continues inside the content, past the header and navigation.
    const next = await tab(page);
    expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(true);
    expectVisibleRing(next);
  });

  it('fits 1366×768 without horizontal scrolling on every screen', async () => {
    const { page } = browser;
    expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
    for (const route of ['beranda', 'rencana-aksi', 'serah-terima', 'laporan', 'dokumen', 'kotak-keluar', 'tanda-tangan', 'pengaturan']) {
      await page.goto(`${ui.url}#/${route}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect({ route, hasHorizontalScroll: await hasHorizontalScroll(page) }).toEqual({ route, hasHorizontalScroll: false });
      // The navigation is on screen without scrolling.
      const box = await page.locator('nav a[data-route="pengaturan"]').boundingBox();
      expect(box && box.y + box.height <= 768).toBe(true);
    }
    // Control: something too wide does show up as horizontal scrolling.
    await page.evaluate(() => {
      const wide = document.createElement('div');
      wide.id = 'too-wide';
      wide.style.width = '2000px';
      wide.style.height = '1px';
      document.querySelector('main .screen-heading')?.append(wide);
    });
    expect(await hasHorizontalScroll(page)).toBe(true);
    await page.evaluate(() => document.getElementById('too-wide')?.remove());
  });

  it('sees jargon on screen, and not under a closed "Rincian teknis" or in text the officer brought', async () => {
    const { page } = browser;
    await page.goto(`${ui.url}#/kotak-keluar`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await jargonOnScreen(page)).toEqual([]);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'jargon-control';
      box.innerHTML =
        '<p>Server menolak koneksi (ECONNREFUSED): NETWORK_REFUSED, ada data setelah struktur ASN.1</p>' +
        '<details class="tech-details"><summary>Rincian teknis</summary><p>INDIKATOR_KOSONG Ed25519</p></details>' +
        '<p data-verbatim>DB_PASSWORD</p>';
      document.querySelector('main .screen-heading')?.append(box);
    });
    try {
      expect((await jargonOnScreen(page)).sort()).toEqual(['ASN.1', 'ECONNREFUSED', 'NETWORK_REFUSED']);
    } finally {
      await page.evaluate(() => document.getElementById('jargon-control')?.remove());
    }
  });

  it('folds the navigation to icons and back from the keyboard, and keeps the choice over a reload', async () => {
    const { page } = browser;
    const shellSide = () => page.locator('.shell').getAttribute('data-side');
    const sideWidth = async () => (await page.locator('.side').boundingBox())?.width ?? 0;
    await page.goto(`${ui.url}#/laporan`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await shellSide()).toBe('expanded');
    const wide = await sideWidth();

    await page.locator('[data-testid="side-toggle"]').focus();
    expectVisibleRing(await focused(page));
    await page.keyboard.press('Enter');
    expect(await shellSide()).toBe('collapsed');
    const toggle = page.locator('[data-testid="side-toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.getAttribute('aria-label')).toBe('Lebarkan menu');
    // Focus stays on the toggle, so pressing it again undoes the fold.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('side-toggle');
    const narrow = await sideWidth();
    expect(narrow).toBeLessThan(wide / 2);
    // Icons only, each link still named for screen readers and on hover.
    const link = page.locator('nav a[data-route="laporan"]');
    expect(await link.getAttribute('title')).toBe('Laporan');
    expect(await page.getByRole('link', { name: 'Laporan', exact: true }).count()).toBe(1);
    expect(await page.locator('nav a[data-route="laporan"] .visually-hidden').count()).toBe(1);

    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await shellSide()).toBe('collapsed');

    await page.locator('[data-testid="side-toggle"]').focus();
    await page.keyboard.press('Space');
    expect(await shellSide()).toBe('expanded');
    expect(await page.locator('[data-testid="side-toggle"]').getAttribute('aria-expanded')).toBe('true');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await shellSide()).toBe('expanded');
  });

  it('fits 1024×768 too: folded by itself when nothing was chosen, and no screen scrolls sideways either way', async () => {
    const { page } = browser;
    await page.evaluate(() => window.localStorage.removeItem('berkas.sideNav'));
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.locator('.shell').getAttribute('data-side')).toBe('collapsed');
      for (const side of ['collapsed', 'expanded']) {
        if ((await page.locator('.shell').getAttribute('data-side')) !== side) await page.locator('[data-testid="side-toggle"]').click();
        for (const route of ['beranda', 'rencana-aksi', 'serah-terima', 'laporan', 'dokumen', 'kotak-keluar', 'tanda-tangan', 'pengaturan']) {
          await page.goto(`${ui.url}#/${route}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          expect({ side, route, hasHorizontalScroll: await hasHorizontalScroll(page) }).toEqual({ side, route, hasHorizontalScroll: false });
        }
      }
    } finally {
      await page.evaluate(() => window.localStorage.removeItem('berkas.sideNav'));
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('breaks no rule of the Content-Security-Policy, and would notice if it did', async () => {
    const { page } = browser;
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    // Control: an inline script is refused by script-src 'self' and the watcher sees it.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    for (let i = 0; i < 50 && browser.cspViolations.length === 0; i++) await page.waitForTimeout(100);
    expect(browser.cspViolations.join('\n')).toMatch(/script-src/);
  });
});
