/**
 * `berkas report ...` as an officer or a script runs it (issue 6 item 6): a
 * real process, a real data folder, exit codes 0 / 2, JSON on stdout,
 * reasons on stderr; the signed PDF judged by pdfsig and qpdf. And the same
 * operations through the contract in process: carry-over of the asset
 * register with its changes, attachments, the due calendar.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixedDayClock } from '../../cli/commands/reports';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { isBerkasError } from '../../core/domain/errors';
import type { BerkasApi } from '../../core/api/contract';
import type { TableRow } from '../../core/domain/reports/values';
import { berkas, fixtures as signingFixtures, p12Password, repo, run, tempDir } from './signing-helpers';

jest.setTimeout(180_000);

const fixtures = path.join(repo, 'tests/fixtures/reports');
const today = '2026-11-22';

const settings = {
  opd: { name: 'Dinas Komunikasi dan Informatika', code: 'DISKOMINFO', profileId: 'pontianak' },
  officer: { name: 'Siti Rahmawati, S.Kom.', nip: '198507172010011003', jabatan: 'Kepala Seksi Infrastruktur', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'id' as const,
};

describe('berkas report (CLI)', () => {
  let dataDir: string;
  let work: string;
  const cli = (args: string[], env: Record<string, string> = {}) => berkas([...args, '--data-dir', dataDir], env);

  beforeAll(async () => {
    work = await tempDir('report-cli');
    dataDir = path.join(work, 'data');
    const settingsFile = path.join(work, 'pengaturan.json');
    writeFileSync(settingsFile, JSON.stringify(settings));
    const set = cli(['settings', 'set', '--file', settingsFile]);
    expect(set.stderr).toBe('');
  });

  it('report types --profile ID --json: key, name, period, article and fields of each type', () => {
    const r = cli(['report', 'types', '--profile', 'banjarmasin', '--json']);
    expect(r.code).toBe(0);
    const types = JSON.parse(r.stdout) as {
      key: string;
      name: string;
      period: string;
      article: string;
      fields: { key: string; label: string; kind: string; isRequired: boolean }[];
    }[];
    expect(types.map((t) => [t.key, t.period, t.article])).toEqual([
      ['monev-aplikasi', 'semester', 'Pasal 12 ayat (10)'],
      ['inventaris-tik', 'tahunan', 'Pasal 14 ayat (10)'],
      ['permohonan-data', 'insidental', 'Pasal 11 ayat (1) dan (2)'],
      ['sla', 'insidental', 'Pasal 7 ayat (2) huruf a'],
    ]);
    const data = types.find((t) => t.key === 'permohonan-data');
    expect(data?.fields.filter((f) => f.isRequired).map((f) => f.key)).toEqual([
      'tanggal',
      'penanggungJawab',
      'unitKerja',
      'pemilikData',
      'maksud',
      'tujuan',
      'kegunaan',
      'jenisData',
      'bentukData',
      'pernyataan',
    ]);
    const assets = types.find((t) => t.key === 'inventaris-tik')?.fields[0] as unknown as { columns: { key: string }[] };
    expect(assets.columns.map((c) => c.key)).toEqual([
      'kodeBarang',
      'register',
      'kategori',
      'merekTipe',
      'nomorSeri',
      'tahunPerolehan',
      'kondisi',
      'lokasi',
      'pengguna',
      'keterangan',
    ]);
    const unknown = cli(['report', 'types', '--profile', 'atlantis', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
  });

  it('report due --json: every started period of the last year, with due date and status', () => {
    const r = cli(['report', 'due', '--json', '--today', today]);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { type: string; period: string; dueDate: string; status: string }[];
    expect(items.map((i) => [i.type, i.period, i.dueDate, i.status])).toEqual([
      ['diagram-lan', '2025', '2025-12-31', 'terlambat'],
      ['inventaris-tik', '2025', '2026-01-15', 'terlambat'],
      ['monev-aplikasi', '2025-S2', '2026-01-15', 'terlambat'],
      ['monev-aplikasi', '2026-S1', '2026-07-15', 'terlambat'],
      ['diagram-lan', '2026', '2026-12-31', 'belum'],
      ['inventaris-tik', '2026', '2027-01-15', 'belum'],
      ['monev-aplikasi', '2026-S2', '2027-01-15', 'belum'],
    ]);
    const text = cli(['report', 'due', '--today', today]);
    expect(text.stdout).toContain('TERLAMBAT 2025-12-31    Diagram infrastruktur LAN terkini — Tahun 2025 (326 hari)');
  });

  it('report create insiden ... --self-signed: a signed, urgent PDF and its data JSON', () => {
    const out = path.join(work, 'insiden.pdf');
    const r = cli([
      'report',
      'create',
      'insiden',
      '--period',
      '2026-11-20',
      '--data',
      path.join(fixtures, 'laporan-insiden.json'),
      '--out',
      out,
      '--self-signed',
      '--today',
      today,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('sertifikat tidak tersertifikasi sekali pakai atas nama Siti Rahmawati, S.Kom.');
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      type: 'insiden',
      period: '2026-11-20',
      dueDate: '2026-11-21',
      // Signed is not reported: the period counts once Diskominfo has received it (issue 13).
      status: 'terlambat',
      isUrgent: true,
      out,
      jsonOut: out.replace(/\.pdf$/, '.json'),
      level: 'B-B',
    });
    expect(run('qpdf', ['--check', out]).stdout).toContain('No syntax or stream encoding errors found');
    const sig = run('pdfsig', [out]);
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(run('pdftotext', [out, '-']).stdout).toContain('MENDESAK');
    const data = JSON.parse(readFileSync(summary.jsonOut, 'utf8'));
    expect(data).toMatchObject({
      format: 'berkas-laporan',
      version: 1,
      type: { key: 'insiden', isUrgent: true, article: 'Pasal 36 ayat (4)' },
      period: { code: '2026-11-20' },
      region: 'pontianak',
    });
    expect(data.data.dilaporkanKepada).toHaveLength(2);
  });

  it('report create inventaris-tik --assets: the asset-system export becomes the register; with a .p12 and its password from the environment', () => {
    const dataFile = path.join(work, 'inventaris.json');
    writeFileSync(dataFile, JSON.stringify({ catatan: 'Stock opname 2025.' }));
    const out = path.join(work, 'inventaris-2025.pdf');
    const r = cli(
      [
        'report',
        'create',
        'inventaris-tik',
        '--period',
        '2025',
        '--data',
        dataFile,
        '--assets',
        path.join(fixtures, 'aset-simbada-2025.xlsx'),
        '--out',
        out,
        '--p12',
        path.join(signingFixtures, 'officer.p12'),
        '--password-env',
        'SANDI_P12',
        '--today',
        today,
        '--json',
      ],
      { SANDI_P12: p12Password },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(path.join(work, 'inventaris-2025.json'), 'utf8'));
    expect(data.data.aset).toHaveLength(64);
    expect(data.summaries.aset.byCondition.map((c: { label: string }) => c.label)).toEqual(['Baik', 'Rusak Ringan', 'Rusak Berat']);
    expect(run('pdfsig', [out]).stdout).toContain('Signature Validation: Signature is Valid.');
    const due = JSON.parse(cli(['report', 'due', '--json', '--today', today]).stdout) as { type: string; period: string; status: string }[];
    expect(due.find((i) => i.type === 'inventaris-tik' && i.period === '2025')?.status).toBe('terlambat');
  });

  it.each([
    [
      ['insiden', '--period', '2026-11-20', '--data', 'laporan-insiden.json'],
      'Galat [USAGE]: Pilih tepat satu: --p12 BERKAS --password-env VAR, --self-signed, atau --certificate ID.',
      [],
    ],
    [
      ['insiden', '--period', '2026-13-01', '--data', 'laporan-insiden.json', '--self-signed'],
      'Galat [PERIOD_INVALID]: Periode "2026-13-01" tidak sah untuk laporan insidental (tanggal kejadian)',
      [],
    ],
    [
      ['sla', '--period', '2026-11-01', '--data', 'laporan-insiden.json', '--self-signed'],
      'Galat [REPORT_TYPE_UNKNOWN]: Jenis laporan "sla" tidak ada dalam profil daerah yang aktif',
      [],
    ],
    [
      ['monev-aplikasi', '--period', '2026-S1', '--data', 'laporan-insiden.json', '--self-signed'],
      'Galat [DATA_INVALID]: Berkas laporan-insiden.json: kolom "waktuKejadian" tidak dikenal untuk laporan monev-aplikasi',
      [],
    ],
    [
      ['inventaris-tik', '--period', '2026', '--data', 'kosong.json', '--assets', path.join(fixtures, 'encrypted.xlsx'), '--self-signed'],
      'Galat [XLSX_ENCRYPTED]: Berkas encrypted.xlsx tidak dapat dibaca',
      [],
    ],
    [
      ['insiden', '--period', '2026-11-21', '--data', 'kosong.json', '--self-signed'],
      'Galat [REPORT_INVALID]: Laporan kegagalan atau gangguan sistem elektronik — 21 November 2026 belum dapat ditandatangani: 7 isian belum benar. "Waktu kejadian" wajib diisi.',
      [],
    ],
  ])('refuses bad input with exit 2 and a reason naming it (%#)', (args, reason) => {
    writeFileSync(path.join(work, 'kosong.json'), '{}');
    const resolved = args.map((a) => (a.endsWith('.json') && !a.includes('/') ? (a === 'kosong.json' ? path.join(work, a) : path.join(fixtures, a)) : a));
    const out = path.join(work, 'gagal.pdf');
    const r = cli(['report', 'create', ...resolved, '--out', out, '--today', today]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(reason);
    expect(existsSync(out)).toBe(false);
  });
});

describe('reports through the contract', () => {
  let ws: Workspace;
  let api: BerkasApi;

  beforeAll(async () => {
    ws = await openWorkspace({ dataDir: path.join(await tempDir('report-api'), 'data'), transport: 'in-process', clock: fixedDayClock(today) });
    api = inProcessClient(createServices(ws));
    await api.saveSettings(settings);
  });
  afterAll(() => ws.close());

  const b64 = (name: string) => readFileSync(path.join(fixtures, name)).toString('base64');

  it('carries the asset register into the next year and tracks what changed, field by field', async () => {
    const y2025 = await api.reportSave({ typeKey: 'inventaris-tik', period: '2025', data: {} });
    const imported = await api.assetImport({ id: y2025.id, fileName: 'aset-simbada-2025.xlsx', contentBase64: b64('aset-simbada-2025.xlsx') });
    expect(imported.import).toMatchObject({ rowCount: 64, matchedCount: 0 });
    const y2026 = await api.reportCarryOver({ typeKey: 'inventaris-tik', fromPeriod: '2025', toPeriod: '2026' });
    expect(y2026.carriedFrom).toMatchObject({ reportId: y2025.id, period: '2025', assetCount: 64 });
    expect(y2026.assetChanges).toMatchObject({ added: [], removed: [], changed: [], unchangedCount: 64 });
    expect((y2026.data.aset as TableRow[]).map((r) => r.id)).toEqual((imported.report.data.aset as TableRow[]).map((r) => r.id));
    // Edited by hand: one device broken, one gone, one new.
    const rows = [...(y2026.data.aset as TableRow[])];
    rows[0] = { ...rows[0]!, cells: { ...rows[0]!.cells, kondisi: 'rusak-berat' } };
    rows.splice(1, 1);
    rows.push({ id: '', cells: { kodeBarang: '1.3.2.10.01.02.002', kategori: 'Lap Top', merekTipe: 'Lenovo ThinkPad E14 Gen 5', tahunPerolehan: '2026', kondisi: 'baik' } });
    const edited = await api.reportSave({ id: y2026.id, typeKey: 'inventaris-tik', period: '2026', data: { ...y2026.data, aset: rows }, baseRevision: y2026.revision });
    expect(edited.assetChanges?.changed.map((c) => c.changes)).toEqual([
      [{ column: 'kondisi', label: 'Kondisi', before: imported.report.data.aset && (imported.report.data.aset as TableRow[])[0]!.cells.kondisi, after: 'rusak-berat' }],
    ]);
    expect(edited.assetChanges?.removed).toHaveLength(1);
    expect(edited.assetChanges?.added.map((a) => a.value.cells.merekTipe)).toEqual(['Lenovo ThinkPad E14 Gen 5']);
    // The next year's export re-imported: known devices keep their ids, the diff is against 2025.
    const again = await api.assetImport({ id: y2026.id, fileName: 'aset-simbada-2026.xlsx', contentBase64: b64('aset-simbada-2026.xlsx') });
    expect(again.import.matchedCount).toBe(62);
    expect([again.report.assetChanges?.added.length, again.report.assetChanges?.removed.length, again.report.assetChanges?.changed.length]).toEqual([3, 2, 5]);
    // A second report for the same year is refused; carrying into it too.
    await expect(api.reportSave({ typeKey: 'inventaris-tik', period: '2026', data: {} })).rejects.toMatchObject({ code: 'REPORT_EXISTS' });
    await expect(api.reportCarryOver({ typeKey: 'inventaris-tik', fromPeriod: '2025', toPeriod: '2026' })).rejects.toMatchObject({ code: 'REPORT_EXISTS' });
    const exported = await api.assetExport({ id: y2026.id });
    expect(exported.fileName).toBe('inventaris-tik-diskominfo-2026.xlsx');
    expect(Buffer.from(exported.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('an incident report is urgent, dated by its event, and due the day after', async () => {
    const saved = await api.reportSave({ typeKey: 'insiden', period: today, data: { waktuKejadian: '2026-11-19T22:10', dampak: 'Portal tidak dapat diakses.' } });
    expect(saved).toMatchObject({ isUrgent: true, dueDate: '2026-11-20', dueStatus: 'terlambat', status: 'draf' });
    expect(saved.period.code).toBe('2026-11-19');
    expect(saved.findings.map((f) => f.field)).toEqual(['sistem', 'jenis', 'tindakan', 'pengamananData', 'dilaporkanKepada']);
    const due = await api.reportDue({});
    expect(due.today).toBe(today);
    expect(due.items[0]).toMatchObject({ typeKey: 'insiden', period: '2026-11-19', status: 'terlambat', isUrgent: true, reportId: saved.id });
  });

  it('signing through the contract: preview names the report errors; reportPdf gives the signed PDF and its data JSON, kept as a revision; the period waits for Diskominfo', async () => {
    const cert = await api.certificateCreateSelfSigned({ name: settings.officer.name, nip: settings.officer.nip, vaultPassphrase: 'frasa-brankas-uji-laporan' });
    const draft = await api.reportSave({ typeKey: 'monev-aplikasi', period: '2026-S1', data: {} });
    const blocked = await api.reportSignPreview({ id: draft.id, certificateId: cert.id });
    expect(blocked.pages).toBe(0);
    expect(blocked.reportErrors).toEqual([
      'Tabel "Aplikasi/layanan yang dipantau" wajib berisi paling sedikit satu baris.',
      'Tabel "Pemantauan bulanan" wajib berisi paling sedikit satu baris.',
      '"Evaluasi dan kesimpulan" wajib diisi.',
    ]);
    await expect(api.reportPdf({ id: draft.id, certificateId: cert.id, vaultPassphrase: 'frasa-brankas-uji-laporan' })).rejects.toMatchObject({ code: 'REPORT_INVALID' });

    const monev = JSON.parse(readFileSync(path.join(fixtures, 'laporan-monev.json'), 'utf8')) as Record<string, unknown>;
    const rows = (key: string) => (monev[key] as Record<string, string>[]).map((cells, i) => ({ id: `${key}-${i}`, cells }));
    const filled = await api.reportSave({
      id: draft.id,
      typeKey: 'monev-aplikasi',
      period: '2026-S1',
      data: { layanan: rows('layanan'), pemantauan: rows('pemantauan'), temuan: rows('temuan'), evaluasi: monev.evaluasi as string },
      baseRevision: draft.revision,
    });
    const preview = await api.reportSignPreview({ id: filled.id, certificateId: cert.id });
    expect(preview).toMatchObject({ documentId: filled.id, reportErrors: [], problems: [], signer: { name: settings.officer.name, isCertified: false } });
    expect(preview.pages).toBeGreaterThan(1);
    const signed = await api.reportPdf({ id: filled.id, certificateId: cert.id, vaultPassphrase: 'frasa-brankas-uji-laporan' });
    expect(signed).toMatchObject({
      fileName: 'laporan-monev-aplikasi-diskominfo-2026-s1.pdf',
      dataFileName: 'laporan-monev-aplikasi-diskominfo-2026-s1.json',
      level: 'B-B',
      page: preview.pages,
    });
    expect(signed.report).toMatchObject({ status: 'ditandatangani', dueStatus: 'terlambat', revision: filled.revision });
    const verified = await api.pdfVerify({ fileName: signed.fileName, contentBase64: signed.contentBase64 });
    expect(verified.signatures).toHaveLength(1);
    expect(verified.signatures[0]).toMatchObject({ integrity: 'valid', signer: settings.officer.name, field: 'TTD1_Penyusun' });
    expect(JSON.parse(signed.dataJson).summaries.ketersediaan.series.map((s: { name: string }) => s.name)).toEqual(['SIMPEG', 'e-Surat']);
    // The signed PDF and data JSON are kept, immutable, in the blob store.
    const record = signed.report.signatures[0]!;
    expect(Buffer.from(await ws.blobs.read(record.pdfSha256)).toString('base64')).toBe(signed.contentBase64);
    expect(new TextDecoder().decode(await ws.blobs.read(record.dataSha256))).toBe(signed.dataJson);
    const due = await api.reportDue({});
    expect(due.items.find((i) => i.typeKey === 'monev-aplikasi' && i.period === '2026-S1')).toMatchObject({
      status: 'terlambat',
      reportId: filled.id,
      state: 'ditandatangani',
      stateLabel: 'Ditandatangani, belum dikirim',
    });
    // The same PDF and data.json are the document's first signed revision, ready to send without a file picker.
    const kept = await api.documentGet({ id: filled.id });
    expect(kept).toMatchObject({ kind: 'laporan', state: 'ditandatangani', revision: 1, signedRevisionId: signed.signedRevisionId, reportType: 'monev-aplikasi', period: '2026-S1', problems: [] });
    expect(kept.revisions[0]).toMatchObject({ fileSha256: record.pdfSha256, dataSha256: record.dataSha256, signer: { name: settings.officer.name, isCertified: false } });
    // An edit after signing is a new revision, a draft again; the signature stays recorded.
    const edited = await api.reportSave({
      id: filled.id,
      typeKey: 'monev-aplikasi',
      period: '2026-S1',
      data: { ...signed.report.data, evaluasi: 'Direvisi.' },
      baseRevision: signed.report.revision,
    });
    expect(edited).toMatchObject({ status: 'draf', dueStatus: 'terlambat', revision: filled.revision + 1 });
    expect(await api.documentGet({ id: filled.id })).toMatchObject({ state: 'draf', revision: 2, revisionOf: signed.signedRevisionId });
    expect(edited.signatures).toHaveLength(1);
  });

  it('attachments: the diagram goes to the blob store; a file that is not an image, PDF or drawing is refused', async () => {
    const report = await api.reportSave({ typeKey: 'diagram-lan', period: '2026', data: { tanggalDiagram: '2026-11-01' } });
    const attached = await api.reportAttach({ id: report.id, field: 'lampiran', fileName: 'diagram-lan.png', contentBase64: b64('diagram-lan.png') });
    expect(attached.data.lampiran).toMatchObject({ name: 'diagram-lan.png', mediaType: 'image/png', size: readFileSync(path.join(fixtures, 'diagram-lan.png')).length });
    expect(await ws.blobs.has((attached.data.lampiran as { sha256: string }).sha256)).toBe(true);
    expect(attached.findings).toEqual([]);
    try {
      await api.reportAttach({ id: report.id, field: 'lampiran', fileName: 'diagram.png', contentBase64: b64('garbage.xlsx') });
      throw new Error('accepted');
    } catch (err) {
      expect(isBerkasError(err) && err.code).toBe('ATTACHMENT_TYPE');
      expect((err as Error).message).toMatch(/^Berkas diagram\.png untuk "Diagram LAN" adalah jenis berkas yang tidak dikenali dari isinya/);
    }
    await expect(
      api.reportSave({ id: report.id, typeKey: 'diagram-lan', period: '2026', data: { lampiran: { sha256: 'b'.repeat(64), name: 'x.png', size: 1, mediaType: 'image/png' } } }),
    ).rejects.toMatchObject({
      code: 'ATTACHMENT_MISSING',
    });
  });

  it('reporting that starts on a day (first run, issue 13): earlier periods without a report are not due; a malformed day is refused by field', async () => {
    const stored = await api.reportSave({ typeKey: 'diagram-lan', period: '2025', data: {} });
    const all = (await api.reportDue({})).items.map((i) => `${i.typeKey} ${i.period}`);
    expect(all).toContain('monev-aplikasi 2025-S2');
    await api.saveSettings({ ...settings, reportsStartOn: '2026-07-01' });
    try {
      const items = (await api.reportDue({})).items;
      // Semester II 2025 has no report and ended before the start: gone. Tahun 2025 has one stored here: it stays.
      expect(items.map((i) => `${i.typeKey} ${i.period}`)).not.toContain('monev-aplikasi 2025-S2');
      expect(items.find((i) => i.typeKey === 'diagram-lan' && i.period === '2025')).toMatchObject({ reportId: stored.id });
      expect(items.filter((i) => i.reportId === null && i.period < '2026')).toEqual([]);
      await expect(api.saveSettings({ ...settings, reportsStartOn: '1 Juli 2026' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('reportsStartOn') });
      // The settings form does not show it: saving the form keeps it.
      expect(await api.saveSettings(settings)).toMatchObject({ reportsStartOn: '2026-07-01' });
      expect(await api.getSettings({})).toMatchObject({ reportsStartOn: '2026-07-01' });
    } finally {
      await api.saveSettings({ ...settings, reportsStartOn: '2000-01-01' });
    }
  });
});
