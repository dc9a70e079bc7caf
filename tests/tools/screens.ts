/**
 * `npm run screens`: every main screen of Berkas with sample data, as PNGs in
 * test-results/screens/ (1366×768, not versioned), to look at the app before
 * a release, or to refresh the three pictures the README shows
 * (`npm run screens -- --out docs/screens --only rencana-aksi,laporan,tanda-terima`).
 * It drives `berkas ui` in Chromium, like the UI tests, on a throw-away workspace: a Jambi BAPPEDA with the Prabumulih
 * example plan, a handover bundle half attached, the report calendar on a
 * fixed day, a self-signed certificate, and a package sent to a real intake
 * server started in this process (so the outbox shows a receipt).
 *
 *   tsx tests/tools/screens.ts [--out DIR] [--size 1366x768] [--only NAME,NAME]
 *
 * The renderer must be built first (`npm run screens` does it).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startIntakeServer, type RunningServer } from '../../server/intake-server';
import { completeFirstRun, defaultSetup, launchBrowser, widerThanWindow, loadProfile, repoRoot, startBerkasUi, tempDir, type BerkasUi, type Browser } from '../ui/helpers/berkas-ui';

const today = '2026-11-22';
const vaultPassphrase = 'brankas-bappeda-contoh';
const profile = loadProfile(defaultSetup.profileId);

interface Options {
  outDir: string;
  width: number;
  height: number;
  only: Set<string> | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { outDir: path.join(repoRoot, 'test-results', 'screens'), width: 1366, height: 768, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--out' && value) {
      options.outDir = path.resolve(value);
      i++;
    } else if (arg === '--size' && value && /^\d+x\d+$/.test(value)) {
      const [w, h] = value.split('x').map(Number) as [number, number];
      options.width = w;
      options.height = h;
      i++;
    } else if (arg === '--only' && value) {
      options.only = new Set(value.split(','));
      i++;
    } else {
      throw new Error(`Opsi tidak dikenal: ${arg ?? ''} (pakai --out DIR, --size LEBARxTINGGI, --only NAMA,NAMA)`);
    }
  }
  return options;
}

async function api<T>(page: Page, channel: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ channel, body }) => {
      const response = await fetch(`./api/${channel}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const envelope = (await response.json()) as {
        ok: boolean;
        value?: unknown;
        error?: { message: string };
      };
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? response.status}`);
      return envelope.value;
    },
    { channel, body },
  ) as Promise<T>;
}

/** "Nanti saja" on the backup and overdue reminders, so a picture shows its screen. */
async function dismissReminders(page: Page): Promise<void> {
  for (const banner of ['backup-reminder', 'overdue-banner']) {
    const later = page.getByTestId(banner).getByRole('button', { name: 'Nanti saja' });
    if ((await later.count()) > 0) await later.click();
  }
}

