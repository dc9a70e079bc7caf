/**
 * Issue 4 through the screens of `berkas ui`: certificates kept (imported
 * .p12 with a wrong then right password, a "tidak tersertifikasi" one made
 * locally), a trust root added, a rencana aksi signed after a confirmation
 * that names the document and the signer (Jambi Pasal 7 ayat (7) huruf c) —
 * cancelled once, refused once for a wrong password, then signed for real
 * after confirming that the certificate holder differs from the officer in
 * Pengaturan — kept in the workspace (closing asks nothing), a copy
 * downloaded and judged by pdfsig and by the "Periksa PDF" screen, a second
 * signature added, and a tampered copy shown as not valid.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import {
  completeFirstRun,
  defaultSetup,
  fitsEverySize,
  launchBrowser,
  loadProfile,
  overflowAtOfficeSizes,
  repoRoot,
  screenshot,
  startBerkasUi,
  tempDir,
  visibleText,
  type BerkasUi,
  type Browser,
} from './helpers/berkas-ui';

jest.setTimeout(420_000);

const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'signing');
const p12Password = 'rahasia-uji';
const vaultPassphrase = 'brankas-kantor-bappeda';
const longWait = { timeout: 90_000 };
const jambi = loadProfile('jambi');

async function openSigning(page: Page, tab: 'Periksa PDF' | 'Sertifikat saya' | 'Sertifikat akar tepercaya'): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Tanda Tangan', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Tanda Tangan Elektronik' }).waitFor();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

/** The plan imported through the same contract the screens use (the editor's own import is another engineer's test). */
async function importPlan(page: Page): Promise<{ id: string; title: string; year: number }> {
  const contentBase64 = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'rencana-aksi', 'prabumulih-contoh.tsv')).toString('base64');
  return page.evaluate(
    async (body) => {
      const response = await fetch('./api/rencanaAksiImport', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const envelope = (await response.json()) as { ok: boolean; value?: { plan: { id: string; title: string; year: number } }; error?: { message: string } };
      if (!envelope.ok || !envelope.value) throw new Error(`rencanaAksiImport: ${envelope.error?.message ?? response.status}`);
      return { id: envelope.value.plan.id, title: envelope.value.plan.title, year: envelope.value.plan.year };
    },
    { fileName: 'prabumulih-contoh.tsv', contentBase64, shouldSave: true },
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pdfsig(file: string): string {
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

async function chooseCertificate(dialog: Locator, name: RegExp): Promise<void> {
  await dialog.getByRole('radio', { name }).check();
}

describe('signing through the screens', () => {
  let work: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;
  const downloads: Download[] = [];

  beforeAll(async () => {
    work = tempDir('ui-signing');
    // The vault passphrase is asked in the page here, never taken from the environment (another suite in this process may set it).
    delete process.env.BERKAS_VAULT_PASSPHRASE;
    ui = await startBerkasUi(path.join(work, 'data'));
    browser = await launchBrowser();
    browser.page.on('download', (d) => downloads.push(d));
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps certificates: a wrong password is refused and emptied, a .p12 and a local one are listed', async () => {
    const { page } = browser;
    await page.goto(ui!.url);
    await completeFirstRun(page);
    await openSigning(page, 'Sertifikat saya');
    const panel = page.getByTestId('sign-certificates-panel');
    await panel.getByText('Belum ada sertifikat.').waitFor();
    expect(await panel.getByTestId('sign-vault-status').innerText()).toContain('terkunci');

    const importForm = panel.getByTestId('sign-import-form');
    await importForm.getByLabel('Berkas sertifikat').setInputFiles(path.join(fixtures, 'officer.p12'));
    await importForm.getByLabel('Kata sandi sertifikat').fill('salah-sandi');
    await importForm.getByLabel('Buat frasa sandi brankas').fill(vaultPassphrase);
    await importForm.getByLabel('Ulangi frasa sandi brankas').fill(`${vaultPassphrase}x`);
    await importForm.getByTestId('sign-import-submit').click();
    // The two vault passphrases differ: refused next to the field before anything is sent.
    await importForm.getByText('Tidak sama dengan frasa sandi brankas pertama.').waitFor();
    await importForm.getByLabel('Ulangi frasa sandi brankas').fill(vaultPassphrase);
    await importForm.getByTestId('sign-import-submit').click();
    await importForm.getByText('Kata sandi sertifikat officer.p12 salah').waitFor(longWait);
    // The password leaves the form after every use, and focus is on it again.
    expect(await importForm.getByLabel('Kata sandi sertifikat').inputValue()).toBe('');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'certificate-password');
    expect(await panel.getByTestId('sign-certificate').count()).toBe(0);
    // Only the certificate's password was wrong: the vault passphrase, typed twice, stays.
    expect(await importForm.getByLabel('Buat frasa sandi brankas').inputValue()).toBe(vaultPassphrase);
    expect(await importForm.getByLabel('Ulangi frasa sandi brankas').inputValue()).toBe(vaultPassphrase);
    await screenshot(page, 'sign-import-wrong-password');

    await importForm.getByLabel('Kata sandi sertifikat').fill(p12Password);
    await importForm.getByTestId('sign-import-submit').click();
    const officer = panel.getByTestId('sign-certificate').filter({ hasText: 'Budi Santoso' });
    await officer.waitFor(longWait);
    const officerText = (await officer.innerText()).replace(/\s+/g, ' ');
    expect(officerText).toContain('Tersertifikasi');
    expect(officerText).toContain('NIP 198703122010011002');
    expect(officerText).toContain('Berkas Uji CA Penerbit');
    expect(officerText).toContain('berlaku s.d. 1 Januari 2040');
    expect(officerText).toContain('tanda tangan digital, nirsangkal');
    expect(await importForm.getByLabel('Kata sandi sertifikat').inputValue()).toBe('');
    // The vault passphrase is now remembered by this page (memory only): not asked again.
    expect(await panel.getByTestId('sign-vault-status').innerText()).toContain('terbuka untuk sesi ini');
    expect(await panel.getByTestId('sign-vault-fields').count()).toBe(0);

    // An expired certificate is refused with the service's reason, next to the file.
    await importForm.getByLabel('Berkas sertifikat').setInputFiles(path.join(fixtures, 'expired.p12'));
    await importForm.getByLabel('Kata sandi sertifikat').fill(p12Password);
    await importForm.getByTestId('sign-import-submit').click();
    await importForm.getByText('sudah kedaluwarsa sejak 1 Januari 2020').waitFor(longWait);
    expect(await panel.getByTestId('sign-certificate').count()).toBe(1);

    // A local certificate for the officer of the first run: only after saying what it means.
    const selfForm = panel.getByTestId('sign-self-form');
    expect(await selfForm.getByLabel('Nama pemilik').inputValue()).toBe(defaultSetup.officerName);
    expect(await selfForm.innerText()).toContain('Apa artinya "tidak tersertifikasi"?');
    await selfForm.getByTestId('sign-self-submit').click();
    await selfForm.getByText('Centang pernyataan ini dulu.').waitFor();
    await selfForm.getByLabel(/Saya mengerti/).check();
    await selfForm.getByTestId('sign-self-submit').click();
    const local = panel.getByTestId('sign-certificate').filter({ hasText: defaultSetup.officerName });
    await local.waitFor(longWait);
    expect(await local.getByTestId('sign-uncertified').innerText()).toMatch(/tidak tersertifikasi/i);
    expect((await local.innerText()).replace(/\s+/g, ' ')).toContain(`NIP ${defaultSetup.nip}`);
    expect(await selfForm.getByTestId('sign-self-done').innerText()).toContain('dibuat');
    expect(await overflowAtOfficeSizes(page, 'signing-1')).toEqual(fitsEverySize);
    await screenshot(page, 'sign-certificate-forms');
    await panel.getByRole('heading', { name: /^Sertifikat tersimpan/ }).evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'sign-certificates');

    // Nothing secret outside the page's memory.
    const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }) + document.cookie);
    expect(stored).not.toContain(vaultPassphrase);
    expect(stored).not.toContain(p12Password);

    // The test CA's root, so the officer's signature shows as trusted.
    await page.getByRole('tab', { name: 'Sertifikat akar tepercaya' }).click();
    const trust = page.getByTestId('sign-trust-panel');
    await trust.getByLabel('Berkas sertifikat akar').setInputFiles(path.join(fixtures, 'root.pem'));
    await trust.getByTestId('sign-trust-submit').click();
    await trust.getByTestId('sign-trust-list').getByText('Berkas Uji Root CA').waitFor(longWait);
    await screenshot(page, 'sign-trust');
  });

  it('signs a plan after a confirmation naming document and signer: cancel and a wrong password leave nothing', async () => {
    const { page } = browser;
    const plan = await importPlan(page);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Rencana Aksi', exact: true }).click();
    await page.locator(`[data-testid="ra-plan-list"] tr[data-plan="${plan.id}"] .ra-open-link`).click();
    await page.getByTestId('sign-plan-open').waitFor();
    await screenshot(page, 'sign-plan-toolbar');
    await page.getByTestId('sign-plan-open').click();

    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    // The certified certificate is offered first; the preview names what and who.
    await dialog.getByTestId('sign-document-title').waitFor(longWait);
    const what = (await dialog.getByTestId('sign-what').innerText()).replace(/\s+/g, ' ');
    expect(await dialog.getByTestId('sign-document-title').innerText()).toBe(`${jambi.terms.actionPlan} ${defaultSetup.opdName} Tahun ${plan.year}`);
    expect(await dialog.getByTestId('sign-plan-content').innerText()).toMatch(new RegExp(`^${escapeRegExp(plan.title)} \\(${plan.year}\\): \\d+ tahap, jumlah Rp [\\d.]+$`));
    expect(what).toContain(plan.id);
    expect(await dialog.getByTestId('sign-document-pages').innerText()).toMatch(/^\d+ halaman$/);
    const who = (await dialog.getByTestId('sign-who').innerText()).replace(/\s+/g, ' ');
    expect(who).toContain('Budi Santoso');
    expect(who).toContain('198703122010011002');
    expect(who).toContain('Berkas Uji CA Penerbit');
    expect(who).toContain('berlaku s.d. 1 Januari 2040');
    // Pengaturan names another officer: the block will name Budi Santoso, and that is confirmed first.
    const differences = dialog.getByTestId('sign-signer-differences');
    await differences.waitFor();
    expect((await differences.innerText()).replace(/\s+/g, ' ')).toContain(defaultSetup.officerName);
    expect(await dialog.getByTestId('sign-submit').isDisabled()).toBe(true);
    expect(await dialog.getByText('Anda, Budi Santoso, menandatangani dokumen di atas').count()).toBe(0);
    await differences.getByTestId('sign-signer-confirm').check();
    expect(await dialog.getByText('Anda, Budi Santoso, menandatangani dokumen di atas').count()).toBe(1);
    await screenshot(page, 'sign-confirm');

    // Batal: nothing signed, nothing downloaded.
    await dialog.getByRole('button', { name: 'Batal', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(downloads).toHaveLength(0);

    // Wrong certificate password: said next to the field, emptied, nothing downloaded.
    await page.getByTestId('sign-plan-open').click();
    await dialog.getByTestId('sign-document-title').waitFor(longWait);
    await chooseCertificate(dialog, /Budi Santoso/);
    await dialog.getByTestId('sign-signer-confirm').check();
    await dialog.getByLabel('Kata sandi sertifikat').fill('bukan-sandinya');
    await dialog.getByTestId('sign-submit').click();
    await dialog.getByText(/Kata sandi sertifikat .* salah/).waitFor(longWait);
    expect(await dialog.getByLabel('Kata sandi sertifikat').inputValue()).toBe('');
    expect(await dialog.getByTestId('sign-result').count()).toBe(0);
    expect(downloads).toHaveLength(0);
    await screenshot(page, 'sign-wrong-password');

    // Signed for real: kept in the workspace, checked at once, a copy downloadable.
    await dialog.getByLabel('Kata sandi sertifikat').fill(p12Password);
    await dialog.getByTestId('sign-submit').click();
    const result = dialog.getByTestId('sign-result');
    await result.waitFor(longWait);
    expect(await dialog.getByLabel('Kata sandi sertifikat').count()).toBe(0);
    const verdict = result.getByTestId('sign-verdict');
    await verdict.waitFor(longWait);
    expect(await verdict.getAttribute('data-verdict')).toBe('valid');
    expect(await verdict.innerText()).toContain('SAH: isi utuh dan semua penanda tangan tepercaya');
    expect(await result.getByText('Tidak perlu diunduh').count()).toBe(1);
    expect(await result.getByTestId('doc-send').innerText()).toBe(`Kirim ke ${jambi.terms.ictOfficeShort}`);
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByTestId('sign-download').click()]);
    const signedOnce = path.join(work, download.suggestedFilename());
    await download.saveAs(signedOnce);
    expect(signedOnce).toMatch(/\.pdf$/);
    await screenshot(page, 'sign-done');

    const judged = pdfsig(signedOnce);
    expect(judged.match(/Signature #\d+:/g)).toHaveLength(1);
    expect(judged).toContain('Signature is Valid.');
    expect(judged).toContain('ETSI.CAdES.detached');

    // The kepala's signature added on top (here the local certificate, which needs no .p12 password).
    await result.getByTestId('sign-add-another').click();
    await dialog.getByRole('heading', { name: 'Tambah tanda tangan pada Rencana aksi' }).waitFor();
    await chooseCertificate(dialog, new RegExp(escapeRegExp(defaultSetup.officerName)));
    await dialog.getByTestId('sign-signed-by').waitFor(longWait);
    expect(await dialog.getByTestId('sign-what').innerText()).toContain('Budi Santoso');
    expect(await dialog.getByTestId('sign-who').getByTestId('sign-uncertified').count()).toBeGreaterThan(0);
    expect(await dialog.getByLabel('Kata sandi sertifikat').count()).toBe(0);
    await screenshot(page, 'sign-second-confirm');
    await dialog.getByTestId('sign-submit').click();
    const second = dialog.getByTestId('sign-result');
    await second.getByTestId('sign-verdict').waitFor(longWait);
    expect(await second.getByTestId('sign-signature').count()).toBe(2);
    expect(await second.getByTestId('sign-verdict').getAttribute('data-verdict')).toBe('unverifiedSigner');
    const [download2] = await Promise.all([page.waitForEvent('download'), second.getByTestId('sign-download').click()]);
    const signedTwice = path.join(work, `dua-${download2.suggestedFilename()}`);
    await download2.saveAs(signedTwice);
    await second.getByTestId('sign-close').click();
    await dialog.waitFor({ state: 'detached' });

    const judgedTwice = pdfsig(signedTwice);
    expect(judgedTwice.match(/Signature #\d+:/g)).toHaveLength(2);
    expect(judgedTwice.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(downloads).toHaveLength(2);

    // "Periksa PDF": any PDF an officer opens, checked the same way.
    await openSigning(page, 'Periksa PDF');
    const verifyPanel = page.getByTestId('sign-verify-panel');
    await verifyPanel.getByLabel('PDF yang diperiksa').setInputFiles(signedOnce);
    const report = verifyPanel.getByTestId('sign-verification');
    await report.waitFor(longWait);
    expect(await report.getByTestId('sign-verdict').getAttribute('data-verdict')).toBe('valid');
    const reportText = (await report.innerText()).replace(/\s+/g, ' ');
    expect(reportText).toContain('TTD1_Penyusun');
    expect(reportText).toContain('Budi Santoso — NIP 198703122010011002');
    expect(reportText).toContain('Utuh: isi tidak berubah sejak ditandatangani');
    expect(reportText).toContain('Tepercaya');
    expect(reportText).toContain('PAdES B-B');
    expect(reportText).toContain('Seluruh dokumen');
    expect(reportText).toMatch(/Waktu tanda tangan \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d{2}\.\d{2}/);
    expect(await overflowAtOfficeSizes(page, 'signing-2')).toEqual(fitsEverySize);
    await screenshot(page, 'sign-verify');

    // One changed byte inside the first revision: shown as not valid, in words.
    const bytes = readFileSync(signedTwice);
    const at = bytes.indexOf('stream\n', bytes.indexOf('/Filter /FlateDecode')) + 40;
    bytes[at] = (bytes[at] as number) ^ 0x01;
    const tampered = path.join(work, 'diubah.pdf');
    writeFileSync(tampered, bytes);
    expect(statSync(tampered).size).toBe(statSync(signedTwice).size);
    await verifyPanel.getByRole('button', { name: 'Periksa PDF lain' }).click();
    await verifyPanel.getByLabel('PDF yang diperiksa').setInputFiles(tampered);
    const broken = verifyPanel.getByTestId('sign-verdict');
    await broken.waitFor(longWait);
    expect(await broken.getAttribute('data-verdict')).toBe('broken');
    expect(await broken.innerText()).toContain('TIDAK SAH');
    expect(await verifyPanel.getByText('TIDAK UTUH: isi berubah setelah ditandatangani').count()).toBe(2);
    expect(await verifyPanel.getByTestId('sign-verify-add').count()).toBe(0);
    await screenshot(page, 'sign-verify-tampered');
  });

  it('asks the vault passphrase again after a reload, and removes a certificate only after confirmation', async () => {
    const { page } = browser;
    // A reload forgets the vault passphrase: the next use asks for it again.
    await page.reload();
    await openSigning(page, 'Sertifikat saya');
    const panel = page.getByTestId('sign-certificates-panel');
    expect(await panel.getByTestId('sign-vault-status').innerText()).toContain('terkunci');
    await panel.getByTestId('sign-certificate').first().waitFor();
    expect(await panel.getByTestId('sign-certificate').count()).toBe(2);

    await panel.getByRole('button', { name: `Hapus sertifikat ${defaultSetup.officerName}` }).click();
    const confirm = page.getByTestId('sign-remove-dialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('tetap sah');
    // Batal keeps it.
    await confirm.getByRole('button', { name: 'Batal', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('sign-certificate').count()).toBe(2);

    await panel.getByRole('button', { name: `Hapus sertifikat ${defaultSetup.officerName}` }).click();
    await confirm.getByLabel('Frasa sandi brankas').fill('bukan-kata-sandi-brankas');
    await confirm.getByRole('button', { name: 'Hapus sertifikat', exact: true }).click();
    await confirm.getByText('Frasa sandi brankas kunci salah').waitFor(longWait);
    expect(await confirm.getByLabel('Frasa sandi brankas').inputValue()).toBe('');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'vault-passphrase');
    await screenshot(page, 'sign-remove-wrong-vault');
    await confirm.getByLabel('Frasa sandi brankas').fill(vaultPassphrase);
    await confirm.getByRole('button', { name: 'Hapus sertifikat', exact: true }).click();
    await confirm.waitFor({ state: 'detached', ...longWait });
    await panel.getByTestId('sign-certificates-message').getByText('dihapus').waitFor();
    expect(await panel.getByTestId('sign-certificate').count()).toBe(1);
    expect(await panel.getByTestId('sign-certificate').innerText()).toContain('Budi Santoso');
    expect(await visibleText(page)).not.toContain(vaultPassphrase);
  });

  it('asks the vault passphrase for an enrolment only when the vault needs it, in plain words, before the code is spent', async () => {
    const { page } = browser;
    // A fresh page holds no vault passphrase.
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.reload();
    const enroll = page.getByTestId('outbox-enroll');
    await enroll.waitFor();
    const vaultField = enroll.getByLabel('Frasa sandi brankas', { exact: true });
    expect(await vaultField.count()).toBe(0);
    await enroll.getByLabel(/Alamat server/).fill('http://127.0.0.1:9');
    await enroll.getByLabel('Kode pendaftaran').fill('K7QM-4XTD-9HPA-2WEC');
    await enroll.getByRole('button', { name: 'Daftarkan' }).click();
    // The vault needs it: asked now, in words about the vault, not the command line's environment variable.
    await enroll.getByText('isi frasa sandi brankas, lalu tekan Daftarkan lagi. Kode pendaftaran belum terpakai.').waitFor(longWait);
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'vaultPassphrase');
    expect(await visibleText(page)).not.toContain('BERKAS_VAULT_PASSPHRASE');
    await screenshot(page, 'outbox-enroll-vault');
    // Pressed empty: said at the field, nothing sent.
    await enroll.getByRole('button', { name: 'Daftarkan' }).click();
    await enroll.getByText('Isi frasa sandi brankas.').waitFor();
    // A wrong one is refused by the vault before the server is asked.
    await vaultField.fill('bukan-frasa-brankas');
    await enroll.getByRole('button', { name: 'Daftarkan' }).click();
    await enroll.getByText('Frasa sandi brankas kunci salah').waitFor(longWait);
    expect(await vaultField.inputValue()).toBe('');
    // The right one opens the vault; only then is the server asked (here: nobody listens on port 9).
    await vaultField.fill(vaultPassphrase);
    await enroll.getByRole('button', { name: 'Daftarkan' }).click();
    await enroll.getByRole('alert').filter({ hasText: 'menolak koneksi dari komputer ini' }).waitFor(longWait);
    expect(await vaultField.inputValue()).toBe(vaultPassphrase);
  });
});
