/**
 * The review page for Diskominfo staff (server/PROTOCOL.md §13) in headless
 * Chromium: admin login, the list filtered by OPD / type / period, the main
 * PDF, decisions with a note that reach the app's status, escaping of what
 * OPDs and reviewers typed, the CSP, and CSRF refusals.
 */
import { runAdminVerb } from '../../server/admin';
import { REVIEW_CSP } from '../../server/review/review-pages';
import { buildPackage, fixture, type ProtocolClient } from '../integration/helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from '../integration/helpers/server-stores';
import { launchBrowser, type Browser } from './helpers/berkas-ui';

const sqljs = storeVariants()[0]?.variant;

describe('review page', () => {
  let server: TestServer;
  let browser: Browser;
  let disdik: ProtocolClient;
  let adminToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(sqljs as NonNullable<typeof sqljs>);
    disdik = await server.enrolled('DISDIK');
    const dinkes = await server.enrolled('DINKES');
    // An OPD name with markup, as an administrator might paste it: shown as text, never run.
    await server.running.intake.repo.ensureOpd('DINKES', 'Dinas <script>window.__xss=1</script> Kesehatan', new Date().toISOString());
    const sends: [string, ProtocolClient, Parameters<typeof buildPackage>[0]][] = [
      ['ra2025', disdik, { opd: 'DISDIK', type: 'rencana-aksi', period: '2025' }],
      ['lap2025t1', disdik, { opd: 'DISDIK', type: 'laporan', period: '2025-T1', mainDocument: 'data/laporan.pdf', payload: { 'data/laporan.pdf': fixture('signed.pdf') } }],
      ['dinkes', dinkes, { opd: 'DINKES', type: 'rencana-aksi', period: '2025' }],
    ];
    for (const [key, client, spec] of sends) {
      const pkg = await buildPackage(spec);
      const answer = await client.send(pkg);
      if (answer.status !== 200) throw new Error(`${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
      ids[key] = pkg.submissionId;
    }
    adminToken = ((await runAdminVerb({ service: server.running.intake.service, keys: server.running.intake.keys, now: () => new Date() }, 'admin-token', {})) as { token: string }).token;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('login, list and filters, the PDF, a decision with a note that reaches the app', async () => {
    const { page } = browser;
    const first = await page.goto(`${server.url}/admin/`);
    expect(page.url()).toBe(`${server.url}/admin/login`);
    expect(first?.headers()['content-security-policy']).toBe(REVIEW_CSP);

    await page.getByLabel('Token admin').fill('x'.repeat(43));
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Token admin tidak dikenal/);
    await page.getByLabel('Token admin').fill(adminToken);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${server.url}/admin/`);
    await page.getByRole('heading', { name: 'Pengiriman masuk' }).waitFor();

    const rowIds = async () => page.locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(new Set(await rowIds())).toEqual(new Set(Object.values(ids)));
    // The hostile OPD name is text on the page, and no script exists or ran.
    await expect(page.locator('body').textContent()).resolves.toContain('Dinas <script>window.__xss=1</script> Kesehatan');
    expect(await page.evaluate(() => [document.scripts.length, (window as unknown as { __xss?: number }).__xss ?? 0])).toEqual([0, 0]);

    await page.getByLabel('OPD').selectOption('DISDIK');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/opd=DISDIK/);
    expect(new Set(await rowIds())).toEqual(new Set([ids.ra2025, ids.lap2025t1]));
    await page.getByLabel('Jenis').selectOption('laporan');
    await page.getByLabel('Periode').fill('2025-T1');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/type=laporan/);
    expect(await rowIds()).toEqual([ids.lap2025t1]);

    await page.getByRole('link', { name: ids.lap2025t1 as string }).click();
    await page.getByRole('heading', { name: /Laporan DISDIK 2025-T1/ }).waitFor();
    const href = await page.locator('#open-document').getAttribute('href');
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await pdf.body()).equals(fixture('signed.pdf'))).toBe(true);
    await expect(page.locator('ul.signatures').textContent()).resolves.toMatch(/Budi Santoso.*utuh/);

    // "Perlu revisi" needs a note.
    await page.getByRole('button', { name: 'Perlu revisi' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Catatan wajib diisi/);
    await page.goBack();
    const note = 'Lampirkan <b>tabel</b> capaian & "indikator" triwulan I.';
    await page.getByLabel(/Catatan untuk OPD/).fill(note);
    await page.getByRole('button', { name: 'Perlu revisi' }).click();
    await page.getByRole('status').waitFor();
    await expect(page.locator('#review-note').textContent()).resolves.toBe(note);
    await expect(page.locator('#review-status').textContent()).resolves.toMatch(/Perlu revisi/);
    expect(await page.locator('#review-note b').count()).toBe(0);

    const status = await disdik.status(ids.lap2025t1 as string);
    expect(status.body.review).toMatchObject({ status: 'perlu-revisi', note });

    await page.getByLabel(/Catatan untuk OPD/).fill('');
    await page.getByRole('button', { name: 'Terima' }).click();
    await page.getByRole('status').waitFor();
    expect((await disdik.status(ids.lap2025t1 as string)).body.review).toMatchObject({ status: 'diterima', note: null });
    expect(browser.cspViolations).toEqual([]);
  });

  test('form posts without the session CSRF token, or from another origin, are refused', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin/submissions/${ids.ra2025}`);
    const action = `${server.url}/admin/submissions/${ids.ra2025}/decision`;
    const csrf = await page.locator('input[name=csrf]').first().inputValue();

    const missing = await page.request.post(action, { form: { status: 'ditolak', note: 'palsu' } });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toMatch(/token CSRF tidak cocok/);
    const foreign = await page.request.post(action, { form: { status: 'ditolak', note: 'palsu', csrf }, headers: { Origin: 'http://penyerang.example' } });
    expect(foreign.status()).toBe(403);
    expect((await disdik.status(ids.ra2025 as string)).body.review).toMatchObject({ status: 'menunggu' });

    // Logging out ends the session: the page asks for the token again.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${server.url}/admin/login`);
    await page.goto(`${server.url}/admin/`);
    expect(page.url()).toBe(`${server.url}/admin/login`);
  });
});
