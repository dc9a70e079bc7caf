/**
 * Issue 13 through the screens of `berkas ui`, against the real intake
 * server and its review console, in Chromium: a laporan goes draft → sign →
 * "Kirim ke Diskominfo" → receipt → the reviewer returns it with a note
 * (through the console) → Beranda shows it with the note → Revisi → sign →
 * send → the reviewer accepts → the due calendar says selesai and the
 * Dokumen list says diterima. No download and no file picker anywhere on
 * the way.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runAdminVerb } from '../../server/admin';
import { startIntakeServer, type RunningServer } from '../../server/intake-server';
import { bundleApplication, makeBundleSources } from '../integration/helpers/documents';
import { freePort } from '../integration/helpers/intake';
import {
  completeFirstRun,
  defaultSetup,
  fitsEverySize,
  launchBrowser,
  overflowAtOfficeSizes,
  loadProfile,
  repoRoot,
  screenshot,
  startBerkasUi,
  tempDir,
  type BerkasUi,
  type Browser,
} from './helpers/berkas-ui';

jest.setTimeout(420_000);

const jambi = loadProfile('jambi');
const ict = jambi.terms.ictOfficeShort;
const longWait = { timeout: 60_000 };
const REVIEWER_PASSWORD = 'kata-sandi-peninjau-perjalanan';
const VAULT_PASSPHRASE = 'frasa-brankas-uji-perjalanan';

/** A contract call from the page, as the screens make it (for what the test prepares, not for what it checks). */
async function call<T>(page: Page, channel: string, body: unknown): Promise<T> {
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

/** The region's e-government report as the CLI fixture has it, its tables as the form's rows. */
function egovData(): Record<string, unknown> {
  const data = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'reports', 'laporan-egov.json'), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Array.isArray(value) ? (value as Record<string, string>[]).map((cells, i) => ({ id: `${key}-${i}`, cells })) : value]));
}

