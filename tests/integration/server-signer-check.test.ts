/**
 * The signer-to-OPD check (issue 11.7, PROTOCOL.md §6.3) on both stores:
 * a signer whose trusted certificate names the OPD matches; a certificate
 * registered for the OPD matches whatever it names; a certificate naming
 * another agency does not; a self-made certificate that merely writes the
 * OPD's name is never "cocok". A mismatch is received (with a receipt) and
 * flagged, online and by flash drive, and the reviewer sees the line.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSigningEngine } from '../../core/adapters/signing/signing-engine';
import { runAdminVerb } from '../../server/admin';
import type { SignerCheck } from '../../server/protocol/types';
import { buildPackage, fixture, ProtocolClient, repoRoot } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

const OFFICER_SHA256 = 'f48f7f1f1fefa406b08be4b434748b7e9ffafc98d8afa34a73724a781598695b';

async function selfSignedPdf(organization: string): Promise<Uint8Array> {
  const engine = createSigningEngine({ assetsDir: path.join(repoRoot, 'assets') });
  const { handle } = engine.createSelfSigned({ name: 'Penyusup', nip: null, organization, now: new Date() });
  const signed = await engine.signPdf(new Uint8Array(fixture('unsigned.pdf')), handle, {
    fileName: 'rencana-aksi.pdf',
    isCertified: false,
    role: null,
    reason: 'Uji penanda tangan',
    certify: false,
    signedAt: new Date(),
    offsetMinutes: 420,
  });
  return signed.pdf;
}

/** Logs in to the review pages and returns the detail page's HTML of one submission. */
async function reviewPage(server: TestServer, id: string): Promise<string> {
  const { token } = (await runAdminVerb({ service: server.running.intake.service, keys: server.running.intake.keys, now: () => new Date() }, 'admin-token', {})) as { token: string };
  const login = await fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url }, body: `token=${token}` });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const res = await fetch(`${server.url}/admin/submissions/${id}`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

const signerLine = (html: string) => /<dd id="signer-check"[^>]*data-verdict="([^"]+)"[^>]*>([^<]*)<\/dd>/.exec(html);

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    let server: TestServer;
    const admin = () => ({ service: server.running.intake.service, keys: server.running.intake.keys, now: () => new Date() });

    async function opd(code: string, name: string): Promise<ProtocolClient> {
      const { code: enrollCode } = await server.running.intake.service.createEnrollmentCode(code, name);
      const client = new ProtocolClient(server.url);
      expect((await client.enroll(enrollCode)).status).toBe(201);
      return client;
    }

    async function sendAndCheck(client: ProtocolClient, opdCode: string, pdf?: Uint8Array): Promise<{ id: string; check: SignerCheck }> {
      const pkg = await buildPackage({ opd: opdCode, ...(pdf ? { payload: { 'data/rencana-aksi.pdf': pdf } } : {}) });
      const sent = await client.send(pkg);
      // A mismatch is flagged, never refused: the package is received and has its receipt.
      expect(sent.status).toBe(200);
      expect(sent.body.receipt).toMatchObject({ submissionId: pkg.submissionId });
      const record = await server.running.intake.repo.getSubmission(pkg.submissionId);
      return { id: pkg.submissionId, check: record?.signerCheck as SignerCheck };
    }

    beforeAll(async () => {
      server = await startTestServer(variant);
    });
    afterAll(async () => {
      await server?.stop();
    });

    test('a name match on a certificate nothing vouches for is only "belum pasti"; with its root trusted it is "cocok" (case, spaces, punctuation ignored)', async () => {
      const disdik = await opd('DISDIK', 'DINAS  pendidikan.');
      const before = await sendAndCheck(disdik, 'DISDIK');
      expect(before.check).toMatchObject({
        verdict: 'belum-pasti',
        opd: 'DISDIK',
        signers: [{ signer: 'Budi Santoso', organizations: ['Pemerintah Kota Pontianak'], units: ['Dinas Pendidikan'], matchedBy: 'organisasi', certificate: 'untrusted', certificateSha256: OFFICER_SHA256 }],
      });

      mkdirSync(path.join(server.dataDir, 'trust'), { recursive: true });
      copyFileSync(path.join(repoRoot, 'tests', 'fixtures', 'signing', 'root.pem'), path.join(server.dataDir, 'trust', 'root.pem'));
      const after = await sendAndCheck(disdik, 'DISDIK');
      expect(after.check).toMatchObject({ verdict: 'cocok', signers: [{ matchedBy: 'organisasi', certificate: 'trusted' }] });
      const line = signerLine(await reviewPage(server, after.id));
      expect(line?.[1]).toBe('cocok');
      expect(line?.[2]).toMatch(/^Penanda tangan cocok dengan OPD pengirim DINAS {2}pendidikan\. \(DISDIK\): sertifikat atas nama Budi Santoso, organisasi Pemerintah Kota Pontianak \/ Dinas Pendidikan/);
      // The earlier submission keeps the verdict of its commit.
      expect(signerLine(await reviewPage(server, before.id))?.[1]).toBe('belum-pasti');
    });

    test("a certificate naming another agency does not match: received, flagged, and shown to the reviewer as its own line", async () => {
      const dinkes = await opd('DINKES', 'Dinas Kesehatan');
      const { id, check } = await sendAndCheck(dinkes, 'DINKES');
      expect(check).toMatchObject({ verdict: 'tidak-cocok', signers: [{ signer: 'Budi Santoso', matchedBy: null }] });
      const html = await reviewPage(server, id);
      const line = signerLine(html);
      expect(line?.[1]).toBe('tidak-cocok');
      expect(line?.[2]).toBe(
        'Penanda tangan tidak cocok dengan OPD pengirim Dinas Kesehatan (DINKES): sertifikat atas nama Budi Santoso, organisasi Pemerintah Kota Pontianak / Dinas Pendidikan; sertifikat itu tidak terdaftar untuk OPD ini.',
      );
      expect(html).toMatch(/Sebelum menerima: pastikan penanda tangan adalah pejabat berwenang OPD DINKES/);
    });

    test('a self-made certificate that writes the OPD as its organisation is never "cocok"', async () => {
      const dishub = await opd('DISHUB', 'Dinas Perhubungan');
      const { check } = await sendAndCheck(dishub, 'DISHUB', await selfSignedPdf('Dinas Perhubungan'));
      expect(check).toMatchObject({ verdict: 'belum-pasti', signers: [{ signer: 'Penyusup', organizations: ['Dinas Perhubungan'], matchedBy: 'organisasi', certificate: 'untrusted' }] });
    });

    test('a certificate registered for the OPD matches whatever it names; removing it affects later submissions only', async () => {
      const dlh = await opd('DLH', 'Dinas Lingkungan Hidup');
      const pem = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'server', 'officer.pem'));
      const added = (await runAdminVerb(admin(), 'opd-certificate-add', { opd: 'dlh', certificate: pem.toString('base64'), file: 'officer.pem', label: 'Plt. Kepala Dinas' })) as Record<string, unknown>;
      expect(added).toMatchObject({ opd: 'DLH', sha256: OFFICER_SHA256, isNew: true, label: 'Plt. Kepala Dinas' });
      expect(added.subject).toMatch(/CN=Budi Santoso/);
      expect(await runAdminVerb(admin(), 'opd-certificate-add', { opd: 'DLH', certificate: pem.toString('base64'), file: 'officer.pem' })).toMatchObject({ isNew: false });

      const registered = await sendAndCheck(dlh, 'DLH');
      expect(registered.check).toMatchObject({ verdict: 'cocok', signers: [{ matchedBy: 'sertifikat-terdaftar', certificateSha256: OFFICER_SHA256 }] });
      expect(signerLine(await reviewPage(server, registered.id))?.[2]).toMatch(/\(sertifikatnya terdaftar untuk OPD ini\)\.$/);

      expect(((await runAdminVerb(admin(), 'opd-certificate-list', { opd: 'DLH' })) as { certificates: unknown[] }).certificates).toHaveLength(1);
      // Registered for DLH only: another OPD gains nothing from it.
      expect(((await runAdminVerb(admin(), 'opd-certificate-list', { opd: 'DINKES' })) as { certificates: unknown[] }).certificates).toHaveLength(0);
      await expect(runAdminVerb(admin(), 'opd-certificate-remove', { opd: 'DLH', sha256: 'f48f' })).rejects.toMatchObject({ code: 'USAGE' });
      expect(await runAdminVerb(admin(), 'opd-certificate-remove', { opd: 'DLH', sha256: 'F4:8F:7F:1F' })).toMatchObject({ sha256: OFFICER_SHA256 });
      expect(((await runAdminVerb(admin(), 'opd-certificate-list', {})) as { certificates: unknown[] }).certificates).toHaveLength(0);

      const later = await sendAndCheck(dlh, 'DLH');
      expect(later.check.verdict).toBe('tidak-cocok');
      expect((await server.running.intake.repo.getSubmission(registered.id))?.signerCheck?.verdict).toBe('cocok');
    });

    test('registration refuses what is not one certificate of a known OPD', async () => {
      const pem = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'server', 'officer.pem'));
      await expect(runAdminVerb(admin(), 'opd-certificate-add', { opd: 'BELUMADA', certificate: pem.toString('base64'), file: 'officer.pem' })).rejects.toMatchObject({ code: 'OPD_NOT_FOUND' });
      const chain = Buffer.concat([pem, readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'signing', 'intermediate.pem'))]);
      await expect(runAdminVerb(admin(), 'opd-certificate-add', { opd: 'DINKES', certificate: chain.toString('base64'), file: 'rantai.pem' })).rejects.toMatchObject({
        code: 'CERT_FILE',
        message: expect.stringMatching(/memuat 2 sertifikat/),
      });
      await expect(runAdminVerb(admin(), 'opd-certificate-add', { opd: 'DINKES', certificate: Buffer.from('bukan sertifikat').toString('base64'), file: 'x.pem' })).rejects.toMatchObject({
        code: 'CERT_FILE',
      });
    });

    test('by flash drive: the same check, the result returned to the importer', async () => {
      await opd('DISPORA', 'Dinas Pemuda dan Olahraga');
      const pkg = await buildPackage({ opd: 'DISPORA' });
      const imported = await server.running.intake.service.importPackage(pkg.zipPath);
      expect(imported.isDuplicate).toBe(false);
      expect(imported.signerCheck).toMatchObject({ verdict: 'tidak-cocok', opd: 'DISPORA', signers: [{ signer: 'Budi Santoso' }] });
      const again = await server.running.intake.service.importPackage(pkg.zipPath);
      expect(again).toMatchObject({ isDuplicate: true, signerCheck: { verdict: 'tidak-cocok' } });
      expect(signerLine(await reviewPage(server, pkg.submissionId))?.[1]).toBe('tidak-cocok');
    });
  });
}
