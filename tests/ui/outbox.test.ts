/**
 * Kotak Keluar in Chromium through `berkas ui`, against the real intake
 * server: enrol the device, add a signed PDF, see it sent (terkirim) with its
 * receipt; stop the server and a new package stays queued with a reason in
 * Indonesian; start it again and it goes on its own; cancel asks first.
 */
import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { startIntakeServer, type RunningServer } from '../../server/intake-server';
import { signedPdf } from '../integration/helpers/outbox-fixtures';
import { freePort } from '../integration/helpers/intake';
import { completeFirstRun, fitsEverySize, launchBrowser, overflowAtOfficeSizes, screenshot, startBerkasUi, tempDir, visibleText, type BerkasUi, type Browser } from './helpers/berkas-ui';

jest.setTimeout(240_000);

describe('kotak keluar through berkas ui', () => {
  let dataDir: string;
  let serverDir: string;
  let filesDir: string;
  let port: number;
  let server: RunningServer | null = null;
  let ui: BerkasUi | null = null;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir('ui-outbox');
    serverDir = tempDir('ui-outbox-server');
    filesDir = tempDir('ui-outbox-files');
    port = await freePort();
    server = await startIntakeServer({ dataDir: serverDir, port });
    // `berkas ui` inherits these: the file vault's passphrase and short waits between retries.
    process.env.BERKAS_VAULT_PASSPHRASE = 'frasa-brankas-uji-ui';
    process.env.BERKAS_OUTBOX_BACKOFF_CAP_MS = '1500';
    process.env.BERKAS_SYNC_IDLE_TIMEOUT_MS = '5000';
    ui = await startBerkasUi(dataDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    await server?.close();
    for (const d of [dataDir, serverDir, filesDir]) rmSync(d, { recursive: true, force: true });
  });

  async function pdfFile(name: string, text: string): Promise<string> {
    const file = path.join(filesDir, name);
    await fs.writeFile(file, await signedPdf(text));
    return file;
  }

  it('enrols, sends a signed PDF and shows its receipt', async () => {
    const { page } = browser;
    await page.goto(ui!.url);
    await completeFirstRun(page);
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.getByRole('heading', { level: 1, name: 'Kotak Keluar' }).waitFor();

    // Not enrolled: the form is there, and the header already shows the outbox.
    const enroll = page.getByTestId('outbox-enroll');
    await enroll.waitFor();
    expect(await page.getByTestId('oldest-unsent').innerText()).toBe('Kotak keluar: semua terkirim');
    await screenshot(page, 'outbox-enroll');
    await enroll.getByLabel('Kode pendaftaran').fill('SALAH-KODE-SALAH-KODE');
    await enroll.getByLabel(/Alamat server/).fill(server!.url);
    await enroll.getByRole('button', { name: 'Daftarkan' }).click();
    await enroll.locator('.field-error').filter({ hasText: 'Kode pendaftaran' }).or(enroll.getByRole('alert')).first().waitFor();

    const { code } = await server!.intake.service.createEnrollmentCode('BAPPEDA', 'Badan Perencanaan Pembangunan Daerah');
    await enroll.getByLabel('Kode pendaftaran').fill(code);
    await enroll.getByLabel('Nama perangkat').fill('Laptop Uji');
    await enroll.getByRole('button', { name: 'Daftarkan' }).click();
    await page.getByText(`Terdaftar sebagai BAPPEDA (Badan Perencanaan Pembangunan Daerah) di ${server!.url}, perangkat Laptop Uji.`).waitFor();
    await enroll.waitFor({ state: 'detached' });

    // A signed PDF not made by Berkas: with its type, period and data.json.
    const dataJson = path.join(filesDir, 'data.json');
    await fs.writeFile(dataJson, JSON.stringify({ laporan: 'Triwulan I', capaian: 87 }));
    const add = page.getByTestId('outbox-add');
    await add.getByTestId('outbox-file').setInputFiles(await pdfFile('laporan-triwulan-1.pdf', 'Laporan triwulan I'));
    await add.getByLabel('Jenis kiriman').selectOption('laporan');
    await add.getByLabel('Periode').fill('2025-T1');
    await add.getByTestId('outbox-data-file').setInputFiles(dataJson);
    await add.getByTestId('outbox-add-submit').click();
    await add.getByText('Paket "laporan-triwulan-1" masuk antrean.').waitFor();

    const item = page.getByTestId('outbox-item').filter({ hasText: 'laporan-triwulan-1' });
    await item.and(page.locator('[data-state="terkirim"]')).waitFor({ timeout: 60_000 });
    expect(await item.getByTestId('outbox-state').innerText()).toBe('Terkirim');
    expect(await item.innerText()).toContain('Laporan · Triwulan I 2025');
    const id = (await item.getAttribute('data-id')) as string;
    await page.getByTestId('oldest-unsent').filter({ hasText: 'Kotak keluar: semua terkirim' }).waitFor();
    expect(await overflowAtOfficeSizes(page, 'outbox-sent')).toEqual(fitsEverySize);
    await screenshot(page, 'outbox-sent');

    // The receipt: the signed fields, checked by the app, ready to print.
    await item.getByRole('button', { name: 'Tanda terima' }).click();
    const receipt = page.getByTestId('outbox-receipt');
    await receipt.getByRole('heading', { name: 'Tanda Terima Kiriman' }).waitFor();
    const stored = await server!.intake.repo.getSubmission(id);
    // Plain words first: the time on the region's clock, no algorithm names until "Rincian teknis" is opened.
    const plain = (await receipt.innerText()).replace(/\s+/g, ' ');
    expect(plain).toMatch(/Diterima server \d{1,2} \S+ \d{4} pukul \d{2}\.\d{2} WIB/);
    expect(plain).not.toMatch(/Ed25519|SHA-256/);
    expect(plain).not.toContain(stored!.manifestSha256);
    await receipt.getByText('Rincian teknis').click();
    const text = (await receipt.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(id);
    expect(text).toContain(stored!.manifestSha256);
    expect(text).toContain(stored!.receipt!.keyId);
    expect(text).toContain(stored!.receipt!.signature);
    expect(text).toContain(stored!.receipt!.receivedAt);
    expect(text).toContain('BAPPEDA');
    await receipt.getByRole('button', { name: 'Cetak tanda terima' }).waitFor();
    await screenshot(page, 'outbox-receipt');
    await receipt.getByRole('button', { name: 'Tutup' }).click();
    expect(browser.cspViolations).toEqual([]);
  });

  it('keeps a package queued with a reason while the server is down, and sends it when it is back', async () => {
    const { page } = browser;
    await server!.close();
    server = null;

    const add = page.getByTestId('outbox-add');
    await add.getByTestId('outbox-file').setInputFiles(await pdfFile('laporan-server-mati.pdf', 'Laporan saat server mati'));
    await add.getByLabel('Jenis kiriman').selectOption('laporan');
    await add.getByLabel('Periode').fill('2025-T2');
    await add.getByTestId('outbox-data-file').setInputFiles(path.join(filesDir, 'data.json'));
    await add.getByTestId('outbox-add-submit').click();

    const item = page.getByTestId('outbox-item').filter({ hasText: 'laporan-server-mati' });
    const reason = item.getByTestId('outbox-reason');
    await reason.waitFor({ timeout: 30_000 });
    expect(await reason.innerText()).toMatch(/menolak koneksi.*Paket tetap di antrean/);
    expect(await item.getAttribute('data-state')).toBe('antre');
    expect(await page.getByTestId('oldest-unsent').innerText()).toMatch(/^Belum terkirim: /);
    await screenshot(page, 'outbox-server-down');

    server = await startIntakeServer({ dataDir: serverDir, port });
    await item.and(page.locator('[data-state="terkirim"]')).waitFor({ timeout: 90_000 });
    expect(await item.getByTestId('outbox-reason').count()).toBe(0);
  });

  it('asks before cancelling a package and then never sends it', async () => {
    const { page } = browser;
    const add = page.getByTestId('outbox-add');
    await add.getByTestId('outbox-file').setInputFiles(await pdfFile('laporan-batal.pdf', 'Laporan yang dibatalkan'));
    await add.getByLabel('Jenis kiriman').selectOption('laporan');
    await add.getByLabel('Periode').fill('2025-T3');
    await add.getByTestId('outbox-data-file').setInputFiles(path.join(filesDir, 'data.json'));
    await add.getByLabel('Tahan dulu, jangan kirim otomatis').check();
    await add.getByTestId('outbox-add-submit').click();

    const item = page.getByTestId('outbox-item').filter({ hasText: 'laporan-batal' });
    await item.and(page.locator('[data-held="true"]')).waitFor();
    expect(await item.getByTestId('outbox-state').innerText()).toBe('Antre · Ditahan');
    await item.getByRole('button', { name: 'Batalkan' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Batalkan paket ini?' });
    await dialog.waitFor();
    // The safe choice first: keep it.
    await dialog.getByRole('button', { name: 'Jangan batalkan' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await item.getAttribute('data-state')).toBe('antre');
    await item.getByRole('button', { name: 'Batalkan' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Ya, batalkan' }).click();
    await item.and(page.locator('[data-state="dibatalkan"]')).waitFor();
    const id = (await item.getAttribute('data-id')) as string;
    expect(await server!.intake.repo.getSubmission(id)).toBeNull();
    expect(await visibleText(page)).not.toContain('Tidak berhasil');
  });

  it('copies a package to a flash-drive folder chosen with Telusuri…', async () => {
    const { page } = browser;
    const flashdisk = path.join(filesDir, 'FLASHDISK');
    await fs.mkdir(flashdisk);
    const item = page.getByTestId('outbox-item').filter({ hasText: 'laporan-triwulan-1' });
    await item.getByRole('button', { name: 'Ekspor ke flashdisk' }).click();
    const form = page.getByTestId('outbox-export-form');
    await form.getByRole('button', { name: 'Telusuri…' }).click();
    const picker = page.getByRole('dialog', { name: 'Pilih folder tujuan (mis. flash disk)' });
    await picker.getByLabel('Folder', { exact: true }).fill(filesDir);
    await picker.getByLabel('Folder', { exact: true }).press('Enter');
    // Folders are entered with a click; files are listed but cannot be chosen as a folder.
    await picker.getByRole('button', { name: 'FLASHDISK' }).click();
    await picker.getByText('Folder ini kosong.').waitFor();
    expect(await picker.getByLabel('Folder', { exact: true }).inputValue()).toBe(flashdisk);
    await picker.getByRole('button', { name: 'Pilih folder ini' }).click();
    await picker.waitFor({ state: 'detached' });
    expect(await form.getByLabel(/^Simpan ke/).inputValue()).toBe(flashdisk);
    await form.getByRole('button', { name: 'Salin paket' }).click();
    await form.getByText(/^Paket disalin ke /).waitFor();
    const copied = await fs.readdir(flashdisk);
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatch(/\.zip$/);
    // The item says when it went onto the flash drive, in an Indonesian date (this once broke the screen).
    await item.getByText(/^Disalin ke flashdisk \d{1,2} \S+ \d{4}/).waitFor();
    expect(await page.getByText('Layar ini tidak dapat ditampilkan').count()).toBe(0);
  });
});
