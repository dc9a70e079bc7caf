/**
 * The rencana aksi editor through `berkas ui` in Chromium at 1366×768: import
 * the Prabumulih worked example through the file input, see Rp 186.000.000 and
 * the repeated "Format Data…" stage, fix a finding by keyboard (the total
 * follows), undo and redo, reload and find the autosaved plan, export .xlsx and
 * import it again (same total), refuse a broken file leaving the plan as it
 * was, delete a row and a plan after confirmation, with Urungkan.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { completeFirstRun, fitsEverySize, launchBrowser, overflowAtOfficeSizes, repoRoot, screenshot, startBerkasUi, tempDir, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(300_000);

const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'rencana-aksi');
const tsv = path.join(fixtures, 'prabumulih-contoh.tsv');

/** Rows of the example in the editor (1 = the kegiatan): the stages as the regulation prints them. */
const ROW = { formatData: 4, formatDataAgain: 5, pelatihan: 13 } as const;
const COL = { output: 0, tahap: 1, metode: 2, pelaksana: 3, durasi: 4, sumberDaya: 5 } as const;

function cell(page: Page, row: number, col: number) {
  return page.locator(`#ra-cell-${row - 1}-${col}`);
}

/** The text a cell shows (without its finding mark). */
async function cellText(page: Page, row: number, col: number): Promise<string> {
  return cell(page, row, col).locator('.ra-cell-text').innerText();
}

async function total(page: Page): Promise<string> {
  return (await page.getByTestId('ra-total').innerText()).trim();
}

async function waitForTotal(page: Page, expected: string): Promise<void> {
  await page.waitForFunction((text) => document.querySelector('[data-testid="ra-total"]')?.textContent?.trim() === text, expected);
}

async function findingCodes(page: Page): Promise<string[]> {
  return page.locator('.ra-finding-list [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
}

/**
 * The findings list draws from React's deferred analysis (the total does not), so it
 * may lag a keystroke by a frame: wait until it shows `count` findings of `code`.
 */
async function settleFindings(page: Page, code: string, count: number | 'some'): Promise<void> {
  await page
    .waitForFunction(
      ([c, n]) => {
        const found = document.querySelectorAll(`.ra-finding-list [data-code="${c}"]`).length;
        return n === 'some' ? found > 0 : found === n;
      },
      [code, count] as const,
      { timeout: 10_000 },
    )
    .catch(() => undefined); // the assertion that follows reports the difference
}

async function focusedCell(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
}

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="ra-save-status"]')?.getAttribute('data-state') === 'saved');
}