async function go(page: Page, ui: BerkasUi, route: string, options: { keepReminders?: boolean } = {}): Promise<void> {
  // A fresh load each time: every screen reads what the sample data put in the workspace.
  await page.goto(`${ui.url}#/${route}`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (!options.keepReminders) {
    // The reminders ask for the workspace's status after the screen itself.
    await page
      .getByTestId('backup-reminder')
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    await dismissReminders(page);
  }
}

/** Documents for the handover bundle, written to a folder of the run. */
function writeDocuments(root: string): Record<string, string> {
  const docs = path.join(root, 'dokumen');
  mkdirSync(docs, { recursive: true });
  const out: Record<string, string> = {};
  for (const item of profile.handover.items) {
    if (item.kind === 'source-code') continue;
    const file = path.join(docs, `${item.key}.pdf`);
    writeFileSync(file, `%PDF-1.4\n% ${item.label}\n`);
    out[item.key] = file;
  }
  const source = path.join(root, 'simpeg');
  for (const dir of ['app', 'vendor/laravel', 'node_modules/lodash', 'public/build']) mkdirSync(path.join(source, dir), { recursive: true });
  writeFileSync(path.join(source, 'app', 'index.php'), '<?php\necho "SIMPEG";\n');
  writeFileSync(path.join(source, 'app', 'pegawai.php'), '<?php\nfunction daftarPegawai(): array { return []; }\n');
  writeFileSync(path.join(source, 'vendor', 'laravel', 'framework.php'), '<?php\n');
  writeFileSync(path.join(source, 'node_modules', 'lodash', 'index.js'), 'module.exports = {};\n');
  writeFileSync(path.join(source, 'public', 'build', 'app.js'), 'console.log(1);\n');
  out['__source'] = source;
  return out;
}

export async function takeScreens(options: Options): Promise<string[]> {
  const work = tempDir('screens');
  const written: string[] = [];
  let ui: BerkasUi | null = null;
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startIntakeServer({ dataDir: path.join(work, 'server'), port: 0 });
    ui = await startBerkasUi(path.join(work, 'data'), ['--today', today]);
    browser = await launchBrowser();
    const { page } = browser;
    await page.setViewportSize({ width: options.width, height: options.height });
    mkdirSync(options.outDir, { recursive: true });

    const shot = async (name: string, prepare?: () => Promise<void>) => {
      if (options.only && !options.only.has(name)) return;
      if (prepare) await prepare();
      // Fonts and the last render settle before the picture.
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r(null)))));
      const file = path.join(options.outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      written.push(file);
      const wide = await widerThanWindow(page);
      if (wide.length > 0) console.warn(`${name}: halaman lebih lebar dari jendela ${options.width} px: ${wide.join('; ')}`);
    };

    await page.goto(ui.url);
    await page.locator('select[name="opd.profileId"]').waitFor();
    await shot('pengaturan-awal');
    await completeFirstRun(page);

    // The sample data, through the same contract the screens use.
    const contentBase64 = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'rencana-aksi', 'prabumulih-contoh.tsv')).toString('base64');
    const imported = await api<{ plan: { id: string } }>(page, 'rencanaAksiImport', { fileName: 'prabumulih-contoh.tsv', contentBase64, shouldSave: true });
    const certificate = await api<{ id: string }>(page, 'certificateCreateSelfSigned', { name: defaultSetup.officerName, nip: defaultSetup.nip, vaultPassphrase });
    const { code } = await server.intake.service.createEnrollmentCode(defaultSetup.opdCode, defaultSetup.opdName);
    await api(page, 'enroll', { serverUrl: server.url, code, deviceName: 'PC Subbag Program', vaultPassphrase });
    const signed = await api<{ fileName: string; contentBase64: string }>(page, 'pdfRencanaAksi', { planId: imported.plan.id, certificateId: certificate.id, vaultPassphrase });
    await api(page, 'outboxAdd', { fileName: signed.fileName, contentBase64: signed.contentBase64, type: 'rencana-aksi', period: '2025' });

    // The first screen (whichever the app opens on) shows the two reminders a new workspace gets; later ones are about their own work.
    await go(page, ui, '', { keepReminders: true });
    await shot('pengingat', async () => {
      await page.getByTestId('overdue-banner').waitFor();
    });
    await dismissReminders(page);
    await go(page, ui, 'rencana-aksi');
    await shot('rencana-aksi-daftar');
    await shot('rencana-aksi', async () => {
      await page.locator('main').getByRole('button', { name: /^Buka/ }).first().click();
      await page.getByRole('grid').waitFor();
      await page.getByTestId('ra-total').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 120));
    });

    const files = writeDocuments(path.join(work, 'komputer'));
    await go(page, ui, 'serah-terima');
    await shot('serah-terima', async () => {
      await page.getByTestId('handover-new').click();
      const form = page.getByTestId('handover-application');
      await form.waitFor();
      await form.getByLabel('Nama aplikasi', { exact: true }).fill('SIMPEG Kota Jambi');
      await form.getByLabel('Versi', { exact: true }).fill('3.2.0');
      await form.getByLabel('Tujuan / fungsi', { exact: true }).fill('Mengelola data kepegawaian, cuti, dan kenaikan pangkat ASN.');
      await form.getByLabel('Pengembang / penyedia', { exact: true }).fill('CV Cipta Data Sumatera');
      await form.getByRole('button', { name: 'Simpan draf' }).click();
      await form.getByText(/Draf tersimpan pukul/).waitFor();
      const bundleId = (await page.getByTestId('handover-editor').getAttribute('data-bundle')) ?? '';
      for (const key of Object.keys(files)
        .filter((k) => k !== '__source')
        .slice(0, 3)) {
        await api(page, 'handoverAttach', { bundleId, itemKey: key, path: files[key] });
      }
      await page.reload();
      await page.getByTestId('handover-editor').waitFor();
      await page.getByTestId('handover-completeness').scrollIntoViewIfNeeded();
    });

    await go(page, ui, 'laporan');
    await shot('laporan', async () => {
      await page.getByTestId('due-table').waitFor();
    });
    await shot('laporan-isian', async () => {
      await page.locator('[data-testid="due-table"] tr[data-period="2026-Q3"]').getByRole('button', { name: /^Buat/ }).click();
      await page.getByTestId('report-editor').waitFor();
    });

    await go(page, ui, 'kotak-keluar');
    await shot('kotak-keluar', async () => {
      await page.getByTestId('outbox-item').and(page.locator('[data-state="terkirim"]')).waitFor({ timeout: 60_000 });
    });
    await shot('tanda-terima', async () => {
      await page.getByTestId('outbox-item').first().getByRole('button', { name: 'Tanda terima' }).click();
      await page.getByTestId('outbox-receipt').waitFor();
    });

    await go(page, ui, 'tanda-tangan');
    await shot('tanda-tangan', async () => {
      await page.getByRole('tab', { name: 'Sertifikat saya', exact: true }).click();
      await page.getByTestId('sign-certificate').first().waitFor();
    });

    await go(page, ui, 'pengaturan');
    await shot('pengaturan');
    if (browser.pageErrors.length > 0) throw new Error(`Galat di halaman:\n${browser.pageErrors.join('\n')}`);
    return written;
  } finally {
    await browser?.close();
    await ui?.stop();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  takeScreens(parseArgs(process.argv.slice(2))).then(
    (files) => {
      for (const file of files) console.log(path.relative(process.cwd(), file));
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
