/**
 * What the workspace says on opening reaches the officer once: a damaged
 * database is moved aside by the store, and the UI shows the notice as a
 * banner until it is dismissed, on the first-run screen and in the app alike.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { completeFirstRun, launchBrowser, screenshot, startBerkasUi, tempDir, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(240_000);

function damageDatabase(dataDir: string): void {
  writeFileSync(path.join(dataDir, 'berkas.db'), Buffer.from('ini bukan basis data SQLite, hanya sampah\n'.repeat(200)));
}

function movedAside(dataDir: string): string[] {
  return readdirSync(dataDir).filter((f) => f.startsWith('berkas.db.') && f !== 'berkas.db.tmp');
}

async function banner(page: Page) {
  return page.getByRole('status', { name: 'Pemberitahuan' });
}

describe('notices from the workspace', () => {
  let dataDir: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir('ui-notices');
    damageDatabase(dataDir);
    ui = await startBerkasUi(dataDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a damaged database moved aside on the first-run screen, once', async () => {
    const { page } = browser;
    const moved = movedAside(dataDir);
    expect(moved).toHaveLength(1);
    await page.goto(ui!.url);
    const notice = await banner(page);
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain('rusak');
    expect(text).toContain(moved[0]);
    expect(await notice.locator('li').getAttribute('data-code')).toBe('DB_MOVED_ASIDE');
    await screenshot(page, 'first-run-notice');

    await notice.getByRole('button', { name: 'Tutup pemberitahuan' }).click();
    expect(await (await banner(page)).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Selamat datang di Berkas' }).waitFor();
    expect(await (await banner(page)).count()).toBe(0);
    await completeFirstRun(page);
    expect(await (await banner(page)).count()).toBe(0);
  });

  it('shows a new notice in the app after the next damage', async () => {
    // Leave the app first: its background polls would otherwise hit the stopped server.
    await browser.page.goto('about:blank');
    await ui!.stop();
    damageDatabase(dataDir);
    ui = await startBerkasUi(dataDir);
    expect(movedAside(dataDir)).toHaveLength(2);
    const { page } = browser;
    await page.goto(ui.url);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    const notice = await banner(page);
    await notice.waitFor();
    expect(await notice.locator('li[data-code="DB_MOVED_ASIDE"]').count()).toBe(1);
    // Settings live outside the database, so the app still knows its agency.
    expect(await page.locator('.header-agency-name').innerText()).toBe('Badan Perencanaan Pembangunan Daerah');
    await screenshot(page, 'shell-notice');
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
