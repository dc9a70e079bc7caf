/**
 * Issue 8 through the screens: the reminder appears on a workspace never
 * backed up, "Cadangkan sekarang" in Pengaturan makes a backup (passphrase
 * typed twice, progress, result), the reminder goes away; the backup
 * restored on a "new computer" with the CLI opens as the same workspace; and
 * in the running app, after the workspace has changed, "Pulihkan" (wrong
 * passphrase refused, confirmation, progress) brings the backed-up workspace
 * back, and "Batalkan pemulihan" brings the changed one back again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { completeFirstRun, defaultSetup, fitsEverySize, launchBrowser, overflowAtOfficeSizes, repoRoot, screenshot, startBerkasUi, tempDir, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(300_000);

const passphrase = 'flashdisk-kantor-camat';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();
}

/** Waits until the settings form, loaded after a reload, shows this agency name (times out otherwise). */
async function opdNameBecomes(page: Page, name: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector<HTMLInputElement>('input[name="opd.name"]')?.value === expected, name, { timeout: 30_000 });
}

describe('backup through the screens', () => {
  let work: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;

  beforeAll(async () => {
    work = tempDir('ui-backup');
    ui = await startBerkasUi(path.join(work, 'data'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('reminds, backs up from Pengaturan, and the backup restores as the same workspace', async () => {
    const { page } = browser;
    await page.goto(ui!.url);
    await completeFirstRun(page);

    const reminder = page.getByTestId('backup-reminder');
    await reminder.waitFor();
    expect(await reminder.innerText()).toContain('belum pernah dicadangkan');
    await reminder.getByRole('link', { name: 'Cadangkan sekarang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();

    const panel = page.getByTestId('backup-panel');
    expect(await panel.getByTestId('backup-last').innerText()).toBe('Belum pernah dicadangkan');
    expect(await overflowAtOfficeSizes(page, 'backup-1')).toEqual(fitsEverySize);

    const flashdisk = path.join(work, 'flashdisk');
    mkdirSync(flashdisk);
    const outPath = path.join(flashdisk, 'cadangan-juni.berkas-backup');
    await panel.getByLabel('Simpan ke').fill(outPath);
    // Named as the backup's own, not to be confused with the vault passphrase or a certificate password.
    expect(await panel.getByText('bukan frasa sandi brankas atau kata sandi sertifikat').count()).toBe(1);
    // The backup's field comes first; the restore form below it asks for the same passphrase by the same name.
    const backupPassphrase = panel.getByLabel('Frasa sandi cadangan', { exact: true }).first();
    await backupPassphrase.fill(passphrase);
    await panel.getByLabel('Ulangi frasa sandi cadangan').fill(`${passphrase}x`);
    await panel.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    // Confirmation differs: refused next to the field, focus moved there, nothing written.
    await panel.getByText('Tidak sama dengan frasa sandi cadangan pertama.').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.autocomplete)).toBe('new-password');
    expect(existsSync(outPath)).toBe(false);

    await panel.getByLabel('Ulangi frasa sandi cadangan').fill(passphrase);
    await panel.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    const result = panel.getByTestId('backup-job-status');
    await result.getByText('Cadangan tersimpan').waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain(outPath);
    expect(existsSync(outPath)).toBe(true);
    await panel.getByTestId('backup-last').filter({ hasText: /^Terakhir dicadangkan \d{1,2} \S+ \d{4}$/ }).waitFor();
    // The passphrase fields are emptied once the backup is made.
    expect(await backupPassphrase.inputValue()).toBe('');
    await reminder.waitFor({ state: 'detached' });
    await screenshot(page, 'backup-done');

    // Interval: refused outside 1–365, saved inside.
    const interval = panel.getByLabel('Ingatkan setiap (hari)');
    await interval.fill('0');
    await panel.getByRole('button', { name: 'Simpan selang pengingat' }).click();
    await panel.getByText('Isi bilangan bulat 1 sampai 365.').waitFor();
    await interval.fill('14');
    await panel.getByRole('button', { name: 'Simpan selang pengingat' }).click();
    await panel.getByText('Selang pengingat tersimpan.').waitFor();
    expect(await panel.innerText()).toContain('Setiap 14 hari');

    // Restore on "another computer", with Berkas closed there: the command the screen shows.
    const elsewhere = path.join(work, 'komputer-baru');
    const restore = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'backup', 'restore', outPath, '--data-dir', elsewhere, '--passphrase-env', 'FRASA_SANDI'],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, FRASA_SANDI: passphrase } },
    );
    expect(restore.stderr.replace(/^(Memeriksa|Menyelesaikan|Selesai).*\n/gm, '')).toBe('');
    expect(restore.status).toBe(0);

    const restoredUi = await startBerkasUi(elsewhere);
    try {
      await page.goto(restoredUi.url);
      // Straight into the app: the settings came back, so there is no first-run form.
      await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
      await openSettings(page);
      expect(await page.locator('input[name="opd.name"]').inputValue()).toBe(defaultSetup.opdName);
      expect(await page.locator('input[name="officer.nip"]').inputValue()).toBe(defaultSetup.nip);
      await page.getByTestId('backup-last').filter({ hasText: /^Terakhir dicadangkan/ }).waitFor();
      expect(await page.getByTestId('backup-reminder').count()).toBe(0);
    } finally {
      await restoredUi.stop();
    }
  });

  it('restores the backup over the changed workspace from Pengaturan, and undoes the restore', async () => {
    const { page } = browser;
    const outPath = path.join(work, 'flashdisk', 'cadangan-juni.berkas-backup');
    expect(existsSync(outPath)).toBe(true);
    await page.goto(ui!.url);
    await openSettings(page);
    const changedName = 'Dinas Yang Sudah Berganti Nama';
    await page.locator('input[name="opd.name"]').fill(changedName);
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByTestId('save-status').filter({ hasText: 'Pengaturan tersimpan.' }).waitFor();

    // "Telusuri…" beside "Simpan ke": a folder and a new name, the name checked.
    const backupPanel = page.getByTestId('backup-panel');
    await backupPanel.getByRole('button', { name: 'Telusuri…' }).first().click();
    const savePicker = page.getByRole('dialog', { name: 'Simpan cadangan ke' });
    await savePicker.getByLabel('Folder', { exact: true }).fill(path.join(work, 'flashdisk'));
    await savePicker.getByRole('button', { name: 'Buka', exact: true }).click();
    await savePicker.getByRole('button', { name: /^cadangan-juni\.berkas-backup/ }).waitFor();
    await savePicker.getByLabel('Nama berkas').fill('../keluar.berkas-backup');
    await savePicker.getByRole('button', { name: 'Simpan di sini' }).click();
    await savePicker.getByText('Nama berkas tidak boleh memuat / atau \\').waitFor();
    await savePicker.getByLabel('Nama berkas').fill('cadangan-juli.berkas-backup');
    await screenshot(page, 'backup-picker');
    await savePicker.getByRole('button', { name: 'Simpan di sini' }).click();
    expect(await backupPanel.getByLabel('Simpan ke').inputValue()).toBe(path.join(work, 'flashdisk', 'cadangan-juli.berkas-backup'));

    const panel = page.getByTestId('restore-panel');
    await panel.getByRole('button', { name: 'Pulihkan…' }).click();
    await panel.getByText('Wajib diisi.').first().waitFor();
    // The backup file is chosen with "Telusuri…": only folders and .berkas-backup files are listed.
    await writeFile(path.join(work, 'flashdisk', 'catatan.txt'), 'bukan cadangan');
    await panel.getByRole('button', { name: 'Telusuri…' }).click();
    const picker = page.getByRole('dialog', { name: 'Pilih berkas cadangan' });
    await picker.getByLabel('Folder', { exact: true }).fill(path.join(work, 'flashdisk'));
    await picker.getByRole('button', { name: 'Buka', exact: true }).click();
    const file = picker.getByRole('button', { name: /^cadangan-juni\.berkas-backup/ });
    await file.waitFor();
    expect(await picker.getByRole('button', { name: /catatan\.txt/ }).count()).toBe(0);
    expect(await picker.getByRole('button', { name: 'Pilih berkas ini' }).isDisabled()).toBe(true);
    await file.click();
    await picker.getByRole('button', { name: 'Pilih berkas ini' }).click();
    await picker.waitFor({ state: 'detached' });
    expect(await panel.getByLabel('Berkas cadangan').inputValue()).toBe(outPath);
    await panel.getByLabel('Frasa sandi cadangan').fill('bukan-frasa-sandinya');
    await panel.getByRole('button', { name: 'Pulihkan…' }).click();
    // Confirmation first, with the safe choice focused.
    const dialog = page.getByRole('alertdialog', { name: 'Pulihkan ruang kerja dari cadangan?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(outPath);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Jangan');
    await dialog.getByRole('button', { name: 'Ya, pulihkan' }).click();
    const status = panel.getByTestId('restore-status');
    await status.getByText(/^Pemulihan gagal: .*frasa sandi/i).waitFor({ timeout: 60_000 });
    expect(await page.locator('input[name="opd.name"]').inputValue()).toBe(changedName);
    expect(await panel.getByTestId('restore-undo').count()).toBe(0);

    await panel.getByLabel('Frasa sandi cadangan').fill(passphrase);
    await panel.getByRole('button', { name: 'Pulihkan…' }).click();
    await dialog.getByRole('button', { name: 'Ya, pulihkan' }).click();
    await status.getByText(/^Pemulihan selesai: ruang kerja kini berisi cadangan tanggal \d{1,2} \S+ \d{4}/).waitFor({ timeout: 60_000 });
    expect(await status.innerText()).toContain('Batalkan pemulihan');
    await panel.getByTestId('restore-undo').waitFor();
    await panel.getByTestId('restore-undo').scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-restored');
    await panel.getByRole('button', { name: 'Muat ulang Berkas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();
    await opdNameBecomes(page, defaultSetup.opdName);
    // The shell says what happened and how to undo it, after the reload too.
    expect(await page.getByText(/Ruang kerja yang ada sebelumnya tidak dihapus: dipindahkan ke .*sebelum-pulih-/).count()).toBeGreaterThan(0);

    // Undo: confirmed, then the changed workspace is back.
    const undoBox = page.getByTestId('restore-undo');
    await undoBox.getByRole('button', { name: 'Batalkan pemulihan' }).click();
    const undoDialog = page.getByRole('alertdialog', { name: 'Batalkan pemulihan terakhir?' });
    await undoDialog.getByRole('button', { name: 'Ya, batalkan pemulihan' }).click();
    await page.getByTestId('restore-status').getByText(/^Pemulihan dibatalkan: ruang kerja sebelum pemulihan dipakai kembali/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Muat ulang Berkas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();
    await opdNameBecomes(page, changedName);
    expect(await page.getByTestId('restore-undo').count()).toBe(0);
  });

  it('on a new computer, restores from the first-run screen instead of setting up again', async () => {
    const { page } = browser;
    const outPath = path.join(work, 'flashdisk', 'cadangan-juni.berkas-backup');
    const laptop = await startBerkasUi(path.join(work, 'laptop-baru'));
    try {
      await page.goto(laptop.url);
      await page.getByRole('heading', { level: 1, name: 'Selamat datang di Berkas' }).waitFor();
      const restore = page.getByTestId('first-run-restore');
      await restore.getByText('Pindah dari komputer lain? Pulihkan ruang kerja dari berkas cadangan').click();
      await restore.getByLabel('Berkas cadangan').fill(outPath);
      await restore.getByLabel('Frasa sandi cadangan').fill(passphrase);
      await screenshot(page, 'first-run-restore');
      await restore.getByRole('button', { name: 'Pulihkan…' }).click();
      await page.getByRole('alertdialog', { name: 'Pulihkan ruang kerja dari cadangan?' }).getByRole('button', { name: 'Ya, pulihkan' }).click();
      await restore.getByTestId('restore-status').getByText(/^Pemulihan selesai/).waitFor({ timeout: 60_000 });
      await restore.getByRole('button', { name: 'Muat ulang Berkas' }).click();
      // Straight into the app with the officer's settings: no first-run form.
      await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
      await openSettings(page);
      await opdNameBecomes(page, defaultSetup.opdName);
      expect(await page.locator('input[name="officer.nip"]').inputValue()).toBe(defaultSetup.nip);
    } finally {
      await laptop.stop();
    }
  });
});
