import { readAssetsFromTable, assetFieldOfHeader } from '../../../../../core/domain/reports/asset-import';
import { matchAssetIds, assetIdentity, conditionCounts, categoryCounts } from '../../../../../core/domain/reports/assets';
import { assetsToSheets } from '../../../../../core/domain/reports/asset-export';
import { MAX_ASSET_ROWS } from '../../../../../core/domain/reports/definitions';
import type { TableFile } from '../../../../../core/domain/rencana-aksi/table';
import type { TableRow } from '../../../../../core/domain/reports/values';
import { isBerkasError } from '../../../../../core/domain/errors';

function sheetFile(rows: string[][], merges: TableFile['sheets'][number]['merges'] = [], format: TableFile['format'] = 'xlsx'): TableFile {
  return { fileName: 'kir-diskominfo.xlsx', format, sheets: [{ name: 'KIR', rows, merges }] };
}

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (isBerkasError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('no error');
}

describe('assetFieldOfHeader', () => {
  it.each([
    ['Kode Barang', 'kodeBarang'],
    ['No. Kode Barang', 'kodeBarang'],
    ['Nomor Register', 'register'],
    ['NUP', 'register'],
    ['Nama/Jenis Barang', 'kategori'],
    ['Merk/Type', 'merekTipe'],
    ['No. Seri Pabrik', 'nomorSeri'],
    ['Serial Number', 'nomorSeri'],
    ['Tahun Pembelian', 'tahunPerolehan'],
    ['Keadaan Barang (B, KB, RB)', 'kondisi'],
    ['Keadaan Barang KB', 'kondisi:rusak-ringan'],
    ['Ruangan', 'lokasi'],
    ['Pengguna/Pemegang', 'pengguna'],
    ['Harga Perolehan (Rp)', 'ignored'],
    ['Asal Usul', 'ignored'],
    ['Warna', undefined],
  ])('%s -> %s', (header, kind) => expect(assetFieldOfHeader(header)).toBe(kind));
});

