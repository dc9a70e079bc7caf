/**
 * Reports benchmark (issue 6 item 8): an asset register of 20,000 devices.
 *  - import: the .xlsx an asset system would export (written here in the
 *    register's own layout) read with the hostile-input readers, the header
 *    found, every row mapped, and ids matched against last year's register;
 *  - the same through the service (read, match, validate, saved durably in
 *    the workspace's database);
 *  - the signed-PDF renderer: kop surat, condition and category charts, the
 *    register table over several hundred pages, the changes since last year;
 *  - peak RSS of the whole run (the process's maximum resident set).
 * Run: npx tsx bench/reports-bench.ts   (or npm run bench -- reports)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAssetFiles } from '../core/adapters/reports/asset-files';
import { renderReportPdf } from '../core/adapters/reports/report-pdf';
import { loadFontFiles } from '../core/adapters/pdf/fonts';
import { loadSrgbProfile } from '../core/adapters/pdf/pdfa';
import { openWorkspace } from '../core/app/workspace';
import { inProcessClient } from '../core/app/in-process';
import { createServices } from '../core/app/services';
import { fixedDayClock } from '../cli/commands/reports';
import {
  ASSET_COLUMNS,
  assetsToSheets,
  definitionFor,
  diffTable,
  matchAssetIds,
  parsePeriod,
  readAssetsFromTable,
  type ReportPdfInput,
  type TableRow,
} from '../core/domain/reports';
import { median } from './stats';
import type { BenchResult } from './store-bench';

const ROWS = 20_000;
const IMPORT_RUNS = 3;
const RENDER_RUNS = 2;
const assetsDir = path.resolve(__dirname, '..', 'assets');

const MODELS = [
  ['1.3.2.10.01.02.001', 'P.C Unit', 'HP ProDesk 400 G7 MT'],
  ['1.3.2.10.01.02.002', 'Lap Top', 'Lenovo ThinkPad E14 Gen 2'],
  ['1.3.2.10.01.02.002', 'Lap Top', 'Asus VivoBook A416JA'],
  ['1.3.2.10.02.03.003', 'Printer', 'Epson L3210'],
  ['1.3.2.10.02.03.004', 'Scanner', 'Fujitsu fi-7160'],
  ['1.3.2.10.02.05.001', 'Switch', 'Cisco Catalyst 2960X-48TS-L'],
  ['1.3.2.10.02.04.003', 'UPS', 'APC Smart-UPS SMT1500I'],
] as const;
const KONDISI = ['baik', 'baik', 'baik', 'baik', 'rusak-ringan', 'rusak-berat'];

/** A register of `n` devices over 40 schools' labs, deterministic. */
export function syntheticRegister(n: number): TableRow[] {
  const next = new Map<string, number>();
  return Array.from({ length: n }, (_, i) => {
    const [kode, kategori, merek] = MODELS[i % MODELS.length] as (typeof MODELS)[number];
    const reg = (next.get(kode) ?? 0) + 1;
    next.set(kode, reg);
    return {
      id: `r${i}`,
      cells: {
        kodeBarang: kode,
        register: String(reg).padStart(5, '0'),
        kategori,
        merekTipe: merek,
        nomorSeri: `SN${(1_000_000 + i * 7919).toString(36).toUpperCase()}`,
        tahunPerolehan: String(2012 + (i % 14)),
        kondisi: KONDISI[i % KONDISI.length] as string,
        lokasi: `SD Negeri ${(i % 40) + 1} — Lab komputer`,
        pengguna: i % 5 === 0 ? '' : `Guru TIK ${(i % 120) + 1}`,
        ...(i % 9 === 0 ? { keterangan: 'perlu pemeliharaan' } : {}),
      },
    };
  });
}

const meta = {
  opdName: 'Dinas Pendidikan dan Kebudayaan',
  opdCode: 'DISDIKBUD',
  government: 'Pemerintah Kota Pontianak',
  typeName: 'Laporan inventarisasi perangkat TIK',
  periodLabel: 'Tahun 2026',
};

