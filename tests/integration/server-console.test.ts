/**
 * The Diskominfo console over HTTP, on both stores: the admin-token bootstrap
 * that closes once an admin account exists; roles; sessions that end when
 * idle, when revoked, when the account is disabled; CSRF (another origin, a
 * wrong token, a cross-site GET); a stale page and an unknown submission
 * refused with a clear message; who decided recorded; keyset paging and
 * search; trust roots making signatures "tepercaya"; files served safely; a
 * package refused at its checks listed with its reason.
 */
import type { Clock } from '../../core/ports';
import { runAdminVerb } from '../../server/admin';
import type { SqlRunner } from '../../server/store/sql-runner';
import { buildPackage, fixture, uuidv7, type ProtocolClient } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

jest.setTimeout(240_000);

const PASSWORD = 'kata-sandi-konsol-uji';

class Browser {
  cookie = '';
  constructor(
    private readonly base: string,
    private readonly origin = base,
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, { redirect: 'manual', headers: { ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers } });
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.origin, ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers },
      body: new URLSearchParams(form).toString(),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] as string;
    return res;
  }

  async csrf(path = '/admin/'): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no csrf on ${path}: ${html.slice(0, 300)}`);
    return m[1] as string;
  }
}

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    let server: TestServer;
    let now = new Date('2025-06-02T01:00:00.000Z');
    const clock: Clock = { now: () => now };
    const admin = () => ({ service: server.running.intake.service, keys: server.running.intake.keys, now: () => now });
    let disdik: ProtocolClient;
    const ids: string[] = [];
    let handover = '';
    let refused = '';

    beforeAll(async () => {
      // Logins are rate-limited per address (10, then one per 6 s); this suite logs in more often than that.
      server = await startTestServer(variant, { clock, loginRate: { capacity: 100, perSecond: 10 } });
      disdik = await server.enrolled('DISDIK');
      await server.running.intake.repo.ensureOpd('DISDIK', 'Dinas Pendidikan', now.toISOString());
      for (let i = 0; i < 60; i++) {
        now = new Date(Date.parse('2025-06-02T01:00:00.000Z') + i * 60_000);
        const data = Buffer.from(JSON.stringify({ plan: { year: 2025, title: `Rencana Aksi Nomor ${String(i).padStart(2, '0')}`, activities: [{ name: `Kegiatan ${i}`, outputs: [] }] } }));
        const pkg = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': data, 'data/lampiran/catatan.html': Buffer.from('<script>alert(1)</script>') } });
        expect((await disdik.send(pkg)).status).toBe(200);
        ids.push(pkg.submissionId);
      }
      handover = ids[59] as string;
      const bad = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('tampered.pdf') } });
      expect((await disdik.send(bad)).status).toBe(422);
      refused = bad.submissionId;
      now = new Date('2025-06-03T01:00:00.000Z');
    });

    afterAll(async () => {
      await server?.stop();
    });

    test('the admin token opens the console only until an admin account exists', async () => {
      const { token } = (await runAdminVerb(admin(), 'admin-token', {})) as { token: string };
      const boot = new Browser(server.url);
      expect((await boot.post('/admin/login', { token })).headers.get('location')).toBe('/admin/peninjau');
      const made = await boot.post('/admin/peninjau/add', { csrf: await boot.csrf('/admin/peninjau'), username: 'siti', name: 'Siti Rahma', role: 'admin', password: PASSWORD, password2: PASSWORD });
      expect(await made.text()).toContain('Akun siti (admin) dibuat untuk Siti Rahma.');
      // The bootstrap session is over, and the token no longer logs in.
      expect((await boot.get('/admin/')).headers.get('location')).toBe('/admin/login');
      const again = await new Browser(server.url).post('/admin/login', { token });
      expect(again.status).toBe(403);
      expect(await again.text()).toContain('sudah ada akun admin');
      await runAdminVerb(admin(), 'reviewer-add', { username: 'budi', name: 'Budi Peninjau', role: 'peninjau', password: PASSWORD });
      await expect(runAdminVerb(admin(), 'reviewer-add', { username: 'lemah', name: 'Lemah', role: 'peninjau', password: 'pendek' })).rejects.toMatchObject({ code: 'PASSWORD_WEAK' });
    });

    const login = async (username: string, password = PASSWORD) => {
      const b = new Browser(server.url);
      const res = await b.post('/admin/login', { username, password });
      return { b, res };
    };

    test('roles, CSRF, a stale page, an unknown submission; every decision names its reviewer', async () => {
      expect((await login('siti', 'salah-sekali-kata-sandinya')).res.status).toBe(401);
      const { b: siti } = await login('siti');
      const { b: budi } = await login('budi');
      // A peninjau reads and decides, but is no admin.
      expect((await budi.get('/admin/akar')).status).toBe(403);
      expect((await budi.post('/admin/akar/add', { csrf: await budi.csrf(), pem: 'x' })).status).toBe(403);

      const id = ids[0] as string;
      const page = `/admin/submissions/${id}`;
      const sitiCsrf = await siti.csrf(page);
      const budiCsrf = await budi.csrf(page);
      const decision = `${page}/decision`;
      // Another origin, or a form without this session's token: refused, nothing changes.
      const foreign = await new Browser(server.url, 'http://penyerang.example');
      foreign.cookie = budi.cookie;
      expect((await foreign.post(decision, { csrf: budiCsrf, status: 'ditolak', note: 'palsu', expected: '', confirm: '1' })).status).toBe(403);
      expect((await budi.post(decision, { csrf: sitiCsrf, status: 'ditolak', note: 'palsu', expected: '', confirm: '1' })).status).toBe(403);
      expect((await budi.get(page, { 'Sec-Fetch-Site': 'cross-site' })).headers.get('location')).toBe('/admin/login');
      expect((await disdik.status(id)).body.review).toMatchObject({ status: 'menunggu' });

      // Perlu revisi without a note: asked for it, with what was chosen kept.
      const noNote = await budi.post(decision, { csrf: budiCsrf, status: 'perlu-revisi', note: ' ', expected: '' });
      expect(noNote.status).toBe(400);
      expect(await noNote.text()).toMatch(/Catatan wajib diisi[\s\S]*value="perlu-revisi" checked/);
      // First step: a confirmation page, nothing saved yet.
      const confirm = await budi.post(decision, { csrf: budiCsrf, status: 'perlu-revisi', note: 'Lengkapi KAK.', expected: '' });
      expect(await confirm.text()).toContain('Ya, simpan keputusan');
      expect((await disdik.status(id)).body.review).toMatchObject({ status: 'menunggu' });
      const saved = await budi.post(decision, { csrf: budiCsrf, status: 'perlu-revisi', note: 'Lengkapi KAK.', expected: '', confirm: '1' });
      expect(saved.headers.get('location')).toBe(`${page}?saved=1`);
      expect((await disdik.status(id)).body.review).toMatchObject({ status: 'perlu-revisi', note: 'Lengkapi KAK.' });
      // Siti's page was opened before Budi decided: her decision is refused, not laid over his.
      const stale = await siti.post(decision, { csrf: sitiCsrf, status: 'diterima', note: '', expected: '', confirm: '1' });
      expect(stale.status).toBe(409);
      expect(await stale.text()).toContain('Halaman ini sudah usang');
      expect((await disdik.status(id)).body.review).toMatchObject({ status: 'perlu-revisi' });
      expect((await (await siti.get(page)).text()).replace(/\s+/g, ' ')).toMatch(/Perlu revisi<\/span><\/td><td>Budi Peninjau<\/td><td>Lengkapi KAK\./);
      expect(await server.running.intake.repo.console.reviewEvents(id)).toEqual([expect.objectContaining({ status: 'perlu-revisi', byName: 'Budi Peninjau', by: expect.stringMatching(/^rev_/) })]);

      const unknown = await siti.post(`/admin/submissions/${uuidv7()}/decision`, { csrf: sitiCsrf, status: 'diterima', expected: '', confirm: '1' });
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toMatch(/Pengiriman [0-9a-f-]{36} tidak ada/);

      // A submission whose OPD is no longer registered (its row gone from the store): no decision is recorded for it.
      const dishub = await server.enrolled('DISHUB');
      const orphan = await buildPackage({ opd: 'DISHUB' });
      expect((await dishub.send(orphan)).status).toBe(200);
      const db = (server.running.intake.repo as unknown as { db: SqlRunner }).db;
      await db.tx(async (tx) => tx.run("DELETE FROM opds WHERE code = 'DISHUB'"));
      const gone = await siti.post(`/admin/submissions/${orphan.submissionId}/decision`, { csrf: sitiCsrf, status: 'diterima', expected: '', confirm: '1' });
      expect(gone.status).toBe(404);
      expect(await gone.text()).toContain('berasal dari OPD DISHUB, yang tidak terdaftar di server ini');
      expect((await dishub.status(orphan.submissionId)).body.review).toMatchObject({ status: 'menunggu' });
    });

    test('sessions end when idle, when an admin ends them, and when the account is disabled', async () => {
      const { b: budi } = await login('budi');
      const { b: siti } = await login('siti');
      now = new Date(now.getTime() + 10 * 60_000);
      expect((await budi.get('/admin/')).status).toBe(200);
      now = new Date(now.getTime() + 10 * 60_000);
      // Used ten minutes ago: still alive twenty minutes after login; Siti's, unused for twenty, is over.
      expect((await budi.get('/admin/')).status).toBe(200);
      expect((await siti.get('/admin/')).headers.get('location')).toBe('/admin/login');
      now = new Date(now.getTime() + 16 * 60_000);
      expect((await budi.get('/admin/')).headers.get('location')).toBe('/admin/login');

      const { b: budi2 } = await login('budi');
      const { b: siti2 } = await login('siti');
      const ended = await siti2.post('/admin/peninjau/logout', { csrf: await siti2.csrf('/admin/peninjau'), username: 'budi' });
      expect(await ended.text()).toMatch(/[1-9] sesi budi diakhiri/);
      expect((await budi2.get('/admin/')).headers.get('location')).toBe('/admin/login');
      await siti2.post('/admin/peninjau/disable', { csrf: await siti2.csrf('/admin/peninjau'), username: 'budi' });
      expect((await login('budi')).res.status).toBe(401);
      // The last admin cannot disable itself away.
      const last = await siti2.post('/admin/peninjau/disable', { csrf: await siti2.csrf('/admin/peninjau'), username: 'siti' });
      expect(await last.text()).toContain('admin aktif terakhir');
    });

    test('keyset paging, search, the refused package with its reason, files served safely, trust roots', async () => {
      const { b } = await login('siti');
      const rowIds = (html: string) => [...html.matchAll(/<tr data-id="([^"]+)"/g)].map((m) => m[1] as string);
      // DISDIK's 60 (the earlier test left one of another OPD).
      const first = await (await b.get('/admin/?opd=DISDIK')).text();
      const page1 = rowIds(first);
      expect(page1).toEqual([...ids].reverse().slice(0, 50));
      const next = /href="([^"]+)" rel="next"/.exec(first)?.[1]?.replace(/&amp;/g, '&') as string;
      const second = await (await b.get(next)).text();
      expect(rowIds(second)).toEqual([...ids].reverse().slice(50));
      expect(second).not.toContain('rel="next"');
      const prev = /href="([^"]+)" rel="prev"/.exec(second)?.[1]?.replace(/&amp;/g, '&') as string;
      expect(rowIds(await (await b.get(prev)).text())).toEqual(page1);
      const byTitle = await (await b.get('/admin/?opd=DISDIK&sort=title&dir=asc')).text();
      expect(rowIds(byTitle).slice(0, 2)).toEqual([ids[0], ids[1]]);
      expect(rowIds(await (await b.get('/admin/?q=nomor%2007')).text())).toEqual([ids[7]]);
      expect(rowIds(await (await b.get('/admin/?q=50%25')).text())).toEqual([]);

      const failed = await (await b.get('/admin/?view=gagal')).text();
      expect(rowIds(failed)).toEqual([refused]);
      expect(failed).toMatch(/diubah setelah ditandatangani|tidak utuh|Tidak ada tanda tangan/);

      const detail = await (await b.get(`/admin/submissions/${handover}`)).text();
      const html = /href="(\/admin\/submissions\/[^"]+\/files\/\d+)">Unduh<\/a><\/td><td><code class="small">[^<]*<\/code><\/td><\/tr>/.exec(detail.split('catatan.html')[1] ?? '');
      expect(html).not.toBeNull();
      const file = await b.get(html?.[1] as string);
      expect(file.headers.get('content-type')).toBe('application/octet-stream');
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="catatan.html"; filename*=UTF-8''catatan.html`);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-security-policy')).toContain('sandbox');
      const pdfLink = /href="([^"]+\?inline=1)"/.exec(detail)?.[1] as string;
      const pdf = await b.get(pdfLink);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="rencana-aksi.pdf"/);
      expect(Buffer.from(await pdf.arrayBuffer()).equals(fixture('signed.pdf'))).toBe(true);

      // No root yet: intact but not trusted. Installing the test root (as PEM) re-judges every signature.
      expect(detail).toMatch(/Utuh<\/span>\s*<span class="badge trust-belum-tepercaya">Belum tepercaya/);
      const pem = fixture('../signing/root.pem').toString('utf8');
      const added = await b.post('/admin/akar/add', { csrf: await b.csrf('/admin/akar'), pem, label: 'Akar uji' });
      expect(await added.text()).toMatch(/Dipasang: C=ID, O=Berkas Uji, CN=Berkas Uji Root CA\. 61 pengiriman dinilai ulang, 61 berubah\./);
      const trusted = await (await b.get(`/admin/submissions/${handover}`)).text();
      expect(trusted).toMatch(/Utuh<\/span>\s*<span class="badge trust-tepercaya">Tepercaya/);
      expect(trusted).toMatch(/<span class="chain-role">Akar tepercaya<\/span> C=ID, O=Berkas Uji, CN=Berkas Uji Root CA/);
      // The certificate names Dinas Pendidikan and now chains to a root: the signer check is "cocok".
      expect(trusted).toContain('data-verdict="cocok"');
      expect(rowIds(await (await b.get('/admin/?trust=belum-tepercaya')).text())).toEqual([]);
      const listed = (await runAdminVerb(admin(), 'trust-list', {})) as { roots: { sha256: string }[] };
      expect(listed.roots).toHaveLength(1);
      const removed = (await runAdminVerb(admin(), 'trust-remove', { sha256: listed.roots[0]?.sha256.slice(0, 12) })) as { rejudged: { changed: number } };
      expect(removed.rejudged.changed).toBe(61);
      expect(await (await b.get(`/admin/submissions/${handover}`)).text()).toContain('data-verdict="belum-pasti"');
    });
  });
}