describe('readAssetsFromTable', () => {
  const header1 = ['No', 'Kode Barang', 'Nomor', '', 'Nama/Jenis Barang', 'Merk/Type', 'Tahun Pembelian', 'Keadaan Barang', '', '', 'Pengguna', 'Harga (Rp)', 'Keterangan'];
  const header2 = ['', '', 'Register', 'Seri Pabrik', '', '', '', 'B', 'KB', 'RB', '', '', ''];
  const numbering = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'];
  const rows = [
    ['PEMERINTAH KOTA CONTOH'],
    ['KARTU INVENTARIS RUANGAN (KIR)'],
    [],
    header1,
    header2,
    numbering,
    ['Ruang Sekretariat'],
    ['1', '1.3.2.10.01.02.001', '0001', 'CN12345678', 'Personal Computer', 'HP ProDesk 400 G7', '2019', '1', '', '', 'Andi', '12.500.000', ''],
    ['2', '1.3.2.10.01.02.001', '0002', '-', 'Personal Computer', 'HP ProDesk 400 G7', 'Th. 2019', '', '1', '', '', '12.500.000', 'kipas berisik'],
    ['3', '1.3.2.10.02.03.001', '0001', 'PF2ABCDE', 'Laptop', 'Lenovo V14', '20I8', '', '', '', 'Budi', '9.000.000', ''],
    header1,
    header2,
    ['Ruang Server'],
    ['4', '1.3.2.10.01.01.001', '0001', 'SGH123', 'Server', 'HPE ProLiant DL380', '01/07/2021', '', '', 'v', '', '150.000.000', 'power supply rusak'],
    ['', 'Jumlah', '', '', '', '', '', '', '', '', '', '184.000.000', ''],
    ['5', '1.3.2.10.02.03.001', '0002', 'PF2XYZ', 'Laptop', 'Lenovo V14', '2022', '1', '', '', '', '', ''],
  ];
  const merges = [
    { top: 4, left: 3, bottom: 4, right: 4 },
    { top: 4, left: 8, bottom: 4, right: 10 },
  ];

  it('reads a KIR-style export: two header rows, numbering, room headings, B/KB/RB marks, Jumlah row', () => {
    const result = readAssetsFromTable(sheetFile(rows, merges));
    expect(result.rows.map((r) => r.cells)).toEqual([
      {
        kodeBarang: '1.3.2.10.01.02.001',
        register: '0001',
        nomorSeri: 'CN12345678',
        kategori: 'Personal Computer',
        merekTipe: 'HP ProDesk 400 G7',
        tahunPerolehan: '2019',
        kondisi: 'baik',
        pengguna: 'Andi',
        lokasi: 'Ruang Sekretariat',
      },
      {
        kodeBarang: '1.3.2.10.01.02.001',
        register: '0002',
        kategori: 'Personal Computer',
        merekTipe: 'HP ProDesk 400 G7',
        tahunPerolehan: '2019',
        kondisi: 'rusak-ringan',
        keterangan: 'kipas berisik',
        lokasi: 'Ruang Sekretariat',
      },
      {
        kodeBarang: '1.3.2.10.02.03.001',
        register: '0001',
        nomorSeri: 'PF2ABCDE',
        kategori: 'Laptop',
        merekTipe: 'Lenovo V14',
        tahunPerolehan: '20I8',
        pengguna: 'Budi',
        lokasi: 'Ruang Sekretariat',
      },
      {
        kodeBarang: '1.3.2.10.01.01.001',
        register: '0001',
        nomorSeri: 'SGH123',
        kategori: 'Server',
        merekTipe: 'HPE ProLiant DL380',
        tahunPerolehan: '2021',
        kondisi: 'rusak-berat',
        keterangan: 'power supply rusak',
        lokasi: 'Ruang Server',
      },
    ]);
    expect(result.sheets).toEqual([
      {
        name: 'KIR',
        headerRow: 4,
        rowCount: 4,
        columns: { kodeBarang: 'B', register: 'C', nomorSeri: 'D', kategori: 'E', merekTipe: 'F', tahunPerolehan: 'G', kondisi: 'H/I/J', pengguna: 'K', keterangan: 'M' },
      },
    ]);
    expect(result.ignoredColumns).toEqual(['L "Harga (Rp)"']);
    expect(result.findings.map((f) => f.message)).toEqual([
      'Berkas kir-diskominfo.xlsx, lembar "KIR", baris 10, kolom H (Kondisi): tidak ada kolom B/KB/RB yang ditandai; pilih kondisinya di tabel.',
      'Berkas kir-diskominfo.xlsx, lembar "KIR", baris 10, kolom G (Tahun perolehan): "20I8" bukan tahun (4 angka); dibiarkan seperti tertulis.',
      'Berkas kir-diskominfo.xlsx, lembar "KIR", baris 16, kolom F (Merek/tipe): baris di bawah baris Jumlah (baris 15) tidak dibaca; pindahkan ke atas baris Jumlah bila termasuk daftar aset.',
    ]);
  });

  it('reads a plain one-row header with condition words, aliases and a room merged down (CSV too)', () => {
    const plain = [
      ['Kode Barang', 'Kategori', 'Merek/Tipe', 'Nomor Seri', 'Tahun Perolehan', 'Kondisi', 'Lokasi', 'Pengguna'],
      ['1.3.2.10.02.03.001', 'Laptop', 'Asus A416', 'K1N0CV', '2020', 'RR', 'Bidang TIK', 'Sari'],
      ['1.3.2.10.02.03.001', 'Laptop', 'Asus A416', 'K1N0CW', '2020', 'Kurang Baik', '', 'Rudi'],
      ['1.3.2.05.02.06.001', 'Printer', 'Epson L3110', 'X5ED', '2018', 'hilang', 'Bidang TIK', ''],
    ];
    const result = readAssetsFromTable(sheetFile(plain, [{ top: 2, left: 7, bottom: 3, right: 7 }], 'csv'));
    expect(result.rows.map((r) => [r.cells.kondisi, r.cells.lokasi])).toEqual([
      ['rusak-ringan', 'Bidang TIK'],
      ['rusak-ringan', 'Bidang TIK'],
      ['hilang', 'Bidang TIK'],
    ]);
    expect(result.findings.map((f) => f.message)).toEqual([
      'Berkas kir-diskominfo.xlsx, baris 4, kolom F (Kondisi): "hilang" bukan kondisi yang dikenal (Baik/B, Rusak Ringan/RR/KB, Rusak Berat/RB); dibiarkan seperti tertulis, pilih kondisinya di tabel.',
    ]);
  });

  it('no header: names the rows and columns looked at and the columns it needs', () => {
    expect(
      failure(() =>
        readAssetsFromTable(
          sheetFile([
            ['Nama', 'Alamat'],
            ['Andi', 'Jl. Merdeka'],
          ]),
        ),
      ),
    ).toEqual({
      code: 'NO_HEADER',
      message:
        'Berkas kir-diskominfo.xlsx, baris 1–2, kolom A–B: tidak ditemukan baris judul kolom daftar aset pada lembar "KIR". Baris judul kolom harus memuat: Kode barang, Kategori, Merek/tipe, Tahun perolehan, Kondisi (seperti ekspor Kartu Inventaris Barang dari sistem informasi aset).',
    });
  });

  it('an incomplete header: names what is missing and what was recognised', () => {
    const f = failure(() => readAssetsFromTable(sheetFile([['Judul'], ['Kode Barang', 'Nama Barang', 'Merk/Type', 'Warna'], ['1.3', 'PC', 'HP']])));
    expect(f).toEqual({
      code: 'HEADER_INCOMPLETE',
      message:
        'Berkas kir-diskominfo.xlsx, lembar "KIR", baris 2: kolom wajib daftar aset tidak ditemukan: Tahun perolehan, Kondisi. Dikenali: A = Kode barang, B = Kategori, C = Merek/tipe; tidak dikenali: D "Warna". Kolom wajib: Kode barang, Kategori, Merek/tipe, Tahun perolehan, Kondisi.',
    });
  });

  it('two columns read as the same field: refused, naming both', () => {
    const f = failure(() =>
      readAssetsFromTable(
        sheetFile([
          ['Kode Barang', 'Kategori', 'Merek', 'Tipe', 'Tahun', 'Kondisi'],
          ['1', 'PC', 'HP', 'x', '2020', 'B'],
        ]),
      ),
    );
    expect(f).toEqual({
      code: 'HEADER_DUPLICATE',
      message: 'Berkas kir-diskominfo.xlsx, lembar "KIR", baris 1, kolom C dan D: lebih dari satu kolom dibaca sebagai Merek/tipe; sisakan satu kolom Merek/tipe.',
    });
  });

  it('more devices than the register holds: refused at the first row beyond', () => {
    const big = [['Kode Barang', 'Kategori', 'Merek/Tipe', 'Tahun', 'Kondisi'], ...Array.from({ length: MAX_ASSET_ROWS + 1 }, (_, i) => ['1.3', 'PC', `HP ${i}`, '2020', 'B'])];
    expect(failure(() => readAssetsFromTable(sheetFile(big, [], 'csv')))).toEqual({
      code: 'TOO_MANY_ASSETS',
      message: `Berkas kir-diskominfo.xlsx, baris ${MAX_ASSET_ROWS + 2}, kolom A: lebih dari 24.000 perangkat dalam satu daftar aset; bagi per unit kerja atau per lokasi menjadi beberapa berkas.`,
    });
  });

  it('a header with nothing under it', () => {
    expect(failure(() => readAssetsFromTable(sheetFile([['Kode Barang', 'Kategori', 'Merek/Tipe', 'Tahun', 'Kondisi'], [], ['Jumlah']])))).toEqual({
      code: 'NO_ASSETS',
      message: 'Berkas kir-diskominfo.xlsx, lembar "KIR", baris 2: tidak ada perangkat di bawah baris judul kolom (baris 1).',
    });
  });
});

