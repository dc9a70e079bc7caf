/** Messy-sheet rules of the import, on hand-built grids (no file reader involved). */
import { isBerkasError, type BerkasError } from '../../../../../core/domain/errors';
import { LIMITS, analyzePlan, fieldOfHeader, readPlanFromTable, type CellRange, type TableFile } from '../../../../../core/domain/rencana-aksi';
import { readStartMonth } from '../../../../../core/domain/rencana-aksi/import-table';

const HEADER = ['Output / Sub Output', 'Tahap Pelaksanaan', 'Metode/ Teknologi/p latfrom', 'Pelaksana', 'Durasi', 'Sumber daya yang digunakan'];

function table(rows: string[][], merges: CellRange[] = [], format: TableFile['format'] = 'xlsx', name = 'RA'): TableFile {
  return { fileName: `uji.${format}`, format, sheets: [{ name, rows, merges }] };
}

function failure(fn: () => unknown): BerkasError {
  try {
    fn();
  } catch (err) {
    if (isBerkasError(err)) return err;
    throw err;
  }
  throw new Error('tidak gagal');
}

const defaults = { id: 'p1', year: 2025 };

describe('fieldOfHeader', () => {
  it.each([
    ['Output / Sub Output', 'output'],
    ['Tahap Pelaksanaan', 'tahap'],
    ['Metode/ Teknologi/p latfrom', 'metode'],
    ['Pelaksana', 'pelaksana'],
    ['Waktu Pelaksanaan', 'durasi'],
    ['Durasi', 'durasi'],
    ['Sumber daya yang digunakan', 'sumberDaya'],
    ['Anggaran (Rp)', 'sumberDaya'],
    ['KAK: Keluaran', 'kakKeluaran'],
    ['KAK: Waktu', 'kakWaktu'],
    ['Indikator: Satuan', 'indikatorSatuan'],
    ['Target', 'indikatorTarget'],
    ['No.', 'nomor'],
    ['Mulai Bulan', 'mulaiBulan'],
    ['Bulan mulai', 'mulaiBulan'],
    ['Waktu Mulai', 'durasi'],
    ['Penanggung Jawab', undefined],
  ])('%s -> %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });
});

describe('readPlanFromTable', () => {
  it('finds the header below title rows and reads OPD, year and title from them', () => {
    const { plan } = readPlanFromTable(
      table([
        ['RENCANA AKSI PELAKSANAAN E-GOVERNMENT'],
        ['Kode OPD: DPMD'],
        ['TAHUN ANGGARAN 2026'],
        [],
        HEADER,
        ['Pengembangan SIM PKK'],
        ['Infrastruktur', 'Instalasi Perangkat', '', 'KOMINFO', '2 Hari', 'APBD : 1 Juta'],
      ]),
      { ...defaults, opdCode: 'LAIN' },
    );
    expect(plan.opdCode).toBe('DPMD');
    expect(plan.year).toBe(2026);
    expect(plan.title).toBe('Pengembangan SIM PKK');
    expect(plan.source).toMatchObject({ headerRow: 5, sheet: 'RA', columns: { output: 'A', tahap: 'B', metode: 'C', pelaksana: 'D', durasi: 'E', sumberDaya: 'F' } });
    expect(plan.activities[0]?.sourceRow).toBe(6);
    expect(plan.activities[0]?.outputs[0]?.stages[0]?.sourceRow).toBe(7);
  });

  it('takes key/value rows written by Berkas (Judul, Kode OPD, Tahun, Kode Program)', () => {
    const { plan } = readPlanFromTable(
      table([['Judul', 'RA Dinas'], ['Kode OPD', 'DISKOMINFO'], ['Tahun', '2027'], ['Kode Program', '2.16.03'], [], HEADER, ['K'], ['O', 'T', '', 'P', '1 Hari', 'APBD : 1 Juta']]),
      defaults,
    );
    expect(plan).toMatchObject({ title: 'RA Dinas', opdCode: 'DISKOMINFO', year: 2027, programCode: '2.16.03' });
  });

  it('finds columns in any order and after a "No" column', () => {
    const { plan } = readPlanFromTable(
      table([
        ['No', 'Sumber Dana', 'Output', 'Pelaksana', 'Tahapan', 'Jangka Waktu'],
        ['', '', 'Kegiatan A'],
        ['1', 'APBN : 2 jt', 'Output A', 'Vendor', 'Coding', '1 Bulan'],
      ]),
      defaults,
    );
    const stage = plan.activities[0]?.outputs[0]?.stages[0];
    expect(stage).toMatchObject({ tahap: 'Coding', pelaksana: 'Vendor', durasi: { days: 30 }, sumberDaya: { source: 'APBN', amount: 2_000_000 } });
    expect(plan.source?.columns).toMatchObject({ sumberDaya: 'B', output: 'C', tahap: 'E' });
  });

  it('reads "Sumber Dana | Anggaran" split over two columns together', () => {
    const { plan } = readPlanFromTable(
      table([['Output', 'Tahap', 'Pelaksana', 'Durasi', 'Sumber Dana', 'Anggaran'], ['K'], ['O', 'T', 'P', '1 Hari', 'APBD', '7.500.000']]),
      defaults,
    );
    expect(plan.activities[0]?.outputs[0]?.stages[0]?.sumberDaya).toEqual({ text: 'APBD : 7.500.000', source: 'APBD', amount: 7_500_000 });
  });

  it('a merged Output cell continues the output; a merged Pelaksana cell applies to each stage; a merged budget counts once', () => {
    const rows = [
      HEADER,
      ['Kegiatan'],
      ['Tata Kelola', 'Regulasi', 'Rapat', 'KOMINFO', '1 Bulan', 'APBD : 30 Juta'],
      ['', 'SOP', 'Rapat', '', '1 Bulan', ''],
    ];
    const merges: CellRange[] = [
      { top: 3, left: 1, bottom: 4, right: 1 },
      { top: 3, left: 4, bottom: 4, right: 4 },
      { top: 3, left: 6, bottom: 4, right: 6 },
      { top: 2, left: 1, bottom: 2, right: 6 },
    ];
    const { plan } = readPlanFromTable(table(rows, merges), defaults);
    const output = plan.activities[0]?.outputs[0];
    expect(plan.activities).toHaveLength(1);
    expect(output?.stages.map((s) => s.pelaksana)).toEqual(['KOMINFO', 'KOMINFO']);
    const analysis = analyzePlan(plan);
    expect(analysis.totals.total).toBe(30_000_000);
    expect(analysis.findings.filter((f) => f.code === 'SUMBER_DAYA_KOSONG').map((f) => f.row)).toEqual([4]);
  });

  it('splits sub outputs from the lines of the Output cell', () => {
    const { plan } = readPlanFromTable(
      table([HEADER, ['K'], ['Pengembangan Aplikasi\n- Modul A\n• Modul B\n1. Modul C', 'Coding', '', 'Vendor', '4 Bulan', 'APBD : 50 Juta']]),
      defaults,
    );
    expect(plan.activities[0]?.outputs[0]).toMatchObject({ name: 'Pengembangan Aplikasi', subOutputs: ['Modul A', 'Modul B', 'Modul C'] });
  });

  it('recognises the Jumlah row, does not import it, and reports a wrong total', () => {
    const rows = [HEADER, ['K'], ['O', 'T1', '', 'P', '1 Hari', 'APBD : 10 Juta'], ['', 'T2', '', 'P', '1 Hari', 'APBN : 5 Juta'], ['Jumlah', '', '', '', '', 'Rp 16.000.000']];
    const { plan } = readPlanFromTable(table(rows), defaults);
    expect(plan.activities[0]?.outputs.map((o) => o.name)).toEqual(['O']);
    expect(plan.source?.statedTotal).toEqual({ row: 5, column: 'F', text: 'Rp 16.000.000' });
    const analysis = analyzePlan(plan);
    expect(analysis.totals.bySource).toEqual({ APBD: 10_000_000, APBN: 5_000_000 });
    const mismatch = analysis.findings.find((f) => f.code === 'TOTAL_TIDAK_COCOK');
    expect(mismatch).toMatchObject({ row: 5, column: 'F', severity: 'error' });
    expect(mismatch?.message).toBe('Baris 5, kolom F (Jumlah): jumlah tertulis Rp 16.000.000 tidak sama dengan total hasil hitung Rp 15.000.000 (selisih Rp 1.000.000).');
  });

  it('a correct Jumlah row (number in a helper column) gives no finding; rows after it are reported, not imported', () => {
    const rows = [
      [...HEADER, 'Nilai'],
      ['K'],
      ['O', 'T1', '', 'P', '1 Hari', 'APBD : 10 Juta', '10000000'],
      ['TOTAL', '', '', '', '', '', '10000000'],
      ['', 'Mengetahui, Kepala Dinas'],
      ['', 'Tahap terlupa', '', 'P', '1 Hari', 'APBD : 1 Juta'],
    ];
    const { plan, importFindings } = readPlanFromTable(table(rows), defaults);
    expect(plan.source?.statedTotal).toEqual({ row: 4, column: 'G', text: '10000000' });
    expect(analyzePlan(plan).findings.some((f) => f.code.startsWith('TOTAL'))).toBe(false);
    expect(importFindings).toHaveLength(1);
    expect(importFindings[0]).toMatchObject({ code: 'BARIS_DIABAIKAN', row: 6, column: 'B' });
  });

  it('skips the header repeated further down and subtotal rows', () => {
    const rows = [HEADER, ['K'], ['O', 'T1', '', 'P', '1 Hari', 'APBD : 1 Juta'], ['Sub Total', '', '', '', '', 'Rp 1.000.000'], HEADER, ['', 'T2', '', 'P', '1 Hari', 'APBD : 2 Juta']];
    const { plan } = readPlanFromTable(table(rows), defaults);
    expect(plan.activities[0]?.outputs[0]?.stages.map((s) => s.tahap)).toEqual(['T1', 'T2']);
  });

  it('without a title row, the stages go into one kegiatan named after the file', () => {
    const { plan } = readPlanFromTable(table([HEADER, ['O', 'T', '', 'P', '1 Hari', 'APBD : 1 Juta']]), defaults);
    expect(plan.activities.map((a) => a.name)).toEqual(['uji']);
  });

  it('a stage before any output gets an empty output, reported', () => {
    const { plan } = readPlanFromTable(table([HEADER, ['K'], ['', 'T', '', 'P', '1 Hari', 'APBD : 1 Juta']]), defaults);
    expect(analyzePlan(plan).findings.find((f) => f.code === 'OUTPUT_KOSONG')).toMatchObject({ row: 3, column: 'A' });
  });

  it('chooses the first sheet with a complete header', () => {
    const file: TableFile = {
      fileName: 'uji.xlsx',
      format: 'xlsx',
      sheets: [
        { name: 'Catatan', rows: [['Catatan rapat'], ['Output', 'Keterangan']], merges: [] },
        { name: 'RA', rows: [HEADER, ['K'], ['O', 'T', '', 'P', '1 Hari', 'APBD : 1 Juta']], merges: [] },
      ],
    };
    expect(readPlanFromTable(file, defaults).plan.source?.sheet).toBe('RA');
  });

  it('no recognisable header: names the file, the rows and the columns searched', () => {
    const err = failure(() => readPlanFromTable(table([['Nama', 'Alamat', 'Telepon'], ['Budi', 'Jl. Merdeka', '0711']], [], 'csv'), defaults));
    expect(err.code).toBe('NO_HEADER');
    expect(err.message).toMatch(/^Berkas uji\.csv, baris 1–2, kolom A–C: tidak ditemukan baris judul kolom rencana aksi/);
  });

  it('wrong columns: names the header row, the missing and the unrecognised columns', () => {
    const err = failure(() =>
      readPlanFromTable(table([['No', 'Output', 'Kegiatan', 'Penanggung Jawab', 'Waktu', 'Biaya'], ['1', 'O', 'T', 'P', '1 Hari', '1 Juta']], [], 'csv'), defaults),
    );
    expect(err.code).toBe('HEADER_INCOMPLETE');
    expect(err.message).toMatch(/^Berkas uji\.csv, baris 1: kolom wajib tidak ditemukan: Tahap Pelaksanaan, Pelaksana\./);
    expect(err.message).toMatch(/tidak dikenali: C "Kegiatan", D "Penanggung Jawab"/);
  });

  it('two Pelaksana columns: names both', () => {
    const err = failure(() => readPlanFromTable(table([[...HEADER, 'Pelaksana']]), defaults));
    expect(err.code).toBe('HEADER_DUPLICATE');
    expect(err.message).toMatch(/baris 1, kolom D dan G: lebih dari satu kolom dibaca sebagai Pelaksana/);
  });

  it(`refuses more than ${LIMITS.maxStages} stages, naming the row (50,000-row sheet)`, () => {
    const rows: string[][] = [HEADER, ['K'], ['O', 'T0', '', 'P', '1 Hari', 'APBD : 1 Juta']];
    for (let i = 1; i < 50_000; i++) rows.push(['', `T${i}`, '', 'P', '1 Hari', 'APBD : 1 Juta']);
    const err = failure(() => readPlanFromTable(table(rows), defaults));
    expect(err.code).toBe('TABLE_TOO_MANY_STAGES');
    expect(err.message).toMatch(/^Berkas uji\.xlsx, lembar "RA", baris 20003, kolom B: lebih dari 20\.000 tahap/);
  });
});

describe('the start month column (Mulai Bulan)', () => {
  it.each([
    ['3', 3],
    ['03', 3],
    ['12', 12],
    ['Maret', 3],
    ['maret ', 3],
    ['Mar', 3],
    ['Agustus', 8],
    ['Agt', 8],
    ['Nop', 11],
    ['October', 10],
    ['0', undefined],
    ['13', undefined],
    ['Maretan', undefined],
    ['', undefined],
  ])('"%s" -> %s', (text, month) => {
    expect(readStartMonth(text)).toBe(month);
  });

  it('gives each output its start month, and reports a month it cannot read, naming row and column', () => {
    const rows = [
      [...HEADER, 'Mulai Bulan'],
      ['Kegiatan A', '', '', '', '', '', ''],
      ['Output 1', 'Analisis', 'Rapat', 'Tim', '1 bulan', 'APBD : 1.000.000', 'Maret'],
      ['', 'Desain', 'Figma', 'Tim', '1 bulan', 'APBD : 1.000.000', ''],
      ['Output 2', 'Uji', 'Manual', 'Tim', '2 minggu', 'APBD : 500.000', 'Triwulan II'],
    ];
    const { plan, importFindings } = readPlanFromTable(table(rows), defaults);
    const [first, second] = plan.activities[0]?.outputs ?? [];
    expect(first?.startMonth).toBe(3);
    expect(first?.stages).toHaveLength(2);
    expect(second?.startMonth).toBeUndefined();
    expect(plan.source?.columns.mulaiBulan).toBe('G');
    const finding = importFindings.find((f) => f.code === 'BULAN_MULAI_TIDAK_TERBACA');
    expect(finding).toMatchObject({ row: 5, column: 'G', field: 'mulaiBulan', severity: 'warning' });
    expect(finding?.message).toContain('Baris 5, kolom G (Mulai Bulan): "Triwulan II" bukan bulan');
  });
});