describe('rencana aksi editor through berkas ui', () => {
  let dataDir: string;
  let downloads: string;
  let ui: BerkasUi;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir('ui-rencana-aksi');
    downloads = path.join(dataDir, 'unduhan');
    mkdirSync(downloads);
    ui = await startBerkasUi(dataDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the Prabumulih example: Rp 186.000.000, the repeated stage and the catalog duplicate', async () => {
    const { page } = browser;
    await page.goto(ui.url);
    await completeFirstRun(page);
    await page.locator('nav a[data-route="rencana-aksi"]').click();
    await page.getByRole('heading', { level: 2, name: 'Rencana aksi tersimpan' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Belum ada rencana aksi');

    // The catalog of other agencies' activities, so the duplicate check has something to compare with.
    await page.getByTestId('ra-catalog-import').setInputFiles(path.join(fixtures, 'katalog-kegiatan.csv'));
    await page.getByTestId('ra-catalog-info').filter({ hasText: 'katalog-kegiatan.csv' }).waitFor();

    // The catalog lists the activity for 2025: plan for that year.
    await page.locator('input[name="new.year"]').fill('2025');
    await screenshot(page, 'ra-list-empty');
    await page.getByTestId('ra-import-new').setInputFiles(tsv);
    await page.getByRole('grid').waitFor();
    await waitForTotal(page, 'Rp 186.000.000');
    expect(await page.locator('[data-source="APBD"] dd').innerText()).toBe('Rp 186.000.000');
    expect(await page.locator('[data-source="APBN"] dd').innerText()).toBe('Rp 0');

    // The import report names the file's own rows: the repeated stage is row 7 of the TSV.
    const report = page.getByTestId('ra-import-report');
    expect(await report.innerText()).toContain('prabumulih-contoh.tsv');
    expect(await report.locator('[data-code="TAHAP_GANDA"]').textContent()).toContain('Baris 7, kolom B');

    // The live findings use the editor's rows.
    const codes = await findingCodes(page);
    expect(codes).toEqual(expect.arrayContaining(['TAHAP_GANDA', 'KEGIATAN_GANDA_KATALOG', 'SUMBER_DAYA_KOSONG', 'INDIKATOR_KOSONG']));
    expect(codes.filter((c) => c === 'SUMBER_DAYA_KOSONG')).toHaveLength(6);
    const duplicate = page.locator('.ra-finding-list [data-code="TAHAP_GANDA"]');
    expect(await duplicate.innerText()).toContain(`Baris ${ROW.formatDataAgain}, kolom Tahap Pelaksanaan`);
    expect(await duplicate.innerText()).toContain('Format Data yang Dibutuhkan dan yang akan dihasilkan');
    expect(await duplicate.innerText()).not.toContain('TAHAP_GANDA');
    // The codes are kept for whoever maintains the rules, folded under "Rincian teknis".
    const technical = page.getByTestId('ra-findings-codes');
    expect(await technical.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await technical.locator('li').allTextContents()).toContain('SUMBER_DAYA_KOSONG (6 temuan)');

    // Cells with findings are marked by more than colour: a symbol, and aria-invalid.
    expect(await cell(page, ROW.formatDataAgain, COL.tahap).getAttribute('aria-invalid')).toBe('true');
    expect(await cell(page, ROW.formatDataAgain, COL.tahap).locator('.ra-mark').count()).toBe(1);
    expect(await cell(page, ROW.formatData, COL.tahap).getAttribute('aria-invalid')).toBeNull();

    // The Gantt chart and the budget chart are drawn.
    expect(await page.getByTestId('ra-gantt').locator('rect.ra-gantt-bar').count()).toBeGreaterThanOrEqual(17);
    expect(await page.getByTestId('ra-budget-chart').locator('rect.ra-chart-bar').count()).toBe(7);
    expect(await page.getByTestId('ra-budget-chart').textContent()).toContain('Rp 105.000.000');
    expect(await overflowAtOfficeSizes(page, 'rencana-aksi-1')).toEqual(fitsEverySize);
    await screenshot(page, 'ra-editor');
    // Below the grid: the findings, the output's indikator and KAK, the budget chart.
    await page.locator('.ra-lower').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'ra-findings');
    await page.getByTestId('ra-budget-chart').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'ra-budget');
  });

  it('fixes a finding by keyboard: the finding goes, the total follows; undo and redo', async () => {
    const { page } = browser;
    // Choosing the finding puts the keyboard on its cell.
    const finding = page.locator('.ra-finding-list [data-code="SUMBER_DAYA_KOSONG"]').first();
    const findingMessage = await finding.locator('.ra-finding-message').innerText();
    await finding.click();
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan - 1}-${COL.sumberDaya}`);
    // The cell says what is wrong in words; the rule's code is only under "Rincian teknis".
    const cellInfo = await page.getByTestId('ra-cell-info').innerText();
    expect(cellInfo).toContain(findingMessage);
    expect(cellInfo).not.toContain('SUMBER_DAYA_KOSONG');

    // Typing starts the edit; every keystroke updates the total.
    await page.keyboard.type('APBD : 5');
    await waitForTotal(page, 'Rp 186.000.005');
    await page.keyboard.type(' Juta');
    await waitForTotal(page, 'Rp 191.000.000');
    await screenshot(page, 'ra-editing');
    await page.keyboard.press('Enter');
    await waitForTotal(page, 'Rp 191.000.000');
    expect(await cellText(page, ROW.pelatihan, COL.sumberDaya)).toBe('APBD : 5 Juta');
    await settleFindings(page, 'SUMBER_DAYA_KOSONG', 5);
    expect((await findingCodes(page)).filter((c) => c === 'SUMBER_DAYA_KOSONG')).toHaveLength(5);
    expect(await cell(page, ROW.pelatihan, COL.sumberDaya).getAttribute('aria-invalid')).toBeNull();
    // Enter moved down one row.
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan}-${COL.sumberDaya}`);

    // Escape cancels a cell edit: F2, type, Escape, and the text is as before.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('F2');
    await page.keyboard.type(' lagi');
    expect(await page.locator('.ra-cell-editor').inputValue()).toBe('2 Hari lagi');
    await page.keyboard.press('Escape');
    expect(await cellText(page, ROW.pelatihan, COL.durasi)).toBe('2 Hari');
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan - 1}-${COL.durasi}`);

    // Tab and Shift+Tab move across cells.
    await page.keyboard.press('Tab');
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan - 1}-${COL.sumberDaya}`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan - 1}-${COL.pelaksana}`);

    // Undo brings the empty budget back (and its finding); redo fills it again.
    await page.keyboard.press('Control+z');
    await waitForTotal(page, 'Rp 186.000.000');
    await settleFindings(page, 'SUMBER_DAYA_KOSONG', 6);
    expect((await findingCodes(page)).filter((c) => c === 'SUMBER_DAYA_KOSONG')).toHaveLength(6);
    expect(await cellText(page, ROW.pelatihan, COL.sumberDaya)).toBe('');
    await page.keyboard.press('Control+y');
    await waitForTotal(page, 'Rp 191.000.000');
    await page.keyboard.press('Control+Shift+Z');
    await waitForTotal(page, 'Rp 191.000.000');
    // The toolbar buttons do the same.
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await waitForTotal(page, 'Rp 186.000.000');
    await page.getByRole('button', { name: 'Ulangi' }).click();
    await waitForTotal(page, 'Rp 191.000.000');
    await waitSaved(page);
    expect(await page.getByTestId('ra-save-status').innerText()).toMatch(/^Tersimpan \d{2}\.\d{2} WIB$/);
  });

  it('keeps the autosaved plan across a reload and a switch of screens', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByRole('grid').waitFor();
    await waitForTotal(page, 'Rp 191.000.000');
    expect(await cellText(page, ROW.pelatihan, COL.sumberDaya)).toBe('APBD : 5 Juta');

    // Type and leave the screen at once (before the autosave delay): the change is flushed, not lost.
    await cell(page, ROW.pelatihan + 1, COL.sumberDaya).click();
    await page.keyboard.type('Hibah : 2 Juta');
    await page.keyboard.press('Enter');
    await waitForTotal(page, 'Rp 193.000.000');
    await page.locator('nav a[data-route="pengaturan"]').click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();
    await page.locator('nav a[data-route="rencana-aksi"]').click();
    await page.getByRole('grid').waitFor();
    await waitForTotal(page, 'Rp 193.000.000');
    expect(await page.locator('[data-source="HIBAH"] dd').innerText()).toBe('Rp 2.000.000');
    await page.reload();
    await page.getByRole('grid').waitFor();
    await waitForTotal(page, 'Rp 193.000.000');
  });

  it('exports .xlsx and imports it again to the same total; a broken file leaves the plan untouched', async () => {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ra-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^rencana-aksi-.*2025.*\.xlsx$/);
    const xlsx = path.join(downloads, download.suggestedFilename());
    await download.saveAs(xlsx);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ra-export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);

    // A file that is no workbook: its message names the file, and nothing on screen changes.
    const before = await page.getByRole('grid').innerText();
    await page.getByTestId('ra-import-into').setInputFiles(path.join(fixtures, 'garbage.xlsx'));
    const problem = page.getByTestId('ra-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('garbage.xlsx');
    expect(await total(page)).toBe('Rp 193.000.000');
    expect(await page.getByRole('grid').innerText()).toBe(before);
    await screenshot(page, 'ra-import-error');

    // The exported workbook read back: the same plan, the same total.
    await page.getByTestId('ra-import-into').setInputFiles(xlsx);
    await page.getByTestId('ra-import-report').filter({ hasText: download.suggestedFilename() }).waitFor();
    await waitForTotal(page, 'Rp 193.000.000');
    expect(await page.locator('[data-source="HIBAH"] dd').innerText()).toBe('Rp 2.000.000');
    expect(await page.getByRole('grid').innerText()).toBe(before);
  });

  it('deletes a row after a keyboard-accessible confirmation that names it, with undo', async () => {
    const { page } = browser;
    await cell(page, ROW.formatDataAgain, COL.tahap).click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Baris ${ROW.formatDataAgain}`);
    expect(await dialog.innerText()).toContain('Format Data yang Dibutuhkan dan yang akan dihasilkan');
    await screenshot(page, 'ra-delete-dialog');
    // Focus starts on Batal and stays inside the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Batal');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hapus');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Batal');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hapus');
    // Escape cancels: nothing deleted, focus back on the cell.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.formatDataAgain - 1}-${COL.tahap}`);
    expect(await findingCodes(page)).toContain('TAHAP_GANDA');

    await page.keyboard.press('Delete');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitForTotal(page, 'Rp 183.000.000');
    await settleFindings(page, 'TAHAP_GANDA', 0);
    expect(await findingCodes(page)).not.toContain('TAHAP_GANDA');
    expect(await cellText(page, ROW.formatDataAgain, COL.tahap)).toBe('DFD');
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.formatDataAgain - 1}-${COL.tahap}`);

    // Urungkan in the message restores the row.
    await page.locator('.ra-toast').getByRole('button', { name: 'Urungkan' }).click();
    await waitForTotal(page, 'Rp 193.000.000');
    await settleFindings(page, 'TAHAP_GANDA', 'some');
    expect(await findingCodes(page)).toContain('TAHAP_GANDA');
    expect(await cellText(page, ROW.formatDataAgain, COL.tahap)).toBe('Format Data yang Dibutuhkan dan yang akan dihasilkan');
  });

  it('adds and moves rows from the keyboard', async () => {
    const { page } = browser;
    const rowsBefore = await page.locator('tr.ra-row').count();
    await cell(page, ROW.pelatihan, COL.tahap).click();
    await page.keyboard.press('Control+Enter');
    expect(await page.locator('tr.ra-row').count()).toBe(rowsBefore + 1);
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan}-${COL.tahap}`);
    await page.keyboard.type('Evaluasi pelatihan');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('VENDOR');
    await page.keyboard.press('Enter');
    expect(await cellText(page, ROW.pelatihan + 1, COL.tahap)).toBe('Evaluasi pelatihan');
    expect(await cellText(page, ROW.pelatihan + 1, COL.pelaksana)).toBe('VENDOR');

    // Alt+↑ moves the new stage above "Pelatihan Penggunaan System"; the cursor goes with it.
    await cell(page, ROW.pelatihan + 1, COL.tahap).click();
    await page.keyboard.press('Alt+ArrowUp');
    expect(await cellText(page, ROW.pelatihan, COL.tahap)).toBe('Evaluasi pelatihan');
    expect(await cellText(page, ROW.pelatihan + 1, COL.tahap)).toBe('Pelatihan Penggunaan System');
    expect(await focusedCell(page)).toBe(`ra-cell-${ROW.pelatihan - 1}-${COL.tahap}`);
    await page.keyboard.press('Control+z');
    expect(await cellText(page, ROW.pelatihan, COL.tahap)).toBe('Pelatihan Penggunaan System');
    await waitSaved(page);
    expect(await overflowAtOfficeSizes(page, 'rencana-aksi-2')).toEqual(fitsEverySize);
  });

  it('deletes a plan from the list after confirmation, and Urungkan brings it back', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: '← Semua rencana aksi' }).click();
    const list = page.getByTestId('ra-plan-list');
    await list.waitFor();
    expect(await list.innerText()).toContain('Rp 193.000.000');
    expect(await list.innerText()).toContain('Pengembangan SIM PKK');
    await screenshot(page, 'ra-list');

    await page.getByRole('button', { name: 'Hapus rencana aksi "Pengembangan SIM PKK"' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Pengembangan SIM PKK');
    await dialog.getByRole('button', { name: 'Hapus' }).click();
    await page.locator('.ra-toast').filter({ hasText: 'dihapus' }).waitFor();
    await page.getByText('Belum ada rencana aksi').waitFor();
    await page.locator('.ra-toast').getByRole('button', { name: 'Urungkan' }).click();
    await page.locator('.ra-toast').filter({ hasText: 'dipulihkan' }).waitFor();
    await list.waitFor();
    expect(await list.innerText()).toContain('Rp 193.000.000');
    await page.getByRole('button', { name: 'Buka rencana aksi "Pengembangan SIM PKK"' }).click();
    await page.getByRole('grid').waitFor();
    await waitForTotal(page, 'Rp 193.000.000');
  });

  it('fills indikator and KAK of an output in its panel; a plan without a title is not saved', async () => {
    const { page } = browser;
    const indikatorCount = async () => (await findingCodes(page)).filter((c) => c === 'INDIKATOR_KOSONG').length;
    expect(await indikatorCount()).toBe(7);
    // The finding's field is in the output panel: choosing it puts the cursor there.
    await page.locator('.ra-finding-list [data-code="INDIKATOR_KOSONG"]').first().click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('output.indikatorTarget');
    expect(await page.locator('.ra-output-panel h2').innerText()).toBe('Output: Arsitektur Sistem');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('dokumen arsitektur');
    await page.waitForFunction(() => document.querySelectorAll('.ra-finding-list [data-code="INDIKATOR_KOSONG"]').length === 6);
    await page.getByLabel('Latar belakang').fill('Belum ada arsitektur SPBE untuk SIM PKK.');
    // The form has no start date: the output's start month is set here, and the schedule follows it.
    const outputTitle = () =>
      page
        .getByTestId('ra-gantt')
        .locator('title')
        .evaluateAll((els) => els.map((e) => e.textContent ?? '').find((text) => text.startsWith('Arsitektur Sistem')) ?? '');
    expect(await outputTitle()).toMatch(/Januari/);
    await page.getByLabel('Mulai bulan').selectOption({ label: 'Maret' });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="ra-gantt"] title')].some((e) => /^Arsitektur Sistem.*Maret/.test(e.textContent ?? '')));
    expect(await outputTitle()).not.toMatch(/Januari/);
    await screenshot(page, 'ra-output-panel');

    const title = page.locator('input[name="plan.title"]');
    await title.fill('');
    await page.waitForFunction(() => document.querySelector('[data-testid="ra-save-status"]')?.getAttribute('data-state') === 'invalid');
    expect(await page.getByTestId('ra-save-status').innerText()).toContain('judul wajib diisi');
    await page.keyboard.press('Control+z');
    expect(await title.inputValue()).toBe('Pengembangan SIM PKK');
    await waitSaved(page);
    await page.reload();
    await page.getByRole('grid').waitFor();
    expect(await indikatorCount()).toBe(6);
    await cell(page, 2, COL.tahap).click();
    expect(await page.locator('input[name="output.indikatorSatuan"]').inputValue()).toBe('dokumen arsitektur');
    expect(await page.getByLabel('Latar belakang').inputValue()).toBe('Belum ada arsitektur SPBE untuk SIM PKK.');
    expect(await page.getByLabel('Mulai bulan').inputValue()).toBe('3');
    expect(await outputTitle()).toMatch(/Maret/);
  });

  it('breaks no Content-Security-Policy rule and logs no error', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