describe('asset identity and counts', () => {
  it('re-import keeps each device its id: by serial, else code and register', () => {
    const previous: TableRow[] = [
      { id: 'a', cells: { nomorSeri: 'CN-1234', kodeBarang: '1.3' } },
      { id: 'b', cells: { kodeBarang: '1.3.2', register: '0002' } },
    ];
    const incoming: Omit<TableRow, 'id'>[] = [
      { cells: { kodeBarang: '1.3.2', register: '0002', kondisi: 'rusak-berat' } },
      { cells: { nomorSeri: 'cn1234' } },
      { cells: { nomorSeri: 'NEW' } },
    ];
    let n = 0;
    expect(matchAssetIds(previous, incoming, () => `new${++n}`).map((r) => r.id)).toEqual(['b', 'a', 'new1']);
    expect(assetIdentity({ cells: { nomorSeri: '-', kodeBarang: '1.3', register: '7' } })).toBe('kb:13|7');
  });

  it('counts conditions in a fixed order and categories most first', () => {
    const rows = ['baik', 'baik', 'rusak-berat', 'x'].map((k, i) => ({ id: String(i), cells: { kondisi: k, kategori: i < 3 ? 'PC' : 'Printer' } }));
    expect(conditionCounts(rows).map((c) => [c.label, c.count])).toEqual([
      ['Baik', 2],
      ['Rusak Ringan', 0],
      ['Rusak Berat', 1],
      ['Belum/tidak dikenal', 1],
    ]);
    expect(categoryCounts(rows).map((c) => [c.label, c.count])).toEqual([
      ['PC', 3],
      ['Printer', 1],
    ]);
  });

  it('the export round-trips through the import', () => {
    const rows = [
      {
        id: 'a',
        cells: {
          kodeBarang: '1.3.2.10.02.03.001',
          register: '0001',
          kategori: 'Laptop',
          merekTipe: 'Lenovo V14',
          nomorSeri: 'PF2ABC',
          tahunPerolehan: '2021',
          kondisi: 'rusak-ringan',
          lokasi: 'Bidang TIK',
          pengguna: 'Sari',
          keterangan: 'baterai lemah',
        },
      },
    ];
    const [sheet] = assetsToSheets(rows, {
      opdName: 'Dinas Kominfo',
      opdCode: 'DISKOMINFO',
      government: 'Pemerintah Kota Contoh',
      typeName: 'Inventarisasi perangkat TIK',
      periodLabel: 'Tahun 2026',
    });
    const asText = sheet!.rows.map((r) => r.map(String));
    const back = readAssetsFromTable({ fileName: 'x.xlsx', format: 'xlsx', sheets: [{ name: sheet!.name, rows: asText, merges: [] }] });
    expect(back.rows.map((r) => r.cells)).toEqual(rows.map((r) => r.cells));
    expect(back.ignoredColumns).toEqual([]);
  });
});
