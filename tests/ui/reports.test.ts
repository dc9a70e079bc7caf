/**
 * Issue 6 item 7 through the screens, in Chromium at 1366×768, with the
 * calendar fixed by `berkas ui --today 2026-11-22`:
 *  - an overdue report shows as overdue: the banner on start (with the
 *    region's own clause on reprimands, Jambi Pasal 22 ayat (3)) and the
 *    due calendar in Laporan;
 *  - an incident report filled in through its form is marked urgent;
 *  - an asset register is carried into the next period and shows what
 *    changed, field by field.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { completeFirstRun, fitsEverySize, launchBrowser, loadProfile, overflowAtOfficeSizes, repoRoot, screenshot, startBerkasUi, tempDir, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(300_000);

const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'reports');
const pontianak = loadProfile('pontianak');

async function openLaporan(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Laporan', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Laporan' }).waitFor();
}

async function backToList(page: Page): Promise<void> {
  await page.getByRole('button', { name: '← Semua laporan' }).click();
  await page.getByTestId('due-table').waitFor();
}

describe('reports through the screens', () => {
  let work: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;

  beforeAll(async () => {
    work = tempDir('ui-reports');
    ui = await startBerkasUi(path.join(work, 'data'), ['--today', '2026-11-22']);
    browser = await launchBrowser();
    await browser.page.goto(ui.url);
    await completeFirstRun(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('an overdue report shows as overdue: a banner on start, and Terlambat in the due calendar', async () => {
    const { page } = browser;
    const banner = page.getByTestId('overdue-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('Laporan penyelenggaraan e-government — Triwulan III 2026 (tenggat 15 Oktober 2026, terlambat 38 hari)');
    expect(await banner.getByTestId('overdue-sanction').innerText()).toBe('Perwali Jambi No. 10/2017, Pasal 22 ayat (3): OPD yang tidak melapor diberi teguran oleh Walikota.');
    await banner.scrollIntoViewIfNeeded();
    await screenshot(page, 'lap-banner');

    await banner.getByRole('link', { name: 'Buka Laporan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Laporan' }).waitFor();
    const q3 = page.locator('[data-testid="due-table"] tr[data-period="2026-Q3"]');
    expect(await q3.getAttribute('data-status')).toBe('terlambat');
    expect(await q3.innerText()).toMatch(/Triwulan III 2026\s+15 Oktober 2026\s+Terlambat · 38 hari/);
    const q4 = page.locator('[data-testid="due-table"] tr[data-period="2026-Q4"]');
    expect(await q4.innerText()).toMatch(/Belum · 54 hari lagi/);
    expect(await page.locator('[data-testid="due-table"] caption').innerText()).toContain('4 terlambat.');
    expect(await overflowAtOfficeSizes(page, 'reports-1')).toEqual(fitsEverySize);
    await screenshot(page, 'lap-due');

    // Reported: signed... not here; a saved draft alone does not make it done.
    await q3.getByRole('button', { name: /^Buat/ }).click();
    await page.getByTestId('report-editor').waitFor();
    expect(await page.getByTestId('report-due-status').innerText()).toBe('Terlambat');
    await page.getByLabel('Ringkasan penyelenggaraan e-government').fill('Layanan SIMPEG dan e-Surat berjalan selama triwulan III.');
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-save-status').filter({ hasText: 'Tersimpan' }).waitFor();
    await backToList(page);
    expect(await q3.getAttribute('data-status')).toBe('terlambat');
    expect(await q3.getByRole('button', { name: /^Buka/ }).count()).toBe(1);
  });

  it('fills an incident report and sees it marked urgent (Pontianak Pasal 36 ayat (4))', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengaturan', exact: true }).click();
    await page.getByLabel('Profil daerah', { exact: true }).selectOption('pontianak');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page
      .locator('.header-agency-term')
      .filter({ hasText: /^Perangkat Daerah$/ })
      .waitFor();

    await openLaporan(page);
    const form = page.getByTestId('new-report');
    await form.getByLabel('Jenis laporan').selectOption('insiden');
    expect(await form.getByLabel('Jenis laporan').locator('option:checked').innerText()).toBe(`${pontianak.reports.find((r) => r.key === 'insiden')?.name} (mendesak)`);
    await form.getByLabel('Tanggal kejadian', { exact: true }).fill('21/11/2026');
    await form.getByRole('button', { name: 'Buat laporan' }).click();

    const editor = page.getByTestId('report-editor');
    await editor.waitFor();
    expect(await editor.getAttribute('data-type')).toBe('insiden');
    expect(await page.getByTestId('report-urgent').innerText()).toBe('Mendesak');
    expect(await page.getByTestId('report-urgent-note').innerText()).toContain('kesempatan pertama');
    // Untouched, the new report lists what it needs in plain colours; no field is marked wrong yet.
    const findings = page.getByTestId('report-findings');
    expect(await findings.getAttribute('data-quiet')).toBe('true');
    expect(await findings.getByRole('heading').innerText()).toBe('Yang perlu diisi');
    expect(await findings.innerText()).toContain('"Waktu kejadian" wajib diisi.');
    expect(await editor.locator('.field-error, [aria-invalid="true"], .lap-finding-error').count()).toBe(0);
    // Leaving "Dampak" empty: that field speaks, and the list turns into findings; the others still wait.
    await editor.getByLabel('Dampak', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await editor.locator('[data-field="dampak"] .field-error').waitFor();
    expect(await editor.locator('.field-error').count()).toBe(1);
    expect(await findings.getAttribute('data-quiet')).toBe('false');
    expect(await findings.getByRole('heading').innerText()).toBe('Pemeriksaan isian');

    // Our own fields: day first and a 24-hour clock, whatever the browser's locale.
    await editor.getByLabel('Waktu kejadian', { exact: true }).fill('21/11/2026');
    await editor.getByLabel('Jam (24 jam), Waktu kejadian').fill('07.30');
    await editor.getByLabel('Sistem elektronik yang terdampak').fill('Portal perizinan daring\nSurel dinas');
    await editor.getByLabel('Jenis kejadian').selectOption('serangan');
    await editor.getByLabel('Dampak', { exact: true }).fill('Portal perizinan tidak dapat diakses selama 3 jam.');
    await editor.getByLabel('Tindakan yang telah diambil').fill('Lalu lintas disaring; alamat penyerang diblokir.');
    await editor.getByLabel('Pengamanan data', { exact: true }).fill('Basis data dicadangkan ke media terpisah pukul 08.00.');
    const reported = editor.locator('fieldset[data-field="dilaporkanKepada"]');
    await reported.getByRole('button', { name: 'Tambah baris' }).click();
    await reported.getByLabel('Pihak, baris 1').fill(`${pontianak.terms.ictOfficeShort} — Bidang Persandian`);
    await reported.getByLabel('Waktu, baris 1', { exact: true }).fill('21 November 2026');
    await reported.getByLabel('Jam (24 jam), Waktu, baris 1').fill('0805');
    await page.getByTestId('report-findings').filter({ hasText: 'Semua isian wajib sudah terisi dengan benar.' }).waitFor();
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-save-status').filter({ hasText: 'Tersimpan' }).waitFor();
    expect(await page.getByTestId('report-due-date').innerText()).toBe('22 November 2026 (Belum)');
    expect(await overflowAtOfficeSizes(page, 'reports-2')).toEqual(fitsEverySize);
    await page.getByTestId('report-urgent').scrollIntoViewIfNeeded();
    await screenshot(page, 'lap-insiden');

    await backToList(page);
    const listed = page.locator('[data-testid="report-list"] tr[data-type="insiden"]');
    expect(await listed.getByTestId('list-urgent').innerText()).toBe('Mendesak');
    const due = page.locator('[data-testid="due-table"] tr[data-type="insiden"]');
    expect(await due.getAttribute('data-period')).toBe('2026-11-21');
    expect(await due.innerText()).toContain('Mendesak');
  });

  it('carries an asset register into the next year and shows what changed', async () => {
    const { page } = browser;
    const due = (period: string) => page.locator(`[data-testid="due-table"] tr[data-type="inventaris-tik"][data-period="${period}"]`);
    await due('2025').getByRole('button', { name: /^Buat/ }).click();
    await page.getByTestId('report-editor').waitFor();
    await page.getByTestId('asset-import-input').setInputFiles(path.join(fixtures, 'aset-simbada-2025.xlsx'));
    await page.getByTestId('asset-import-result').filter({ hasText: '64 perangkat terbaca' }).waitFor();
    expect(await page.getByTestId('asset-condition-summary').innerText()).toMatch(/Baik: \d+/);
    expect(await page.locator('[data-testid="asset-table"] tbody tr').count()).toBe(50);
    await screenshot(page, 'lap-aset-2025');
    await backToList(page);

    await due('2026').getByRole('button', { name: /^Buat/ }).click();
    await page.getByTestId('report-editor').waitFor();
    expect(await page.getByTestId('report-notice').innerText()).toBe('Laporan dimulai dari data Tahun 2025; perubahan sesudahnya tercatat.');
    expect(await page.getByTestId('asset-changes-summary').innerText()).toBe('Belum ada perubahan: 64 perangkat sama seperti sebelumnya.');

    // By hand: the first device is now broken, the second is gone.
    const firstRow = page.locator('[data-testid="asset-table"] tbody tr').first();
    expect(await firstRow.innerText()).toContain('Epson L3210');
    await page.getByRole('button', { name: 'Ubah perangkat baris 1', exact: true }).click();
    const rowForm = page.getByTestId('asset-row-form');
    await rowForm.getByLabel('Kondisi').selectOption('rusak-berat');
    await rowForm.getByLabel('Keterangan').fill('head printer rusak');
    await rowForm.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByRole('button', { name: 'Hapus perangkat baris 2', exact: true }).click();
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-save-status').filter({ hasText: 'Tersimpan' }).waitFor();
    const changes = page.getByTestId('asset-changes');
    await changes.getByTestId('asset-changes-summary').filter({ hasText: '0 ditambahkan, 1 dihapus, 1 berubah, 62 tetap.' }).waitFor();
    expect(await changes.innerText()).toContain('Kondisi: Baik → Rusak Berat; Keterangan: (kosong) → head printer rusak');
    await changes.scrollIntoViewIfNeeded();
    await screenshot(page, 'lap-aset-perubahan');

    // The asset system's export of the next year, imported over the carried register.
    await page.getByTestId('asset-import-input').setInputFiles(path.join(fixtures, 'aset-simbada-2026.xlsx'));
    await page.getByTestId('asset-import-result').filter({ hasText: '65 perangkat terbaca, 62 di antaranya sudah ada di daftar' }).waitFor();
    await changes.getByTestId('asset-changes-summary').filter({ hasText: '3 ditambahkan, 2 dihapus, 5 berubah, 57 tetap.' }).waitFor();
    expect(await changes.innerText()).toMatch(/Ditambahkan\s+baris \d+\s+1\.3\.2\.10\.01\.02\.002 · Lenovo ThinkPad E14 Gen 5 · PF3A01K/);
    expect(await overflowAtOfficeSizes(page, 'reports-3')).toEqual(fitsEverySize);
    await changes.scrollIntoViewIfNeeded();
    await screenshot(page, 'lap-aset-impor-2026');
  });
});
