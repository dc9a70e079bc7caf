/**
 * First run of `berkas ui` in Chromium: the set-up form (missing fields, a
 * wrong NIP named by its part, a refusal from the server placed next to its
 * field, a correct NIP), the app shell it opens, and a restart of `berkas ui`
 * on the same data folder that keeps everything.
 */
import { rmSync } from 'node:fs';
import { fitsEverySize, launchBrowser, loadProfile, overflowAtOfficeSizes, packageVersion, screenshot, startBerkasUi, tempDir, validNip, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(240_000);

const jambi = loadProfile('jambi');

describe('first run through berkas ui', () => {
  let dataDir: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir('ui-first-run');
    ui = await startBerkasUi(dataDir);
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
    ui = await startBerkasUi(dataDir);
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
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
