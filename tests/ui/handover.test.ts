/**
 * Issue 5 through the screens of `berkas ui`, for Banjarmasin (Pasal 12
 * ayat (6): a handover is not valid without its documents): a bundle started
 * and its application record saved as an incomplete draft, then completed; a
 * generated tree attached item by item while the missing list shrinks; the
 * source folder looked at first (files, languages, excluded folders, and a
 * .env whose password is flagged by file, line and kind — never its value);
 * a detach confirmed; packaging refused until the secrets are acknowledged;
 * the confirmation naming what is signed and by whom (Jambi Pasal 7 ayat (7)
 * huruf c); one run cancelled (no file left), one finished and verified —
 * then the ZIP judged independently by `unzip -t`, then unzipped and judged
 * by `sha256sum -c` over its manifests and the RFC 8493 structure
 * (tests/tools/bagit-judge.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { shortSha256 } from '../../renderer/src/features/handover/model';
import { judgeBag } from '../tools/bagit-judge';
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

jest.setTimeout(600_000);

const profile = loadProfile('banjarmasin');
const setup = { ...defaultSetup, profileId: 'banjarmasin', opdName: 'Dinas Pendidikan', opdCode: 'DISDIK' };
const vaultPassphrase = 'brankas-disdik-uji-2024';
const fakePassword = 'rahasia-palsu-uji-9137';
const longWait = { timeout: 120_000 };

interface Tree {
  source: string;
  documents: Record<string, string>;
  sha256: Record<string, string>;
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A small application: PHP source with a .env holding a (fake) password, VCS and dependency folders, and one document per item. */
function makeTree(root: string): Tree {
  const source = path.join(root, 'sipd-sekolah');
  mkdirSync(path.join(source, 'app', 'models'), { recursive: true });
  mkdirSync(path.join(source, '.git'), { recursive: true });
  mkdirSync(path.join(source, 'node_modules', 'kiri'), { recursive: true });
  mkdirSync(path.join(source, 'vendor', 'laravel'), { recursive: true });
  writeFileSync(path.join(source, 'app', 'index.php'), '<?php\nrequire __DIR__ . "/models/siswa.php";\necho daftarSiswa();\n');
  writeFileSync(path.join(source, 'app', 'models', 'siswa.php'), '<?php\nfunction daftarSiswa(): string { return "[]"; }\n');
  writeFileSync(path.join(source, 'app', 'tampilan.js'), 'export const judul = "Data Siswa";\n');
  writeFileSync(path.join(source, '.env'), `APP_NAME=sipd-sekolah\nDB_PASSWORD=${fakePassword}\n`);
  writeFileSync(path.join(source, '.git', 'config'), '[core]\n\trepositoryformatversion = 0\n');
  writeFileSync(path.join(source, 'node_modules', 'kiri', 'index.js'), 'module.exports = 1;\n');
  writeFileSync(path.join(source, 'vendor', 'laravel', 'framework.php'), '<?php\n');

  const docs = path.join(root, 'dokumen');
  mkdirSync(docs, { recursive: true });
  const documents: Record<string, string> = {};
  for (const item of profile.handover.items) {
    if (item.kind === 'source-code') continue;
    const file = path.join(docs, `${item.key}.txt`);
    writeFileSync(file, `${item.label}\n\nDokumen uji untuk ${item.article}.\n`);
    documents[item.key] = file;
  }
  // A folder for one item, and a few megabytes of data so the run lasts long enough to be cancelled.
  const design = path.join(docs, 'rancangan-data');
  mkdirSync(design);
  writeFileSync(path.join(design, 'erd.txt'), 'siswa 1—n nilai\n');
  writeFileSync(path.join(design, 'kamus-data.bin'), randomBytes(6 * 1024 * 1024));
  documents['rancangan-data'] = design;
  const sha256: Record<string, string> = {};
  for (const [key, file] of Object.entries(documents)) if (file.endsWith('.txt')) sha256[key] = sha256Of(file);
  return { source, documents, sha256 };
}

async function openHandover(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Serah Terima Aplikasi', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

async function missingKeys(page: Page): Promise<string[]> {
  const list = page.getByTestId('handover-missing');
  if ((await list.count()) === 0) return [];
  return list.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-key') ?? ''));
}

/** Every input, select and textarea of the screen has a label a screen reader reads. */
async function unlabelled(scope: Locator): Promise<string[]> {
  return scope.locator('input, select, textarea').evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

async function api<T>(page: Page, channel: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ channel, body }) => {
      const response = await fetch(`./api/${channel}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? response.status}`);
      return envelope.value;
    },
    { channel, body },
  ) as Promise<T>;
}

