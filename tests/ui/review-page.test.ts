/**
 * The Diskominfo console (server/review, PROTOCOL.md §13) in headless
 * Chromium at 1366×768: a reviewer logs in by keyboard, finds submissions by
 * title and OPD name, filters and searches, opens a submission and every file
 * of its package, decides with a note through the confirmation step, and the
 * decision reaches the app's status call. What OPDs and reviewers typed stays
 * text; the CSP holds; a form from another origin is refused.
 */
import { runAdminVerb } from '../../server/admin';
import { REVIEW_CSP } from '../../server/review/review-pages';
import { buildPackage, fixture, sha256, type BuiltPackage, type ProtocolClient } from '../integration/helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from '../integration/helpers/server-stores';
import { launchBrowser, type Browser } from './helpers/berkas-ui';

const sqljs = storeVariants()[0]?.variant;
const PASSWORD = 'kata-sandi-peninjau-uji';

describe('konsol Diskominfo', () => {
  let server: TestServer;
  let browser: Browser;
  let disdik: ProtocolClient;
  const pkgs: Record<string, BuiltPackage> = {};

  beforeAll(async () => {
    server = await startTestServer(sqljs as NonNullable<typeof sqljs>);
    disdik = await server.enrolled('DISDIK');
    const dinkes = await server.enrolled('DINKES');
    await server.running.intake.repo.ensureOpd('DISDIK', 'Dinas Pendidikan', new Date().toISOString());
    // An OPD name with markup, as an administrator might paste it: shown as text, never run.
    await server.running.intake.repo.ensureOpd('DINKES', 'Dinas <script>window.__xss=1</script> Kesehatan', new Date().toISOString());
    const plan = (title: string) => Buffer.from(JSON.stringify({ format: 'berkas-rencana-aksi', version: 1, plan: { year: 2025, title, activities: [{ name: 'Pengembangan SIM Sekolah', outputs: [] }] } }));
    const sends: [string, ProtocolClient, Parameters<typeof buildPackage>[0]][] = [
      ['ra', disdik, { opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': plan('Rencana Aksi SPBE Disdik 2025'), 'data/lampiran/kak.docx': Buffer.from('PK\u0003\u0004 kak') } }],
      ['lap', disdik, { opd: 'DISDIK', type: 'laporan', period: '2025-T1', mainDocument: 'data/laporan.pdf', payload: { 'data/laporan.pdf': fixture('signed.pdf') } }],
      ['dinkes', dinkes, { opd: 'DINKES', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': plan('Rencana <b>Aksi</b> Dinkes') } }],
    ];
    for (const [key, client, spec] of sends) {
      const pkg = await buildPackage(spec);
      const answer = await client.send(pkg);
      if (answer.status !== 200) throw new Error(`${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
      pkgs[key] = pkg;
    }
    await runAdminVerb({ service: server.running.intake.service, keys: server.running.intake.keys, now: () => new Date() }, 'reviewer-add', { username: 'siti', name: 'Siti Rahma', role: 'peninjau', password: PASSWORD });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowIds = async () => browser.page.locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

  test('login by keyboard, the list by title and OPD name, filters and search', async () => {
    const { page } = browser;
    const first = await page.goto(`${server.url}/admin/`);
    expect(page.url()).toBe(`${server.url}/admin/login`);
    expect(first?.headers()['content-security-policy']).toBe(REVIEW_CSP);
    await page.getByLabel('Nama pengguna').fill('siti');
    await page.getByLabel('Kata sandi').fill('bukan-kata-sandinya');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Nama pengguna atau kata sandi salah/);
    // The user name field has the focus on arrival.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('username');
    await page.getByLabel('Nama pengguna').fill('siti');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/admin/`);
    await page.getByRole('heading', { name: 'Pengiriman masuk' }).waitFor();
    // The skip link is the keyboard's first stop, and it leads past the menu to the content.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Lompat ke isi');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('isi');

    expect(new Set(await rowIds())).toEqual(new Set(Object.values(pkgs).map((p) => p.submissionId)));
    await page.getByRole('link', { name: 'Rencana Aksi SPBE Disdik 2025' }).waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('Dinas <script>window.__xss=1</script> Kesehatan');
    expect(body).toContain('Rencana <b>Aksi</b> Dinkes');
    expect(body).toContain('Dinas Pendidikan');
    expect(await page.evaluate(() => [document.scripts.length, (window as unknown as { __xss?: number }).__xss ?? 0])).toEqual([0, 0]);

    await page.getByLabel('OPD').selectOption('DISDIK');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/opd=DISDIK/);
    expect(new Set(await rowIds())).toEqual(new Set([pkgs.ra?.submissionId, pkgs.lap?.submissionId]));
    await page.getByLabel('Jenis').selectOption('laporan');
    await page.getByLabel('Periode').fill('2025');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/type=laporan/);
    expect(await rowIds()).toEqual([pkgs.lap?.submissionId]);
    await page.getByRole('link', { name: 'Hapus saringan' }).click();
    await page.getByLabel('Cari').fill('dinkes');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=dinkes/);
    expect(await rowIds()).toEqual([pkgs.dinkes?.submissionId]);
    expect(browser.cspViolations).toEqual([]);
  });

  test('a submission: every file opens with its bytes, the decision goes through confirmation and reaches the app', async () => {
    const { page } = browser;
    const pkg = pkgs.ra as BuiltPackage;
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('link', { name: 'Rencana Aksi SPBE Disdik 2025' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rencana Aksi SPBE Disdik 2025' }).waitFor();
    await expect(page.locator('ul.signatures').textContent()).resolves.toMatch(/Budi Santoso[\s\S]*Utuh[\s\S]*Belum tepercaya/);

    // Every file of the package, by its link, byte for byte.
    const links = await page.locator('table.files a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')] as [string, string]));
    const downloads = links.filter(([text]) => text === 'Unduh');
    expect(downloads).toHaveLength((pkg.manifest.files as unknown[]).length);
    for (const [, href] of downloads) {
      const res = await page.request.get(`${server.url}${href}`);
      expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="/);
      const digest = sha256(await res.body());
      expect(pkg.manifest.files.map((f) => f.sha256)).toContain(digest);
    }
    const inline = links.find(([text]) => text === 'Buka')?.[1] as string;
    const pdf = await page.request.get(`${server.url}${inline}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await pdf.body()).equals(fixture('signed.pdf'))).toBe(true);

    // Perlu revisi needs a note; the choice is kept when the page asks for it.
    await page.getByLabel('Perlu revisi', { exact: true }).check();
    await page.getByRole('button', { name: 'Lanjut ke konfirmasi' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Catatan wajib diisi/);
    expect(await page.getByLabel('Perlu revisi', { exact: true }).isChecked()).toBe(true);
    const note = 'Lampirkan <b>tabel</b> capaian & "indikator" triwulan I.';
    await page.getByLabel(/Catatan untuk OPD/).fill(note);
    await page.getByRole('button', { name: 'Lanjut ke konfirmasi' }).click();
    await page.getByRole('heading', { name: 'Konfirmasi keputusan' }).waitFor();
    await expect(page.locator('#confirm-note').textContent()).resolves.toBe(note);
    expect((await disdik.status(pkg.submissionId)).body.review).toMatchObject({ status: 'menunggu' });
    // The confirm button has the focus: Enter saves.
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    await expect(page.locator('#review-note').textContent()).resolves.toBe(note);
    await expect(page.locator('#review-status').textContent()).resolves.toMatch(/Perlu revisi/);
    expect(await page.locator('#review-note b').count()).toBe(0);
    await expect(page.locator('table.history').textContent()).resolves.toContain('Siti Rahma');
    expect((await disdik.status(pkg.submissionId)).body.review).toMatchObject({ status: 'perlu-revisi', note });

    await page.getByLabel('Diterima', { exact: true }).check();
    await page.getByLabel(/Catatan untuk OPD/).fill('');
    await page.getByRole('button', { name: 'Lanjut ke konfirmasi' }).click();
    await page.getByRole('button', { name: 'Ya, simpan keputusan' }).click();
    await page.getByRole('status').waitFor();
    expect((await disdik.status(pkg.submissionId)).body.review).toMatchObject({ status: 'diterima', note: null });

    // Accepted: the plan is in the consolidation and its export.
    await page.getByRole('link', { name: 'Konsolidasi' }).click();
    await page.getByRole('heading', { name: /Konsolidasi/ }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toMatch(/1 rencana aksi/);
    const csv = await page.request.get(`${server.url}/admin/konsolidasi/ekspor?tabel=anggaran&format=csv`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('DISDIK;Dinas Pendidikan;1');
    expect(browser.cspViolations).toEqual([]);
  });

  test('a form from another origin is refused; logging out ends the session', async () => {
    const { page } = browser;
    const id = pkgs.lap?.submissionId as string;
    await page.goto(`${server.url}/admin/submissions/${id}`);
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const foreign = await page.request.post(`${server.url}/admin/submissions/${id}/decision`, {
      form: { status: 'ditolak', note: 'palsu', csrf, expected: '', confirm: '1' },
      headers: { Origin: 'http://penyerang.example' },
    });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toMatch(/bukan dari halaman konsol ini/);
    expect((await disdik.status(id)).body.review).toMatchObject({ status: 'menunggu' });
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${server.url}/admin/login`);
    await page.goto(`${server.url}/admin/`);
    expect(page.url()).toBe(`${server.url}/admin/login`);
  });
});
