/**
 * Konsolidasi through the running intake server, on both stores: plans,
 * handover bundles and reports of three OPDs (with a revision, a correction
 * sent late, a plan still waiting, a rejected bundle and a package refused at
 * its checks), every figure checked against sums worked out by hand below;
 * the page, `berkas server consolidation --json` and the .xlsx export carry
 * the same figures; a reviewer marks one duplicate as no duplicate source;
 * and the third OPD's app, after `sync reference`, is told that its activity
 * is already planned by another OPD, named with its plan.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Clock } from '../../core/ports';
import { openWorkspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import type { RencanaAksiPlan } from '../../core/domain/rencana-aksi';
import { comparisonKey } from '../../core/domain/rencana-aksi/text';
import { runAdminVerb } from '../../server/admin';
import type { Consolidation } from '../../server/consolidation/consolidate';
import { buildPackage, fixture, tempDir, type PackageSpec, type ProtocolClient } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';
import { outboxSettings, repoRoot } from './helpers/outbox-fixtures';

jest.setTimeout(240_000);

const JUTA = 1_000_000;
const stage = (money: string) => ({ tahap: 'Pelaksanaan', metode: 'FGD', pelaksana: 'Vendor', durasi: { text: '1 Bulan' }, sumberDaya: { text: money } });
const activity = (name: string, money: string[]) => ({ name, outputs: [{ name: 'Keluaran', stages: money.map(stage) }] });

function planJson(title: string, year: number, activities: ReturnType<typeof activity>[]): Buffer {
  return Buffer.from(JSON.stringify({ format: 'berkas-rencana-aksi', version: 1, plan: { id: title, opdCode: '', year, title, activities } }));
}

const ITEMS = ['kebutuhan-perangkat-lunak', 'arsitektur-desain', 'dokumen-teknis', 'manual', 'kode-sumber'];

function handoverPayload(app: Record<string, unknown>, items: string[]): Record<string, Uint8Array> {
  const files = Object.fromEntries(items.map((k) => [`data/${k}/isi.txt`, Buffer.from(`isi ${k}`)]));
  const data = { format: 'berkas/serah-terima-aplikasi', version: 1, application: app, items: items.map((key) => ({ key, files: [{ path: `data/${key}/isi.txt` }] })) };
  return { 'data/berita-acara-serah-terima.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from(JSON.stringify(data)), ...files };
}

const application = (name: string, version: string, purpose: string) => ({
  name,
  version,
  purpose,
  owningOpd: 'OPD uji',
  vendor: 'CV Cipta Data',
  fundingSource: 'APBD',
  fundingYear: 2025,
  repository: `https://git.kota.go.id/${name.toLowerCase().replace(/\s+/g, '-')}`,
});

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    let server: TestServer;
    let now = new Date('2025-01-05T02:00:00.000Z');
    const clock: Clock = { now: () => now };
    const ids: Record<string, string> = {};
    const clients: Record<string, ProtocolClient> = {};
    const admin = () => ({ service: server.running.intake.service, keys: server.running.intake.keys, now: () => now });

    async function send(key: string, at: string, spec: PackageSpec): Promise<number> {
      now = new Date(at);
      const pkg = await buildPackage({ ...spec, bagInfo: [['Berkas-Profile', 'prabumulih'], ...(spec.bagInfo ?? [])] });
      const answer = await (clients[spec.opd] as ProtocolClient).send(pkg);
      ids[key] = pkg.submissionId;
      if (answer.status !== 200 && key !== 'X') console.warn(key, JSON.stringify(answer.body).slice(0, 500));
      return answer.status;
    }

    async function decide(key: string, status: 'diterima' | 'perlu-revisi' | 'ditolak', note: string | null = null): Promise<void> {
      await server.running.intake.service.decide(ids[key] as string, status, note, { id: 'rev_uji', name: 'Siti Rahma' });
    }

    const plan = (opd: string, period: string, payloadJson: Buffer, extra: Partial<PackageSpec> = {}): PackageSpec => ({
      opd,
      period,
      payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': payloadJson },
      ...extra,
    });
    const report = (opd: string, period: string, extra: Partial<PackageSpec> = {}): PackageSpec => ({
      opd,
      type: 'laporan',
      period,
      mainDocument: 'data/laporan.pdf',
      payload: { 'data/laporan.pdf': fixture('signed.pdf') },
      bagInfo: [['Berkas-Report-Type', 'laporan-egov']],
      ...extra,
    });

    beforeAll(async () => {
      server = await startTestServer(variant, { clock });
      for (const [code, name] of [
        ['DISDIK', 'Dinas Pendidikan'],
        ['DINKES', 'Dinas Kesehatan'],
        ['BAPPEDA', 'Badan Perencanaan Pembangunan Daerah'],
      ]) {
        clients[code as string] = await server.enrolled(code as string);
        await server.running.intake.repo.ensureOpd(code as string, name as string, now.toISOString());
      }
      const ok = async (key: string, at: string, spec: PackageSpec) => expect([key, await send(key, at, spec)]).toEqual([key, 200]);
      // DISDIK: a plan, then its revision with the SIM Sekolah budget raised: only the revision counts.
      await ok('P1', '2025-01-16T02:00:00.000Z', plan('DISDIK', '2025', planJson('Rencana Aksi SPBE Disdik 2025', 2025, [activity('Pengembangan SIM Sekolah', ['APBD : 10 Juta', 'APBN : 5 Juta']), activity('Pelatihan Operator', ['APBD : 2.500.000'])])));
      await decide('P1', 'diterima');
      await ok('P1r', '2025-02-01T02:00:00.000Z', plan('DISDIK', '2025', planJson('Rencana Aksi SPBE Disdik 2025 (revisi)', 2025, [activity('Pengembangan SIM Sekolah', ['APBD : 20 Juta', 'APBN : 5 Juta']), activity('Pelatihan Operator', ['APBD : 2.500.000'])]), { revisionOf: ids.P1 }));
      await decide('P1r', 'diterima');
      await ok('H1', '2025-03-01T02:00:00.000Z', { opd: 'DISDIK', type: 'serah-terima', mainDocument: 'data/berita-acara-serah-terima.pdf', payload: handoverPayload(application('SIM Sekolah', '2.1', 'Mengelola data siswa dan guru sekolah'), ITEMS) });
      await decide('H1', 'diterima');
      await ok('R1', '2025-04-10T02:00:00.000Z', report('DISDIK', '2025-T1'));
      await decide('R1', 'diterima');
      // DINKES: the same activity as DISDIK (spelled otherwise), one near another OPD's, money without a source, a 2026 plan.
      await ok('P2', '2025-01-20T02:00:00.000Z', plan('DINKES', '2025', planJson('Rencana Aksi Dinkes 2025', 2025, [activity('Pengembangan SIM sekolah.', ['HIBAH : 7 Juta']), activity('Aplikasi Puskesmas Keliling', ['APBD : 3 Juta', 'Rp 1.000.000'])])));
      await decide('P2', 'diterima');
      await ok('P3', '2025-01-21T02:00:00.000Z', plan('DINKES', '2026', planJson('Rencana Aksi Dinkes 2026', 2026, [activity('Sistem Informasi Puskesmas', ['APBD : 4 Juta'])])));
      await decide('P3', 'diterima');
      await ok('H2', '2025-03-02T02:00:00.000Z', { opd: 'DINKES', type: 'serah-terima', mainDocument: 'data/berita-acara-serah-terima.pdf', payload: handoverPayload(application('Data Siswa Sekolah Sehat', '1.0', 'Mengelola data kesehatan siswa sekolah'), ITEMS.slice(0, 4)) });
      await decide('H2', 'diterima');
      // Reported on time, asked for a correction, corrected late: on time by its first arrival.
      await ok('R2', '2025-04-08T02:00:00.000Z', report('DINKES', '2025-T1'));
      await decide('R2', 'perlu-revisi', 'Lengkapi capaian.');
      await ok('R2r', '2025-05-01T02:00:00.000Z', report('DINKES', '2025-T1', { revisionOf: ids.R2 }));
      await decide('R2r', 'diterima');
      // BAPPEDA: one plan accepted, one still waiting, a rejected bundle, a late report, and a package refused at its checks.
      await ok('P4', '2025-01-25T02:00:00.000Z', plan('BAPPEDA', '2025', planJson('Rencana Aksi Bappeda 2025', 2025, [activity('Layanan Puskesmas Keliling', ['APBD : 2 Juta'])])));
      await decide('P4', 'diterima');
      await ok('P5', '2025-01-26T02:00:00.000Z', plan('BAPPEDA', '2025', planJson('Rencana Aksi Bappeda tambahan', 2025, [activity('Portal Data', ['APBD : 100 Juta'])])));
      await ok('H3', '2025-03-03T02:00:00.000Z', { opd: 'BAPPEDA', type: 'serah-terima', mainDocument: 'data/berita-acara-serah-terima.pdf', payload: handoverPayload(application('e-Planning', '3.0', 'Perencanaan daerah'), ITEMS) });
      await decide('H3', 'ditolak', 'Berita acara salah.');
      await ok('R3', '2025-04-20T02:00:00.000Z', report('BAPPEDA', '2025-T1'));
      await decide('R3', 'diterima');
      expect(await send('X', '2025-02-10T02:00:00.000Z', plan('BAPPEDA', '2025', planJson('Tanpa tanda tangan', 2025, [activity('Portal Data', ['APBD : 9 Juta'])]), { payload: { 'data/rencana-aksi.pdf': fixture('unsigned.pdf'), 'data/data.json': planJson('x', 2025, []) } }))).toBe(422);
      now = new Date('2025-08-01T03:00:00.000Z');
    });

    afterAll(async () => {
      await server?.stop();
    });

    // Async: the CLI reaches this very process's server through its control endpoint, so the event loop must run.
    const berkas = async (args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
        return { status: 0, stdout };
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { status: e.code ?? 1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    };

    const consolidation = async (year: number | null) => (await runAdminVerb(admin(), 'consolidation', { year })) as Consolidation;

    test('every figure, by hand: what counts, budgets per source and year, duplicates, applications, compliance', async () => {
      const c = await consolidation(2025);
      expect(c.counted).toEqual({ plans: 3, bundles: 2, reports: 3 });
      // P5 waits, H3 was rejected; P1 and R2 were replaced by their revisions; X never got in.
      expect(c.excluded).toEqual({ notAccepted: 2, replaced: 2, olderInChain: 0, withoutData: 0, refused: 1 });
      expect(c.budgets.rows.map((r) => [r.opd, r.plans, r.APBD, r.APBN, r.HIBAH, r.unattributed, r.total])).toEqual([
        ['BAPPEDA', 1, 2 * JUTA, 0, 0, 0, 2 * JUTA],
        ['DINKES', 1, 3 * JUTA, 0, 7 * JUTA, 1 * JUTA, 11 * JUTA],
        // 20 + 2.5 (not the first plan's 10 + 2.5): the revision counts, once.
        ['DISDIK', 1, 22.5 * JUTA, 5 * JUTA, 0, 0, 27.5 * JUTA],
      ]);
      expect(c.budgets.totals).toEqual([{ year: 2025, opds: 3, plans: 3, APBD: 27.5 * JUTA, 'APBD-PROV': 0, APBN: 5 * JUTA, HIBAH: 7 * JUTA, LAIN: 0, unattributed: 1 * JUTA, total: 40.5 * JUTA }]);
      const all = await consolidation(null);
      expect(all.budgets.totals.map((t) => [t.year, t.total])).toEqual([
        [2025, 40.5 * JUTA],
        [2026, 4 * JUTA],
      ]);
      expect(all.budgets.grandTotal.total).toBe(44.5 * JUTA);

      expect(c.duplicates.map((g) => [g.match, g.entries.map((e) => `${e.opd}: ${e.activity} / ${e.planTitle}`)])).toEqual([
        ['sama', ['DINKES: Pengembangan SIM sekolah. / Rencana Aksi Dinkes 2025', 'DISDIK: Pengembangan SIM Sekolah / Rencana Aksi SPBE Disdik 2025 (revisi)']],
        ['mirip', ['BAPPEDA: Layanan Puskesmas Keliling / Rencana Aksi Bappeda 2025', 'DINKES: Aplikasi Puskesmas Keliling / Rencana Aksi Dinkes 2025']],
      ]);

      expect(c.applications.map((a) => [a.opd, a.name, a.version, a.isComplete, a.missing, a.repository, a.sameFunction.map((f) => f.opd)])).toEqual([
        ['DINKES', 'Data Siswa Sekolah Sehat', '1.0', false, ['Kode sumber (Pasal 11 ayat (3) huruf e)'], 'https://git.kota.go.id/data-siswa-sekolah-sehat', ['DISDIK']],
        ['DISDIK', 'SIM Sekolah', '2.1', true, [], 'https://git.kota.go.id/sim-sekolah', ['DINKES']],
      ]);

      expect(c.compliance?.profileId).toBe('prabumulih');
      const cells = Object.fromEntries((c.compliance?.rows ?? []).map((r) => [r.opd, r.cells.map((x) => `${x.state}${x.receivedOn ? `@${x.receivedOn}` : ''}`)]));
      expect(cells).toEqual({
        BAPPEDA: ['terlambat@2025-04-20', 'tidak-ada', 'belum-jatuh-tempo', 'belum-jatuh-tempo'],
        DINKES: ['tepat-waktu@2025-04-08', 'tidak-ada', 'belum-jatuh-tempo', 'belum-jatuh-tempo'],
        DISDIK: ['tepat-waktu@2025-04-10', 'tidak-ada', 'belum-jatuh-tempo', 'belum-jatuh-tempo'],
      });
      expect(c.refused.map((r) => [r.opd, r.code])).toEqual([['BAPPEDA', 'SIGNATURE_MISSING']]);
    });

    test('the CLI --json and the .xlsx export carry the page’s figures', async () => {
      const c = await consolidation(2025);
      const cli = await berkas(['server', 'consolidation', '--data-dir', server.dataDir, '--year', '2025', '--json']);
      expect(cli.status).toBe(0);
      const printed = JSON.parse(cli.stdout) as Consolidation;
      expect({ ...printed, generatedAt: '' }).toEqual({ ...c, generatedAt: '' });

      const xlsxFile = path.join(tempDir('konsolidasi'), 'k.xlsx');
      const withXlsx = await berkas(['server', 'consolidation', '--data-dir', server.dataDir, '--year', '2025', '--xlsx', xlsxFile]);
      expect(withXlsx.status).toBe(0);
      expect(withXlsx.stdout).toContain('Tahun 2025: Rp 40.500.000 dari 3 OPD');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsxFile);
      const totals = wb.getWorksheet('Total anggaran') as ExcelJS.Worksheet;
      expect(totals.getRow(2).values).toEqual([undefined, '2025', '3', '3', 27.5 * JUTA, 0, 5 * JUTA, 7 * JUTA, 0, 1 * JUTA, 40.5 * JUTA]);
      expect((wb.getWorksheet('Kepatuhan laporan') as ExcelJS.Worksheet).rowCount).toBe(1 + 3 * 4);
    });

    test('a duplicate marked as no duplicate source leaves the figures and the catalog; the third OPD’s app names the other OPD and its plan', async () => {
      await server.running.intake.repo.console.setExclusion({ submissionId: ids.P2 as string, activityKey: comparisonKey('Pengembangan SIM sekolah.'), note: null, by: 'rev_uji', at: now.toISOString() }, true);
      server.running.intake.service.noteChange();
      expect((await consolidation(2025)).duplicates.map((g) => g.match)).toEqual(['mirip']);

      // BAPPEDA's officer, in the app, plans the activity DISDIK's accepted revision has.
      process.env.BERKAS_VAULT_PASSPHRASE = 'frasa-brankas-uji-konsolidasi';
      const ws = await openWorkspace({ dataDir: tempDir('bappeda-app'), transport: 'in-process' });
      try {
        const api = inProcessClient(createServices(ws));
        await api.saveSettings(outboxSettings('BAPPEDA'));
        const { code } = await server.running.intake.service.createEnrollmentCode('BAPPEDA', null);
        await api.enroll({ serverUrl: server.url, code });
        const synced = await api.referenceSync({});
        // P1r's two activities, P2's one left (the other excluded), P3's one, P4's one: never P1's, P5's or X's.
        expect(synced.catalog).toMatchObject({ status: 'updated', entryCount: 5 });
        const own: RencanaAksiPlan = { id: 'ra-bappeda', opdCode: 'BAPPEDA', year: 2025, title: 'Rencana Aksi Bappeda 2025 perubahan', activities: [{ name: 'Pengembangan SIM Sekolah', outputs: [{ name: 'Aplikasi', stages: [] }] }] };
        const findings = (await api.rencanaAksiValidate({ plan: own })).findings.filter((f) => f.code === 'KEGIATAN_GANDA_KATALOG');
        expect(findings).toHaveLength(1);
        expect(findings[0]?.message).toContain('Dinas Pendidikan (DISDIK) dalam rencana aksi "Rencana Aksi SPBE Disdik 2025 (revisi)"');
        expect(findings[0]?.message).not.toContain('DINKES');
      } finally {
        await ws.close();
      }
    });
  });
}