describe('one document journey, from draft to diterima', () => {
  let work: string;
  let server: RunningServer | null = null;
  let ui: BerkasUi | null = null;
  let browser: Browser;
  let reviewer: Page;
  const downloads: string[] = [];
  const pickers: string[] = [];

  beforeAll(async () => {
    work = tempDir('ui-journey');
    server = await startIntakeServer({ dataDir: path.join(work, 'server'), port: await freePort() });
    await runAdminVerb({ service: server.intake.service, keys: server.intake.keys, now: () => new Date() }, 'reviewer-add', {
      username: 'rahma',
      name: 'Rahma Peninjau',
      role: 'peninjau',
      password: REVIEWER_PASSWORD,
    });
    process.env.BERKAS_VAULT_PASSPHRASE = VAULT_PASSPHRASE;
    process.env.BERKAS_OUTBOX_BACKOFF_CAP_MS = '1500';
    process.env.BERKAS_SYNC_IDLE_TIMEOUT_MS = '5000';
    ui = await startBerkasUi(path.join(work, 'data'), ['--today', '2026-11-22']);
    browser = await launchBrowser();
    browser.page.on('download', (d) => downloads.push(d.suggestedFilename()));
    browser.page.on('filechooser', (c) => pickers.push(String(c.isMultiple())));
    reviewer = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    await server?.close();
    delete process.env.BERKAS_VAULT_PASSPHRASE;
    rmSync(work, { recursive: true, force: true });
  });

  /** The reviewer decides on a submission through the console's own form and confirmation. */
  async function decide(submissionId: string, status: 'Perlu revisi' | 'Diterima', note: string): Promise<void> {
    await reviewer.goto(`${server!.url}/admin/submissions/${submissionId}`);
    if (reviewer.url().endsWith('/admin/login')) {
      await reviewer.getByLabel('Nama pengguna').fill('rahma');
      await reviewer.getByLabel('Kata sandi').fill(REVIEWER_PASSWORD);
      await reviewer.getByRole('button', { name: 'Masuk', exact: true }).click();
      await reviewer.goto(`${server!.url}/admin/submissions/${submissionId}`);
    }
    await reviewer.getByLabel(status, { exact: true }).check();
    await reviewer.getByLabel(/Catatan untuk OPD/).fill(note);
    await reviewer.getByRole('button', { name: 'Lanjut ke konfirmasi' }).click();
    await reviewer.getByRole('button', { name: 'Ya, simpan keputusan' }).click();
    await reviewer.getByRole('status').waitFor();
  }

  /** Signs the open document through its dialog, then "Kirim ke …" with its confirmation; the package's id. */
  async function signAndSend(page: Page, documentId: string, how: { open: string; dialog: string } = { open: 'report-sign-open', dialog: 'report-sign-dialog' }): Promise<string> {
    await page.getByTestId(how.open).click();
    const dialog = page.getByTestId(how.dialog);
    await dialog.getByTestId('sign-document-title').waitFor(longWait);
    // The key vault's passphrase is asked once per session, in the page.
    const vault = dialog.getByLabel('Frasa sandi brankas', { exact: true });
    if ((await vault.count()) > 0) await vault.fill(VAULT_PASSPHRASE);
    await dialog.getByTestId('sign-submit').click();
    const result = dialog.getByTestId('sign-result');
    // A refusal is said in the dialog: its words make the failure readable.
    try {
      await result.or(dialog.getByTestId('sign-error')).or(dialog.getByTestId('sign-problems')).first().waitFor(longWait);
    } catch (err) {
      throw new Error(`no answer to signing: ${await dialog.innerText()}\n${ui!.output().slice(-3000)}`, { cause: err });
    }
    if (!(await result.isVisible())) throw new Error(`not signed: ${await dialog.innerText()}`);
    expect(await result.innerText()).toContain('Tidak perlu diunduh');
    await result.getByTestId('doc-send').click();
    const confirm = page.getByTestId('doc-send-dialog');
    expect(await confirm.getByTestId('doc-send-what').innerText()).toContain('data.json');
    if (isEnrolled) {
      await confirm.getByTestId('doc-send-to').filter({ hasText: server!.url }).waitFor();
      expect(await confirm.getByTestId('doc-send-to').innerText()).toBe(`${ict} di ${server!.url}, atas nama ${defaultSetup.opdName} (BAPPEDA).`);
    } else {
      // Not enrolled yet: said before anything is queued, with where to enrol.
      await confirm.getByTestId('doc-send-to').filter({ hasText: 'belum terdaftar' }).waitFor();
      expect(await confirm.getByTestId('doc-send-to').innerText()).toContain('didaftarkan di Kotak Keluar dengan kode pendaftaran');
      expect(await page.getByTestId('doc-send-confirm').innerText()).toBe('Simpan di Kotak Keluar');
    }
    await screenshot(page, isEnrolled ? 'journey-send-confirm' : 'journey-send-not-enrolled');
    await page.getByTestId('doc-send-confirm').click();
    const sent = result.getByTestId('doc-sent');
    await sent.waitFor(longWait);
    if (!isEnrolled) {
      expect(await sent.getByRole('link').innerText()).toBe('Daftarkan perangkat di Kotak Keluar');
      // The header says a package waits, without a reload.
      await page.getByTestId('oldest-unsent').filter({ hasNotText: 'semua terkirim' }).waitFor(longWait);
    }
    await screenshot(page, isEnrolled ? 'journey-sent' : 'journey-sent-not-enrolled');
    await result.getByTestId('sign-close').click();
    await dialog.waitFor({ state: 'detached' });
    const doc = await call<{ submissionId: string | null }>(page, 'documentGet', { id: documentId });
    expect(doc.submissionId).not.toBeNull();
    return doc.submissionId as string;
  }

  async function stateOf(page: Page, reportId: string): Promise<string> {
    return (await call<{ state: string }>(page, 'documentGet', { id: reportId })).state;
  }

  let isPrepared = false;
  let isEnrolled = false;
  /** The device enrolled with the intake server, through the contract (the enrolment form is the outbox test's). */
  async function enrol(page: Page): Promise<void> {
    if (isEnrolled) return;
    const { code } = await server!.intake.service.createEnrollmentCode('BAPPEDA', defaultSetup.opdName);
    await call(page, 'enroll', { serverUrl: server!.url, code, deviceName: 'Laptop Uji' });
    isEnrolled = true;
  }
  /** Once per workspace, through the contract: the set-up and the officer's own certificate; enrolled unless asked not to be. */
  async function prepare(page: Page, options: { isEnrolled: boolean } = { isEnrolled: true }): Promise<void> {
    if (!isPrepared) {
      await page.goto(ui!.url);
      await completeFirstRun(page);
      await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
      await call(page, 'certificateCreateSelfSigned', { name: defaultSetup.officerName, nip: defaultSetup.nip });
      isPrepared = true;
    }
    if (options.isEnrolled) await enrol(page);
  }

  /** Beranda asks the server for decisions, then shows the returned document with its note; Revisi opens its new draft. */
  async function reviseFromBeranda(page: Page, documentId: string, note: string): Promise<void> {
    await page.goto(`${ui!.url}#/beranda`);
    await page.getByTestId('br-check-decisions').click();
    const returned = page.getByTestId('br-returned');
    const item = returned.locator(`li[data-id="${documentId}"]`);
    await item.waitFor(longWait);
    expect(await item.getByTestId('br-review-note').innerText()).toBe(`Catatan ${ict}: ${note}`);
    expect(await item.getByTestId('lifecycle-state').innerText()).toBe('Perlu revisi');
    await item.getByTestId('doc-revise').click();
  }

  it('a report goes out, comes back with a note, is revised and accepted, with nothing to download or pick', async () => {
    const { page } = browser;
    // Monday morning on a new computer: not enrolled yet.
    await prepare(page, { isEnrolled: false });
    // A filled-in draft, saved through the contract.
    const report = await call<{ id: string; title: string }>(page, 'reportSave', { typeKey: 'laporan-egov', period: '2026-Q3', data: egovData() });

    // Beranda lists the draft; opening it goes straight to its editor.
    await page.reload();
    const drafts = page.getByTestId('br-drafts');
    await drafts.locator(`li[data-id="${report.id}"]`).waitFor(longWait);
    await screenshot(page, 'journey-beranda-draft');
    await drafts.locator(`li[data-id="${report.id}"]`).getByTestId('br-open').click();
    await page.getByTestId('report-sign-open').waitFor(longWait);

    // Signed, kept and "sent" from the signing result: it waits in the outbox until the device is enrolled.
    const first = await signAndSend(page, report.id);
    expect(await page.getByTestId('doc-state-line').innerText()).toContain('Antre untuk dikirim');
    await enrol(page);

    // The receipt: the outbox says terkirim.
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.locator(`[data-testid="outbox-item"][data-id="${first}"][data-state="terkirim"]`).waitFor(longWait);
    expect(await stateOf(page, report.id)).toBe('terkirim');

    // The reviewer returns it with a note, through the console.
    const note = 'Lengkapi evaluasi semester dengan tindak lanjut insiden bulan Maret.';
    await decide(first, 'Perlu revisi', note);

    // Beranda learns it on "Periksa keputusan" and shows the note with Revisi.
    await page.goto(`${ui!.url}#/beranda`);
    await page.getByTestId('br-check-decisions').click();
    await page.getByTestId('br-returned').locator(`li[data-id="${report.id}"]`).waitFor(longWait);
    expect(await overflowAtOfficeSizes(page, 'journey-beranda-returned')).toEqual(fitsEverySize);
    await reviseFromBeranda(page, report.id, note);

    // The new draft revision opens with the note beside it; signed and sent again as the revision of the first.
    await page.getByRole('heading', { level: 1, name: 'Laporan' }).waitFor();
    await page.getByTestId('doc-revision-note').filter({ hasText: note }).waitFor(longWait);
    await screenshot(page, 'journey-revision-draft');
    const second = await signAndSend(page, report.id);
    expect(second).not.toBe(first);
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.locator(`[data-testid="outbox-item"][data-id="${second}"][data-state="terkirim"]`).waitFor(longWait);

    // Accepted: the calendar says selesai, the Dokumen list says diterima.
    await decide(second, 'Diterima', '');
    await page.goto(`${ui!.url}#/beranda`);
    await page.getByTestId('br-check-decisions').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="br-returned"]'), undefined, longWait);
    expect(await stateOf(page, report.id)).toBe('diterima');
    await page.goto(`${ui!.url}#/dokumen`);
    const row = page.locator(`[data-testid="doc-row"][data-id="${report.id}"]`);
    await row.waitFor(longWait);
    expect(await row.getByTestId('lifecycle-state').innerText()).toBe('Diterima');
    expect(await row.locator('td').nth(1).innerText()).toBe('Triwulan III 2026');
    expect(await overflowAtOfficeSizes(page, 'journey-documents')).toEqual(fitsEverySize);
    await page.goto(`${ui!.url}#/laporan`);
    // The revised report is still the open one: back to the calendar.
    await page.getByRole('button', { name: '← Semua laporan' }).click();
    const period = page.locator('[data-testid="due-table"] tr[data-type="laporan-egov"][data-period="2026-Q3"]');
    await period.waitFor(longWait);
    expect(await period.getAttribute('data-status')).toBe('selesai');
    await screenshot(page, 'journey-calendar');

    // The kept signed PDF altered on disk: the list names it, and the same bytes come back from the outbox's copy (typed path, no picker).
    const kept = await call<{ revisions: { id: string; fileSha256: string; revision: number }[] }>(page, 'documentGet', { id: report.id });
    const newest = kept.revisions[0] as { fileSha256: string; revision: number };
    const blob = path.join(ui!.dataDir, 'blobs', newest.fileSha256.slice(0, 2), newest.fileSha256);
    chmodSync(blob, 0o644);
    writeFileSync(blob, 'bukan PDF yang ditandatangani');
    await page.goto(`${ui!.url}#/dokumen`);
    const problems = page.locator(`[data-testid="doc-row"][data-id="${report.id}"] + [data-testid="doc-problems"]`);
    await problems.waitFor(longWait);
    expect(await problems.innerText()).toContain(`revisi ${newest.revision}`);
    await problems.getByTestId('doc-reexport-open').click();
    const out = path.join(work, 'laporan-dari-kotak-keluar.pdf');
    await problems.getByLabel('Simpan ke').fill(out);
    await problems.getByRole('button', { name: 'Ekspor', exact: true }).click();
    await problems.getByText(`Ditulis ke ${out}`).waitFor(longWait);
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(newest.fileSha256);
    await screenshot(page, 'journey-damaged');

    expect(downloads).toEqual([]);
    expect(pickers).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('a rencana aksi goes the same way from its editor: signed, sent, returned, revised, accepted', async () => {
    const { page } = browser;
    await prepare(page);
    const contentBase64 = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'rencana-aksi', 'prabumulih-contoh.tsv')).toString('base64');
    const imported = await call<{ plan: { id: string; title: string } }>(page, 'rencanaAksiImport', { fileName: 'prabumulih-contoh.tsv', contentBase64, shouldSave: true });
    const planId = imported.plan.id;

    // The plan list says where each plan is in the journey.
    await page.goto(`${ui!.url}#/rencana-aksi`);
    const row = page.locator(`[data-testid="ra-plan-list"] tr[data-plan="${planId}"]`);
    await row.getByTestId('lifecycle-state').filter({ hasText: 'Draf' }).waitFor(longWait);
    await row.locator('.ra-open-link').click();
    const how = { open: 'sign-plan-open', dialog: 'sign-dialog' };
    const first = await signAndSend(page, planId, how);
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.locator(`[data-testid="outbox-item"][data-id="${first}"][data-state="terkirim"]`).waitFor(longWait);

    const note = 'Tahap 3 belum memuat sumber dana; lengkapi lalu kirim ulang.';
    await decide(first, 'Perlu revisi', note);
    await reviseFromBeranda(page, planId, note);
    // The plan's editor opens on the new draft, the note beside it.
    await page.getByTestId('doc-revision-note').filter({ hasText: note }).waitFor(longWait);
    expect(await page.getByTestId('doc-state-line').innerText()).toContain('Draf');
    const second = await signAndSend(page, planId, how);
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.locator(`[data-testid="outbox-item"][data-id="${second}"][data-state="terkirim"]`).waitFor(longWait);

    await decide(second, 'Diterima', '');
    await page.goto(`${ui!.url}#/beranda`);
    await page.getByTestId('br-check-decisions').click();
    await page.goto(`${ui!.url}#/rencana-aksi`);
    // The plan reopens where it was left: back to the list, which now says diterima.
    await page.getByRole('button', { name: '← Semua rencana aksi' }).click();
    await row.getByTestId('lifecycle-state').filter({ hasText: 'Diterima' }).waitFor(longWait);
    await screenshot(page, 'journey-plan-list');
    expect(await stateOf(page, planId)).toBe('diterima');
    expect(downloads).toEqual([]);
    expect(pickers).toEqual([]);
  });

  it('a serah terima package is signed and kept without choosing a path, sent, returned, made again and accepted', async () => {
    const { page } = browser;
    await prepare(page);
    const sources = path.join(work, 'sumber');
    await makeBundleSources(sources);
    const saved = await call<{ bundle: { id: string } }>(page, 'handoverSave', { profileId: 'pontianak', application: bundleApplication(defaultSetup.opdName) });
    const bundleId = saved.bundle.id;
    const items: [string, string][] = [
      ['kebutuhan-perangkat-lunak', 'kebutuhan.pdf'],
      ['kerangka-acuan-kerja', 'kak.pdf'],
      ['pengujian', 'uji.pdf'],
      ['manual-pengguna', 'manual.pdf'],
      ['kode-sumber', 'simpeg'],
    ];
    for (const [itemKey, rel] of items) await call(page, 'handoverAttach', { bundleId, itemKey, path: path.join(sources, rel) });

    const how = { open: 'handover-sign-open', dialog: 'handover-sign-dialog' };
    const openBundle = async () => {
      await page.goto(`${ui!.url}#/serah-terima`);
      const row = page.locator(`[data-testid="handover-list"] tr[data-bundle="${bundleId}"]`);
      await row.waitFor(longWait);
      await row.locator('.ho-open').click();
      await page.getByTestId(how.open).waitFor(longWait);
    };
    await openBundle();
    const first = await signAndSend(page, bundleId, how);
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.locator(`[data-testid="outbox-item"][data-id="${first}"][data-state="terkirim"]`).waitFor(longWait);

    const note = 'Manual pengguna belum memuat bab pemulihan data.';
    await decide(first, 'Perlu revisi', note);
    await reviseFromBeranda(page, bundleId, note);
    await page.getByTestId('doc-revision-note').filter({ hasText: note }).waitFor(longWait);
    const second = await signAndSend(page, bundleId, how);
    await page.goto(`${ui!.url}#/kotak-keluar`);
    await page.locator(`[data-testid="outbox-item"][data-id="${second}"][data-state="terkirim"]`).waitFor(longWait);

    await decide(second, 'Diterima', '');
    await page.goto(`${ui!.url}#/beranda`);
    await page.getByTestId('br-check-decisions').click();
    await page.goto(`${ui!.url}#/dokumen`);
    const row = page.locator(`[data-testid="doc-row"][data-id="${bundleId}"]`);
    await row.getByTestId('lifecycle-state').filter({ hasText: 'Diterima' }).waitFor(longWait);
    expect(await row.locator('td').nth(0).innerText()).toBe('Berkas serah terima');
    await screenshot(page, 'journey-documents-all');
    expect(downloads).toEqual([]);
    expect(pickers).toEqual([]);
  });
});