function run(command: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('Serah Terima through the screens (Banjarmasin)', () => {
  let work: string;
  let ui: BerkasUi | null = null;
  let browser: Browser;
  let tree: Tree;
  let outDir: string;
  let bundleId: string;

  beforeAll(async () => {
    work = tempDir('ui-handover');
    tree = makeTree(path.join(work, 'komputer'));
    outDir = path.join(work, 'komputer', 'paket');
    mkdirSync(outDir);
    ui = await startBerkasUi(path.join(work, 'data'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('starts a bundle and saves an incomplete application record as a draft', async () => {
    const { page } = browser;
    await page.goto(ui!.url);
    await completeFirstRun(page, setup);
    await openHandover(page);

    // Before any bundle: the region's list with its articles, and no bundles.
    expect(await page.locator('.data-table tbody th .item-label').allInnerTexts()).toEqual(profile.handover.items.map((i) => i.label));
    await page.getByText('Belum ada berkas serah terima.').waitFor();
    await screenshot(page, 'st-list-empty');

    await page.getByTestId('handover-new').click();
    const editor = page.getByTestId('handover-editor');
    await editor.waitFor();
    bundleId = (await editor.getAttribute('data-bundle')) ?? '';
    expect(bundleId).not.toBe('');
    // Focus starts at the new heading.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Serah terima (aplikasi belum dinamai)');
    await page.getByTestId('handover-completeness').scrollIntoViewIfNeeded();
    await screenshot(page, 'st-editor-new');

    // Untouched, the new draft greets with a to-do list, not with red: no field error, nothing marked invalid.
    const appForm = page.getByTestId('handover-application');
    expect(await page.getByTestId('handover-completeness-headline').innerText()).toMatch(/^Yang perlu dilampirkan: 7 butir wajib\./);
    expect(await editor.locator('.field-error, [aria-invalid="true"]').count()).toBe(0);
    expect(await page.getByTestId('handover-problems').count()).toBe(0);
    expect(await visibleText(page)).not.toContain('wajib diisi');
    // Leaving a required field empty: that field speaks, the others still wait.
    await appForm.getByLabel('Nama aplikasi', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await appForm.getByText('Nama aplikasi wajib diisi').waitFor();
    expect(await appForm.locator('.field-error').count()).toBe(1);

    // Every required item missing, named with its article.
    expect(await missingKeys(page)).toEqual(profile.handover.items.filter((i) => i.isRequired).map((i) => i.key));
    const missingText = (await page.getByTestId('handover-missing').innerText()).replace(/\s+/g, ' ');
    for (const item of profile.handover.items) expect(missingText).toContain(`${item.label} ${item.article}`);
    // Each missing item is a jump to its path field, from the keyboard, with a visible focus ring.
    const firstKey = profile.handover.items[0]!.key;
    await page.getByTestId('handover-missing').getByRole('button', { name: profile.handover.items[0]!.label }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((key) => document.activeElement?.id === `ho-attach-${key}`, firstKey);
    expect(await page.locator(`#ho-attach-${firstKey}`).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

    // Signing refused, with the reason and the regulation's own words on validity.
    const blocked = page.getByTestId('handover-package-blocked');
    expect(await page.getByTestId('handover-package-open').isDisabled()).toBe(true);
    expect(await blocked.innerText()).toContain('7 butir wajib belum dilampirkan');
    expect(await blocked.innerText()).toContain('Pasal 12 ayat (6): serah terima pengadaan aplikasi e-Government baru dinyatakan sah');

    // Defaults from the workspace: the agency's name and the Pemerintah Daerah as copyright holder, with the article saying so.
    const form = page.getByTestId('handover-application');
    expect(await form.getByLabel(`${profile.terms.agency} pemilik`, { exact: true }).inputValue()).toBe(setup.opdName);
    expect(await form.getByLabel('Pemegang hak cipta', { exact: true }).inputValue()).toBe(profile.terms.government);
    expect(await form.getByTestId('handover-copyright-basis').innerText()).toContain('Pasal 12 ayat (7): hak cipta atas aplikasi e-Government menjadi milik Pemerintah Daerah');
    expect(await unlabelled(page.locator('main'))).toEqual([]);

    // An incomplete draft saves; what is missing is named at its field.
    await form.getByLabel('Nama aplikasi', { exact: true }).fill('SIPD Sekolah');
    await form.getByLabel('Versi', { exact: true }).fill('2.1.0');
    await form.getByLabel(/^Nomor kontrak/).fill('027/145/DISDIK/2024');
    await form.getByRole('button', { name: 'Simpan draf' }).click();
    await form.getByText(/Draf tersimpan pukul/).waitFor();
    await form.getByText('Lisensi wajib diisi').waitFor();
    await form.getByText('Tanggal kontrak wajib diisi bila nomor kontrak diisi').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('SIPD Sekolah 2.1.0');
    expect(await overflowAtOfficeSizes(page, 'handover-1')).toEqual(fitsEverySize);
    await screenshot(page, 'st-record-draft');

    // A year that is not a number is refused before anything is sent.
    await form.getByLabel('Tahun anggaran', { exact: true }).fill('dua ribu');
    await form.getByRole('button', { name: 'Simpan draf' }).click();
    await form.getByText('Tahun anggaran harus empat angka').waitFor();

    await form.getByLabel('Tujuan / fungsi', { exact: true }).fill('Mengelola data siswa, nilai, dan rapor sekolah negeri.');
    await form.getByLabel('Pengembang / penyedia', { exact: true }).fill('PT Data Sekolah Nusantara');
    // Day first, as written in Indonesia (the field is ours, not the browser's mm/dd/yyyy picker).
    await form.getByLabel(/^Tanggal kontrak/).fill('17/03/2024');
    await form.getByLabel('Sumber dana', { exact: true }).fill('APBD');
    await form.getByLabel('Tahun anggaran', { exact: true }).fill('2024');
    await form.getByLabel(/^Repositori/).fill('https://git.example.go.id/disdik/sipd-sekolah');
    await form.getByLabel('Lisensi', { exact: true }).fill('GPL-3.0-or-later');
    expect(await form.getByTestId('handover-save-status').innerText()).toContain('belum disimpan');
    // Unsaved changes stop signing too.
    expect(await blocked.innerText()).toContain('belum disimpan');
    await form.getByRole('button', { name: 'Simpan draf' }).click();
    await form.getByText(/Draf tersimpan pukul/).waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(await page.getByTestId('handover-problems').count()).toBe(0);
  });

  it('attaches every required item while the missing list shrinks, shows the scan and its secrets, and detaches after confirmation', async () => {
    const { page } = browser;
    const required = profile.handover.items.filter((i) => i.isRequired).map((i) => i.key);

    // The source folder looked at before it is copied.
    const sourceItem = profile.handover.items.find((i) => i.kind === 'source-code')!;
    const attachSource = page.getByTestId(`handover-attach-${sourceItem.key}`);
    // A path that does not say where it is, refused at the field.
    await attachSource.locator('input[type="text"]').fill('sipd-sekolah');
    await attachSource.getByRole('button', { name: 'Periksa isi' }).click();
    await attachSource.getByText('Tulis jalur lengkap dari akar').waitFor();

    await attachSource.locator('input[type="text"]').fill(tree.source);
    await attachSource.getByRole('button', { name: 'Periksa isi' }).click();
    const scan = attachSource.getByTestId('handover-scan');
    await scan.waitFor(longWait);
    expect(await scan.getByTestId('handover-scan-files').innerText()).toContain('4 berkas');
    expect(await scan.innerText()).toContain('PHP 2 berkas');
    expect(await scan.innerText()).toContain('JavaScript 1 berkas');
    const excluded = await scan.getByTestId('handover-scan-excluded').innerText();
    expect(excluded).toContain('.git');
    expect(excluded).toContain('node_modules');
    expect(excluded).toContain('vendor');
    const secrets = scan.getByTestId('handover-secrets');
    const secretsText = (await secrets.innerText()).replace(/\s+/g, ' ');
    expect(secretsText).toContain('.env');
    expect(secretsText).toContain('DB_PASSWORD');
    expect(await secrets.locator('tbody tr').filter({ hasText: 'DB_PASSWORD' }).locator('td').nth(1).innerText()).toBe('2');
    // The finding names the file, the line and the kind, never the value.
    expect(await visibleText(page)).not.toContain(fakePassword);
    expect(await page.content()).not.toContain(fakePassword);
    await scan.scrollIntoViewIfNeeded();
    await screenshot(page, 'st-scan-secrets');

    await attachSource.getByRole('button', { name: 'Lampirkan' }).click();
    await attachSource.getByText('"sipd-sekolah" dilampirkan: 4 berkas').waitFor(longWait);
    let expected = required.filter((k) => k !== sourceItem.key);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="handover-missing"] li').length === n, expected.length);
    expect(await missingKeys(page)).toEqual(expected);
    const sourceRow = page.locator(`#ho-item-${sourceItem.key}`);
    expect(await sourceRow.getAttribute('data-present')).toBe('true');
    expect(await sourceRow.getByTestId('handover-secrets').count()).toBe(1);

    // Documents one by one, each from the keyboard (Enter in the path field): the list shrinks by one each time.
    for (const key of required) {
      if (key === sourceItem.key) continue;
      const field = page.locator(`#ho-attach-${key}`);
      await field.fill(tree.documents[key]!);
      await field.press('Enter');
      expected = expected.filter((k) => k !== key);
      await page.waitForFunction(({ key }) => document.querySelector(`#ho-item-${key}`)?.getAttribute('data-present') === 'true', { key }, longWait);
      expect(await missingKeys(page)).toEqual(expected);
      if (key === 'rancangan-proses-bisnis') await screenshot(page, 'st-attaching');
    }
    expect(await page.getByTestId('handover-completeness').getAttribute('data-ready')).toBe('true');
    expect(await page.getByTestId('handover-completeness-headline').innerText()).toContain('Lengkap: semua 7 butir wajib');

    // A single file shows its size and the short form of its SHA-256.
    const manualKey = 'manual-sistem';
    const manualRow = page.locator(`#ho-item-${manualKey} .ho-attachment`);
    const manualText = await manualRow.innerText();
    expect(manualText).toContain('1 berkas');
    expect(manualText).toMatch(/\b\d+ B\b/);
    expect(manualText).toContain(shortSha256(tree.sha256[manualKey]!));
    // A folder lists its files with sizes in the Indonesian way ("6 MB").
    const design = page.locator('#ho-item-rancangan-data .ho-attachment');
    await design.locator('summary').click();
    expect(await design.locator('.ho-files-table').innerText()).toContain('6 MB');

    // Detach: a confirmation first; Batal keeps it, "Ya, lepaskan" removes it and the item is missing again.
    await manualRow.getByRole('button', { name: /Lepaskan manual-sistem\.txt/ }).click();
    const dialog = page.getByTestId('handover-detach-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Berkas asli di komputer Anda tidak dihapus');
    await screenshot(page, 'st-detach-confirm');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await missingKeys(page)).toEqual([]);
    await manualRow.getByRole('button', { name: /Lepaskan manual-sistem\.txt/ }).click();
    await dialog.getByTestId('handover-detach-confirm').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="handover-missing"] li').length === 1);
    expect(await missingKeys(page)).toEqual([manualKey]);
    expect(await page.getByTestId('handover-package-open').isDisabled()).toBe(true);
    // Focus continues at that item's path field; attach it again from there.
    await page.waitForFunction((key) => document.activeElement?.id === `ho-attach-${key}`, manualKey);
    await page.keyboard.type(tree.documents[manualKey]!);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="handover-completeness"]')?.getAttribute('data-ready') === 'true', undefined, longWait);
    expect(await missingKeys(page)).toEqual([]);

    // A corrected version of the same file replaces the attached one in one step, after a confirmation naming both.
    const manualSha = () => manualRow.locator('code[data-sha256]').getAttribute('data-sha256');
    const oldSha = await manualSha();
    writeFileSync(tree.documents[manualKey]!, 'Manual menjalankan sistem, revisi 2.\n');
    await page.locator(`#ho-attach-${manualKey}`).fill(tree.documents[manualKey]!);
    await page.locator(`#ho-attach-${manualKey}`).press('Enter');
    const replace = page.getByTestId('handover-replace-dialog');
    await replace.waitFor(longWait);
    expect(await replace.innerText()).toContain(`sudah memuat "${manualKey}.txt"`);
    expect(await replace.innerText()).toContain(tree.documents[manualKey]!);
    await screenshot(page, 'st-replace-confirm');
    await replace.getByTestId('handover-replace-confirm').click();
    await replace.waitFor({ state: 'detached', ...longWait });
    await page.waitForFunction(
      ({ key, old }) => document.querySelector(`#ho-item-${key} .ho-attachment code[data-sha256]`)?.getAttribute('data-sha256') !== old,
      { key: manualKey, old: oldSha },
      longWait,
    );
    expect(await manualRow.count()).toBe(1);
    // The package (next test) carries the new version.
    tree.sha256[manualKey] = sha256Of(tree.documents[manualKey]!);
    expect(await manualSha()).toBe(tree.sha256[manualKey]);
    expect(await overflowAtOfficeSizes(page, 'handover-2')).toEqual(fitsEverySize);
    expect(await unlabelled(page.locator('main'))).toEqual([]);
    await page.getByTestId('handover-completeness').scrollIntoViewIfNeeded();
    await screenshot(page, 'st-complete');
  });

  it('packages after a confirmation naming what and who: one run cancelled, one done and verified', async () => {
    const { page } = browser;
    // A local certificate for the officer, through the same contract the Tanda Tangan screen uses.
    await api(page, 'certificateCreateSelfSigned', { name: setup.officerName, nip: setup.nip, vaultPassphrase });
    await page.reload();
    const panel = page.getByTestId('handover-package');
    await panel.waitFor();
    await panel.getByRole('radio', { name: new RegExp(setup.officerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();

    // Suspected secrets stop packaging until acknowledged.
    const open = panel.getByTestId('handover-package-open');
    expect(await open.isDisabled()).toBe(true);
    expect(await panel.getByTestId('handover-package-blocked').innerText()).toContain('Kemungkinan rahasia di kode sumber belum dinyatakan diperiksa');
    await panel.getByTestId('handover-secrets-ack').check();
    expect(await open.isDisabled()).toBe(false);

    const outPath = path.join(outDir, 'serah-terima-sipd-sekolah.zip');
    await panel.getByLabel('Simpan paket ke', { exact: true }).fill('paket.zip');
    await open.click();
    await panel.getByText('Tulis jalur lengkap dari akar').waitFor();
    await panel.getByLabel('Simpan paket ke', { exact: true }).fill(outPath);
    await open.click();

    const dialog = page.getByTestId('handover-package-dialog');
    await dialog.waitFor();
    // Escape is "Batal": nothing is signed, and the dialog can be opened again.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await open.click();
    await dialog.waitFor();
    const what = (await dialog.getByTestId('handover-confirm-what').innerText()).replace(/\s+/g, ' ');
    expect(what).toContain('Berita acara serah terima aplikasi SIPD Sekolah 2.1.0');
    expect(what).toContain(bundleId);
    expect(await dialog.getByTestId('handover-confirm-items').innerText()).toBe('7 dari 7 butir terlampir (7 wajib)');
    // 4 source files, 5 single documents, and 2 files in the design folder.
    expect(await dialog.getByTestId('handover-confirm-files').innerText()).toMatch(/^11 berkas, 6 MB$/);
    expect(await dialog.getByTestId('handover-confirm-out').innerText()).toBe(outPath);
    const who = (await dialog.getByTestId('handover-confirm-who').innerText()).replace(/\s+/g, ' ');
    expect(who).toContain(setup.officerName);
    expect(who).toContain(`NIP ${setup.nip}`);
    expect(who).toMatch(/tidak tersertifikasi/i);
    expect(who).toContain(`CN=${setup.officerName}`);
    // Outside Electron the vault passphrase is asked (and kept in this page's memory only).
    // (Its field is the signing feature's own; found by its name, whatever the signing catalog calls it.)
    await dialog.locator('input[name="vault-passphrase"]').fill(vaultPassphrase);
    expect(await overflowAtOfficeSizes(page, 'handover-3')).toEqual(fitsEverySize);
    await screenshot(page, 'st-confirm');

    // First run: cancelled while it works; no package file is left.
    await dialog.getByTestId('handover-package-submit').click();
    const cancel = dialog.getByTestId('handover-job-cancel');
    await cancel.click();
    await dialog.getByTestId('handover-cancelled').waitFor(longWait);
    expect(await dialog.getByTestId('handover-cancelled').innerText()).toContain('dibatalkan');
    expect(existsSync(outPath)).toBe(false);
    expect(readdirSync(outDir)).toEqual([]);
    await screenshot(page, 'st-cancelled');

    // Second run: through to the end, the phases shown as they pass.
    await dialog.getByTestId('handover-retry').click();
    const vault = dialog.locator('input[name="vault-passphrase"]');
    if ((await vault.count()) > 0) await vault.fill(vaultPassphrase);
    await dialog.getByTestId('handover-package-submit').click();
    await dialog.getByTestId('handover-progress').waitFor();
    await screenshot(page, 'st-progress');
    const seen = new Set<string>();
    const deadline = Date.now() + 120_000;
    while ((await dialog.count()) > 0 && Date.now() < deadline) {
      const phase = await dialog.getByTestId('handover-phase').getAttribute('data-phase', { timeout: 1_000 }).catch(() => null);
      if (phase) seen.add(phase);
      await page.waitForTimeout(100);
    }
    expect(await dialog.count()).toBe(0);
    expect(seen.size).toBeGreaterThan(0);

    const result = page.getByTestId('handover-result');
    await result.waitFor(longWait);
    expect(await result.getByTestId('handover-result-path').innerText()).toBe(outPath);
    const verification = page.getByTestId('handover-verification');
    await verification.waitFor(longWait);
    expect(await verification.getAttribute('data-valid')).toBe('true');
    // Signed with a self-signed certificate: intact and complete, but never called "Sah" (issue 13.6).
    expect(await verification.getAttribute('data-trusted')).toBe('false');
    expect(await verification.getByTestId('handover-verification-headline').innerText()).toContain('Utuh, belum sah');
    const signature = (await verification.getByTestId('handover-verify-signature').innerText()).replace(/\s+/g, ' ');
    expect(signature).toContain('data/berita-acara-serah-terima.pdf');
    expect(signature).toContain(`Oleh ${setup.officerName}, NIP ${setup.nip}`);
    expect(signature).toContain('Utuh');
    expect(await page.getByTestId('handover-packages').locator('tbody tr').count()).toBe(1);
    expect(await overflowAtOfficeSizes(page, 'handover-4')).toEqual(fitsEverySize);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'st-done');
    // The standards' words (PAdES level, the manifest's file, bag-info) are there for whoever opens "Rincian teknis".
    const technical = verification.getByTestId('handover-verify-technical');
    expect(await technical.getAttribute('open')).toBeNull();
    await technical.locator('summary').click();
    const technicalText = (await technical.innerText()).replace(/\s+/g, ' ');
    expect(technicalText).toContain('tingkat PAdES B-B');
    expect(technicalText).toContain('manifest-sha256.txt');
    expect(technicalText).toContain('Source-Organization');
    await page.setViewportSize({ width: 1024, height: 768 });
    await technical.scrollIntoViewIfNeeded();
    await screenshot(page, 'st-done-rincian-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    await technical.locator('summary').click();

    // The file written is the one the screen names, and nothing else is in the folder.
    expect(readdirSync(outDir)).toEqual([path.basename(outPath)]);
    // Its hash is there for whoever compares it with what Diskominfo received, folded under "Rincian teknis".
    expect(await result.getByTestId('handover-result-sha256').isVisible()).toBe(false);
    await result.getByTestId('handover-result-technical').locator('summary').click();
    expect(await result.getByTestId('handover-result-sha256').innerText()).toBe(sha256Of(outPath));

    // Back in the list: the bundle complete, with its package.
    await page.getByTestId('handover-back').click();
    const row = page.locator(`[data-testid="handover-list"] tr[data-bundle="${bundleId}"]`);
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('SIPD Sekolah 2.1.0');
    expect(await row.innerText()).toContain('Lengkap');
    await screenshot(page, 'st-list');
  });

  it('wrote a ZIP that standard tools accept as a valid BagIt bag', () => {
    const zip = path.join(outDir, 'serah-terima-sipd-sekolah.zip');
    const tested = run('unzip', ['-t', zip]);
    expect(tested.code).toBe(0);
    expect(tested.out).toContain('No errors detected');

    const unpacked = path.join(work, 'unpacked');
    expect(run('unzip', ['-q', zip, '-d', unpacked]).code).toBe(0);
    const [bagName] = readdirSync(unpacked);
    const bag = path.join(unpacked, bagName!);
    expect(judgeBag(bag)).toEqual({ valid: true, problems: [] });

    const bagInfo = readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(bagInfo).toContain(`Source-Organization: ${setup.opdName}`);
    expect(bagInfo).toContain(`External-Identifier: ${bundleId}`);
    // The acknowledged .env went in; the excluded folders did not.
    const manifest = readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain('data/kode-sumber/sipd-sekolah/.env');
    expect(manifest).toContain('data/kode-sumber/sipd-sekolah/app/models/siswa.php');
    expect(manifest).not.toContain('node_modules');
    expect(manifest).not.toContain('vendor/');
    expect(manifest).not.toContain('.git/');
    expect(manifest).toContain(`${tree.sha256['manual-sistem']}  data/manual-sistem/manual-sistem.txt`);
    expect(manifest).toContain('data/berita-acara-serah-terima.pdf');
  });
});
