/**
 * Switching the region profile in Pengaturan relabels the whole app: the
 * agency word (Jambi: OPD, Banjarmasin: SKPD), the ICT office, the action
 * plan's name, the handover list and the report types. Expectations are read
 * from assets/profiles, so the test follows the profiles, not a copy of them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RegionProfile } from '../../core/domain/profiles/profile';
import {
  completeFirstRun,
  defaultSetup,
  fitsEverySize,
  launchBrowser,
  loadProfile,
  overflowAtOfficeSizes,
  screenshot,
  startBerkasUi,
  tempDir,
  visibleText,
  type BerkasUi,
  type Browser,
} from './helpers/berkas-ui';

jest.setTimeout(240_000);

const jambi = loadProfile('jambi');
const banjarmasin = loadProfile('banjarmasin');

async function openScreen(page: Page, linkName: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ }).getByRole('link', { name: linkName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

async function columnTexts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((s) => s.trim());
}

/** Every screen shows this profile's words, and the header names its agency term and ICT office. */
async function expectProfileEverywhere(page: Page, profile: RegionProfile, otherAgency: string): Promise<void> {
  expect(await page.locator('.header-agency-term').innerText()).toBe(profile.terms.agency);
  expect(await page.locator('.brand-government').innerText()).toBe(profile.terms.government);
  expect(await page.getByTestId('server-status').innerText()).toBe(`Server ${profile.terms.ictOfficeShort} belum diatur`);

  await openScreen(page, 'Rencana Aksi', profile.terms.actionPlan);
  expect(await page.locator('.lead').innerText()).toContain(profile.terms.ictOffice);

  await openScreen(page, 'Serah Terima Aplikasi', 'Serah Terima Aplikasi');
  expect(await page.locator('.lead').innerText()).toContain(`${profile.terms.agency} menyerahkan berkas berikut kepada ${profile.terms.ictOffice}`);
  expect(await columnTexts(page, '.data-table tbody th .item-label')).toEqual(profile.handover.items.map((i) => i.label));
  expect(await columnTexts(page, '.data-table tbody td.col-article')).toEqual(profile.handover.items.map((i) => i.article));
  // The screen now prepares bundles (issue 5): its "new bundle" button replaced the "not available" notice.
  expect(await page.getByTestId('handover-new').count()).toBe(1);
  expect(await overflowAtOfficeSizes(page, 'profile-switch-1')).toEqual(fitsEverySize);

  await openScreen(page, 'Laporan', 'Laporan');
  expect(await columnTexts(page, '.data-table tbody th .item-label')).toEqual(profile.reports.map((r) => r.name));
  expect(await columnTexts(page, '.data-table tbody td.col-article')).toEqual(profile.reports.map((r) => r.article));
  expect(await overflowAtOfficeSizes(page, 'profile-switch-2')).toEqual(fitsEverySize);

  await openScreen(page, 'Kotak Keluar', 'Kotak Keluar');
  expect(await page.locator('.lead').innerText()).toContain(profile.terms.ictOffice);

  // No screen still speaks the other region's agency word.
  for (const [link, heading] of [
    ['Rencana Aksi', profile.terms.actionPlan],
    ['Serah Terima Aplikasi', 'Serah Terima Aplikasi'],
    ['Laporan', 'Laporan'],
    ['Kotak Keluar', 'Kotak Keluar'],
    ['Pengaturan', 'Pengaturan'],
  ] as const) {
    await openScreen(page, link, heading);
    await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await visibleText(page)).not.toMatch(new RegExp(`\\b${otherAgency}\\b`));
  }
}

async function switchProfile(page: Page, to: RegionProfile): Promise<void> {
  await openScreen(page, 'Pengaturan', 'Pengaturan');
  await page.getByLabel('Profil daerah', { exact: true }).selectOption(to.id);
  // The form speaks the chosen region's words before it is saved...
  await page.getByLabel(`Nama ${to.terms.agency}`, { exact: true }).waitFor();
  // ...and says that what was already made keeps its region.
  expect(await page.getByTestId('profile-switch-note').innerText()).toBe(
    `Laporan dan dokumen yang sudah dibuat tetap memakai jenis, pasal, dan peraturan profil sebelumnya; yang dibuat sesudah disimpan mengikuti ${to.name}.`,
  );
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await page.getByTestId('save-status').filter({ hasText: 'Pengaturan tersimpan.' }).waitFor();
  expect(await page.getByTestId('profile-switch-note').count()).toBe(0);
  // ...and the whole app does once it is saved.
  await page.locator('.header-agency-term').filter({ hasText: new RegExp(`^${to.terms.agency}$`) }).waitFor();
}

describe('switching the region profile', () => {
  let dataDir: string;
  let ui: BerkasUi;
  let browser: Browser;

  beforeAll(async () => {
    // The test relies on the two regions using different agency words.
    expect(jambi.terms.agency).toBe('OPD');
    expect(banjarmasin.terms.agency).toBe('SKPD');
    dataDir = tempDir('ui-profile');
    ui = await startBerkasUi(dataDir);
    browser = await launchBrowser();
    await browser.page.goto(ui.url);
    await completeFirstRun(browser.page, { ...defaultSetup, profileId: 'jambi' });
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with Jambi: OPD and its ICT office everywhere', async () => {
    await expectProfileEverywhere(browser.page, jambi, banjarmasin.terms.agency);
  });

  it('Banjarmasin after the switch: SKPD, its Kominfotik, its handover list and reports', async () => {
    await switchProfile(browser.page, banjarmasin);
    await expectProfileEverywhere(browser.page, banjarmasin, jambi.terms.agency);
    await openScreen(browser.page, 'Serah Terima Aplikasi', 'Serah Terima Aplikasi');
    await screenshot(browser.page, 'serah-terima-banjarmasin');
    await openScreen(browser.page, 'Laporan', 'Laporan');
    await screenshot(browser.page, 'laporan-banjarmasin');
    await openScreen(browser.page, 'Pengaturan', 'Pengaturan');
    await screenshot(browser.page, 'pengaturan-banjarmasin');
  });

  it('and back to Jambi', async () => {
    await switchProfile(browser.page, jambi);
    await expectProfileEverywhere(browser.page, jambi, banjarmasin.terms.agency);
  });

  it('switches the language of every label, and back', async () => {
    const { page } = browser;
    await openScreen(page, 'Pengaturan', 'Pengaturan');
    await page.getByLabel('English', { exact: true }).check();
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await columnTexts(page, 'nav a')).toEqual(['Home', 'Action Plan', 'Application Handover', 'Reports', 'Documents', 'Outbox', 'Signatures', 'Settings']);
    expect(await page.getByTestId('server-status').innerText()).toBe(`${jambi.terms.ictOfficeShort} server not set`);
    // Region words stay the regulation's own in any language.
    expect(await page.locator('.header-agency-term').innerText()).toBe(jambi.terms.agency);

    // A refusal from core speaks English too, naming the file (its Indonesian text is written where it is thrown).
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Action Plan', exact: true }).click();
    await page.getByTestId('ra-import-new').setInputFiles(path.join(__dirname, '..', 'fixtures', 'rencana-aksi', 'garbage.xlsx'));
    const problem = page.getByTestId('ra-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/^The file garbage\.xlsx could not be read: it is not a sound Excel workbook/);
    expect(await problem.innerText()).not.toContain('tidak dapat dibaca');
    await screenshot(page, 'ra-import-error-en');
    await openScreen(page, 'Settings', 'Settings');

    await page.getByLabel('Bahasa Indonesia', { exact: true }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
