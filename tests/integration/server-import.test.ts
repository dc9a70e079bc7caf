/**
 * The flash-drive path (server/PROTOCOL.md §2.4) and reference data (§9) on
 * both stores: an imported package gets the same receipt as the online path,
 * whichever came first; hostile ZIPs are refused; accepted rencana aksi feed
 * the catalog; review decisions flow back through the status.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readCatalogJson } from '../../core/domain/rencana-aksi/catalog';
import { isIntakeError } from '../../server/protocol/errors';
import { makeBag } from '../tools/make-bag';
import { buildPackage, fixture, repoRoot, tempDir, uuidv7, type ProtocolClient } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

async function refusal(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> | undefined }> {
  try {
    await p;
  } catch (err) {
    if (isIntakeError(err)) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('diterima, padahal seharusnya ditolak');
}

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    let server: TestServer;
    let client: ProtocolClient;

    beforeAll(async () => {
      server = await startTestServer(variant);
      client = await server.enrolled('DISDIK');
    });
    afterAll(async () => {
      await server?.stop();
    });

    test('import first, then online: the online send learns it is done and gets the same receipt', async () => {
      const pkg = await buildPackage({ opd: 'DISDIK' });
      const imported = await server.running.intake.service.importPackage(pkg.zipPath);
      expect(imported).toMatchObject({ submissionId: pkg.submissionId, manifestSha256: pkg.manifestSha256, isDuplicate: false });

      const posted = await client.postManifest(pkg);
      expect(posted.status).toBe(200);
      expect(posted.body).toMatchObject({ state: 'committed', missing: [], receipt: imported.receipt });
      const again = await server.running.intake.service.importPackage(pkg.zipPath);
      expect(again).toMatchObject({ isDuplicate: true, receipt: imported.receipt });
    });

    test('online first, then import: the import is a duplicate with the same receipt', async () => {
      const pkg = await buildPackage({ opd: 'DISDIK' });
      const sent = await client.send(pkg);
      expect(sent.status).toBe(200);
      const imported = await server.running.intake.service.importPackage(pkg.zipPath);
      expect(imported).toMatchObject({ isDuplicate: true, receipt: sent.body.receipt });
    });

    test('an imported package with the id of other content is a conflict; an unknown OPD is refused', async () => {
      const id = uuidv7();
      expect((await client.send(await buildPackage({ opd: 'DISDIK', submissionId: id, period: '2025' }))).status).toBe(200);
      const other = await buildPackage({ opd: 'DISDIK', submissionId: id, period: '2024' });
      expect((await refusal(server.running.intake.service.importPackage(other.zipPath))).code).toBe('SUBMISSION_CONFLICT');
      const stranger = await buildPackage({ opd: 'ASING' });
      expect((await refusal(server.running.intake.service.importPackage(stranger.zipPath))).code).toBe('OPD_NOT_FOUND');
      const unsigned = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': Buffer.from('%PDF-1.7\n%%EOF\n') } });
      expect((await refusal(server.running.intake.service.importPackage(unsigned.zipPath))).code).toBe('SIGNATURE_MISSING');
    });

    test('hostile ZIPs from tests/fixtures/hostile-zips are refused before anything is committed', async () => {
      const dir = path.join(repoRoot, 'tests', 'fixtures', 'hostile-zips');
      const hostile = readdirSync(dir).filter((n) => n.endsWith('.zip') && n !== 'ok.zip');
      expect(hostile.length).toBeGreaterThan(15);
      const before = await server.running.intake.repo.countSubmissions({});
      for (const name of hostile) {
        const result = await refusal(server.running.intake.service.importPackage(path.join(dir, name)));
        // Refused by the ZIP reader (PACKAGE_INVALID with its ZIP_* code) or, for a well-formed ZIP that is no bag, as not a bag.
        expect([name, ['PACKAGE_INVALID', 'BAG_INVALID', 'METADATA_MISMATCH'].includes(result.code)]).toEqual([name, true]);
        if (result.code === 'PACKAGE_INVALID') expect(String(result.details?.zipCode)).toMatch(/^ZIP_/);
      }
      expect(await server.running.intake.repo.countSubmissions({})).toBe(before);
    });

    test('server import applies the package name policy and the berita acara rule to a package with every hash recomputed (issue 11)', async () => {
      const berkasInfo = (type: string, main: string) =>
        `Berkas-Submission-Id: ${uuidv7()}\nBerkas-Type: ${type}\nBerkas-OPD: DISDIK\nBerkas-Period: 2025\nBerkas-App-Version: 0.1.0\nBerkas-Main-Document: ${main}\n`;
      const dir = tempDir('impor-jahat');
      const before = await server.running.intake.repo.countSubmissions({ state: 'committed' });
      for (const [name, bad] of [
        ['perangkat.zip', 'data/lampiran/NUL.txt'],
        ['titik.zip', 'data/rencana-aksi.pdf.'],
        ['aliran.zip', 'data/rencana-aksi.pdf:tersembunyi'],
      ] as const) {
        const zip = await makeBag(path.join(dir, name), {
          payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': '{}', [bad]: fixture('unsigned.pdf') },
          bagInfoExtra: berkasInfo('rencana-aksi', 'data/rencana-aksi.pdf'),
        });
        const result = await refusal(server.running.intake.service.importPackage(zip));
        expect([name, result.code, result.details?.zipCode]).toEqual([name, 'PACKAGE_INVALID', 'ZIP_BAD_NAME']);
      }
      // A handover package sent with another signed PDF as its main document and an unsigned berita acara.
      const handover = await makeBag(path.join(dir, 'serah-terima.zip'), {
        payload: { 'data/berita-acara-serah-terima.pdf': fixture('unsigned.pdf'), 'data/lampiran.pdf': fixture('signed.pdf'), 'data/data.json': '{}' },
        bagInfoExtra: berkasInfo('serah-terima', 'data/lampiran.pdf'),
      });
      const unsignedBa = await refusal(server.running.intake.service.importPackage(handover));
      expect([unsignedBa.code, unsignedBa.details?.file]).toEqual(['SIGNATURE_MISSING', 'data/berita-acara-serah-terima.pdf']);
      expect(await server.running.intake.repo.countSubmissions({ state: 'committed' })).toBe(before);
    });

    test('review decisions reach the app; accepted rencana aksi feed the catalog', async () => {
      const plan = { format: 'berkas-rencana-aksi', version: 1, plan: { year: 2025, programCode: '2.16.03', activities: [{ name: 'Pengembangan SIM Sekolah', outputs: [{ name: 'Aplikasi' }] }] } };
      const first = await buildPackage({
        opd: 'DISDIK',
        payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from(JSON.stringify(plan)) },
      });
      expect((await client.send(first)).status).toBe(200);
      const since = new Date().toISOString();
      const service = server.running.intake.service;

      await expect(service.decide(first.submissionId, 'perlu-revisi', null, 'adm_uji')).rejects.toMatchObject({ code: 'NOTE_REQUIRED' });
      await service.decide(first.submissionId, 'perlu-revisi', 'Lengkapi indikator kinerja.', 'adm_uji');
      const status = await client.status(first.submissionId);
      expect(status.body.review).toMatchObject({ status: 'perlu-revisi', note: 'Lengkapi indikator kinerja.' });
      const changed = await client.request<{ submissions: { submissionId: string; review: { status: string } }[] }>('GET', `/v1/submissions?updatedSince=${encodeURIComponent(since)}`);
      expect(changed.body.submissions.map((s) => [s.submissionId, s.review.status])).toEqual([[first.submissionId, 'perlu-revisi']]);

      let catalog = await client.request('GET', '/v1/reference/catalog');
      expect(readCatalogJson('katalog.json', JSON.stringify(catalog.body)).entries.filter((e) => e.activity === 'Pengembangan SIM Sekolah')).toEqual([]);

      // The revision is accepted: its activities enter the catalog, the first submission's do not (it was replaced).
      const revisedPlan = { ...plan, plan: { ...plan.plan, activities: [{ name: 'Pengembangan SIM Sekolah Terpadu', outputs: [{ name: 'Aplikasi' }] }] } };
      const revision = await buildPackage({
        opd: 'DISDIK',
        revisionOf: first.submissionId,
        payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from(JSON.stringify(revisedPlan)) },
      });
      expect((await client.send(revision)).status).toBe(200);
      await service.decide(first.submissionId, 'diterima', null, 'adm_uji');
      await service.decide(revision.submissionId, 'diterima', 'Sesuai.', 'adm_uji');
      catalog = await client.request('GET', '/v1/reference/catalog');
      const entries = readCatalogJson('katalog.json', JSON.stringify(catalog.body)).entries;
      expect(entries.filter((e) => e.opdCode === 'DISDIK')).toEqual([
        { opdCode: 'DISDIK', opdName: 'Dinas DISDIK', year: 2025, activity: 'Pengembangan SIM Sekolah Terpadu', output: 'Aplikasi', programCode: '2.16.03' },
      ]);
      const etag = catalog.headers.get('etag') as string;
      const cached = await client.request('GET', '/v1/reference/catalog', { headers: { 'If-None-Match': etag } });
      expect(cached.status).toBe(304);
    });

    test('profiles and the reporting calendar', async () => {
      const profiles = await client.request<{ profiles: { id: string }[] }>('GET', '/v1/reference/profiles');
      expect(profiles.status).toBe(200);
      expect(profiles.body.profiles.map((p) => p.id)).toEqual(expect.arrayContaining(['prabumulih', 'pontianak']));
      const etag = profiles.headers.get('etag') as string;
      expect((await client.request('GET', '/v1/reference/profiles', { headers: { 'If-None-Match': etag } })).status).toBe(304);

      const calendar = await client.request<{ year: number; profiles: { profileId: string; reports: { periods: { period: string }[] }[] }[] }>('GET', '/v1/reference/calendar?year=2025&profile=prabumulih');
      expect(calendar.body.year).toBe(2025);
      expect(calendar.body.profiles.map((p) => p.profileId)).toEqual(['prabumulih']);
      expect(calendar.body.profiles[0]?.reports.flatMap((r) => r.periods.map((p) => p.period))).toContain('2025-T1');
      expect((await client.request('GET', '/v1/reference/calendar?profile=tidak-ada')).status).toBe(404);
      expect((await client.request('GET', '/v1/reference/calendar?year=20x5')).status).toBe(400);
    });
  });
}
