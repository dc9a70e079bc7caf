/**
 * Issue 8 through the screens: the reminder appears on a workspace never
 * backed up, "Cadangkan sekarang" in Pengaturan makes a backup (passphrase
 * typed twice, progress, result), the reminder goes away, and the backup
 * restored with Berkas closed (the CLI command the screen shows) opens as
 * the same workspace on a "new computer".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { completeFirstRun, defaultSetup, hasHorizontalScroll, launchBrowser, repoRoot, screenshot, startBerkasUi, tempDir, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(300_000);

const passphrase = 'flashdisk-kantor-camat';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Pengaturan' }).waitFor();
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
    expect(await panel.getByTestId('backup-restore-command').innerText()).toContain(`--data-dir "${path.join(work, 'data')}"`);
    expect(await hasHorizontalScroll(page)).toBe(false);

    const flashdisk = path.join(work, 'flashdisk');
    mkdirSync(flashdisk);
    const outPath = path.join(flashdisk, 'cadangan-juni.berkas-backup');
    await panel.getByLabel('Simpan ke').fill(outPath);
    await panel.getByLabel('Frasa sandi', { exact: true }).fill(passphrase);
    await panel.getByLabel('Ulangi frasa sandi').fill(`${passphrase}x`);
    await panel.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    // Confirmation differs: refused next to the field, focus moved there, nothing written.
    await panel.getByText('Tidak sama dengan frasa sandi pertama.').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.autocomplete)).toBe('new-password');
    expect(existsSync(outPath)).toBe(false);

    await panel.getByLabel('Ulangi frasa sandi').fill(passphrase);
    await panel.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    const result = panel.getByTestId('backup-job-status');
    await result.getByText('Cadangan tersimpan').waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain(outPath);
    expect(existsSync(outPath)).toBe(true);
    await panel.getByTestId('backup-last').filter({ hasText: /^Terakhir dicadangkan \d{1,2} \S+ \d{4}$/ }).waitFor();
    // The passphrase fields are emptied once the backup is made.
    expect(await panel.getByLabel('Frasa sandi', { exact: true }).inputValue()).toBe('');
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
      ['-r', require.resolve('tsx/cjs'), path.join(repoRoot, 'cli', 'main.ts'), 'backup', 'restore', outPath, '--data-dir', elsewhere, '--passphrase-env', 'FRASA_SANDI'],
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
});
