/**
 * First run of `berkas ui` in Chromium: the set-up form (missing fields, a
 * wrong NIP named by its part, a refusal from the server placed next to its
 * field, a correct NIP), the app shell it opens, and a restart of `berkas ui`
 * on the same data folder that keeps everything. The workspace's clock is
 * 22 November 2026, so reporting through Berkas starts in November 2026 unless
 * the officer says otherwise: Triwulan III 2026 (due 15 October) is not asked
 * for until the start is moved earlier in Pengaturan.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { fitsEverySize, launchBrowser, loadProfile, overflowAtOfficeSizes, packageVersion, screenshot, startBerkasUi, tempDir, validNip, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(240_000);

const jambi = loadProfile('jambi');
const today = ['--today', '2026-11-22'];

/** The Laporan screen's due calendar once drawn: the overdue rows and the caption. */
async function dueOnLaporan(page: Page): Promise<{ late: string[]; caption: string }> {
  await page.getByRole('link', { name: 'Laporan', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Laporan' }).waitFor();
  const table = page.getByTestId('due-table');
  await table.waitFor();
  const late = await table.locator('tr[data-status="terlambat"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period') ?? ''));
  return { late, caption: await table.locator('caption').innerText() };
}

describe('first run through berkas ui', () => {
  let dataDir: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir('ui-first-run');
    ui = await startBerkasUi(dataDir, today);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up the agency, the officer and the region profile through the form', async () => {
    const { page } = browser;
    await page.goto(ui!.url);
    await page.getByRole('heading', { level: 1, name: 'Selamat datang di Berkas' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    expect(await overflowAtOfficeSizes(page, 'first-run-1')).toEqual(fitsEverySize);
    await screenshot(page, 'first-run');

    // The language choice speaks at once, before anything is saved.
    await page.getByLabel('English', { exact: true }).check();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Berkas' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel('Bahasa Indonesia', { exact: true }).check();
    await page.getByRole('heading', { level: 1, name: 'Selamat datang di Berkas' }).waitFor();

    // Saving an empty form names every missing field and puts the cursor on the first.
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Pengaturan belum disimpan' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Periksa 6 kolom');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('opd.profileId');
    await screenshot(page, 'first-run-errors');

    // Choosing the profile puts the region's words into the form at once.
    await page.getByLabel('Profil daerah', { exact: true }).selectOption('jambi');
    await page.getByTestId('profile-terms').filter({ hasText: jambi.terms.ictOffice }).waitFor();
    await page.getByLabel(`Nama ${jambi.terms.agency}`, { exact: true }).fill('Badan Perencanaan Pembangunan Daerah');
    await page.getByLabel(`Kode ${jambi.terms.agency}`, { exact: true }).fill('BAPPEDA');
    await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti Rahmawati, S.Kom.');
    await page.getByLabel('Jabatan', { exact: true }).fill('Kepala Subbagian Program');
    await page.getByLabel('Pangkat/golongan (opsional)', { exact: true }).fill('Penata, III/c');

    // A NIP with month 13 in its birth date: the live check names the part.
    const nip = page.getByLabel('NIP', { exact: true });
    const nipField = page.locator('.field', { has: page.locator('input[name="officer.nip"]') });
    await nip.fill('198513172010011003');
    await nipField.locator('.field-error').filter({ hasText: 'Bagian NIP yang salah: tanggal lahir (digit 1–8).' }).waitFor();
    expect(await nip.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'first-run-nip-wrong');

    // With the live check unreachable, the server's own refusal lands next to the NIP field.
    await page.route('**/api/checkNip', (route) => route.abort());
    await nip.fill('198507172010013003');
    await page.waitForFunction(() => !document.querySelector('.feedback-pending'));
    expect(await nipField.locator('.field-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await nipField.locator('.field-error').filter({ hasText: 'Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), yang diisi 3.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('officer.nip');
    expect(await summary.innerText()).toContain('NIP');
    await page.unroute('**/api/checkNip');
    // The aborted checks were logged as failed loads; those were ours, not the app's.
    browser.pageErrors.splice(0, browser.pageErrors.length, ...browser.pageErrors.filter((e) => !/Failed to load resource: net::ERR_FAILED/.test(e)));

    // A correct NIP is read back in Indonesian dates.
    await nip.fill(validNip);
    await nipField.getByText('NIP sah: lahir 17 Juli 1985, TMT Januari 2010, laki-laki, nomor urut 3.').waitFor();
    expect(await nip.getAttribute('aria-invalid')).toBeNull();

    // Reporting through Berkas starts in the current month unless the officer picks another.
    expect(await page.getByLabel('Mulai melapor melalui Berkas sejak', { exact: true }).inputValue()).toBe('11');
    expect(await page.locator('input[name="reportsStartOn-year"]').inputValue()).toBe('2026');

    // Saved from the bottom of a long form, the app starts at its top, not where the form was scrolled to.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    const header = page.locator('header.app-header');
    expect(await header.locator('.header-agency-term').innerText()).toBe(jambi.terms.agency);
    expect(await header.innerText()).toContain('Badan Perencanaan Pembangunan Daerah');
    expect(await header.innerText()).toContain(jambi.terms.government);
    expect(await page.getByTestId('online-status').innerText()).toBe('Daring');
    expect(await page.getByTestId('server-status').innerText()).toBe(`Server ${jambi.terms.ictOfficeShort} belum diatur`);
    expect(await page.getByTestId('app-version').innerText()).toContain(`Berkas versi ${packageVersion()}`);
    expect(await page.getByTestId('app-version').innerText()).toContain('Di peramban (berkas ui)');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Beranda');
    expect(await overflowAtOfficeSizes(page, 'first-run-2')).toEqual(fitsEverySize);
    await screenshot(page, 'shell');

    // A new workspace does not open with the reports of periods before it started reporting through Berkas.
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('overdue-banner').count()).toBe(0);
    const due = await dueOnLaporan(page);
    expect(due.late).toEqual([]);
    expect(due.caption).not.toContain('terlambat');
    await page.getByRole('link', { name: 'Beranda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  });

  it('shows whether the computer is online, following the browser', async () => {
    const { page, context } = browser;
    await context.setOffline(true);
    await page.getByTestId('online-status').filter({ hasText: 'Luring' }).waitFor();
    await context.setOffline(false);
    await page.getByTestId('online-status').filter({ hasText: 'Daring' }).waitFor();
  });

  it('keeps the settings when berkas ui restarts on the same data folder', async () => {
    await ui!.stop();
    ui = await startBerkasUi(dataDir, today);
    const { page } = browser;
    await page.goto(ui.url);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Selamat datang di Berkas' }).count()).toBe(0);
    expect(await page.locator('header.app-header').innerText()).toContain('Badan Perencanaan Pembangunan Daerah');

    await page.getByRole('link', { name: 'Pengaturan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();
    const value = (name: string) => page.locator(`[name="${name}"]`).inputValue();
    expect(await value('opd.profileId')).toBe('jambi');
    expect(await value('opd.name')).toBe('Badan Perencanaan Pembangunan Daerah');
    expect(await value('opd.code')).toBe('BAPPEDA');
    expect(await value('officer.name')).toBe('Siti Rahmawati, S.Kom.');
    expect(await value('officer.nip')).toBe(validNip);
    expect(await value('officer.jabatan')).toBe('Kepala Subbagian Program');
    expect(await value('officer.pangkatGolongan')).toBe('Penata, III/c');
    expect(await value('reportsStartOn')).toBe('11');
    expect(await value('reportsStartOn-year')).toBe('2026');
  });

  it('asks again for the periods before it once the start is moved earlier in Pengaturan', async () => {
    const { page } = browser;
    await page.getByLabel('Mulai melapor melalui Berkas sejak', { exact: true }).selectOption('07');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByTestId('save-status').filter({ hasText: 'Pengaturan tersimpan.' }).waitFor();

    const due = await dueOnLaporan(page);
    expect(due.late).toContain('2026-Q3');
    expect(due.caption).toContain('terlambat');
    await page.getByRole('link', { name: 'Beranda' }).click();
    const banner = page.getByTestId('overdue-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Triwulan III 2026 (tenggat 15 Oktober 2026, terlambat 38 hari)');
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