export async function runReportsBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const files = createAssetFiles();
  const lastYear = syntheticRegister(ROWS);
  // This year's export: every 50th device changed condition, 1% written off, 1% new.
  const thisYear = lastYear
    .filter((_, i) => i % 100 !== 7)
    .map((r, i) => (i % 50 === 0 ? { ...r, cells: { ...r.cells, kondisi: 'rusak-berat' } } : r))
    .concat(syntheticRegister(ROWS / 100).map((r, i) => ({ ...r, id: `new${i}`, cells: { ...r.cells, nomorSeri: `BARU${i}` } })));
  const xlsx = await files.writeXlsx(assetsToSheets(thisYear, meta));
  results.push({ name: `asset register .xlsx size (${thisYear.length} devices)`, value: Math.round(xlsx.length / 1024), unit: 'KB' });

  const importTimes: number[] = [];
  let matched: TableRow[] = [];
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const t0 = performance.now();
    const table = await files.read('ekspor-simbada.xlsx', xlsx);
    const read = readAssetsFromTable(table);
    matched = matchAssetIds(
      lastYear,
      read.rows,
      (() => {
        let n = 0;
        return () => `baru-${++n}`;
      })(),
    );
    importTimes.push(performance.now() - t0);
  }
  results.push({ name: `import ${thisYear.length} devices from .xlsx (read + header + rows + id matching), median of ${IMPORT_RUNS}`, value: median(importTimes), unit: 'ms' });

  // Through the service: the same file into a stored report (validation and a durable save included).
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-reports-bench-'));
  try {
    const ws = await openWorkspace({ dataDir: dir, transport: 'in-process', clock: fixedDayClock('2026-11-22') });
    const services = createServices(ws);
    const api = inProcessClient(services);
    await api.saveSettings({
      opd: { name: meta.opdName, code: meta.opdCode, profileId: 'pontianak' },
      officer: { name: 'Siti Rahmawati, S.Kom.', nip: '198507172010011003', jabatan: 'Pengelola Barang Milik Daerah', pangkatGolongan: 'Penata, III/c' },
      serverUrl: '',
      language: 'id',
    });
    const service = services.reports;
    const report = await service.save({ typeKey: 'inventaris-tik', period: '2026', data: {} });
    const t0 = performance.now();
    const imported = await service.importAssets({ reportId: report.id, fileName: 'ekspor-simbada.xlsx', bytes: xlsx });
    results.push({ name: `import ${imported.import.rowCount} devices through the service (read, match, validate, durable save)`, value: performance.now() - t0, unit: 'ms' });
    const t1 = performance.now();
    await service.get(report.id);
    results.push({ name: `open the stored ${imported.import.rowCount}-device report (parse, validate)`, value: performance.now() - t1, unit: 'ms' });
    await ws.close();
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }

  const def = definitionFor('inventaris-tik');
  const input: ReportPdfInput = {
    documentId: 'bench-0000-4000-8000-000000000000',
    nomor: 'LAP-2026-BENCH',
    typeName: meta.typeName,
    article: 'Pasal 27 ayat (1)',
    regulation: 'Perwali Pontianak No. 47/2021',
    definition: def,
    period: parsePeriod('2026', 'tahunan'),
    dueDate: '2027-01-15',
    isUrgent: false,
    data: { aset: matched, catatan: 'Hasil stock opname seluruh sekolah.' },
    government: meta.government,
    city: 'Pontianak',
    agency: 'Perangkat Daerah',
    opdName: meta.opdName,
    opdCode: meta.opdCode,
    ictOffice: 'Dinas Komunikasi dan Informatika Kota Pontianak',
    preparer: { caption: 'Disusun oleh,', jabatan: 'Pengelola Barang Milik Daerah', name: 'Siti Rahmawati, S.Kom.', nip: '198507172010011003' },
    approver: { caption: 'Mengetahui,', jabatan: `Kepala ${meta.opdName}`, name: '', nip: '' },
    date: new Date('2026-11-22T03:00:00Z'),
    offsetMinutes: 420,
    appVersion: 'bench',
    regionId: 'pontianak',
    assetChanges: diffTable(lastYear, matched, ASSET_COLUMNS),
    carriedFromPeriod: 'Tahun 2025',
    images: {},
  };
  const assets = { fonts: await loadFontFiles(assetsDir), iccProfile: await loadSrgbProfile(assetsDir) };
  const renderTimes: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let run = 0; run < RENDER_RUNS; run++) {
    const t0 = performance.now();
    const rendered = await renderReportPdf(input, assets);
    renderTimes.push(performance.now() - t0);
    pages = rendered.pages;
    bytes = rendered.pdf.length;
  }
  results.push({
    name: `render the PDF/A of ${matched.length} devices with charts and ${input.assetChanges?.changed.length ?? 0} changes, median of ${RENDER_RUNS}`,
    value: median(renderTimes),
    unit: 'ms',
  });
  results.push({ name: 'pages of that PDF', value: pages, unit: 'pages' });
  results.push({ name: 'size of that PDF', value: Math.round(bytes / 1024), unit: 'KB' });
  results.push({ name: 'peak RSS of the whole run', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB' });
  return results;
}

if (require.main === module) {
  runReportsBench().then(
    (rows) => {
      for (const r of rows) console.log(`${r.name}: ${Number.isInteger(r.value) ? r.value : r.value.toFixed(1)} ${r.unit}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
