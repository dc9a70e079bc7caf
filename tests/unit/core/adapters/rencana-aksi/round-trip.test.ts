/** Export .xlsx / .csv, import again: the same plan (issue 3 item 5). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createTableFiles } from '../../../../../core/adapters/rencana-aksi/table-files';
import {
  analyzePlan,
  detachSource,
  normalizePlan,
  planToSheets,
  readPlanFromTable,
  type RencanaAksiPlan,
} from '../../../../../core/domain/rencana-aksi';

const dir = path.join(__dirname, '../../../../fixtures/rencana-aksi');
const files = createTableFiles();

function comparable(plan: RencanaAksiPlan): Omit<RencanaAksiPlan, 'id'> {
  const { id: _id, ...rest } = detachSource(plan);
  return rest;
}

async function roundTrip(plan: RencanaAksiPlan, format: 'xlsx' | 'csv'): Promise<{ plan: RencanaAksiPlan; bytes: Uint8Array }> {
  const bytes = await files.write(planToSheets(plan, { withSummary: format === 'xlsx' }), format);
  const table = await files.read(`ekspor.${format}`, bytes);
  return { plan: readPlanFromTable(table, { id: 'baru', year: 2000 /* differs from the file, so the year must come from it */ }).plan, bytes };
}

async function prabumulih(): Promise<RencanaAksiPlan> {
  const table = await files.read('prabumulih-contoh.tsv', readFileSync(path.join(dir, 'prabumulih-contoh.tsv')));
  return readPlanFromTable(table, { id: 'asal', year: 2025, opdCode: 'DPMD' }).plan;
}

/** The example completed the way an officer finishes it: indikator, KAK, sub outputs, program code, odd text. */
async function completed(): Promise<RencanaAksiPlan> {
  const plan = detachSource(await prabumulih());
  plan.programCode = '2.16.03';
  plan.title = 'Rencana Aksi SIM PKK 2025';
  const outputs = plan.activities[0]?.outputs ?? [];
  outputs.forEach((o, i) => {
    o.indikator = { target: String(i + 1), satuan: 'dokumen' };
  });
  const aplikasi = outputs[2];
  if (!aplikasi) throw new Error('fixture');
  aplikasi.subOutputs = ['Modul Data PKK', 'Modul Pelaporan'];
  aplikasi.kak = {
    latarBelakang: 'Data PKK masih dicatat manual;\nrekap "bulanan" lambat.',
    maksudTujuan: 'Mempercepat rekap',
    sasaran: 'Kader PKK',
    keluaran: 'Aplikasi SIM PKK',
    waktu: '4 Bulan',
    biaya: 'Rp 105.000.000',
  };
  const coding = aplikasi.stages[1];
  if (!coding) throw new Error('fixture');
  coding.metode = '=PHP; MySQL – “framework” é';
  plan.activities.push({ name: 'Kegiatan kedua', outputs: [{ name: 'Output B', indikator: { target: '1', satuan: 'paket' }, stages: [{ tahap: '+ Pengadaan', metode: '@lelang', pelaksana: "'=ULP", durasi: { text: '1 bulan 2 minggu' }, sumberDaya: { text: 'APBD Provinsi : 0,25 M' } }] }] });
  return normalizePlan(plan);
}

describe('export and re-import give the same plan', () => {
  it.each(['xlsx', 'csv'] as const)('the Prabumulih example through .%s', async (format) => {
    const original = await prabumulih();
    const { plan } = await roundTrip(original, format);
    expect(comparable(plan)).toEqual(comparable(original));
    expect(analyzePlan(plan).totals).toEqual(analyzePlan(original).totals);
    // The Jumlah row Berkas writes agrees with the stages.
    expect(plan.source?.statedTotal?.text).toBe('Rp 186.000.000');
    expect(analyzePlan(plan).findings.some((f) => f.code.startsWith('TOTAL'))).toBe(false);
  });

  it.each(['xlsx', 'csv'] as const)('a completed plan (indikator, KAK, sub outputs, quotes, semicolons, line breaks, formulas) through .%s', async (format) => {
    const original = await completed();
    const { plan } = await roundTrip(original, format);
    expect(comparable(plan)).toEqual(comparable(original));
    expect(analyzePlan(plan).totals.bySource).toEqual({ APBD: 186_000_000, 'APBD-PROV': 250_000_000 });
  });

  it.each(['xlsx', 'csv'] as const)('keeps each output\'s start month through .%s (a Mulai Bulan column, month names)', async (format) => {
    const original = await completed();
    const outputs = original.activities[0]?.outputs ?? [];
    if (!outputs[0] || !outputs[2]) throw new Error('fixture');
    outputs[0].startMonth = 2;
    outputs[2].startMonth = 7;
    const { plan, bytes } = await roundTrip(normalizePlan(original), format);
    expect(comparable(plan)).toEqual(comparable(normalizePlan(original)));
    expect(plan.activities[0]?.outputs.map((o) => o.startMonth)).toEqual([2, undefined, 7]);
    if (format === 'csv') expect(Buffer.from(bytes).toString('utf8')).toContain(';Mulai Bulan;');
  });

  it('adds no Mulai Bulan column while every output starts in January', async () => {
    const { bytes } = await roundTrip(await completed(), 'csv');
    expect(Buffer.from(bytes).toString('utf8')).not.toContain('Mulai Bulan');
  });

  it('writes CSV as an Indonesian Excel does: BOM, semicolons, CRLF, formula-like cells protected', async () => {
    const { bytes } = await roundTrip(await completed(), 'csv');
    const text = Buffer.from(bytes).toString('utf8');
    expect(text.startsWith('\uFEFFJudul;Rencana Aksi SIM PKK 2025')).toBe(true);
    expect(text).toContain('\r\nOutput / Sub Output;Tahap Pelaksanaan;Metode / Teknologi / Platform;Pelaksana;Durasi;Sumber daya yang digunakan;Indikator: Target');
    expect(text.split('\r\n').every((line) => !line.includes('\n') || line.includes('"'))).toBe(true);
    expect(text).toContain(`"'=PHP; MySQL – “framework” é"`);
    expect(text).toContain(`;'+ Pengadaan;'@lelang;''=ULP;`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes the .xlsx with Output cells merged down and a Ringkasan sheet of numbers', async () => {
    const { bytes } = await roundTrip(await prabumulih(), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Rencana Aksi', 'Ringkasan']);
    const ra = wb.getWorksheet('Rencana Aksi');
    // Header on row 5 (Judul, Kode OPD, Tahun, blank), kegiatan row 6, Arsitektur Sistem rows 7–8.
    expect(ra?.getCell('A7').value).toBe('Arsitektur Sistem');
    expect(ra?.getCell('A8').isMerged).toBe(true);
    const summary = wb.getWorksheet('Ringkasan');
    expect(summary?.getCell('A2').value).toBe('APBD');
    expect(summary?.getCell('B2').value).toBe(186_000_000);
    expect(summary?.getCell('B3').value).toBe(186_000_000);
  });
});
